//! Tests of the dashboard aggregates and event pages in `serve_queries`.

use attache_model::{
    ActorKind, Article, CameoCoding, Document, Event, EventActor, Evidence, Mention, Modality,
    PloverCategory, PloverCoding, QuadClass, Span,
};

use crate::{
    ActorQuery, Batch, DocumentRecord, Period, Provenance, SqliteStore, StoreOverview, StoreWrite,
    TopDyadsQuery, TypeSeriesQuery,
};

fn ev(src: &str, tgt: &str, cat: PloverCategory, cameo: &str, date: &str) -> Event {
    let actor = |code: &str| EventActor {
        code: code.into(),
        name: code.into(),
        text: code.into(),
        span: Span::new(0, 3),
    };
    Event {
        source: vec![actor(src)],
        target: vec![actor(tgt)],
        plover: Some(PloverCoding {
            category: cat,
            mode: None,
            contexts: vec![],
            intensity: if cat.quad_class() as u8 >= 3 {
                -5.0
            } else {
                3.0
            },
        }),
        cameo: CameoCoding {
            code: cameo.into(),
            goldstein: None,
            quad_class: QuadClass::of_cameo(cameo),
        },
        modality: Modality::Asserted,
        date: Some(date.into()),
        dating: Default::default(),
        evidence: Evidence {
            start: 0,
            end: 3,
            text: "hit".into(),
        },
        rule: "test:1".into(),
        mentions: 1,
        ..Event::default()
    }
}

