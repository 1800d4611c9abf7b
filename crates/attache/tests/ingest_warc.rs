//! `attache ingest` on WARC archives: damaged archives, idempotent re-runs, duplicates.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ingest_common;

use ingest_common::*;

#[test]
fn a_damaged_warc_is_read_to_the_end_with_every_problem_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut warc = article_warc(12);
    let png = [b"\x89PNG\r\n\x1a\n".to_vec(), vec![0u8; 300]].concat();
    warc.extend(gz(&warc_record(
        "response",
        "https://lantern.example/logo.png",
        "2025-10-30T10:00:00Z",
        &http_response("image/png", &png),
    )));
    warc.extend(gz(&warc_record(
        "request",
        "https://lantern.example/x",
        "2025-10-30T10:00:00Z",
        b"GET /x HTTP/1.1\r\n\r\n",
    )));
    let missing =
        b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<h1>gone</h1>".to_vec();
    warc.extend(gz(&warc_record(
        "response",
        "https://lantern.example/gone",
        "2025-10-30T10:00:00Z",
        &missing,
    )));
    // A record whose header is garbage, then a member of binary noise, then a good page.
    warc.extend(gz(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\n<p>x</p>\r\n\r\n",
    ));
    warc.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
    let last = page(500, "2025-10-30");
    warc.extend(gz(&warc_record(
        "response",
        "https://lantern.example/last",
        "2025-10-30T10:00:00Z",
        &http_response("text/html", last.as_bytes()),
    )));
    // A record cut in the middle of its gzip member.
    let cut = gz(&warc_record(
        "response",
        "https://lantern.example/cut",
        "2025-10-30T10:00:00Z",
        &http_response("text/html", page(501, "2025-10-30").as_bytes()),
    ));
    warc.extend_from_slice(&cut[..cut.len() / 2]);
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, &warc).unwrap();
    let db = dir.path().join("a.db");
    let r = ingest(&db, &[path.to_str().unwrap()], &["--offline"]);
    assert_eq!(r["articles"], 13, "{r:#}");
    assert_eq!(r["skipped"]["not_html"], 1, "{r:#}");
    assert_eq!(r["skipped"]["http_status"], 1, "{r:#}");
    assert!(
        r["skipped"]["warc_not_response"].as_u64() >= Some(2),
        "{r:#}"
    );
    let errors = r["errors"].as_object().unwrap();
    assert!(errors.contains_key("warc_malformed_header"), "{r:#}");
    assert!(errors.contains_key("warc_corrupt_gzip"), "{r:#}");
    assert_eq!(stats(&db).articles, 13);
    // The archive's checkpoint stops before its first damaged record: the next run reads
    // the damage again (and names it again), and stores nothing twice.
    let again = ingest(&db, &[path.to_str().unwrap()], &["--offline"]);
    assert_eq!(again["errors"], r["errors"], "{again:#}");
    assert_eq!(again["articles"], 0, "{again:#}");
    assert_eq!(stats(&db).articles, 13);
}

#[test]
fn ingesting_the_same_warc_twice_stores_each_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, article_warc(15)).unwrap();
    let db = dir.path().join("a.db");
    let first = ingest(&db, &[path.to_str().unwrap()], &["--offline"]);
    assert_eq!(first["articles"], 15, "{first:#}");
    let before = stats(&db);
    let second = ingest(&db, &[path.to_str().unwrap()], &["--offline"]);
    assert_eq!(second["articles"], 0, "{second:#}");
    assert_eq!(second["already_ingested"], 16, "{second:#}");
    let again = ingest(
        &db,
        &[path.to_str().unwrap()],
        &["--offline", "--reprocess"],
    );
    assert_eq!(again["articles"], 0, "{again:#}");
    assert_eq!(again["duplicates"]["already_stored"], 15, "{again:#}");
    assert_eq!(stats(&db), before);
}

#[test]
fn copies_are_recognised_same_outlet_as_aliases_other_outlets_as_corroboration() {
    let dir = tempfile::tempdir().unwrap();
    let original = page(3, "2025-10-20");
    // Another outlet runs the same report with one word changed: a near copy.
    let near = original
        .replace("The Lantern", "The Beacon")
        .replacen("said", "stated", 1);
    let mut warc = Vec::new();
    let mut add = |uri: &str, body: &str| {
        warc.extend(gz(&warc_record(
            "response",
            uri,
            "2025-10-20T10:00:00Z",
            &http_response("text/html", body.as_bytes()),
        )));
    };
    add("https://lantern.example/a", &original);
    add("https://lantern.example/a?utm_source=feed#top", &original);
    add("https://lantern.example/a-print", &original);
    add("https://beacon.example/b", &near);
    let path = dir.path().join("copies.warc");
    std::fs::write(&path, &warc).unwrap();
    let db = dir.path().join("a.db");
    let r = ingest(&db, &[path.to_str().unwrap()], &["--offline"]);
    // The print page and the first page were published at the same time and the print
    // page's id comes first in byte order: the writer keeps it when it comes, and the settle
    // makes the first page, stored before it, its alias, as a run reading them in that order
    // would have.
    assert_eq!(r["articles"], 3, "{r:#}");
    assert_eq!(r["settle_aliased"], 1, "{r:#}");
    assert_eq!(r["duplicates"]["same_outlet_copy_kept"], 1, "{r:#}");
    assert_eq!(r["duplicates"]["already_stored"], 1, "{r:#}");
    assert_eq!(r["duplicates"]["cross_outlet_near"], 1, "{r:#}");
    let s = stats(&db);
    assert_eq!(
        (s.articles, s.duplicates, s.aliases, s.stories),
        (2, 1, 1, 1),
        "{s:?}"
    );
}

