//! Behaviour of the SQLite store: idempotent writes, replacement, corroboration, queries.

use attache_model::{
    ActorKind, Article, CameoCoding, Document, Event, EventActor, Evidence, Mention, Modality,
    PloverCategory, PloverCoding, QuadClass, Sentence, Span,
};

use crate::{
    day_number, Batch, Bookkeeping, Checkpoint, DocumentRecord, DyadQuery, EventFilter,
    IngestState, Period, Provenance, SearchQuery, SqliteStore, StoreRead, StoreWrite, StoryFilter,
};

fn actor(code: &str) -> EventActor {
    EventActor {
        code: code.into(),
        name: code.into(),
        text: code.into(),
        span: Span::new(0, 3),
    }
}

fn event(src: &str, tgt: &str, cat: PloverCategory, cameo: &str, date: &str) -> Event {
    Event {
        id: format!("{src}-{tgt}-{cameo}"),
        sentence: 0,
        source: vec![actor(src)],
        target: vec![actor(tgt)],
        plover: Some(PloverCoding {
            category: cat,
            mode: None,
            contexts: vec![],
            intensity: -4.0,
        }),
        cameo: CameoCoding {
            code: cameo.into(),
            goldstein: Some(-6.0),
            quad_class: QuadClass::of_cameo(cameo),
        },
        modality: Modality::Asserted,
        claimed_by: None,
        location: None,
        date: Some(date.into()),
        dating: Default::default(),
        evidence: Evidence {
            start: 0,
            end: 6,
            text: "warned".into(),
        },
        rule: "test:1 warn".into(),
        mentions: 1,
    }
}

fn record(id: &str, site: &str, text: &str, story: &str, events: Vec<Event>) -> DocumentRecord {
    let keys = events
        .iter()
        .map(|e| {
            format!(
                "{}>{}:{:?}",
                e.source[0].code.get(..3).unwrap_or(""),
                e.target[0].code.get(..3).unwrap_or(""),
                e.plover.as_ref().map(|p| p.category)
            )
        })
        .collect();
    let mut doc = Document::new(
        format!("{id}.html"),
        Article {
            url: Some(format!("https://{site}/{id}")),
            site: Some(site.into()),
            title: Some(format!("Title of {id}")),
            published: Some("2025-10-30T10:00:00+05:00".into()),
            text: text.into(),
            ..Article::default()
        },
    );
    doc.sentences = vec![Sentence {
        span: Span::new(0, text.len()),
    }];
    doc.mentions = vec![Mention {
        span: Span::new(0, 8),
        sentence: 0,
        kind: ActorKind::Country,
        code: "PAK".into(),
        name: "Pakistan".into(),
        why: "countries.tsv:1".into(),
    }];
    doc.events = events;
    DocumentRecord {
        id: id.into(),
        document: doc,
        canonical_url: Some(format!("{site}/{id}")),
        content_hash: format!("hash-{text}"),
        simhash: 42,
        duplicate: None,
        story_id: story.into(),
        event_keys: keys,
        story_terms: String::new(),
        provenance: Provenance {
            source: format!("{id}.html"),
            ..Provenance::default()
        },
    }
}

fn batch(docs: Vec<DocumentRecord>) -> Batch {
    Batch {
        documents: docs,
        ..Batch::default()
    }
}

fn threat(date: &str) -> Event {
    event("PAKGOV", "AFGGOV", PloverCategory::Threaten, "138", date)
}

#[test]
fn writing_the_same_batch_twice_stores_each_article_once() {
    let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
    let b = batch(vec![record(
        "a1",
        "dawn.com",
        "Pakistan warned Kabul.",
        "a1",
        vec![threat("2025-10-30")],
    )]);
    let first = s.put_batch(&b).unwrap_or_else(|e| panic!("{e}"));
    let second = s.put_batch(&b).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((first.inserted, first.events), (1, 1));
    assert_eq!(
        (second.inserted, second.unchanged, second.events),
        (0, 1, 0)
    );
    let stats = s.stats().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (stats.articles, stats.events, stats.mentions, stats.stories),
        (1, 1, 1, 1)
    );
}