fn store() -> SqliteStore {
    let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
    let mut documents = Vec::new();
    let plan = [
        (
            "a1",
            "2025-10-27",
            vec![ev(
                "PAKGOV",
                "AFGGOV",
                PloverCategory::Threaten,
                "138",
                "2025-10-27",
            )],
        ),
        (
            "a2",
            "2025-10-28",
            vec![ev(
                "PAKMIL",
                "AFG",
                PloverCategory::Assault,
                "190",
                "2025-10-28",
            )],
        ),
        (
            "a3",
            "2025-11-03",
            vec![ev(
                "AFGGOV",
                "PAK",
                PloverCategory::Consult,
                "040",
                "2025-11-03",
            )],
        ),
        (
            "a4",
            "2025-11-04",
            vec![ev(
                "TUR",
                "PAK",
                PloverCategory::Consult,
                "040",
                "2025-11-04",
            )],
        ),
    ];
    for (id, date, events) in plan {
        let mut doc = Document::new(
            id,
            Article {
                published: Some(date.into()),
                text: "PAK hit AFG.".into(),
                ..Article::default()
            },
        );
        doc.mentions = vec![
            Mention {
                span: Span::new(0, 3),
                sentence: 0,
                kind: ActorKind::Place,
                code: "PAK".into(),
                name: "Quetta".into(),
                why: "test".into(),
            },
            Mention {
                span: Span::new(0, 3),
                sentence: 0,
                kind: ActorKind::Government,
                code: "PAKGOV".into(),
                name: "Government of Pakistan".into(),
                why: "test".into(),
            },
        ];
        doc.events = events;
        documents.push(DocumentRecord {
            id: id.into(),
            event_keys: vec![format!("{id}-k")],
            story_terms: String::new(),
            document: doc,
            canonical_url: None,
            content_hash: format!("h-{id}"),
            simhash: 1,
            duplicate: None,
            story_id: id.into(),
            provenance: Provenance::default(),
        });
    }
    s.put_batch(&Batch {
        documents,
        ..Batch::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    s
}

#[test]
fn actors_count_both_roles_and_carry_names() {
    let s = store();
    let all = s.actors(&ActorQuery::default()).unwrap_or_default();
    let pak = all.iter().find(|a| a.code == "PAK");
    assert_eq!(pak.map(|a| (a.as_source, a.as_target)), Some((0, 2)));
    assert_eq!(
        pak.and_then(|a| a.name.clone()),
        None,
        "a place does not name its country"
    );
    let gov = all.iter().find(|a| a.code == "PAKGOV");
    assert_eq!(
        gov.and_then(|a| a.name.clone()).as_deref(),
        Some("Government of Pakistan")
    );
    let only_pak = s
        .actors(&ActorQuery {
            prefix: Some("pak".into()),
            ..ActorQuery::default()
        })
        .unwrap_or_default();
    assert_eq!(only_pak.len(), 3, "{only_pak:?}");
}

#[test]
fn top_dyads_group_by_country_and_count_conflict() {
    let s = store();
    let top = s.top_dyads(&TopDyadsQuery::default()).unwrap_or_default();
    assert_eq!(
        (top[0].source.as_str(), top[0].target.as_str()),
        ("PAK", "AFG")
    );
    assert_eq!((top[0].events, top[0].conflict), (2, 2));
    assert_eq!(top[0].last_day.as_deref(), Some("2025-10-28"));
    assert_eq!(top.len(), 3);
}

#[test]
fn type_series_buckets_by_week() {
    let s = store();
    let weeks = s
        .type_series(&TypeSeriesQuery {
            by: Period::Week,
            from_day: None,
            to_day: None,
            include_unasserted: false,
        })
        .unwrap_or_default();
    assert_eq!(weeks.len(), 2);
    assert_eq!(weeks[0].period, "2025-10-27");
    assert_eq!(weeks[0].by_type.get("THREATEN"), Some(&1));
    assert_eq!(weeks[1].by_type.get("CONSULT"), Some(&2));
    assert_eq!((weeks[1].events, weeks[1].reports), (2, 2));
}

#[test]
fn type_series_counts_a_happening_once_on_its_first_report_and_reports_apart() {
    let mut s = store();
    // A second outlet reports a4's happening (same story, same key) two days later.
    let mut doc = Document::new(
        "a5",
        Article {
            site: Some("other.example".into()),
            published: Some("2025-11-06".into()),
            text: "TUR met PAK.".into(),
            ..Article::default()
        },
    );
    doc.events = vec![ev(
        "TUR",
        "PAK",
        PloverCategory::Consult,
        "040",
        "2025-11-06",
    )];
    s.put_batch(&Batch {
        documents: vec![DocumentRecord {
            id: "a5".into(),
            event_keys: vec!["a4-k".into()],
            story_terms: String::new(),
            document: doc,
            canonical_url: None,
            content_hash: "h-a5".into(),
            simhash: 1,
            duplicate: None,
            story_id: "a4".into(),
            provenance: Provenance::default(),
        }],
        ..Batch::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let days = s
        .type_series(&TypeSeriesQuery {
            by: Period::Day,
            from_day: crate::day_number("2025-11-01"),
            to_day: None,
            include_unasserted: false,
        })
        .unwrap_or_default();
    let day = |d: &str| {
        days.iter()
            .find(|b| b.period == d)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(day("2025-11-04").by_type.get("CONSULT"), Some(&1));
    assert_eq!(day("2025-11-06").by_type.get("CONSULT"), None, "{days:?}");
    assert_eq!(day("2025-11-06").reports_by_type.get("CONSULT"), Some(&1));
    let total: u64 = days.iter().map(|b| b.events).sum();
    let reports: u64 = days.iter().map(|b| b.reports).sum();
    assert_eq!((total, reports), (2, 3));
}

#[test]
fn dyad_events_page_like_the_general_event_query() {
    let s = store();
    for (actor, target, undirected) in [
        (Some("PAK"), Some("AFG"), false),
        (Some("PAK"), Some("AFG"), true),
        (Some("PA"), Some("A"), true),
        (Some("PAKMIL"), Some("AFG"), false),
        (Some("TUR"), Some("PAK"), true),
        (Some("PAK"), None, false),
        (Some("PAK"), None, true),
        (None, Some("PAK"), false),
        (Some("AFGGOV"), None, true),
        (Some("A"), None, false),
    ] {
        for (offset, limit) in [(0, 1), (0, 10), (1, 1), (2, 5)] {
            let f = crate::EventFilter {
                actor: actor.map(str::to_string),
                target: target.map(str::to_string),
                undirected,
                offset,
                limit,
                ..crate::EventFilter::default()
            };
            let ids = |v: Vec<crate::StoredEvent>| v.into_iter().map(|e| e.id).collect::<Vec<_>>();
            let general = ids(s.events_general(&f).unwrap_or_default());
            let fast = ids(s.dyad_events(&f).unwrap_or_default());
            assert_eq!(
                fast, general,
                "{actor:?} {target:?} {undirected} {offset} {limit}"
            );
        }
    }
    let not_a_dyad = crate::EventFilter {
        actor: Some("PAK".into()),
        plover: Some(PloverCategory::Threaten),
        ..crate::EventFilter::default()
    };
    assert!(s.dyad_events(&not_a_dyad).is_err());
    assert!(s.dyad_events(&crate::EventFilter::default()).is_err());
}

#[test]
fn change_counter_and_totals_are_readable() {
    assert!(store().change_counter().is_ok());
    let t = store().totals().unwrap_or_default();
    assert_eq!((t.articles, t.events, t.stories), (4, 4, 4));
}
