//! The overview figures (actors, counterparts, top dyads, type series, dyad series of two
//! roots), which both backends
//! read from summary tables their writers keep, must equal a recount of the stored event
//! rows after every kind of write: new reports, corroborating ones, the same batch again,
//! a changed page that moves the first report of a happening, and a page emptied of events.
//!
//! The recount reads the events back through `StoreRead::events` and counts them as the
//! summaries are defined (SCHEMA.md): happenings are first reports, a side of an event is
//! its distinct trimmed codes (or one empty code), dyads pair the sides' roots.

use std::collections::BTreeMap;

use attache_model::{Modality, PloverCategory};
use attache_store::{
    day_number, round_mean, ActorQuery, DocumentRecord, DyadBucket, DyadCount, DyadQuery,
    EventFilter, Period, Store, TopDyadsQuery, TypeBucket, TypeSeriesQuery, MAX_PAGE,
};

use super::{each, event, put, record, three};

/// A stored event as the recount needs it.
struct Row {
    day: Option<i32>,
    plover: Option<PloverCategory>,
    first: bool,
    counted: bool,
    quad: Option<u8>,
    intensity: Option<f64>,
    goldstein: Option<f64>,
    sources: Vec<String>,
    targets: Vec<String>,
}

fn side(actors: &[attache_model::EventActor]) -> Vec<String> {
    let mut codes: Vec<String> = actors.iter().map(|a| a.code.trim().to_string()).collect();
    codes.sort();
    codes.dedup();
    if codes.is_empty() {
        codes.push(String::new());
    }
    codes
}

fn root(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

fn rows(s: &dyn Store) -> Vec<Row> {
    let events = s
        .events(&EventFilter {
            limit: MAX_PAGE,
            ..EventFilter::default()
        })
        .unwrap();
    assert!(events.len() < MAX_PAGE, "the recount saw every event");
    events
        .into_iter()
        .map(|e| {
            // An event without a date of its own is on its article's day.
            let article = s.article(&e.article_id).unwrap().expect("its article");
            let day = e.event.date.as_deref().and_then(day_number).or_else(|| {
                (article.article.published.as_deref().and_then(day_number))
                    .or_else(|| article.fetched_at.as_deref().and_then(day_number))
            });
            let ev = &e.event;
            Row {
                day,
                plover: ev.plover.as_ref().map(|p| p.category),
                first: e.first_report,
                counted: ev.is_happening(),
                quad: ev
                    .cameo
                    .quad_class
                    .or_else(|| ev.plover.as_ref().map(|p| p.category.quad_class()))
                    .map(u8::from),
                intensity: ev.plover.as_ref().map(|p| f64::from(p.intensity)),
                goldstein: ev.cameo.goldstein.map(f64::from),
                sources: side(&ev.source),
                targets: side(&ev.target),
            }
        })
        .collect()
}

fn recount_types(rows: &[Row], by: Period, all: bool) -> Vec<TypeBucket> {
    let mut out: BTreeMap<i32, TypeBucket> = BTreeMap::new();
    for r in rows {
        let Some(day) = r.day else { continue };
        let (start, label) = by.bucket(day);
        let b = out.entry(start).or_insert_with(|| TypeBucket {
            period: label,
            ..TypeBucket::default()
        });
        let name = r.plover.map_or("NONE", |c| c.as_str()).to_string();
        b.reports += 1;
        *b.reports_by_type.entry(name.clone()).or_insert(0) += 1;
        if r.first && (all || r.counted) {
            b.events += 1;
            *b.by_type.entry(name).or_insert(0) += 1;
        }
    }
    out.into_values().collect()
}

fn recount_dyads(rows: &[Row], all: bool, days: (Option<i32>, Option<i32>)) -> Vec<DyadCount> {
    // (source root, target root) → (rows, conflict rows, intensity sum, intensities, last day)
    type Acc = (u64, u64, f64, u64, Option<i32>);
    let mut by_pair: BTreeMap<(String, String), Acc> = BTreeMap::new();
    let ranged = days.0.is_some() || days.1.is_some();
    for r in rows.iter().filter(|r| r.first && (all || r.counted)) {
        if ranged
            && !r
                .day
                .is_some_and(|d| days.0.is_none_or(|f| d >= f) && days.1.is_none_or(|t| d <= t))
        {
            continue;
        }
        for src in &r.sources {
            for tgt in &r.targets {
                let (sr, tr) = (root(src), root(tgt));
                if sr.is_empty() || tr.is_empty() {
                    continue;
                }
                let acc = by_pair.entry((sr.into(), tr.into())).or_default();
                acc.0 += 1;
                acc.1 += u64::from(r.quad.is_some_and(|q| q >= 3));
                if let Some(i) = r.intensity {
                    acc.2 += i;
                    acc.3 += 1;
                }
                acc.4 = acc.4.max(r.day);
            }
        }
    }
    let mut out: Vec<DyadCount> = by_pair
        .into_iter()
        .map(
            |((source, target), (n, conflict, sum, k, last))| DyadCount {
                source,
                target,
                events: n,
                conflict,
                mean_intensity: (k > 0).then(|| round_mean(sum / k as f64)),
                last_day: last.map(attache_store::format_day),
            },
        )
        .collect();
    out.sort_by(|a, b| {
        (b.events.cmp(&a.events))
            .then_with(|| a.source.cmp(&b.source))
            .then_with(|| a.target.cmp(&b.target))
    });
    out
}

/// The series of what root `a` did to root `b`: every dated report once per pair of roots,
/// its happening's type, quad class and means counted when it is a first report.
fn recount_series(rows: &[Row], a: &str, b: &str, by: Period, all: bool) -> Vec<DyadBucket> {
    // bucket start → (bucket, intensity sum, Goldstein sum, Goldstein scores)
    let mut out: BTreeMap<i32, (DyadBucket, f64, f64, u64)> = BTreeMap::new();
    for r in rows.iter().filter(|r| all || r.counted) {
        let Some(day) = r.day else { continue };
        let pair = r
            .sources
            .iter()
            .any(|s| r.targets.iter().any(|t| root(s) == a && root(t) == b));
        if !pair {
            continue;
        }
        let (start, label) = by.bucket(day);
        let (bucket, intensity, goldstein, scored) = out.entry(start).or_insert_with(|| {
            let bucket = DyadBucket {
                period: label,
                ..DyadBucket::default()
            };
            (bucket, 0.0, 0.0, 0)
        });
        bucket.reports += 1;
        if r.first {
            bucket.events += 1;
            let name = r.plover.map_or("NONE", |c| c.as_str()).to_string();
            *bucket.by_type.entry(name).or_insert(0) += 1;
            if let Some(q) = r.quad.filter(|q| (1..=4).contains(q)) {
                bucket.quad[usize::from(q) - 1] += 1;
            }
            *intensity += r.intensity.unwrap_or(0.0);
            if let Some(g) = r.goldstein {
                *goldstein += g;
                *scored += 1;
            }
        }
    }
    out.into_values()
        .map(|(mut b, intensity, goldstein, scored)| {
            b.mean_intensity = (b.events > 0).then(|| round_mean(intensity / b.events as f64));
            b.mean_goldstein = (scored > 0).then(|| round_mean(goldstein / scored as f64));
            b
        })
        .collect()
}

/// code → (happenings as source, as target).
fn recount_actors(rows: &[Row]) -> BTreeMap<String, (u64, u64)> {
    let mut out: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.first) {
        for c in r.sources.iter().filter(|c| !c.is_empty()) {
            out.entry(c.clone()).or_default().0 += 1;
        }
        for c in r.targets.iter().filter(|c| !c.is_empty()) {
            out.entry(c.clone()).or_default().1 += 1;
        }
    }
    out
}

