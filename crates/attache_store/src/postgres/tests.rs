//! PostgreSQL-only behaviour (what every backend shares is in `tests/conformance/`). These
//! need a server: they skip with a printed reason unless `ATTACHE_TEST_POSTGRES` names one.

use super::*;
use std::time::Duration;

use crate::{Batch, HostSlots, StoreOverview, StoreRead, StoreWrite};

fn url() -> Option<String> {
    match std::env::var("ATTACHE_TEST_POSTGRES") {
        Ok(url) => Some(url),
        Err(_) => {
            eprintln!("skipping: ATTACHE_TEST_POSTGRES is not set");
            None
        }
    }
}

/// A fresh schema, dropped when the guard goes.
struct Scratch {
    url: String,
    schema: String,
}

impl Scratch {
    fn new(url: &str, case: &str) -> Scratch {
        Scratch {
            url: url.to_string(),
            schema: format!("unit_{case}_{}", std::process::id()),
        }
    }

    fn open(&self) -> PgStore {
        PgStore::open_in_schema(&self.url, Some(&self.schema)).unwrap_or_else(|e| panic!("{e}"))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut c) = Client::connect(&self.url, NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

#[test]
fn opening_twice_migrates_once_and_a_newer_schema_is_refused() {
    let Some(url) = url() else { return };
    let scratch = Scratch::new(&url, "migrate");
    drop(scratch.open());
    let store = scratch.open();
    let version = store.count("SELECT version FROM attache_schema", &[]);
    assert_eq!(version.ok(), Some(PG_SCHEMA_VERSION as u64));
    store
        .client
        .borrow_mut()
        .batch_execute("UPDATE attache_schema SET version = 999")
        .unwrap_or_else(|e| panic!("{e}"));
    let err = PgStore::open_in_schema(&url, Some(&scratch.schema)).err();
    assert!(
        matches!(err, Some(StoreError::TooNew { found: 999, .. })),
        "{err:?}"
    );
}

#[test]
fn the_change_counter_moves_with_every_committed_batch_seen_from_another_connection() {
    let Some(url) = url() else { return };
    let scratch = Scratch::new(&url, "changes");
    let mut writer = scratch.open();
    let reader = scratch.open();
    let before = reader.change_counter().unwrap_or_else(|e| panic!("{e}"));
    writer
        .put_batch(&Batch::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let after = reader.change_counter().unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(before, after);
    assert_eq!(reader.stats().map(|s| s.articles).ok(), Some(0));
}

#[test]
fn an_unreachable_server_and_a_bad_schema_name_are_clear_errors_without_the_password() {
    let err = PgStore::open("postgres://ana:s3cret@127.0.0.1:1/none?connect_timeout=2")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("cannot open the store at postgres://ana:***@127.0.0.1:1/none"));
    assert!(!err.contains("s3cret"), "{err}");
    let Some(url) = url() else { return };
    let bad = PgStore::open_in_schema(&url, Some("x; DROP TABLE y")).err();
    assert!(
        matches!(bad, Some(StoreError::BadLocation { .. })),
        "{bad:?}"
    );
}

#[test]
fn workers_lease_distinct_sources_and_take_over_expired_leases() {
    use crate::{Outcome, SourceQueue};
    use std::time::Duration;
    let Some(url) = url() else { return };
    let scratch = Scratch::new(&url, "queue");
    let mut a = scratch.open();
    let mut b = scratch.open();
    let sources = [
        "/data/one.warc.gz",
        "/data/two.warc.gz",
        "/data/one.warc.gz",
    ];
    let sources: Vec<String> = sources.iter().map(|s| s.to_string()).collect();
    assert_eq!(a.enqueue(&sources).ok(), Some(2));
    assert_eq!(b.enqueue(&sources[..1]).ok(), Some(0));
    let long = Duration::from_secs(60);
    let short = Duration::from_secs(1);
    let first = a.lease("a", short).unwrap_or_else(|e| panic!("{e}"));
    let second = b.lease("b", long).unwrap_or_else(|e| panic!("{e}"));
    let (first, second) = (first.map(|l| l.source), second.map(|l| l.source));
    assert_eq!(first.as_deref(), Some("/data/one.warc.gz"));
    assert_eq!(second.as_deref(), Some("/data/two.warc.gz"));
    // Nothing else to lease while both leases run.
    assert_eq!(b.lease("b", long).ok(), Some(None));
    let counts = b.counts().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (counts.queued, counts.leased, counts.finished()),
        (0, 2, false)
    );
    // a stops renewing; once its lease expires, b takes the source over.
    std::thread::sleep(Duration::from_millis(1300));
    let taken = b.lease("b", long).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        taken.map(|l| (l.source, l.attempts)),
        Some(("/data/one.warc.gz".to_string(), 2))
    );
    // a has lost it: it can neither renew nor finish it.
    assert_eq!(a.renew("/data/one.warc.gz", "a", long, 5).ok(), Some(false));
    assert_eq!(
        a.finish("/data/one.warc.gz", "a", &Outcome::Done, 1).ok(),
        Some(false)
    );
    assert_eq!(b.renew("/data/one.warc.gz", "b", long, 7).ok(), Some(true));
    let done = b.finish("/data/one.warc.gz", "b", &Outcome::Done, 9);
    assert_eq!(done.ok(), Some(true));
    let failed = b.finish(
        "/data/two.warc.gz",
        "b",
        &Outcome::Failed("unreadable".into()),
        0,
    );
    assert_eq!(failed.ok(), Some(true));
    let counts = a.counts().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (counts.done, counts.failed, counts.finished()),
        (1, 1, true)
    );
    let listed = a.sources().unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<_> = listed
        .iter()
        .map(|s| (s.state.as_str(), s.records, s.attempts, s.error.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [("done", 9, 2, None), ("failed", 0, 1, Some("unreadable"))]
    );
}

