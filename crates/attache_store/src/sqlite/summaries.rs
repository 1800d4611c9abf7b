//! The summaries the writer keeps exact in the batch's transaction:
//!
//! - `actor_counts`, `actor_pairs`: happenings (first reports) per actor code as a source and
//!   as a target, and per (source code, target code) pair (the actor list and counterparts);
//! - `type_counts`: per (day, PLOVER type), happenings, happenings including unasserted
//!   events, and every report (the type series of the home page's heat map);
//! - `root_pairs` and `root_pair_totals`: `dyads` rows of first reports per (source root,
//!   target root, counted, day) and per (source root, target root, counted), with conflict rows
//!   and the sum and number of intensities, and for the totals the last day (the top dyads).
//!
//! Every change the writer makes to events goes through [`SummaryDelta`], as an [`Counted`]
//! event: an inserted event is counted from what it writes (its sides are those of
//! [`event_sides`](super::dyads::event_sides)), and a deleted or recounted event is uncounted
//! from its stored rows, or from what it was counted with when the same batch counted it. A
//! report counts in `type_counts.reports` whatever its group; a first report counts in
//! everything. The deltas of a batch are summed in memory and written once before the batch
//! commits, one upsert per key touched.
//!
//! Schema versions 2 kept the actor tables with triggers that re-parsed each event's actor
//! JSON on every write; version 3 dropped them for this; version 5 added the type and root
//! pair tables (see SCHEMA.md).

use std::collections::BTreeMap;

use rusqlite::{params, Transaction};

use super::dyads::code_root;
use crate::error::SqlContext;
use crate::StoreError;

/// The day `root_pairs` files `dyads` rows without a day under (a key column cannot be NULL);
/// the migration to version 5 writes the same number.
pub(super) const NO_DAY: i64 = i32::MIN as i64;

/// One event as the summaries count it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Counted {
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
    /// Its source codes, as written to `dyads` (`''` alone for an empty side).
    pub sources: Vec<String>,
    /// Its target codes, the same way.
    pub targets: Vec<String>,
}

/// Changes to one `root_pairs` or `root_pair_totals` row.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct RootChange {
    events: i64,
    conflict: i64,
    intensity_sum: f64,
    intensity_n: i64,
}

impl RootChange {
    fn is_none(&self) -> bool {
        // As many intensities taken as added can still change the sum (one report's
        // replaced by another's), so the sum is compared too.
        self.events == 0 && self.conflict == 0 && self.intensity_n == 0 && self.intensity_sum == 0.0
    }
}

/// (day, PLOVER name or `''`) → (happenings, happenings with unasserted, reports).
type TypeKey = (i32, String);

/// (source root, target root, counted, day or [`NO_DAY`]).
type RootKey = (String, String, bool, i64);

/// Changes to the summaries made by one batch, not yet written.
#[derive(Debug, Default)]
pub(super) struct SummaryDelta {
    /// code → (change as source, change as target).
    counts: BTreeMap<String, (i64, i64)>,
    /// (source code, target code) → change.
    pairs: BTreeMap<(String, String), i64>,
    types: BTreeMap<TypeKey, [i64; 3]>,
    roots: BTreeMap<RootKey, RootChange>,
}

/// One stored `dyads` row with its event's type: (event, source code, target code, day,
/// quad, intensity, counted, PLOVER name).
type DyadRow = (
    i64,
    String,
    String,
    Option<i32>,
    Option<i64>,
    Option<f64>,
    bool,
    Option<String>,
);

/// The columns [`DyadRow`] reads, from `dyads d JOIN events e`.
const DYAD_ROW: &str = "d.event, d.src, d.tgt, d.day, d.quad, d.intensity, d.counted, e.plover";

fn dyad_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<DyadRow> {
    Ok((
        r.get(at)?,
        r.get(at + 1)?,
        r.get(at + 2)?,
        r.get(at + 3)?,
        r.get(at + 4)?,
        r.get(at + 5)?,
        r.get(at + 6)?,
        r.get(at + 7)?,
    ))
}

/// The events whose `dyads` rows these are. An event's rows are the product of its two sides,
/// so its sides are the distinct codes of its rows; the rest is the same on every row.
fn events_of(mut rows: Vec<DyadRow>) -> Vec<Counted> {
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
                sources: side(|r| &r.1),
                targets: side(|r| &r.2),
            }
        })
        .collect()
}

impl SummaryDelta {
    /// Count (`sign` 1) or uncount (`sign` -1) one report, whatever its group.
    pub(super) fn count_report(&mut self, e: &Counted, sign: i64) {
        if let Some(day) = e.day {
            let key = (day, e.plover.clone().unwrap_or_default());
            self.types.entry(key).or_default()[2] += sign;
        }
    }