/// counterpart code → (as target of `code`'s actors, as their source), per code pair.
fn recount_counterparts(rows: &[Row], code: &str) -> BTreeMap<String, (u64, u64)> {
    let mut out: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.first) {
        for src in r.sources.iter().filter(|c| !c.is_empty()) {
            for tgt in r.targets.iter().filter(|c| !c.is_empty()) {
                if src.starts_with(code) {
                    out.entry(tgt.clone()).or_default().0 += 1;
                }
                if tgt.starts_with(code) {
                    out.entry(src.clone()).or_default().1 += 1;
                }
            }
        }
    }
    out
}

/// Every overview figure equals the recount; `step` names the write just made.
pub(super) fn check(name: &str, step: &str, s: &dyn Store) {
    let rows = rows(s);
    let at = format!("{name} after {step}");
    for by in [Period::Day, Period::Month] {
        for all in [false, true] {
            let q = TypeSeriesQuery {
                by,
                from_day: None,
                to_day: None,
                include_unasserted: all,
            };
            assert_eq!(
                s.type_series(&q).unwrap(),
                recount_types(&rows, by, all),
                "type series by {by:?}, unasserted {all}: {at}"
            );
        }
    }
    let nov = (day_number("2025-11-01"), day_number("2025-11-30"));
    for days in [(None, None), nov, (None, nov.0)] {
        for all in [false, true] {
            let q = TopDyadsQuery {
                from_day: days.0,
                to_day: days.1,
                include_unasserted: all,
                limit: MAX_PAGE,
            };
            assert_eq!(
                s.top_dyads(&q).unwrap(),
                recount_dyads(&rows, all, days),
                "top dyads {days:?}, unasserted {all}: {at}"
            );
        }
    }
    let actors: BTreeMap<String, (u64, u64)> = s
        .actors(&ActorQuery {
            limit: MAX_PAGE,
            ..ActorQuery::default()
        })
        .unwrap()
        .into_iter()
        .map(|a| (a.code, (a.as_source, a.as_target)))
        .collect();
    let mut expected = recount_actors(&rows);
    expected.retain(|_, c| *c != (0, 0));
    assert_eq!(actors, expected, "actors: {at}");
    for code in ["PAK", "AFG", "IND"] {
        let got: BTreeMap<String, (u64, u64)> = s
            .counterparts(code, MAX_PAGE)
            .unwrap()
            .into_iter()
            .map(|c| (c.code, (c.as_target, c.as_source)))
            .collect();
        assert_eq!(
            got,
            recount_counterparts(&rows, code),
            "counterparts of {code}: {at}"
        );
    }
    // By day from `pair_series`, by week from `pair_series_weeks`.
    for (a, b) in [("PAK", "AFG"), ("AFG", "PAK"), ("IND", "AFG")] {
        for by in [Period::Day, Period::Week] {
            for all in [false, true] {
                let q = DyadQuery {
                    a: a.into(),
                    b: b.into(),
                    by,
                    from_day: None,
                    to_day: None,
                    undirected: false,
                    include_unasserted: all,
                };
                assert_eq!(
                    s.dyad_series(&q).unwrap(),
                    recount_series(&rows, a, b, by, all),
                    "dyad series {a}-{b} by {by:?}, unasserted {all}: {at}"
                );
            }
        }
    }
    let happenings = rows.iter().filter(|r| r.first).count() as u64;
    assert_eq!(
        s.stats().unwrap().happenings,
        happenings,
        "happenings: {at}"
    );
}