/// The summary tables as text rows, zero rows left out (the writer keeps an actor's row at
/// zero; the migration never makes one) and sums of intensities to six decimals (the order
/// of additions differs).
fn summary_rows(store: &PgStore) -> Vec<Vec<String>> {
    [
        "SELECT code || ' ' || as_source || ' ' || as_target FROM actor_counts
         WHERE as_source <> 0 OR as_target <> 0 ORDER BY code",
        "SELECT src || ' ' || tgt || ' ' || events FROM actor_pairs WHERE events <> 0
         ORDER BY src, tgt",
        "SELECT day || ' ' || plover || ' ' || happenings || ' ' || happenings_all || ' ' ||
                reports FROM type_counts ORDER BY day, plover",
        "SELECT concat_ws(' ', src_root, tgt_root, counted, day, events, conflict,
                round(intensity_sum::numeric, 6), intensity_n)
         FROM root_pairs ORDER BY src_root, tgt_root, counted, day",
        "SELECT concat_ws(' ', src_root, tgt_root, counted, events, conflict,
                round(intensity_sum::numeric, 6), intensity_n, last_day)
         FROM root_pair_totals ORDER BY src_root, tgt_root, counted",
        "SELECT concat_ws(' ', src_root, tgt_root, counted, day, plover, quad, reports, events,
                round(intensity_sum::numeric, 6), round(goldstein_sum::numeric, 6),
                goldstein_n)
         FROM pair_series_weeks WHERE reports <> 0
         ORDER BY src_root, tgt_root, counted, day, plover, quad",
    ]
    .iter()
    .map(|sql| {
        let rows = store
            .client
            .borrow_mut()
            .query(*sql, &[])
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        rows.iter().map(|r| r.get::<_, String>(0)).collect()
    })
    .collect()
}

