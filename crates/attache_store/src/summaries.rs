//! The summaries both backends keep exact in each batch's transaction, and how a batch's
//! changes to them are counted (the writing is each backend's: `sqlite/summaries.rs`,
//! `postgres/summaries.rs`):
//!
//! - `actor_counts`, `actor_pairs`: happenings (first reports) per actor code as a source and
//!   as a target, and per (source code, target code) pair (the actor list and counterparts);
//! - `type_counts`: per (day, PLOVER type), happenings, happenings including unasserted
//!   events, and every report (the type series of the home page's heat map);
//! - `root_pairs` and `root_pair_totals`: `dyads` rows of first reports per (source root,
//!   target root, counted, day) and per (source root, target root, counted), with conflict rows
//!   and the sum and number of intensities, and for the totals the last day (the top dyads);
//! - `pair_series`: per (source root, target root, counted, day, PLOVER type, quad class),
//!   reports and first reports of events dated that day with that pair of roots (each event
//!   once per pair of roots, as `dyads.root_first` marks it), and the first reports' sums of
//!   intensity and Goldstein score (a dyad series of two roots);
//! - `pair_series_weeks`: the same per week (its Monday), for series by week.
//!
//! Every change a writer makes to events goes through [`SummaryDelta`], as a [`Counted`]
//! event: an inserted event is counted from what it writes (its sides are those of
//! `event_sides`), and a deleted or recounted event is uncounted from its stored rows
//! ([`events_of`]), or from what it was counted with when the same batch counted it. A
//! report counts in `type_counts.reports` whatever its group; a first report counts in
//! everything. The deltas of a batch are summed in memory and written once before the batch
//! commits, one upsert per key touched.

use std::collections::{BTreeMap, BTreeSet};

use attache_model::{Event, PloverCategory};

use crate::sqlite::{code_root, event_sides, plover_index};

/// The day `root_pairs` files `dyads` rows without a day under (a key column cannot be NULL);
/// the migration to version 5 writes the same number.
pub(crate) const NO_DAY: i64 = i32::MIN as i64;

/// One event as the summaries count it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Counted {
    /// `events.n`.
    pub event: i64,
    /// The event's day (`events.day`, `dyads.day`).
    pub day: Option<i32>,
    /// The PLOVER type's name as stored in `events.plover`.
    pub plover: Option<String>,
    /// A happening (`events.counted`).
    pub counted: bool,
    /// Quad class as stored in `dyads.quad`.
    pub quad: Option<i64>,
    /// PLOVER intensity as stored in `dyads.intensity`.
    pub intensity: Option<f64>,
    /// Goldstein score as stored in `dyads.goldstein`.
    pub goldstein: Option<f64>,
    /// Its source codes, as written to `dyads` (`''` alone for an empty side).
    pub sources: Vec<String>,
    /// Its target codes, the same way.
    pub targets: Vec<String>,
}

/// Changes to one `root_pairs` or `root_pair_totals` row.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct RootChange {
    pub(crate) events: i64,
    pub(crate) conflict: i64,
    pub(crate) intensity_sum: f64,
    pub(crate) intensity_n: i64,
}

impl RootChange {
    pub(crate) fn is_none(&self) -> bool {
        // As many intensities taken as added can still change the sum (one report's
        // replaced by another's), so the sum is compared too.
        self.events == 0 && self.conflict == 0 && self.intensity_n == 0 && self.intensity_sum == 0.0
    }
}

/// A `type_counts` key: (day, PLOVER name or `''`).
pub(crate) type TypeKey = (i32, String);

/// Changes to one `type_counts` row.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TypeChange {
    /// Happenings: counted first reports.
    pub(crate) happenings: i64,
    /// First reports, counted or not (a series that includes unasserted events).
    pub(crate) happenings_all: i64,
    /// Reports, first or not.
    pub(crate) reports: i64,
}

impl TypeChange {
    pub(crate) fn is_none(&self) -> bool {
        *self == TypeChange::default()
    }
}

/// Rows a batch adds to `articles`, `events` and `stories`, less those it removes: the
/// change to the `totals` row, written once before the batch commits.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TotalsChange {
    pub(crate) articles: i64,
    pub(crate) events: i64,
    pub(crate) stories: i64,
}

impl TotalsChange {
    pub(crate) fn is_none(&self) -> bool {
        *self == TotalsChange::default()
    }
}