/// Articles beyond [`three`]: a corroborating report of a1's threat in story s1 from a
/// fourth outlet, a negated assault, and an undated article with an event between one side
/// of two codes and an empty side.
fn more() -> Vec<DocumentRecord> {
    use PloverCategory::*;
    let mut negated = event(&["AFGREB"], &["PAKMIL"], Assault, "190", "2025-11-21");
    negated.modality = Modality::Negated;
    let mut undated = record(
        "u1",
        "five.example",
        "Officials met at an unknown date.",
        "s3",
        "2025-11-01",
        vec![event(
            &["INDGOV", "INDMIL"],
            &[],
            Consult,
            "040",
            "2025-11-01",
        )],
    );
    undated.document.article.published = None;
    undated.provenance.fetched_at = None;
    undated.document.events[0].date = None;
    vec![
        record(
            "a4",
            "four.example",
            "Pakistan's warning to Afghanistan was repeated on Friday.",
            "s1",
            "2025-10-31",
            vec![event(&["PAKGOV"], &["AFG"], Threaten, "138", "2025-10-30")],
        ),
        record(
            "n1",
            "four.example",
            "Rebels denied attacking the army post.",
            "s2",
            "2025-11-21",
            vec![negated],
        ),
        undated,
    ]
}

#[test]
fn summaries_equal_a_recount_of_the_events_after_every_kind_of_write() {
    each("summaries", |name, s| {
        put(s, three());
        check(name, "the first batch", s);
        put(s, more());
        check(name, "corroborating, negated and undated reports", s);
        let again = put(s, [three(), more()].concat());
        assert_eq!(again.unchanged, 6, "{name}");
        check(name, "the same batch again", s);
        // a1 changes: its threat (the first report of the s1 happening) is replaced by a
        // later-day assault, so a2's report becomes first and a1's protest is gone.
        let mut a1 = record(
            "a1",
            "one.example",
            "Pakistan's army shelled a border post on Sunday, officials said.",
            "s1",
            "2025-11-02",
            vec![event(
                &["PAKMIL"],
                &["AFGMIL"],
                PloverCategory::Assault,
                "190",
                "2025-11-02",
            )],
        );
        a1.document.events[0].plover.as_mut().unwrap().intensity = -7.5;
        put(s, vec![a1]);
        check(name, "a changed page that moved a first report", s);
        // a3 loses its only event (its story's happening goes), and u1 is stored again as is.
        let mut a3 = three().remove(2);
        a3.document.article.text = "The crossing reopened.".into();
        a3.content_hash = "hash:reopened".into();
        a3.document.events.clear();
        a3.event_keys.clear();
        let u1 = more().remove(2);
        let summary = put(s, vec![a3, u1]);
        assert_eq!((summary.updated, summary.unchanged), (1, 1), "{name}");
        check(name, "a page emptied of events", s);
    });
}
