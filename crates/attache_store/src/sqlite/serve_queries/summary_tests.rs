//! The home page's aggregates read from the writer's summaries (`type_counts`, `root_pairs`,
//! `root_pair_totals`) must give what scanning the stored events gives. A synthetic store is
//! written, extended with corroborating reports, partly re-ingested and partly emptied; after
//! each step every variant of the two queries is compared with the scans the summaries
//! replaced, and the summary tables with what the migration to version 5 fills them with from
//! the same events. A write path that forgets to update a summary makes a step differ.

use attache_model::{
    Article, CameoCoding, Dating, Document, Event, EventActor, Modality, PloverCategory,
    PloverCoding, QuadClass, Span,
};
use rusqlite::types::Value;

use super::{days, page, TypeBuckets, DEFAULT_DYADS};
use crate::query::round_mean;
use crate::{
    day_number, format_day, Batch, DocumentRecord, DyadCount, Period, Provenance, SqliteStore,
    StoreOverview, StoreWrite, TopDyadsQuery, TypeBucket, TypeSeriesQuery,
};

/// A small deterministic generator (64-bit LCG), so the store is the same on every run.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Codes whose roots differ, share a root, are short or empty.
const CODES: [&str; 9] = [
    "PAKGOV", "PAKMIL", "AFG", "AFGGOV", "IND", "TUR", "US", "", "IRNMIL",
];
const CAMEO: [&str; 5] = ["040", "138", "190", "057", "---"];

fn event(d: &mut Dice) -> Event {
    let side = |d: &mut Dice| -> Vec<EventActor> {
        (0..d.roll(3))
            .map(|_| EventActor {
                code: CODES[d.roll(CODES.len())].into(),
                name: "x".into(),
                text: "x".into(),
                span: Span::new(0, 1),
            })
            .collect()
    };
    let source = side(d);
    let target = side(d);
    let plover = (d.roll(5) != 0).then(|| PloverCoding {
        category: PloverCategory::ALL[d.roll(PloverCategory::ALL.len())],
        mode: None,
        contexts: vec![],
        intensity: d.roll(41) as f32 / 2.0 - 10.0,
    });
    let cameo = CAMEO[d.roll(CAMEO.len())];
    Event {
        source,
        target,
        plover,
        cameo: CameoCoding {
            code: cameo.into(),
            goldstein: None,
            quad_class: QuadClass::of_cameo(cameo),
        },
        modality: [Modality::Asserted, Modality::Negated, Modality::Future][d.roll(3)],
        dating: Dating {
            background: d.roll(6) == 0,
            ..Dating::default()
        },
        date: (d.roll(4) != 0).then(|| format_day(20_000 + d.roll(30) as i32)),
        rule: "test:1".into(),
        mentions: 1,
        ..Event::default()
    }
}

/// Article `i`, version `v` (another version is another text: a re-ingest replaces it),
/// with `events` events (keys from a small pool per story, so reports corroborate).
fn article(d: &mut Dice, i: usize, v: usize, events: usize) -> DocumentRecord {
    let id = format!("a{i}");
    let story = format!("s{}", i % 7);
    let published = (!i.is_multiple_of(5)).then(|| format_day(20_000 + (i % 30) as i32));
    let mut doc = Document::new(
        &id,
        Article {
            site: Some(format!("outlet{}.example", i % 4)),
            published,
            text: format!("text {i} version {v}"),
            ..Article::default()
        },
    );
    doc.events = (0..events).map(|_| event(d)).collect();
    let event_keys = (0..events).map(|_| format!("k{}", d.roll(6))).collect();
    DocumentRecord {
        id,
        event_keys,
        story_terms: String::new(),
        document: doc,
        canonical_url: None,
        content_hash: format!("h{i}-{v}"),
        simhash: 1,
        duplicate: None,
        story_id: story,
        provenance: Provenance::default(),
    }
}

fn put(s: &mut SqliteStore, documents: Vec<DocumentRecord>) {
    s.put_batch(&Batch {
        documents,
        ..Batch::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
}

/// The ranking as version 4 computed it: one pass over every first report's `dyads` rows.
fn top_dyads_scanned(s: &SqliteStore, q: &TopDyadsQuery) -> Vec<DyadCount> {
    let mut sql = String::from(
        "SELECT src_root, tgt_root, COUNT(*), SUM(CASE WHEN quad >= 3 THEN 1 ELSE 0 END),
                AVG(intensity), MAX(day)
         FROM dyads WHERE first_report = 1 AND src_root != '' AND tgt_root != ''",
    );
    if !q.include_unasserted {
        sql.push_str(" AND counted = 1");
    }
    let mut params = Vec::new();
    days(q.from_day, q.to_day, &mut sql, &mut params);
    sql.push_str(&format!(
        " GROUP BY src_root, tgt_root ORDER BY COUNT(*) DESC, src_root, tgt_root LIMIT {}",
        page(q.limit, DEFAULT_DYADS)
    ));
    let mut stmt = s.conn.prepare(&sql).unwrap_or_else(|e| panic!("{e}"));
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok(DyadCount {
                source: r.get(0)?,
                target: r.get(1)?,
                events: r.get::<_, i64>(2)? as u64,
                conflict: r.get::<_, i64>(3)? as u64,
                mean_intensity: r.get::<_, Option<f64>>(4)?.map(round_mean),
                last_day: r.get::<_, Option<i32>>(5)?.map(format_day),
            })
        })
        .unwrap_or_else(|e| panic!("{e}"));
    rows.map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect()
}

