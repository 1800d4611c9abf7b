//! The conformance suite: the same cases run against every backend, so each one stores and
//! answers alike (writes, idempotent re-ingest, replaced pages, corroboration, filters, dyad
//! series, search, stories, exports, the overview aggregates, bookkeeping).
//!
//! SQLite always runs (in memory). PostgreSQL runs when `ATTACHE_TEST_POSTGRES` holds a URL
//! of a database the tests may create schemas in (`.ci/run` starts one); each case gets a
//! fresh schema, dropped afterwards. Without it the PostgreSQL cases print why they skip.
//! A third backend joins by adding a line to [`backends`]. `summaries.rs` checks the
//! overview figures against a recount of the stored events after each kind of write.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicU32, Ordering};

use attache_model::{
    ActorKind, Article, CameoCoding, Document, Event, EventActor, Evidence, Mention, Modality,
    PloverCategory, PloverCoding, QuadClass, Sentence, Span,
};
use attache_store::{
    day_number, ActorQuery, Alias, Batch, Checkpoint, DocumentRecord, DuplicateKind, DuplicateOf,
    DyadQuery, EventFilter, Period, PgStore, Provenance, SearchQuery, SqliteStore, Store,
    StoreError, StoryFilter, StoryRecord, TopDyadsQuery, TypeSeriesQuery,
};

mod event_lists;
mod settle;
mod summaries;
mod totals;

/// The environment variable naming a PostgreSQL database for tests.
const PG_ENV: &str = "ATTACHE_TEST_POSTGRES";

/// A fresh, empty store of one backend, and what to do when the case is over.
struct Fresh {
    store: Box<dyn Store>,
    cleanup: Option<Box<dyn FnOnce()>>,
}

impl Drop for Fresh {
    fn drop(&mut self) {
        if let Some(f) = self.cleanup.take() {
            f();
        }
    }
}

fn sqlite() -> Option<Fresh> {
    Some(Fresh {
        store: Box::new(SqliteStore::in_memory().unwrap()),
        cleanup: None,
    })
}

fn postgres(case: &str) -> Option<Fresh> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let Ok(url) = std::env::var(PG_ENV) else {
        eprintln!("skipping PostgreSQL for `{case}`: {PG_ENV} is not set");
        return None;
    };
    let schema = format!(
        "conformance_{}_{}_{}",
        case,
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let store = match PgStore::open_in_schema(&url, Some(&schema)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("skipping PostgreSQL for `{case}`: no server reachable ({e})");
            return None;
        }
    };
    let drop_url = url.clone();
    Some(Fresh {
        store: Box::new(store),
        cleanup: Some(Box::new(move || {
            if let Ok(mut c) = postgres::Client::connect(&drop_url, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
            }
        })),
    })
}

/// Every backend, by name.
fn backends(case: &str) -> Vec<(&'static str, Fresh)> {
    let mut out = Vec::new();
    if let Some(s) = sqlite() {
        out.push(("sqlite", s));
    }
    if let Some(s) = postgres(case) {
        out.push(("postgres", s));
    }
    out
}

/// Run `check` on a fresh store of every backend.
fn each(case: &str, check: impl Fn(&str, &mut dyn Store)) {
    for (name, mut fresh) in backends(case) {
        eprintln!("{case}: {name}");
        check(name, fresh.store.as_mut());
    }
}

fn actor(code: &str) -> EventActor {
    EventActor {
        code: code.into(),
        name: code.into(),
        text: code.into(),
        span: Span::new(0, 3),
    }
}