    /// Count or uncount one first report (a happening): each non-empty code once per side,
    /// each pair of non-empty codes once, its (day, type), and each of its `dyads` rows
    /// with two roots.
    pub(super) fn count_first(&mut self, e: &Counted, sign: i64) {
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
            t[0] += if e.counted { sign } else { 0 };
            t[1] += sign;
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

    /// Uncount the events of an article about to lose them (a replaced page), and return the
    /// (story, key) groups its events leave (with repeats), to be recounted. One query reads
    /// both: every `dyads` row of the article's events with the event's group, type and
    /// whether it is a first report. Call before the article's rows are deleted.
    pub(super) fn remove_article(
        &mut self,
        tx: &Transaction<'_>,
        article: i64,
    ) -> Result<Vec<(String, String)>, StoreError> {
        type Row = ((String, String), bool, Option<DyadRow>);
        // Every event has `dyads` rows (`event_sides` is never empty); the outer join keeps
        // an event's group even if one had none.
        let rows = tx
            .prepare_cached(&format!(
                "SELECT e.story_id, e.event_key, e.first_report, {DYAD_ROW}
                 FROM events e LEFT JOIN dyads d ON d.event = e.n
                 WHERE e.article = ?1"
            ))
            .and_then(|mut s| {
                s.query_map([article], |r| {
                    let row = match r.get::<_, Option<i64>>(3)? {
                        Some(_) => Some(dyad_row(r, 3)?),
                        None => None,
                    };
                    Ok(((r.get(0)?, r.get(1)?), r.get(2)?, row))
                })?
                .collect::<Result<Vec<Row>, _>>()
            })
            .during("read replaced events")?;
        let mut groups = Vec::with_capacity(rows.len());
        let (mut first, mut other) = (Vec::new(), Vec::new());
        for (group, is_first, row) in rows {
            groups.push(group);
            let Some(row) = row else { continue };
            if is_first {
                first.push(row);
            } else {
                other.push(row);
            }
        }
        for e in events_of(first) {
            self.count_report(&e, -1);
            self.count_first(&e, -1);
        }
        for e in events_of(other) {
            self.count_report(&e, -1);
        }
        Ok(groups)
    }

    /// Follow a corroboration recount that makes event `first` the only first report of the
    /// (story, key) group: uncount the events that stop being first, count `first` if it was
    /// not. Call before the recount's update.
    pub(super) fn move_first_report(
        &mut self,
        tx: &Transaction<'_>,
        story: &str,
        key: &str,
        first: i64,
    ) -> Result<(), StoreError> {
        let rows = tx
            .prepare_cached(&format!(
                "SELECT d.first_report, {DYAD_ROW}
                 FROM dyads d JOIN events e ON e.n = d.event
                 WHERE e.story_id = ?1 AND e.event_key = ?2
                   AND d.first_report != (d.event = ?3)"
            ))
            .and_then(|mut s| {
                s.query_map(params![story, key, first], |r| {
                    Ok((r.get::<_, bool>(0)?, dyad_row(r, 1)?))
                })?
                .collect::<Result<Vec<(bool, DyadRow)>, _>>()
            })
            .during("read recounted dyads")?;
        let (was_first, becomes_first): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.0);
        for e in events_of(was_first.into_iter().map(|r| r.1).collect()) {
            self.count_first(&e, -1);
        }
        for e in events_of(becomes_first.into_iter().map(|r| r.1).collect()) {
            self.count_first(&e, 1);
        }
        Ok(())
    }

    /// Write the summed changes (keys whose changes cancel are not touched). A row whose
    /// counts fall to zero is deleted, and a root pair's last day is read back from its days.
    pub(super) fn write(self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        let mut counts = tx
            .prepare_cached(
                "INSERT INTO actor_counts (code, as_source, as_target) VALUES (?1, ?2, ?3)
                 ON CONFLICT(code) DO UPDATE SET as_source = as_source + excluded.as_source,
                                                 as_target = as_target + excluded.as_target",
            )
            .during("write actor counts")?;
        for (code, (s, t)) in &self.counts {
            if (*s, *t) != (0, 0) {
                counts
                    .execute(params![code, s, t])
                    .during("write actor counts")?;
            }
        }
        let mut pairs = tx
            .prepare_cached(
                "INSERT INTO actor_pairs (src, tgt, events) VALUES (?1, ?2, ?3)
                 ON CONFLICT(src, tgt) DO UPDATE SET events = events + excluded.events",
            )
            .during("write actor pairs")?;
        for ((src, tgt), n) in &self.pairs {
            if *n != 0 {
                pairs
                    .execute(params![src, tgt, n])
                    .during("write actor pairs")?;
            }
        }
        write_types(tx, &self.types)?;
        write_roots(tx, &self.roots)
    }
}