/// The type series as version 4 computed it: happenings and reports grouped from `events`.
fn type_series_scanned(s: &SqliteStore, q: &TypeSeriesQuery) -> Vec<TypeBucket> {
    let mut buckets = TypeBuckets::new(q.by);
    for happenings in [true, false] {
        let mut sql =
            String::from("SELECT day, plover, COUNT(*) FROM events WHERE day IS NOT NULL");
        if happenings {
            sql.push_str(" AND first_report = 1");
            if !q.include_unasserted {
                sql.push_str(" AND counted = 1");
            }
        }
        let mut params: Vec<Value> = Vec::new();
        days(q.from_day, q.to_day, &mut sql, &mut params);
        sql.push_str(" GROUP BY day, plover");
        let mut stmt = s.conn.prepare(&sql).unwrap_or_else(|e| panic!("{e}"));
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((r.get(0)?, r.get::<_, Option<String>>(1)?, r.get(2)?))
            })
            .unwrap_or_else(|e| panic!("{e}"));
        for row in rows {
            let (day, plover, n) = row.unwrap_or_else(|e| panic!("{e}"));
            buckets.add(day, plover.as_deref(), n, happenings);
        }
    }
    buckets.finish()
}

/// Every summary table's rows, in key order, as text.
fn summary_rows(s: &SqliteStore, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (table, key) in [
        ("type_counts", "day, plover"),
        ("root_pairs", "src_root, tgt_root, counted, day"),
        ("root_pair_totals", "src_root, tgt_root, counted"),
        (
            "pair_series",
            "src_root, tgt_root, counted, day, plover, quad",
        ),
        (
            "pair_series_weeks",
            "src_root, tgt_root, counted, day, plover, quad",
        ),
    ] {
        let sql = format!("SELECT * FROM {prefix}{table} ORDER BY {key}");
        let mut stmt = s.conn.prepare(&sql).unwrap_or_else(|e| panic!("{e}"));
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let values = (0..columns)
                    .map(|i| r.get::<_, Value>(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(format!("{table}: {}", values.join(", ")))
            })
            .unwrap_or_else(|e| panic!("{e}"));
        out.extend(rows.map(|r| r.unwrap_or_else(|e| panic!("{e}"))));
    }
    out
}

/// Compare every variant of both queries, and the tables, with what the events give.
fn check(s: &SqliteStore, step: &str) {
    // The tables as the migration fills them from the same events.
    let backfill = [
        super::super::schema::V5,
        super::super::schema::V7,
        super::super::schema::V9,
    ]
    .concat()
    .replace("root_pair_totals", "fresh_root_pair_totals")
    .replace("root_pairs", "fresh_root_pairs")
    .replace("type_counts", "fresh_type_counts")
    .replace("pair_series", "fresh_pair_series");
    s.conn
        .execute_batch(&backfill)
        .unwrap_or_else(|e| panic!("{e}"));
    let (kept, fresh) = (summary_rows(s, ""), summary_rows(s, "fresh_"));
    s.conn
        .execute_batch(
            "DROP TABLE fresh_type_counts; DROP TABLE fresh_root_pairs;
             DROP TABLE fresh_root_pair_totals; DROP TABLE fresh_pair_series;
             DROP TABLE fresh_pair_series_weeks;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kept, fresh, "{step}: summary tables");
    let day = |d: &str| day_number(d);
    let ranges = [
        (None, None),
        (day("2024-10-10"), None),
        (None, day("2024-10-20")),
        (day("2024-10-05"), day("2024-10-12")),
    ];
    let mut nonempty = 0;
    for (from_day, to_day) in ranges {
        for include_unasserted in [false, true] {
            let q = TopDyadsQuery {
                from_day,
                to_day,
                limit: 1000,
                include_unasserted,
            };
            let want = top_dyads_scanned(s, &q);
            nonempty += usize::from(!want.is_empty());
            let got = s.top_dyads(&q).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(got, want, "{step}: top dyads {q:?}");
            for by in [Period::Day, Period::Week, Period::Month] {
                let q = TypeSeriesQuery {
                    by,
                    from_day,
                    to_day,
                    include_unasserted,
                };
                let want = type_series_scanned(s, &q);
                nonempty += usize::from(!want.is_empty());
                let got = s.type_series(&q).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(got, want, "{step}: type series {q:?}");
            }
        }
    }
    assert_eq!(nonempty, 32, "{step}: every query has something to compare");
}

#[test]
fn the_summaries_answer_like_a_scan_of_the_events_through_every_write() {
    let mut s = SqliteStore::in_memory().unwrap_or_else(|e| panic!("{e}"));
    let mut d = Dice(14);
    let first: Vec<DocumentRecord> = (0..40).map(|i| article(&mut d, i, 0, 1 + i % 4)).collect();
    put(&mut s, first);
    check(&s, "first batch");

    // Later reports of the same stories and keys: the recount finds earlier first reports.
    let more = (40..80).map(|i| article(&mut d, i, 0, 1 + i % 3)).collect();
    put(&mut s, more);
    check(&s, "corroborating batch");

    // New versions of earlier pages: their events are replaced, first reports move on.
    let again = (0..40)
        .step_by(3)
        .map(|i| article(&mut d, i, 1, i % 3))
        .collect();
    put(&mut s, again);
    check(&s, "re-ingest");

    // Pages that now hold no events, and one batch both adding and replacing.
    let emptied = (1..80)
        .step_by(4)
        .map(|i| article(&mut d, i, 2, 0))
        .collect();
    put(&mut s, emptied);
    check(&s, "deletions");
    let mixed = (70..90).map(|i| article(&mut d, i, 3, 2)).collect();
    put(&mut s, mixed);
    check(&s, "mixed batch");
}