fn event(src: &[&str], tgt: &[&str], cat: PloverCategory, cameo: &str, date: &str) -> Event {
    Event {
        id: format!("{}-{}-{cameo}", src.join("+"), tgt.join("+")),
        sentence: 0,
        source: src.iter().map(|c| actor(c)).collect(),
        target: tgt.iter().map(|c| actor(c)).collect(),
        plover: Some(PloverCoding {
            category: cat,
            mode: None,
            contexts: vec!["military".into()],
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

/// An article of `site` in `story`, published on `date`, with `events`; the n-th event's key
/// is its source and target roots and type, so equal events of one story corroborate.
fn record(
    id: &str,
    site: &str,
    text: &str,
    story: &str,
    date: &str,
    events: Vec<Event>,
) -> DocumentRecord {
    let keys = events
        .iter()
        .map(|e| {
            format!(
                "{}>{}:{:?}",
                e.source.first().map_or("", |a| &a.code[..3]),
                e.target.first().map_or("", |a| &a.code[..3]),
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
            bylines: vec!["A. Writer".into()],
            published: Some(format!("{date}T10:00:00+05:00")),
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
        kind: ActorKind::Government,
        code: "PAKGOV".into(),
        name: "Government of Pakistan".into(),
        why: "test".into(),
    }];
    doc.warnings = vec!["a warning".into()];
    doc.events = events;
    DocumentRecord {
        id: id.into(),
        canonical_url: Some(format!("url:{site}/{id}")),
        content_hash: format!("hash:{text}"),
        simhash: 0xdead_beef_0000_0001,
        duplicate: None,
        story_id: story.into(),
        event_keys: keys,
        story_terms: String::new(),
        provenance: Provenance {
            source: "test.warc#1".into(),
            fetched_url: Some(format!("https://{site}/{id}")),
            fetched_at: Some(format!("{date}T12:00:00Z")),
        },
        document: doc,
    }
}

/// Three articles: two outlets report Pakistan threatening Afghanistan in story s1 (one of
/// them also India protesting to Pakistan), a third outlet a later clash in story s2.
fn three() -> Vec<DocumentRecord> {
    use PloverCategory::*;
    vec![
        record(
            "a1",
            "one.example",
            "Pakistan warned Afghanistan on Thursday about border raids.",
            "s1",
            "2025-10-30",
            vec![
                event(&["PAKGOV"], &["AFG"], Threaten, "138", "2025-10-30"),
                event(&["IND"], &["PAKGOV"], Protest, "141", "2025-10-30"),
            ],
        ),
        record(
            "a2",
            "two.example",
            "Islamabad issued a stern warning to Kabul over cross border raids.",
            "s1",
            "2025-10-31",
            vec![event(
                &["PAKMIL", "PAKGOV"],
                &["AFG"],
                Threaten,
                "138",
                "2025-10-30",
            )],
        ),
        record(
            "a3",
            "three.example",
            "Fighting broke out near the Chaman crossing in November.",
            "s2",
            "2025-11-20",
            vec![event(
                &["PAKMIL"],
                &["AFGREB"],
                Assault,
                "190",
                "2025-11-20",
            )],
        ),
    ]
}

fn put(s: &mut dyn Store, documents: Vec<DocumentRecord>) -> attache_store::BatchSummary {
    s.put_batch(&Batch {
        documents,
        ..Batch::default()
    })
    .unwrap()
}

fn ids(events: &[attache_store::StoredEvent]) -> Vec<String> {
    events.iter().map(|e| e.id.clone()).collect()
}

#[test]
fn writes_are_stored_whole_and_read_back_field_by_field() {
    each("writes", |name, s| {
        let summary = put(s, three());
        assert_eq!((summary.inserted, summary.events), (3, 4), "{name}");
        let stats = s.stats().unwrap();
        assert_eq!(
            (stats.articles, stats.events, stats.stories, stats.mentions),
            (3, 4, 2, 3),
            "{name}"
        );
        let a = s.article("a1").unwrap().expect("a1 stored");
        assert_eq!(a.article.text, three()[0].document.article.text, "{name}");
        assert_eq!(a.article.bylines, vec!["A. Writer".to_string()], "{name}");
        assert_eq!(a.simhash, 0xdead_beef_0000_0001, "{name}");
        assert_eq!(a.mentions.len(), 1, "{name}");
        assert_eq!(a.mentions[0].kind, ActorKind::Government, "{name}");
        assert_eq!(a.sentences.len(), 1, "{name}");
        assert_eq!(a.warnings, vec!["a warning".to_string()], "{name}");
        assert_eq!(
            a.fetched_at.as_deref(),
            Some("2025-10-30T12:00:00Z"),
            "{name}"
        );
        assert!(s.article("nope").unwrap().is_none(), "{name}");
        let e = s.event("a1-0").unwrap().expect("a1-0 stored");
        assert_eq!(e.event, three()[0].document.events[0], "{name}");
        assert_eq!(e.site.as_deref(), Some("one.example"), "{name}");
    });
}

#[test]
fn re_ingesting_the_same_batch_changes_nothing() {
    each("reingest", |name, s| {
        put(s, three());
        let before = s.stats().unwrap();
        let again = put(s, three());
        assert_eq!(
            (again.inserted, again.unchanged, again.events),
            (0, 3, 0),
            "{name}"
        );
        assert_eq!(s.stats().unwrap(), before, "{name}");
        // The same id twice in one batch is stored once.
        let mut twice = three();
        twice.truncate(1);
        twice.push(twice[0].clone());
        twice[0].id = "a9".into();
        twice[1].id = "a9".into();
        let summary = put(s, twice);
        assert_eq!((summary.inserted, summary.unchanged), (1, 1), "{name}");
        assert_eq!(s.stats().unwrap().articles, before.articles + 1, "{name}");
    });
}

#[test]
fn the_same_page_fetched_earlier_replaces_a_later_fetch_whatever_the_order_of_storing() {
    // One page without a date of its own (same id, same text), fetched on two days by two
    // sources: its fetch time is its publication time, so which fetch is kept decides the
    // settle's order. The earlier is kept, whichever was stored first.
    let fetch = |day: u32, source: &str| {
        let mut r = three().remove(0);
        r.document.article.published = None;
        r.provenance.fetched_at = Some(format!("2025-10-{day:02}T10:00:00Z"));
        r.provenance.source = source.into();
        r
    };
    let kept = |s: &dyn Store| {
        let a = s.article("a1").unwrap().unwrap();
        (a.source, s.published_at_of("a1").unwrap())
    };
    let early = ("early.warc#1".to_string(), Some(Some(1_759_399_200)));
    each("earlier_fetch", |name, s| {
        put(s, vec![fetch(28, "late.warc#1")]);
        let replaced = put(s, vec![fetch(2, "early.warc#1")]);
        assert_eq!((replaced.updated, replaced.unchanged), (1, 0), "{name}");
        assert_eq!(kept(s), early, "{name}");
        let later = put(s, vec![fetch(28, "late.warc#1")]);
        assert_eq!((later.updated, later.unchanged), (0, 1), "{name}");
        assert_eq!(kept(s), early, "{name}");
        assert_eq!(s.stats().unwrap().articles, 1, "{name}");
    });
    // Both fetches in one batch, in either order.
    for order in [[28, 2], [2, 28]] {
        each("earlier_fetch_batch", |name, s| {
            let source = |day| {
                if day == 2 {
                    "early.warc#1"
                } else {
                    "late.warc#1"
                }
            };
            put(s, order.iter().map(|&d| fetch(d, source(d))).collect());
            assert_eq!(kept(s), early, "{name} {order:?}");
            assert_eq!(s.stats().unwrap().articles, 1, "{name} {order:?}");
        });
    }
}

#[test]
fn corroboration_counts_articles_and_outlets_and_marks_the_first_report() {
    each("corroboration", |name, s| {
        put(s, three());
        let a1 = s.event("a1-0").unwrap().unwrap();
        let a2 = s.event("a2-0").unwrap().unwrap();
        assert_eq!((a1.num_articles, a1.num_sources), (2, 2), "{name}");
        assert_eq!((a2.num_articles, a2.num_sources), (2, 2), "{name}");
        assert!(a1.first_report && !a2.first_report, "{name}");
        assert_eq!(s.stats().unwrap().happenings, 3, "{name}");
    });
}

#[test]
fn a_changed_page_replaces_its_layers_and_recounts_what_it_left() {
    each("update", |name, s| {
        put(s, three());
        let mut changed = three().remove(0);
        changed.document.article.text = "Pakistan withdrew its warning.".into();
        changed.content_hash = "hash:changed".into();
        changed.document.events.truncate(1);
        changed.document.events[0].plover.as_mut().unwrap().category = PloverCategory::Retreat;
        changed.event_keys = vec!["PAK>AFG:Retreat".into()];
        let summary = put(s, vec![changed]);
        assert_eq!((summary.updated, summary.events), (1, 1), "{name}");
        let stats = s.stats().unwrap();
        assert_eq!((stats.articles, stats.events), (3, 3), "{name}");
        assert!(s.event("a1-1").unwrap().is_none(), "{name}");
        // a2's report of the threat is alone now, so it is the first report.
        let a2 = s.event("a2-0").unwrap().unwrap();
        assert_eq!((a2.num_articles, a2.first_report), (1, true), "{name}");
        assert_eq!(
            s.article("a1").unwrap().unwrap().article.text,
            "Pakistan withdrew its warning.",
            "{name}"
        );
        let found = s
            .search(&SearchQuery {
                text: "withdrew".into(),
                ..SearchQuery::default()
            })
            .unwrap();
        assert_eq!(found.len(), 1, "{name}");
        let story = s.story("s1").unwrap().unwrap();
        assert_eq!(
            (story.summary.articles, story.summary.events),
            (2, 2),
            "{name}"
        );
    });
}

#[test]
fn a_replaced_page_that_moves_to_another_story_leaves_no_empty_story_behind() {
    // The four-worker bench once kept a story row with no article: the writer that replaced
    // a page with its earlier fetch placed it in another story, and no settle touched the
    // story it left.
    each("replaced_moves", |name, s| {
        put(s, three());
        let mut moved = three().remove(2);
        assert_eq!(
            moved.story_id, "s2",
            "{name}: the third article is alone in s2"
        );
        moved.story_id = "s9".into();
        moved.content_hash = "hash:changed".into();
        put(s, vec![moved]);
        assert!(s.story("s2").unwrap().is_none(), "{name}");
        assert_eq!(
            s.story("s9").unwrap().unwrap().summary.articles,
            1,
            "{name}"
        );
        assert_eq!(s.stats().unwrap().stories, 2, "{name}");
    });
}

#[test]
fn event_filters_match_prefixes_types_days_and_text_newest_first() {
    each("filters", |name, s| {
        put(s, three());
        let q = |f: EventFilter| ids(&s.events(&f).unwrap());
        let all = q(EventFilter::default());
        assert_eq!(all, ["a3-0", "a2-0", "a1-1", "a1-0"], "{name}");
        let pak = EventFilter {
            actor: Some("PAK".into()),
            ..EventFilter::default()
        };
        assert_eq!(q(pak.clone()), ["a3-0", "a2-0", "a1-0"], "{name}");
        assert_eq!(ids(&s.dyad_events(&pak).unwrap()), q(pak.clone()), "{name}");
        assert_eq!(s.count_events(&pak).unwrap(), 3, "{name}");
        let pakmil = EventFilter {
            actor: Some("pakmil".into()),
            ..EventFilter::default()
        };
        assert_eq!(q(pakmil), ["a3-0", "a2-0"], "{name}");
        let undirected = EventFilter {
            actor: Some("AFG".into()),
            target: Some("PAK".into()),
            undirected: true,
            ..EventFilter::default()
        };
        assert_eq!(q(undirected), ["a3-0", "a2-0", "a1-0"], "{name}");
        let fights = EventFilter {
            cameo: Some("19".into()),
            ..EventFilter::default()
        };
        assert_eq!(q(fights), ["a3-0"], "{name}");
        let protests = EventFilter {
            plover: Some(PloverCategory::Protest),
            ..EventFilter::default()
        };
        assert_eq!(q(protests), ["a1-1"], "{name}");
        let october = EventFilter {
            to_day: day_number("2025-10-31"),
            first_reports_only: true,
            ..EventFilter::default()
        };
        assert_eq!(q(october), ["a1-1", "a1-0"], "{name}");
        let text = EventFilter {
            text: Some("Chaman".into()),
            ..EventFilter::default()
        };
        assert_eq!(q(text), ["a3-0"], "{name}");
        let paged = EventFilter {
            limit: 2,
            offset: 1,
            ..EventFilter::default()
        };
        assert_eq!(q(paged), ["a2-0", "a1-1"], "{name}");
        let story = EventFilter {
            story: Some("s1".into()),
            article: Some("a2".into()),
            ..EventFilter::default()
        };
        assert_eq!(q(story), ["a2-0"], "{name}");
        let empty = EventFilter {
            actor: Some(" ".into()),
            ..EventFilter::default()
        };
        assert!(
            matches!(s.events(&empty), Err(StoreError::InvalidQuery(_))),
            "{name}"
        );
    });
}

#[test]
fn dyad_series_count_happenings_and_reports_per_bucket() {
    each("dyads", |name, s| {
        put(s, three());
        let series = |a: &str, b: &str, by, undirected| {
            s.dyad_series(&DyadQuery {
                a: a.into(),
                b: b.into(),
                by,
                from_day: None,
                to_day: None,
                undirected,
                include_unasserted: false,
            })
            .unwrap()
        };
        let days = series("PAK", "AFG", Period::Day, false);
        assert_eq!(days.len(), 2, "{name}: {days:?}");
        assert_eq!(days[0].period, "2025-10-30", "{name}");
        assert_eq!((days[0].events, days[0].reports), (1, 2), "{name}");
        assert_eq!(days[0].by_type.get("THREATEN"), Some(&1), "{name}");
        assert_eq!(days[0].mean_intensity, Some(-4.0), "{name}");
        assert_eq!(days[0].mean_goldstein, Some(-6.0), "{name}");
        assert_eq!(days[1].period, "2025-11-20", "{name}");
        assert_eq!(days[1].quad, [0, 0, 0, 1], "{name}");
        let months = series("PAK", "AFG", Period::Month, false);
        let periods: Vec<_> = months.iter().map(|b| b.period.as_str()).collect();
        assert_eq!(periods, ["2025-10", "2025-11"], "{name}");
        // Full codes: the compound source of a2 is one event.
        let full = series("PAKGOV", "AFG", Period::Week, false);
        assert_eq!(full.len(), 1, "{name}");
        assert_eq!(
            (full[0].period.as_str(), full[0].reports),
            ("2025-10-27", 2),
            "{name}"
        );
        let both = series("AFG", "PAK", Period::Month, true);
        assert_eq!(both.iter().map(|b| b.events).sum::<u64>(), 2, "{name}");
        assert!(
            series("AFG", "PAK", Period::Month, false).is_empty(),
            "{name}"
        );
    });
}

#[test]
fn search_finds_words_and_phrases_best_first_and_refuses_empty_text() {
    each("search", |name, s| {
        put(s, three());
        let find = |text: &str| {
            s.search(&SearchQuery {
                text: text.into(),
                limit: 10,
                offset: 0,
            })
            .map(|hits| hits.into_iter().map(|h| h.id).collect::<Vec<_>>())
        };
        let mut raids = find("border raids").unwrap();
        raids.sort();
        assert_eq!(raids, ["a1", "a2"], "{name}");
        assert_eq!(find("\"cross border raids\"").unwrap(), ["a2"], "{name}");
        assert_eq!(
            find("\"raids cross\"").unwrap(),
            Vec::<String>::new(),
            "{name}"
        );
        assert_eq!(find("chaman (").unwrap(), ["a3"], "{name}");
        // Words are never operators: `or` must match as a word.
        assert!(find("chaman or kabul").unwrap().is_empty(), "{name}");
        assert!(
            matches!(find(" \"\" ... "), Err(StoreError::InvalidQuery(_))),
            "{name}"
        );
        let hit = s
            .search(&SearchQuery {
                text: "Chaman".into(),
                ..SearchQuery::default()
            })
            .unwrap();
        assert!(
            hit[0].snippet.contains("[Chaman]"),
            "{name}: {}",
            hit[0].snippet
        );
        assert_eq!(hit[0].title.as_deref(), Some("Title of a3"), "{name}");
    });
}

#[test]
fn stories_list_newest_first_with_counts_and_members_oldest_first() {
    each("stories", |name, s| {
        let mut docs = three();
        docs[1].duplicate = Some(DuplicateOf {
            id: "a1".into(),
            kind: DuplicateKind::Near,
            distance: 3,
        });
        s.put_batch(&Batch {
            documents: docs,
            stories: vec![StoryRecord {
                id: "s1".into(),
                title: Some("Border warnings".into()),
                first_day: day_number("2025-10-30"),
                last_day: day_number("2025-10-31"),
                profile: "{\"terms\":[]}".into(),
            }],
            ..Batch::default()
        })
        .unwrap();
        let list = s.stories(&StoryFilter::default()).unwrap();
        let listed: Vec<_> = list.iter().map(|st| st.id.as_str()).collect();
        assert_eq!(listed, ["s2", "s1"], "{name}");
        let s1 = &list[1];
        // An undated story lists last; a story ending on s2's day lists before it (newer).
        let mut undated = record(
            "u9",
            "nine.example",
            "No date here.",
            "s9",
            "2025-11-01",
            vec![],
        );
        undated.document.article.published = None;
        undated.provenance.fetched_at = None;
        let tie = record(
            "t7",
            "seven.example",
            "Same day.",
            "s7",
            "2025-11-20",
            vec![],
        );
        put(s, vec![undated, tie]);
        let order: Vec<_> = s.stories(&StoryFilter::default()).unwrap();
        let order: Vec<_> = order.iter().map(|st| st.id.as_str()).collect();
        assert_eq!(order, ["s7", "s2", "s1", "s9"], "{name}");
        assert_eq!((s1.articles, s1.outlets, s1.events), (2, 2, 2), "{name}");
        assert_eq!(s1.title.as_deref(), Some("Border warnings"), "{name}");
        assert_eq!(s1.first_day.as_deref(), Some("2025-10-30"), "{name}");
        assert_eq!(s1.last_day.as_deref(), Some("2025-10-31"), "{name}");
        let two_outlets = s
            .stories(&StoryFilter {
                min_outlets: 2,
                ..StoryFilter::default()
            })
            .unwrap();
        assert_eq!(two_outlets.len(), 1, "{name}");
        let detail = s.story("s1").unwrap().unwrap();
        let members: Vec<_> = detail.members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(members, ["a1", "a2"], "{name}");
        assert_eq!(
            detail.members[1].duplicate_kind,
            Some(DuplicateKind::Near),
            "{name}"
        );
        assert!(s.story("none").unwrap().is_none(), "{name}");
        let saved = s.recent_stories(10).unwrap();
        assert!(
            saved
                .iter()
                .any(|r| r.id == "s1" && r.profile == "{\"terms\":[]}"),
            "{name}: {saved:?}"
        );
    });
}

#[test]
fn a_story_record_with_no_article_in_it_creates_no_story() {
    // A worker's stage may name a story for an article its batch then stores in another
    // story; that record alone must not leave an empty story row (one story more than a
    // single process makes).
    each("emptystory", |name, s| {
        let before = s.totals().unwrap().stories;
        s.put_batch(&Batch {
            documents: three(),
            stories: vec![StoryRecord {
                id: "nobody".into(),
                title: Some("Named, never filled".into()),
                first_day: day_number("2025-10-30"),
                last_day: day_number("2025-10-30"),
                profile: "{\"terms\":[]}".into(),
            }],
            ..Batch::default()
        })
        .unwrap();
        assert!(s.story("nobody").unwrap().is_none(), "{name}");
        let listed = s.stories(&StoryFilter::default()).unwrap();
        assert!(listed.iter().all(|st| st.id != "nobody"), "{name}");
        let after = s.totals().unwrap().stories;
        assert_eq!(after - before, listed.len() as u64, "{name}");
    });
}

#[test]
fn exports_visit_everything_in_store_order_and_stop_when_asked() {
    each("exports", |name, s| {
        put(s, three());
        let mut seen = Vec::new();
        s.for_each_event(&EventFilter::default(), &mut |e| {
            seen.push(e.id);
            Ok(true)
        })
        .unwrap();
        assert_eq!(seen, ["a1-0", "a1-1", "a2-0", "a3-0"], "{name}");
        let mut first = Vec::new();
        s.for_each_event(&EventFilter::default(), &mut |e| {
            first.push(e.id);
            Ok(false)
        })
        .unwrap();
        assert_eq!(first, ["a1-0"], "{name}");
        let mut articles = Vec::new();
        s.for_each_article(&mut |a| {
            articles.push((a.id, a.story_id));
            Ok(true)
        })
        .unwrap();
        assert_eq!(
            articles,
            [
                ("a1".to_string(), "s1".to_string()),
                ("a2".into(), "s1".into()),
                ("a3".into(), "s2".into())
            ],
            "{name}"
        );
    });
}

#[test]
fn overview_aggregates_agree_on_actors_dyads_and_types() {
    each("overview", |name, s| {
        // (`change_counter` is left out: SQLite's moves only for other connections' commits.)
        put(s, three());
        let totals = s.totals().unwrap();
        assert_eq!(
            (totals.articles, totals.events, totals.stories),
            (3, 4, 2),
            "{name}"
        );
        let actors: Vec<_> = s
            .actors(&ActorQuery::default())
            .unwrap()
            .into_iter()
            .map(|a| (a.code, a.as_source, a.as_target, a.name))
            .collect();
        assert_eq!(
            actors,
            [
                ("PAKGOV".into(), 1, 1, Some("Government of Pakistan".into())),
                ("AFG".into(), 0, 1, None),
                ("AFGREB".into(), 0, 1, None),
                ("IND".into(), 1, 0, None),
                ("PAKMIL".into(), 1, 0, None),
            ],
            "{name}"
        );
        let pa = s
            .actors(&ActorQuery {
                prefix: Some("pak".into()),
                limit: 1,
                offset: 1,
            })
            .unwrap();
        assert_eq!(pa.len(), 1, "{name}");
        assert_eq!(pa[0].code, "PAKMIL", "{name}");
        let counterparts: Vec<_> = s
            .counterparts("PAK", 0)
            .unwrap()
            .into_iter()
            .map(|c| (c.code, c.as_target, c.as_source))
            .collect();
        assert_eq!(
            counterparts,
            [
                ("AFG".to_string(), 1, 0),
                ("AFGREB".into(), 1, 0),
                ("IND".into(), 0, 1)
            ],
            "{name}"
        );
        let top = s.top_dyads(&TopDyadsQuery::default()).unwrap();
        let top: Vec<_> = top
            .iter()
            .map(|d| (d.source.as_str(), d.target.as_str(), d.events, d.conflict))
            .collect();
        assert_eq!(top, [("PAK", "AFG", 2, 2), ("IND", "PAK", 1, 1)], "{name}");
        let types = s
            .type_series(&TypeSeriesQuery {
                by: Period::Month,
                from_day: None,
                to_day: None,
                include_unasserted: false,
            })
            .unwrap();
        assert_eq!(types.len(), 2, "{name}");
        assert_eq!((types[0].events, types[0].reports), (2, 3), "{name}");
        assert_eq!(types[0].by_type.get("THREATEN"), Some(&1), "{name}");
        assert_eq!(types[0].reports_by_type.get("THREATEN"), Some(&2), "{name}");
        let names = s
            .actor_names(&["PAKGOV".to_string(), "XYZ".to_string()])
            .unwrap();
        assert_eq!(names.len(), 1, "{name}");
    });
}

#[test]
fn bookkeeping_and_ingest_state_survive_in_the_store() {
    each("bookkeeping", |name, s| {
        let mut docs = three();
        docs.truncate(1);
        s.put_batch(&Batch {
            documents: docs,
            aliases: vec![Alias {
                key: "a1-copy".into(),
                article_id: "a1".into(),
                kind: DuplicateKind::Exact,
                distance: 0,
                source: "test.warc#2".into(),
            }],
            checkpoints: vec![Checkpoint {
                source: "file:test.warc".into(),
                records: 7,
            }],
            fetched: vec![("https://one.example/a1".into(), "article".into())],
            ..Batch::default()
        })
        .unwrap();
        assert_eq!(s.checkpoint("file:test.warc").unwrap(), Some(7), "{name}");
        assert_eq!(s.checkpoint("file:other").unwrap(), None, "{name}");
        assert!(s.was_fetched("https://one.example/a1").unwrap(), "{name}");
        assert!(!s.was_fetched("https://one.example/a2").unwrap(), "{name}");
        s.record_run("2025-10-30T00:00:00Z", "attache ingest x", "{}")
            .unwrap();
        let known = s.lookup("a1", "hash:other").unwrap();
        assert!(known.same_id_hash.is_some(), "{name}");
        assert_eq!(known.same_text, None, "{name}");
        let by_text = s
            .lookup("zz", &three()[0].content_hash)
            .unwrap()
            .same_text
            .map(|t| t.0);
        assert_eq!(by_text.as_deref(), Some("a1"), "{name}");
        let alias = s.lookup("a1-copy", "x").unwrap().alias_of;
        assert_eq!(alias.as_deref(), Some("a1"), "{name}");
        assert_eq!(s.stats().unwrap().aliases, 1, "{name}");
        let prints = s.recent_fingerprints(5).unwrap();
        assert_eq!(prints.len(), 1, "{name}");
        assert_eq!(
            (prints[0].simhash, prints[0].day),
            (0xdead_beef_0000_0001, day_number("2025-10-30")),
            "{name}"
        );
    });
}

#[test]
fn negated_events_are_stored_and_listed_but_counted_only_when_asked() {
    each("unasserted", |name, s| {
        let mut docs = three();
        docs.truncate(1);
        docs[0].document.events[0].modality = Modality::Negated;
        put(s, docs);
        let e = s.event("a1-0").unwrap().expect("stored");
        assert_eq!(e.event.modality, Modality::Negated, "{name}");
        let listed = s.events(&EventFilter::default()).unwrap();
        assert_eq!(listed.len(), 2, "{name}");
        let counted = EventFilter {
            happenings_only: true,
            ..EventFilter::default()
        };
        assert_eq!(ids(&s.events(&counted).unwrap()), ["a1-1"], "{name}");
        let series = |include_unasserted| {
            s.dyad_series(&DyadQuery {
                a: "PAK".into(),
                b: "AFG".into(),
                by: Period::Month,
                from_day: None,
                to_day: None,
                undirected: false,
                include_unasserted,
            })
            .unwrap()
            .iter()
            .map(|b| b.events)
            .sum::<u64>()
        };
        assert_eq!((series(false), series(true)), (0, 1), "{name}");
        let top = |include_unasserted| {
            s.top_dyads(&TopDyadsQuery {
                include_unasserted,
                ..TopDyadsQuery::default()
            })
            .unwrap()
            .len()
        };
        assert_eq!((top(false), top(true)), (1, 2), "{name}");
        let types = |include_unasserted| {
            s.type_series(&TypeSeriesQuery {
                by: Period::Month,
                from_day: None,
                to_day: None,
                include_unasserted,
            })
            .unwrap()
            .iter()
            .map(|b| b.events)
            .sum::<u64>()
        };
        assert_eq!((types(false), types(true)), (1, 2), "{name}");
    });
}