/// Each article's (id, original, story), each alias's (key, article).
type Copies = (Vec<(String, Option<String>, String)>, Vec<(String, String)>);

/// What a store holds of its copies.
fn copies_in(db: &std::path::Path) -> Copies {
    let c = rusqlite::Connection::open(db).unwrap();
    let articles = c
        .prepare("SELECT id, duplicate_of, story_id FROM articles ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let aliases = c
        .prepare("SELECT key, article_id FROM aliases ORDER BY key")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    (articles, aliases)
}

#[test]
fn which_copy_is_stored_and_which_is_the_original_do_not_depend_on_the_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let original = page(3, "2025-10-20");
    let near = original
        .replace("The Lantern", "The Beacon")
        .replacen("said", "stated", 1);
    let records = [
        ("https://lantern.example/a", original.clone()),
        ("https://lantern.example/a-print", original),
        ("https://beacon.example/b", near),
    ];
    let warc = |order: &[usize]| {
        let mut out = Vec::new();
        for &i in order {
            let (uri, body) = &records[i];
            out.extend(gz(&warc_record(
                "response",
                uri,
                "2025-10-20T10:00:00Z",
                &http_response("text/html", body.as_bytes()),
            )));
        }
        out
    };
    let mut stored = Vec::new();
    for (name, order) in [("forward", [0, 1, 2]), ("backward", [2, 1, 0])] {
        let path = dir.path().join(format!("{name}.warc"));
        std::fs::write(&path, warc(&order)).unwrap();
        let db = dir.path().join(format!("{name}.db"));
        ingest(&db, &[path.to_str().unwrap()], &["--offline"]);
        stored.push((name, copies_in(&db)));
    }
    let (articles, aliases) = &stored[0].1;
    assert_eq!((articles.len(), aliases.len()), (2, 1), "{stored:#?}");
    assert!(
        articles.iter().filter(|a| a.1.is_some()).count() == 1,
        "one article names the other as its original: {stored:#?}"
    );
    assert_eq!(stored[0].1, stored[1].1, "{stored:#?}");
}

#[test]
fn the_earliest_fetch_of_an_undated_page_is_kept_whatever_the_order_of_the_fetches() {
    // The bench's four-worker run stored one page's later fetch where a single run stored the
    // earlier: its fetch time is its publication time, so the settle ordered it differently
    // and put an article in another story.
    let dir = tempfile::tempdir().unwrap();
    let undated = page(5, "2025-10-20").replace(
        "<meta property=\"article:published_time\" content=\"2025-10-20T09:00:00+00:00\">",
        "",
    );
    let fetch = |name: &str, date: &str| {
        let path = dir.path().join(format!("{name}.warc"));
        let record = warc_record(
            "response",
            "https://lantern.example/undated",
            date,
            &http_response("text/html", undated.as_bytes()),
        );
        std::fs::write(&path, gz(&record)).unwrap();
        path.to_str().unwrap().to_string()
    };
    let early = fetch("early", "2025-10-02T10:00:00Z");
    let late = fetch("late", "2025-10-28T10:00:00Z");
    let kept = |db: &std::path::Path| -> (i64, Option<String>, i64) {
        let c = rusqlite::Connection::open(db).unwrap();
        c.query_row(
            "SELECT COUNT(*), MIN(fetched_at), MIN(published_at) FROM articles",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    // The later fetch stored by one run, the earlier met by the next (the store replaces).
    let runs = dir.path().join("runs.db");
    ingest(&runs, &[&late], &["--offline"]);
    let r = ingest(&runs, &[&early], &["--offline"]);
    assert_eq!(r["updated"], 1, "{r:#}");
    // Both in one run, the later in the open batch when the earlier comes (the writer's
    // pending articles).
    let one = dir.path().join("one.db");
    ingest(&one, &[&late, &early], &["--offline"]);
    // And in the order a single reader of sorted shards meets them.
    let sorted = dir.path().join("sorted.db");
    ingest(&sorted, &[&early, &late], &["--offline"]);
    let expected = (1, Some("2025-10-02T10:00:00Z".to_string()), 1_759_399_200);
    for db in [&runs, &one, &sorted] {
        assert_eq!(kept(db), expected, "{}", db.display());
    }
}