/// A `pair_series` key: (source root, target root, counted, day, PLOVER index or
/// [`NO_PLOVER`], quad class or [`NO_QUAD`]).
pub(crate) type SeriesKey = (String, String, bool, i32, i64, i64);

/// The `pair_series.plover` of an event without a PLOVER type (`dyads.plover` is NULL; a key
/// column cannot be).
pub(crate) const NO_PLOVER: i64 = -1;

/// The `pair_series.quad` of an event without a quad class.
pub(crate) const NO_QUAD: i64 = 0;

/// Changes to one `pair_series` row.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct SeriesChange {
    pub(crate) reports: i64,
    pub(crate) events: i64,
    pub(crate) intensity_sum: f64,
    pub(crate) goldstein_sum: f64,
    pub(crate) goldstein_n: i64,
}

/// The two tables of dyad series summed per pair of roots: per day, and per week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SeriesTable {
    /// `pair_series`: `day` is the events' day.
    Days,
    /// `pair_series_weeks`: `day` is the Monday of the events' week ([`crate::week_start`]).
    Weeks,
}

impl SeriesTable {
    /// The table a two-root series is read from: the weekly one for weeks whose days range,
    /// if any, starts on a Monday and ends on a Sunday (else a week would be cut).
    pub(crate) fn for_query(q: &crate::DyadQuery) -> SeriesTable {
        let whole_weeks = q.from_day.is_none_or(|d| crate::week_start(d) == d)
            && q.to_day.is_none_or(|d| crate::week_start(d) == d - 6);
        if q.by == crate::Period::Week && whole_weeks {
            SeriesTable::Weeks
        } else {
            SeriesTable::Days
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            SeriesTable::Days => "pair_series",
            SeriesTable::Weeks => "pair_series_weeks",
        }
    }
}

impl SeriesChange {
    fn add(&mut self, other: &SeriesChange) {
        self.reports += other.reports;
        self.events += other.events;
        self.intensity_sum += other.intensity_sum;
        self.goldstein_sum += other.goldstein_sum;
        self.goldstein_n += other.goldstein_n;
    }

    pub(crate) fn is_none(&self) -> bool {
        self.reports == 0
            && self.events == 0
            && self.goldstein_n == 0
            && self.intensity_sum == 0.0
            && self.goldstein_sum == 0.0
    }
}

/// (source root, target root, counted, day or [`NO_DAY`]).
pub(crate) type RootKey = (String, String, bool, i64);

/// Changes to the summaries made by one batch, not yet written.
#[derive(Debug, Default)]
pub(crate) struct SummaryDelta {
    /// code → (change as source, change as target).
    pub(crate) counts: BTreeMap<String, (i64, i64)>,
    /// (source code, target code) → change.
    pub(crate) pairs: BTreeMap<(String, String), i64>,
    pub(crate) types: BTreeMap<TypeKey, TypeChange>,
    pub(crate) roots: BTreeMap<RootKey, RootChange>,
    pub(crate) series: BTreeMap<SeriesKey, SeriesChange>,
}

impl Counted {
    /// Event `event` (its stored number) as its `dyads` rows will hold it, on `day`.
    pub(crate) fn of_event(e: &Event, event: i64, day: Option<i32>) -> Counted {
        let quad = e
            .cameo
            .quad_class
            .or_else(|| e.plover.as_ref().map(|p| p.category.quad_class()));
        Counted {
            event,
            day,
            plover: e.plover.as_ref().map(|p| p.category.as_str().to_string()),
            counted: e.is_happening(),
            quad: quad.map(|q| i64::from(u8::from(q))),
            intensity: e.plover.as_ref().map(|p| f64::from(p.intensity)),
            goldstein: e.cameo.goldstein.map(f64::from),
            sources: event_sides(&e.source),
            targets: event_sides(&e.target),
        }
    }