fn write_types(
    tx: &Transaction<'_>,
    types: &BTreeMap<TypeKey, [i64; 3]>,
) -> Result<(), StoreError> {
    let mut upsert = tx
        .prepare_cached(
            "INSERT INTO type_counts (day, plover, happenings, happenings_all, reports)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(day, plover) DO UPDATE SET
               happenings = happenings + excluded.happenings,
               happenings_all = happenings_all + excluded.happenings_all,
               reports = reports + excluded.reports",
        )
        .during("write type counts")?;
    let mut prune = tx
        .prepare_cached("DELETE FROM type_counts WHERE day = ?1 AND plover = ?2 AND reports = 0")
        .during("write type counts")?;
    for ((day, plover), [h, all, reports]) in types {
        if (*h, *all, *reports) == (0, 0, 0) {
            continue;
        }
        upsert
            .execute(params![day, plover, h, all, reports])
            .during("write type counts")?;
        if *reports < 0 {
            prune
                .execute(params![day, plover])
                .during("write type counts")?;
        }
    }
    Ok(())
}

fn write_roots(
    tx: &Transaction<'_>,
    roots: &BTreeMap<RootKey, RootChange>,
) -> Result<(), StoreError> {
    let mut by_day = tx
        .prepare_cached(
            "INSERT INTO root_pairs (src_root, tgt_root, counted, day, events, conflict,
               intensity_sum, intensity_n)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(src_root, tgt_root, counted, day) DO UPDATE SET
               events = events + excluded.events,
               conflict = conflict + excluded.conflict,
               intensity_sum = intensity_sum + excluded.intensity_sum,
               intensity_n = intensity_n + excluded.intensity_n",
        )
        .during("write root pairs")?;
    let mut prune = tx
        .prepare_cached(
            "DELETE FROM root_pairs
             WHERE src_root = ?1 AND tgt_root = ?2 AND counted = ?3 AND day = ?4 AND events = 0",
        )
        .during("write root pairs")?;
    let mut totals: BTreeMap<(&str, &str, bool), RootChange> = BTreeMap::new();
    for ((src, tgt, counted, day), c) in roots {
        if c.is_none() {
            continue;
        }
        by_day
            .execute(params![
                src,
                tgt,
                counted,
                day,
                c.events,
                c.conflict,
                c.intensity_sum,
                c.intensity_n
            ])
            .during("write root pairs")?;
        if c.events < 0 {
            prune
                .execute(params![src, tgt, counted, day])
                .during("write root pairs")?;
        }
        let t = totals.entry((src, tgt, *counted)).or_default();
        t.events += c.events;
        t.conflict += c.conflict;
        t.intensity_sum += c.intensity_sum;
        t.intensity_n += c.intensity_n;
    }
    // Every pair a day changed for is rewritten, its last day read from its days (the
    // primary key's order makes that a seek to the pair's newest day with events).
    let mut total = tx
        .prepare_cached(&format!(
            "INSERT INTO root_pair_totals (src_root, tgt_root, counted, events, conflict,
               intensity_sum, intensity_n, last_day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                     (SELECT MAX(day) FROM root_pairs WHERE src_root = ?1 AND tgt_root = ?2
                        AND counted = ?3 AND day != {NO_DAY} AND events > 0))
             ON CONFLICT(src_root, tgt_root, counted) DO UPDATE SET
               events = events + excluded.events,
               conflict = conflict + excluded.conflict,
               intensity_sum = intensity_sum + excluded.intensity_sum,
               intensity_n = intensity_n + excluded.intensity_n,
               last_day = excluded.last_day"
        ))
        .during("write root pair totals")?;
    let mut prune = tx
        .prepare_cached(
            "DELETE FROM root_pair_totals
             WHERE src_root = ?1 AND tgt_root = ?2 AND counted = ?3 AND events = 0",
        )
        .during("write root pair totals")?;
    for ((src, tgt, counted), c) in &totals {
        if c.is_none() {
            continue;
        }
        total
            .execute(params![
                src,
                tgt,
                counted,
                c.events,
                c.conflict,
                c.intensity_sum,
                c.intensity_n
            ])
            .during("write root pair totals")?;
        if c.events < 0 {
            prune
                .execute(params![src, tgt, counted])
                .during("write root pair totals")?;
        }
    }
    Ok(())
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
                    out.push((e.event, s.clone(), t.clone(), e.day, q, i, c, p));
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
        assert_eq!(d.types.get(&(20_000, "ASSAULT".into())), Some(&[2, 2, 2]));
        let back = events_of(rows(&events));
        assert_eq!(back, events);
        for e in &back {
            d.count_report(e, -1);
            d.count_first(e, -1);
        }
        assert!(d.counts.values().all(|c| *c == (0, 0)), "{d:?}");
        assert!(d.pairs.values().all(|n| *n == 0), "{d:?}");
        assert!(d.types.values().all(|t| *t == [0; 3]), "{d:?}");
        assert!(d.roots.values().all(RootChange::is_none), "{d:?}");
    }
}