#[test]
fn migrating_from_version_3_fills_the_summaries_and_totals_the_writer_keeps() {
    let Some(url) = url() else { return };
    let scratch = Scratch::new(&url, "summaries");
    let mut store = scratch.open();
    let settings = crate::synthetic::Settings {
        events: 3_000,
        days: 60,
        hot_pair_every: 7,
        batch_articles: 100,
        ..crate::synthetic::Settings::default()
    };
    crate::synthetic::fill(
        &mut store,
        &settings,
        &crate::synthetic::table_coding,
        &mut |_| {},
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let kept = summary_rows(&store);
    assert!(kept.iter().all(|t| !t.is_empty()), "every table has rows");
    let totals = store.totals().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(totals.events, 3_000);
    // Back to version 3 without the tables (and what later versions add), as a store
    // written before them.
    store
        .client
        .borrow_mut()
        .batch_execute(
            "DROP TABLE actor_counts, actor_pairs, type_counts, root_pairs, root_pair_totals;
             DROP INDEX stories_recent;
             DROP TABLE totals, pair_series, pair_series_weeks;
             DROP INDEX events_recent, events_plover_recent, dyads_pair_recent,
                        dyads_src_recent, dyads_tgt_recent, dyads_event_sides;
             DROP INDEX dyads_codes;
             CREATE INDEX dyads_roots ON dyads (src_root, tgt_root, root_first, day);
             CREATE INDEX dyads_event ON dyads(event);
             CREATE INDEX events_day ON events(day);
             CREATE INDEX events_plover_day ON events(plover, day);
             CREATE INDEX dyads_tgt ON dyads(tgt_root, day, src_root, src, tgt, first_report,
                                             event);
             CREATE INDEX dyads_src_day ON dyads(src_root, day, src, event);
             ALTER TABLE articles DROP COLUMN published_at, DROP COLUMN story_terms;
             DROP TABLE host_slots, story_checkpoints, story_settle;
             DROP INDEX aliases_article, articles_duplicate_of;
             UPDATE attache_schema SET version = 3",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let migrated = scratch.open();
    assert_eq!(summary_rows(&migrated), kept);
    assert_eq!(
        migrated.totals().ok(),
        Some(totals),
        "version 6 fills the totals"
    );
}

#[test]
fn workers_booking_one_host_are_spaced_by_its_delay_and_other_hosts_are_not_held_up() {
    let Some(url) = url() else { return };
    let scratch = Scratch::new(&url, "hosts");
    let (mut one, mut two) = (scratch.open(), scratch.open());
    let delay = Duration::from_secs(60);
    // Three requests to one host from two workers: now, a minute on, two minutes on. A long
    // delay, so the slow statements of a busy machine cannot blur the spacing.
    let waits = [
        one.book_host("news.example", delay),
        two.book_host("news.example", delay),
        one.book_host("news.example", delay),
    ]
    .map(|w| w.unwrap_or_else(|e| panic!("{e}")).as_secs_f64());
    assert!(waits[0] < 1.0, "{waits:?}");
    assert!((59.0..=60.0).contains(&waits[1]), "{waits:?}");
    assert!((119.0..=120.0).contains(&waits[2]), "{waits:?}");
    let other = two
        .book_host("other.example", delay)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(other < Duration::from_secs(1), "{other:?}");
    // No delay: no wait, even right after a booking.
    let free = one
        .book_host("fast.example", Duration::ZERO)
        .and_then(|_| two.book_host("fast.example", Duration::ZERO))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(free < Duration::from_secs(1), "{free:?}");
}

#[test]
fn pointing_aliases_and_copies_at_an_original_can_read_their_indexes_from_version_15() {
    use super::settle::{REPOINT_ALIASES, REPOINT_COPIES};
    let Some(url) = url() else { return };
    let scratch = Scratch::new(&url, "repoint");
    let store = scratch.open();
    let mut client = store.client.borrow_mut();
    // A store migrated from version 14: its indexes dropped and built again by version 15.
    client
        .batch_execute(
            "DROP INDEX aliases_article, articles_duplicate_of;
             UPDATE attache_schema SET version = 14;
             INSERT INTO articles (id, text, content_hash, simhash, duplicate_of, story_id,
                                   source, ingested_at)
             VALUES ('a', '', 'a', 0, NULL, 'a', 's', ''), ('b', '', 'b', 0, 'a', 'a', 's', ''),
                    ('c', '', 'c', 0, NULL, 'c', 's', '');
             INSERT INTO aliases (key, article_id, kind, distance, source, ingested_at)
             VALUES ('a2', 'a', 'exact', 0, 's', '')",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    schema::migrate(&mut client, "repoint").unwrap_or_else(|e| panic!("{e}"));
    let from = vec!["a"];
    let to = vec!["z"];
    let mut tx = client.transaction().unwrap_or_else(|e| panic!("{e}"));
    // Three rows make a sequential scan the cheapest plan; forbidding it shows whether an
    // index can serve the statement at all.
    tx.batch_execute("SET LOCAL enable_seqscan = off")
        .unwrap_or_else(|e| panic!("{e}"));
    for (sql, index) in [
        (REPOINT_ALIASES, "aliases_article"),
        (REPOINT_COPIES, "articles_duplicate_of"),
    ] {
        let plan: Vec<String> = tx
            .query(&format!("EXPLAIN {sql}"), &[&from, &to])
            .unwrap_or_else(|e| panic!("{e}"))
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert!(plan.iter().any(|l| l.contains(index)), "{plan:#?}");
        tx.execute(sql, &[&from, &to])
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let named: Vec<String> = [
        "SELECT article_id FROM aliases",
        "SELECT duplicate_of FROM articles WHERE id = 'b'",
    ]
    .iter()
    .map(|sql| {
        tx.query_one(*sql, &[])
            .map(|r| r.get(0))
            .unwrap_or_default()
    })
    .collect();
    assert_eq!(named, ["z", "z"]);
}