    /// The `pair_series` rows this event counts in: one per distinct pair of non-empty roots
    /// of its sides (its `dyads` rows marked `root_first`), none when it has no day.
    fn series_keys(&self) -> Vec<SeriesKey> {
        let Some(day) = self.day else {
            return Vec::new();
        };
        let plover = (self.plover.as_deref())
            .and_then(PloverCategory::from_name)
            .map_or(NO_PLOVER, plover_index);
        let quad = self.quad.unwrap_or(NO_QUAD);
        let mut roots = BTreeSet::new();
        for src in &self.sources {
            for tgt in &self.targets {
                let (sr, tr) = (code_root(src), code_root(tgt));
                if !sr.is_empty() && !tr.is_empty() {
                    roots.insert((sr, tr));
                }
            }
        }
        roots
            .into_iter()
            .map(|(sr, tr)| (sr.into(), tr.into(), self.counted, day, plover, quad))
            .collect()
    }
}

/// One stored `dyads` row with its event's type: (event, source code, target code, day,
/// quad, intensity, counted, PLOVER name, Goldstein score).
pub(crate) type DyadRow = (
    i64,
    String,
    String,
    Option<i32>,
    Option<i64>,
    Option<f64>,
    bool,
    Option<String>,
    Option<f64>,
);

/// The events whose `dyads` rows these are. An event's rows are the product of its two sides,
/// so its sides are the distinct codes of its rows; the rest is the same on every row.
pub(crate) fn events_of(mut rows: Vec<DyadRow>) -> Vec<Counted> {
    rows.sort_unstable_by(|a, b| (a.0, &a.1, &a.2).cmp(&(b.0, &b.1, &b.2)));
    rows.chunk_by(|a, b| a.0 == b.0)
        .map(|event| {
            let side = |pick: fn(&DyadRow) -> &String| {
                let mut codes: Vec<String> = event.iter().map(|r| pick(r).clone()).collect();
                codes.sort_unstable();
                codes.dedup();
                codes
            };
            let r = &event[0];
            Counted {
                event: r.0,
                day: r.3,
                plover: r.7.clone(),
                counted: r.6,
                quad: r.4,
                intensity: r.5,
                goldstein: r.8,
                sources: side(|r| &r.1),
                targets: side(|r| &r.2),
            }
        })
        .collect()
}

impl SummaryDelta {
    /// Count (`sign` 1) or uncount (`sign` -1) one report, whatever its group.
    pub(crate) fn count_report(&mut self, e: &Counted, sign: i64) {
        if let Some(day) = e.day {
            let key = (day, e.plover.clone().unwrap_or_default());
            self.types.entry(key).or_default().reports += sign;
        }
        for key in e.series_keys() {
            self.series.entry(key).or_default().reports += sign;
        }
    }

    /// Count or uncount one first report (a happening): each non-empty code once per side,
    /// each pair of non-empty codes once, its (day, type), and each of its `dyads` rows
    /// with two roots.
    pub(crate) fn count_first(&mut self, e: &Counted, sign: i64) {
        let targets = || e.targets.iter().filter(|c| !c.is_empty());
        for src in e.sources.iter().filter(|c| !c.is_empty()) {
            self.counts.entry(src.clone()).or_default().0 += sign;
            for tgt in targets() {
                *self.pairs.entry((src.clone(), tgt.clone())).or_default() += sign;
            }
        }
        for tgt in targets() {
            self.counts.entry(tgt.clone()).or_default().1 += sign;
        }
        if let Some(day) = e.day {
            let key = (day, e.plover.clone().unwrap_or_default());
            let t = self.types.entry(key).or_default();
            if e.counted {
                t.happenings += sign;
            }
            t.happenings_all += sign;
        }
        for key in e.series_keys() {
            let c = self.series.entry(key).or_default();
            c.events += sign;
            if let Some(i) = e.intensity {
                c.intensity_sum += sign as f64 * i;
            }
            if let Some(g) = e.goldstein {
                c.goldstein_sum += sign as f64 * g;
                c.goldstein_n += sign;
            }
        }
        let day = e.day.map_or(NO_DAY, i64::from);
        for src in &e.sources {
            for tgt in &e.targets {
                let (sr, tr) = (code_root(src), code_root(tgt));
                if sr.is_empty() || tr.is_empty() {
                    continue;
                }
                let key = (sr.to_string(), tr.to_string(), e.counted, day);
                let c = self.roots.entry(key).or_default();
                c.events += sign;
                if e.quad.is_some_and(|q| q >= 3) {
                    c.conflict += sign;
                }
                if let Some(i) = e.intensity {
                    c.intensity_sum += sign as f64 * i;
                    c.intensity_n += sign;
                }
            }
        }
    }