#[test]
fn a_changed_page_replaces_its_text_and_layers() {
    let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
    let old = record(
        "a1",
        "dawn.com",
        "Old text.",
        "a1",
        vec![threat("2025-10-30"), threat("2025-10-30")],
    );
    s.put_batch(&batch(vec![old]))
        .unwrap_or_else(|e| panic!("{e}"));
    let new = record(
        "a1",
        "dawn.com",
        "New text about talks.",
        "a1",
        vec![threat("2025-10-31")],
    );
    let sum = s
        .put_batch(&batch(vec![new]))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sum.updated, 1);
    let stats = s.stats().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((stats.articles, stats.events, stats.mentions), (1, 1, 1));
    let hits = s
        .search(&SearchQuery {
            text: "talks".into(),
            ..SearchQuery::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hits.len(), 1);
    let old_hits = s
        .search(&SearchQuery {
            text: "old".into(),
            ..SearchQuery::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(old_hits.is_empty(), "the FTS index still has the old text");
}

#[test]
fn the_same_happening_in_two_outlets_is_one_event_with_two_articles_and_sources() {
    let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
    s.put_batch(&batch(vec![
        record(
            "a1",
            "dawn.com",
            "Pakistan warned Kabul.",
            "a1",
            vec![threat("2025-10-30")],
        ),
        record(
            "b1",
            "tolonews.com",
            "Islamabad warned Afghanistan.",
            "a1",
            vec![threat("2025-10-30")],
        ),
        record(
            "c1",
            "dawn.com",
            "Unrelated story.",
            "c1",
            vec![threat("2025-10-30")],
        ),
    ]))
    .unwrap_or_else(|e| panic!("{e}"));
    let story = EventFilter {
        story: Some("a1".into()),
        ..EventFilter::default()
    };
    let evs = s.events(&story).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(evs.len(), 2);
    assert!(evs
        .iter()
        .all(|e| e.num_articles == 2 && e.num_sources == 2));
    assert_eq!(evs.iter().filter(|e| e.first_report).count(), 1);
    let series = s
        .dyad_series(&DyadQuery {
            a: "PAK".into(),
            b: "AFG".into(),
            by: Period::Day,
            from_day: None,
            to_day: None,
            include_unasserted: false,
            undirected: false,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(series.len(), 1);
    assert_eq!((series[0].events, series[0].reports), (2, 3));
    assert_eq!(series[0].by_type.get("THREATEN"), Some(&2));
    assert_eq!(series[0].quad, [0, 0, 2, 0]);
    assert_eq!(series[0].mean_goldstein, Some(-6.0));
    let detail = s
        .story("a1")
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no story"));
    assert_eq!(
        (
            detail.summary.articles,
            detail.summary.outlets,
            detail.summary.events
        ),
        (2, 2, 1)
    );
    assert_eq!(detail.members.len(), 2);
}

#[test]
fn event_filters_match_code_prefixes_types_and_dates() {
    let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
    s.put_batch(&batch(vec![
        record("a1", "x.com", "one", "a1", vec![threat("2025-10-05")]),
        record(
            "a2",
            "x.com",
            "two",
            "a2",
            vec![event(
                "AFGGOV",
                "PAKGOV",
                PloverCategory::Accuse,
                "112",
                "2025-11-20",
            )],
        ),
        record(
            "a3",
            "x.com",
            "three",
            "a3",
            vec![event(
                "INDGOV",
                "PAKMIL",
                PloverCategory::Assault,
                "190",
                "2025-12-20",
            )],
        ),
    ]))
    .unwrap_or_else(|e| panic!("{e}"));
    let q = |f: EventFilter| s.events(&f).unwrap_or_else(|e| panic!("{e}")).len();
    assert_eq!(
        q(EventFilter {
            actor: Some("PAK".into()),
            ..EventFilter::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            target: Some("PAK".into()),
            ..EventFilter::default()
        }),
        2
    );
    assert_eq!(
        q(EventFilter {
            target: Some("PAKMIL".into()),
            ..EventFilter::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            actor: Some("PAK".into()),
            target: Some("AFG".into()),
            undirected: true,
            ..EventFilter::default()
        }),
        2
    );
    assert_eq!(
        q(EventFilter {
            plover: Some(PloverCategory::Threaten),
            ..EventFilter::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            cameo: Some("19".into()),
            ..EventFilter::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            from_day: day_number("2025-10-01"),
            to_day: day_number("2025-11-30"),
            ..EventFilter::default()
        }),
        2
    );
    assert_eq!(
        q(EventFilter {
            text: Some("two".into()),
            ..EventFilter::default()
        }),
        1
    );
    let counted = s
        .count_events(&EventFilter {
            target: Some("PAK".into()),
            ..EventFilter::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(counted, 2);
    let counterparts = s.counterparts("PAK", 10).unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = counterparts.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes.len(), 2, "{codes:?}");
}

#[test]
fn events_read_back_as_they_were_written() {
    let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
    let e = threat("2025-10-30");
    s.put_batch(&batch(vec![record(
        "a1",
        "x.com",
        "text",
        "a1",
        vec![e.clone()],
    )]))
    .unwrap_or_else(|e| panic!("{e}"));
    let stored = s
        .event("a1-0")
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(stored.event, e);
    assert_eq!(stored.site.as_deref(), Some("x.com"));
    let article = s
        .article("a1")
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(article.mentions.len(), 1);
    assert_eq!(article.mentions[0].kind, ActorKind::Country);
    assert_eq!(article.sentences.len(), 1);
}

#[test]
fn any_user_text_is_a_valid_search() {
    let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
    s.put_batch(&batch(vec![record(
        "a1",
        "x.com",
        "Khawaja Asif warned the Taliban regime",
        "a1",
        vec![],
    )]))
    .unwrap_or_else(|e| panic!("{e}"));
    for q in [
        "AND OR NOT",
        "\"Khawaja Asif\"",
        "asif*",
        "(warned",
        "-taliban",
        "NEAR(x y)",
    ] {
        let r = s.search(&SearchQuery {
            text: q.into(),
            ..SearchQuery::default()
        });
        assert!(r.is_ok(), "{q}: {r:?}");
    }
    let hits = s
        .search(&SearchQuery {
            text: "\"khawaja asif\" taliban".into(),
            ..SearchQuery::default()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0].snippet.contains("[Khawaja Asif]"),
        "{}",
        hits[0].snippet
    );
    assert!(s
        .search(&SearchQuery {
            text: "  !! ".into(),
            ..SearchQuery::default()
        })
        .is_err());
}

#[test]
fn a_file_store_keeps_batches_and_checkpoints_across_reopening() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("t.db");
    {
        let mut s = SqliteStore::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut b = batch(vec![record(
            "a1",
            "x.com",
            "text",
            "a1",
            vec![threat("2025-10-30")],
        )]);
        b.checkpoints.push(Checkpoint {
            source: "f.warc".into(),
            records: 7,
        });
        b.fetched
            .push(("https://x.com/a1".into(), "article".into()));
        s.put_batch(&b).unwrap_or_else(|e| panic!("{e}"));
    }
    let s = SqliteStore::open(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.checkpoint("f.warc").unwrap_or_default(), Some(7));
    assert!(s.was_fetched("https://x.com/a1").unwrap_or_default());
    let reader = SqliteStore::open_read_only(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reader.stats().map(|s| s.events).unwrap_or_default(), 1);
    let stories = reader
        .stories(&StoryFilter::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stories.len(), 1);
    assert_eq!(
        s.recent_fingerprints(10)
            .map(|f| f.len())
            .unwrap_or_default(),
        1
    );
}

#[test]
fn unasserted_and_background_events_are_stored_and_shown_but_counted_only_when_asked() {
    use crate::{StoreOverview, TopDyadsQuery, TypeSeriesQuery};
    use attache_model::{DateBasis, Dating};
    let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
    let asserted = event(
        "PAKGOV",
        "AFGGOV",
        PloverCategory::Assault,
        "190",
        "2025-10-30",
    );
    let mut denied = threat("2025-10-30");
    denied.modality = Modality::Negated;
    let mut old = event(
        "PAKGOV",
        "AFGGOV",
        PloverCategory::Accuse,
        "112",
        "1990-01-01",
    );
    old.dating = Dating {
        basis: DateBasis::Text,
        text: Some("in 1990".into()),
        background: true,
    };
    s.put_batch(&batch(vec![record(
        "a1",
        "dawn.com",
        "Pakistan said things.",
        "a1",
        vec![asserted, denied, old.clone()],
    )]))
    .unwrap_or_else(|e| panic!("{e}"));
    // Shown: every event is stored and listed, its dating read back.
    let all = s
        .events(&EventFilter::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.len(), 3);
    let back = all.iter().find(|e| e.event.cameo.code == "112");
    assert_eq!(back.map(|e| &e.event.dating), Some(&old.dating));
    let happenings = EventFilter {
        happenings_only: true,
        ..EventFilter::default()
    };
    let counted = s.events(&happenings).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(counted.len(), 1);
    assert_eq!(counted[0].event.cameo.code, "190");
    // Counted: series, the heat map and the ranking count the one happening by default.
    let series = |include: bool| {
        s.dyad_series(&DyadQuery {
            a: "PAK".into(),
            b: "AFG".into(),
            by: Period::Month,
            from_day: None,
            to_day: None,
            include_unasserted: include,
            undirected: false,
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|b| b.events)
        .sum::<u64>()
    };
    assert_eq!((series(false), series(true)), (1, 3));
    let types = |include: bool| {
        s.type_series(&TypeSeriesQuery {
            by: Period::Month,
            from_day: None,
            to_day: None,
            include_unasserted: include,
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|b| b.by_type.values().sum::<u64>())
        .sum::<u64>()
    };
    assert_eq!((types(false), types(true)), (1, 3));
    let top = |include: bool| {
        s.top_dyads(&TopDyadsQuery {
            include_unasserted: include,
            ..TopDyadsQuery::default()
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .first()
        .map(|d| d.events)
    };
    assert_eq!((top(false), top(true)), (Some(1), Some(3)));
}

/// Two ingests into one store (issue 15): the second writer's batch read before it wrote, so
/// when the first committed meanwhile its snapshot was stale and it failed at once with
/// "database is locked". Taking the write lock up front makes it wait its turn.
#[test]
fn a_batch_waits_for_another_writer_instead_of_failing_as_locked() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("two.db");
    let mut store = SqliteStore::open(&path).unwrap_or_else(|e| panic!("{e}"));
    // The other writer: holds the write lock, then commits a change a little later.
    let other = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    other
        .execute_batch("BEGIN IMMEDIATE; CREATE TABLE other_writer (x INTEGER);")
        .unwrap_or_else(|e| panic!("{e}"));
    let committer = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        other
            .execute_batch("INSERT INTO other_writer VALUES (1); COMMIT;")
            .unwrap_or_else(|e| panic!("{e}"));
    });
    let b = batch(vec![record(
        "a1",
        "dawn.com",
        "Pakistan warned Kabul.",
        "a1",
        vec![threat("2025-10-30")],
    )]);
    let written = store.put_batch(&b);
    committer
        .join()
        .unwrap_or_else(|_| panic!("the other writer panicked"));
    let summary = written.unwrap_or_else(|e| panic!("second writer failed: {e}"));
    assert_eq!(summary.inserted, 1);
}

/// Two first runs on one new file: both read schema version 0 and raced to create the
/// tables. The version is now read inside the migration's write transaction.
#[test]
fn two_first_runs_on_one_new_file_both_open_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for round in 0..8 {
        let path = dir.path().join(format!("new-{round}.db"));
        let start = std::sync::Arc::new(std::sync::Barrier::new(2));
        let runs: Vec<_> = (0..2)
            .map(|_| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    SqliteStore::open(&path)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        for run in runs {
            let opened = run.join().unwrap_or_else(|_| panic!("an opener panicked"));
            assert_eq!(opened, Ok(()), "round {round}");
        }
    }
}

/// Every match of `text` ranked (what search did before it was bounded): ids, best first.
fn ranked_by_scoring_every_match(s: &SqliteStore, text: &str) -> Vec<(i64, String)> {
    let fts = super::read::fts_query(text).unwrap_or_else(|| panic!("no words in {text:?}"));
    let mut stmt = s
        .conn
        .prepare(
            "SELECT a.n, a.id FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid
             WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts), a.n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = stmt
        .query_map([fts], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap_or_else(|e| panic!("{e}"));
    rows.collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn search_returns_the_best_k_of_the_newest_matches_in_order() {
    let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
    let settings = crate::synthetic::Settings {
        events: 300,
        events_per_article: 3,
        ..crate::synthetic::Settings::default()
    };
    crate::synthetic::fill(
        &mut s,
        &settings,
        &crate::synthetic::table_coding,
        &mut |_| {},
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let ids =
        |hits: Vec<crate::SearchHit>| -> Vec<String> { hits.into_iter().map(|h| h.id).collect() };
    for text in ["towards", "Pakistan army", "\"Synthetic report\""] {
        let all = ranked_by_scoring_every_match(&s, text);
        assert!(all.len() > 40, "{text}: {} matches", all.len());
        let query = |limit, offset| SearchQuery {
            text: text.into(),
            limit,
            offset,
        };
        // Bound above the matches: the same hits, in the same order, as ranking all.
        for (limit, offset) in [(20, 0), (7, 5)] {
            let got = ids(s
                .search_ranking(&query(limit, offset), 10_000)
                .unwrap_or_else(|e| panic!("{e}")));
            let want: Vec<String> = all
                .iter()
                .skip(offset)
                .take(limit)
                .map(|r| r.1.clone())
                .collect();
            assert_eq!(got, want, "{text} {limit} {offset}");
        }
        // Bound below: the best of the 30 newest matches, in rank order.
        let mut numbers: Vec<i64> = all.iter().map(|r| r.0).collect();
        numbers.sort_unstable_by_key(|n| std::cmp::Reverse(*n));
        let newest: std::collections::HashSet<i64> = numbers.into_iter().take(30).collect();
        let want: Vec<String> = all
            .iter()
            .filter(|r| newest.contains(&r.0))
            .take(10)
            .map(|r| r.1.clone())
            .collect();
        let got = ids(s
            .search_ranking(&query(10, 0), 30)
            .unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(got, want, "{text}: top 10 of the newest 30");
        // A page past the bound widens it rather than coming back empty.
        let deep = s
            .search_ranking(&query(10, 35), 30)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(deep.len(), 10, "{text}: page past the bound");
    }
    assert!(s
        .search(&query_text("nothingmatchesthis"))
        .is_ok_and(|h| h.is_empty()));
}

fn query_text(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        limit: 20,
        offset: 0,
    }
}

#[test]
fn stories_list_newest_last_day_first_and_undated_stories_last() {
    let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
    let mut docs = Vec::new();
    for (id, published) in [
        ("old", Some("2025-10-01")),
        ("undated", None),
        ("new", Some("2025-10-30")),
        ("new2", Some("2025-10-30")),
    ] {
        let mut r = record(id, "a.example", id, id, vec![]);
        r.document.article.published = published.map(String::from);
        docs.push(r);
    }
    s.put_batch(&batch(docs)).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<String> = s
        .stories(&StoryFilter::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|st| st.id)
        .collect();
    assert_eq!(&ids[2..], ["old", "undated"]);
    // Ties go to the story stored later (the stories' rows are made in no set order).
    let by_number: Vec<String> = s
        .conn
        .prepare("SELECT id FROM stories ORDER BY last_day IS NULL, last_day DESC, n DESC")
        .and_then(|mut st| {
            st.query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids, by_number);
}
