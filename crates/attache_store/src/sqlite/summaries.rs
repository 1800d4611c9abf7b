//! The SQLite writer's side of the summaries (`crate::summaries` counts a batch's changes):
//! reading what a replaced article or a corroboration recount uncounts, and writing the summed
//! changes, one upsert per key touched.
//!
//! Schema versions 2 kept the actor tables with triggers that re-parsed each event's actor
//! JSON on every write; version 3 dropped them for this; version 5 added the type and root
//! pair tables (see SCHEMA.md).

use std::collections::BTreeMap;

use rusqlite::{params, Transaction};

use crate::error::SqlContext;
use crate::summaries::{
    events_of, DyadRow, SeriesChange, SeriesKey, SeriesTable, TypeChange, TypeKey,
};
pub(super) use crate::summaries::{Counted, SummaryDelta, NO_DAY};
use crate::StoreError;

/// The columns [`DyadRow`] reads, from `dyads d JOIN events e`.
const DYAD_ROW: &str =
    "d.event, d.src, d.tgt, d.day, d.quad, d.intensity, d.counted, e.plover, d.goldstein";

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
        r.get(at + 8)?,
    ))
}

impl SummaryDelta {
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
        write_series(tx, SeriesTable::Days, &self.series)?;
        write_series(tx, SeriesTable::Weeks, &self.week_series())?;
        write_roots(tx, &self)
    }
}

fn write_series(
    tx: &Transaction<'_>,
    table: SeriesTable,
    series: &BTreeMap<SeriesKey, SeriesChange>,
) -> Result<(), StoreError> {
    let name = table.name();
    let mut upsert = tx
        .prepare_cached(&format!(
            "INSERT INTO {name} (src_root, tgt_root, counted, day, plover, quad, reports,
               events, intensity_sum, goldstein_sum, goldstein_n)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(src_root, tgt_root, counted, day, plover, quad) DO UPDATE SET
               reports = reports + excluded.reports,
               events = events + excluded.events,
               intensity_sum = intensity_sum + excluded.intensity_sum,
               goldstein_sum = goldstein_sum + excluded.goldstein_sum,
               goldstein_n = goldstein_n + excluded.goldstein_n"
        ))
        .during("write pair series")?;
    let mut prune = tx
        .prepare_cached(&format!(
            "DELETE FROM {name} WHERE src_root = ?1 AND tgt_root = ?2 AND counted = ?3
               AND day = ?4 AND plover = ?5 AND quad = ?6 AND reports = 0"
        ))
        .during("write pair series")?;
    for ((src, tgt, counted, day, plover, quad), c) in series {
        if c.is_none() {
            continue;
        }
        upsert
            .execute(params![
                src,
                tgt,
                counted,
                day,
                plover,
                quad,
                c.reports,
                c.events,
                c.intensity_sum,
                c.goldstein_sum,
                c.goldstein_n
            ])
            .during("write pair series")?;
        if c.reports < 0 {
            prune
                .execute(params![src, tgt, counted, day, plover, quad])
                .during("write pair series")?;
        }
    }
    Ok(())
}

fn write_types(
    tx: &Transaction<'_>,
    types: &BTreeMap<TypeKey, TypeChange>,
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
    for ((day, plover), t) in types {
        if t.is_none() {
            continue;
        }
        upsert
            .execute(params![
                day,
                plover,
                t.happenings,
                t.happenings_all,
                t.reports
            ])
            .during("write type counts")?;
        if t.reports < 0 {
            prune
                .execute(params![day, plover])
                .during("write type counts")?;
        }
    }
    Ok(())
}

fn write_roots(tx: &Transaction<'_>, delta: &SummaryDelta) -> Result<(), StoreError> {
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
    for ((src, tgt, counted, day), c) in &delta.roots {
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
    }
    let totals = delta.root_totals();
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