    /// The `pair_series` changes summed per week, for `pair_series_weeks` (the key's day is
    /// the week's Monday).
    pub(crate) fn week_series(&self) -> BTreeMap<SeriesKey, SeriesChange> {
        let mut weeks: BTreeMap<SeriesKey, SeriesChange> = BTreeMap::new();
        for ((src, tgt, counted, day, plover, quad), c) in &self.series {
            let key = (
                src.clone(),
                tgt.clone(),
                *counted,
                crate::week_start(*day),
                *plover,
                *quad,
            );
            weeks.entry(key).or_default().add(c);
        }
        weeks
    }

    /// The root pairs' changes summed per (source root, target root, counted), for
    /// `root_pair_totals`; pairs whose changes cancel are left out.
    pub(crate) fn root_totals(&self) -> BTreeMap<(&str, &str, bool), RootChange> {
        let mut totals: BTreeMap<(&str, &str, bool), RootChange> = BTreeMap::new();
        for ((src, tgt, counted, _), c) in &self.roots {
            if c.is_none() {
                continue;
            }
            let t = totals.entry((src, tgt, *counted)).or_default();
            t.events += c.events;
            t.conflict += c.conflict;
            t.intensity_sum += c.intensity_sum;
            t.intensity_n += c.intensity_n;
        }
        totals.retain(|_, c| !c.is_none());
        totals
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| (*c).to_string()).collect()
    }

    fn event(n: i64, sources: &[&str], targets: &[&str]) -> Counted {
        Counted {
            event: n,
            day: Some(20_000),
            plover: Some("ASSAULT".into()),
            counted: true,
            quad: Some(4),
            intensity: Some(-7.5),
            goldstein: Some(-10.0),
            sources: codes(sources),
            targets: codes(targets),
        }
    }

    /// The rows `dyads` holds for these events.
    fn rows(events: &[Counted]) -> Vec<DyadRow> {
        let mut out = Vec::new();
        for e in events {
            for s in &e.sources {
                for t in &e.targets {
                    let (q, i, c, p) = (e.quad, e.intensity, e.counted, e.plover.clone());
                    out.push((
                        e.event,
                        s.clone(),
                        t.clone(),
                        e.day,
                        q,
                        i,
                        c,
                        p,
                        e.goldstein,
                    ));
                }
            }
        }
        out.reverse();
        out
    }

    #[test]
    fn uncounting_events_from_their_dyad_rows_undoes_counting_them() {
        let mut d = SummaryDelta::default();
        let events = [
            event(7, &["PAKGOV", "PAKMIL"], &["AFG"]),
            event(9, &["IND"], &[""]),
        ];
        for e in &events {
            d.count_report(e, 1);
            d.count_first(e, 1);
        }
        assert_eq!(d.counts.get("AFG"), Some(&(0, 1)));
        assert_eq!(d.pairs.len(), 2);
        let pak_afg = ("PAK".to_string(), "AFG".to_string(), true, 20_000);
        assert_eq!(d.roots.get(&pak_afg).map(|c| c.events), Some(2));
        let assaults = TypeChange {
            happenings: 2,
            happenings_all: 2,
            reports: 2,
        };
        assert_eq!(d.types.get(&(20_000, "ASSAULT".into())), Some(&assaults));
        // PAKGOV and PAKMIL against AFG is one event of the PAK-AFG pair of roots.
        let assault = plover_index(PloverCategory::Assault);
        let series = d
            .series
            .get(&("PAK".into(), "AFG".into(), true, 20_000, assault, 4));
        assert_eq!(
            series.map(|c| (c.reports, c.events, c.goldstein_n)),
            Some((1, 1, 1))
        );
        assert_eq!(d.series.len(), 1, "no pair of roots with an empty side");
        let back = events_of(rows(&events));
        assert_eq!(back, events);
        for e in &back {
            d.count_report(e, -1);
            d.count_first(e, -1);
        }
        assert!(d.counts.values().all(|c| *c == (0, 0)), "{d:?}");
        assert!(d.pairs.values().all(|n| *n == 0), "{d:?}");
        assert!(d.types.values().all(TypeChange::is_none), "{d:?}");
        assert!(d.roots.values().all(RootChange::is_none), "{d:?}");
        assert!(d.series.values().all(SeriesChange::is_none), "{d:?}");
    }
}
