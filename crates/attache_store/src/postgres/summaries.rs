//! The PostgreSQL writer's side of the summaries (`crate::summaries` counts a batch's
//! changes, as for SQLite): reading what a replaced article or the corroboration recount
//! uncounts, and writing the summed changes, one `unnest` upsert per table.
//!
//! The tables (schema version 4) are those of SQLite's versions 3 and 5 with PostgreSQL
//! types; every statement names its rows by primary key, as the Citus plan needs.

use std::collections::{BTreeMap, BTreeSet};

use postgres::{Row, Transaction};

use super::write::FIRST_REPORT;
use crate::error::SqlContext;
use crate::summaries::{
    events_of, DyadRow, SeriesChange, SeriesKey, SeriesTable, SummaryDelta, TypeChange, NO_DAY,
};
use crate::StoreError;

/// The columns [`dyad_row`] reads, from `dyads d JOIN events e`.
const DYAD_ROW: &str =
    "d.event, d.src, d.tgt, d.day, d.quad, d.intensity, d.counted, e.plover, d.goldstein";

fn dyad_row(r: &Row, at: usize) -> Result<DyadRow, postgres::Error> {
    Ok((
        r.try_get(at)?,
        r.try_get(at + 1)?,
        r.try_get(at + 2)?,
        r.try_get(at + 3)?,
        r.try_get::<_, Option<i32>>(at + 4)?.map(i64::from),
        r.try_get(at + 5)?,
        r.try_get(at + 6)?,
        r.try_get(at + 7)?,
        r.try_get(at + 8)?,
    ))
}

/// Uncount the events of article `article`, about to be deleted (a replaced page), and
/// return the (story, key) groups they leave (with repeats), to be recounted.
pub(super) fn remove_article(
    tx: &mut Transaction<'_>,
    delta: &mut SummaryDelta,
    article: i64,
) -> Result<Vec<(String, String)>, StoreError> {
    // Every event has `dyads` rows (`event_sides` is never empty); the outer join keeps an
    // event's group even if one had none.
    let rows = tx
        .query(
            &format!(
                "SELECT e.story_id, e.event_key, e.first_report, {DYAD_ROW}
                 FROM events e LEFT JOIN dyads d ON d.event = e.n
                 WHERE e.article = $1"
            ),
            &[&article],
        )
        .during("read replaced events")?;
    let mut groups = Vec::with_capacity(rows.len());
    let (mut first, mut other) = (Vec::new(), Vec::new());
    for r in &rows {
        groups.push((
            r.try_get(0).during("read replaced events")?,
            r.try_get(1).during("read replaced events")?,
        ));
        if r.try_get::<_, Option<i64>>(3)
            .during("read replaced events")?
            .is_none()
        {
            continue;
        }
        let row = dyad_row(r, 3).during("read replaced events")?;
        if r.try_get::<_, bool>(2).during("read replaced events")? {
            first.push(row);
        } else {
            other.push(row);
        }
    }
    for e in events_of(first) {
        delta.count_report(&e, -1);
        delta.count_first(&e, -1);
    }
    for e in events_of(other) {
        delta.count_report(&e, -1);
    }
    Ok(groups)
}

/// Follow the corroboration recount that is about to make the first report of each group
/// (`write::FIRST_REPORT`) its only one: uncount the events that stop being first, count those that
/// become first. Call after the batch's rows are inserted and before the recount's update.
pub(super) fn move_first_reports(
    tx: &mut Transaction<'_>,
    delta: &mut SummaryDelta,
    groups: &BTreeSet<(String, String)>,
) -> Result<(), StoreError> {
    if groups.is_empty() {
        return Ok(());
    }
    let (stories, keys): (Vec<String>, Vec<String>) = groups.iter().cloned().unzip();
    let rows = tx
        .query(
            &format!(
                "WITH g AS (SELECT * FROM unnest($1::text[], $2::text[]) AS g(story_id, event_key)),
                 c AS (
                   SELECT e.story_id, e.event_key, {FIRST_REPORT} AS first
                   FROM events e JOIN g ON g.story_id = e.story_id AND g.event_key = e.event_key
                   JOIN articles a ON a.n = e.article
                   GROUP BY e.story_id, e.event_key)
                 SELECT e.first_report, {DYAD_ROW}
                 FROM c JOIN events e ON e.story_id = c.story_id AND e.event_key = c.event_key
                 JOIN dyads d ON d.event = e.n
                 WHERE e.first_report <> (e.n = c.first)"
            ),
            &[&stories, &keys],
        )
        .during("read recounted dyads")?;
    let (mut was_first, mut becomes_first) = (Vec::new(), Vec::new());
    for r in &rows {
        let row = dyad_row(r, 1).during("read recounted dyads")?;
        if r.try_get::<_, bool>(0).during("read recounted dyads")? {
            was_first.push(row);
        } else {
            becomes_first.push(row);
        }
    }
    for e in events_of(was_first) {
        delta.count_first(&e, -1);
    }
    for e in events_of(becomes_first) {
        delta.count_first(&e, 1);
    }
    Ok(())
}

/// Write the summed changes (keys whose changes cancel are not sent). A type or root pair
/// row whose counts fall to zero is deleted, and a root pair's last day is read back from
/// its days, as on SQLite.
pub(super) fn write(tx: &mut Transaction<'_>, delta: &SummaryDelta) -> Result<(), StoreError> {
    let counts: Vec<_> = delta.counts.iter().filter(|(_, c)| **c != (0, 0)).collect();
    if !counts.is_empty() {
        let code: Vec<&str> = counts.iter().map(|(k, _)| k.as_str()).collect();
        let s: Vec<i64> = counts.iter().map(|(_, c)| c.0).collect();
        let t: Vec<i64> = counts.iter().map(|(_, c)| c.1).collect();
        tx.execute(
            "INSERT INTO actor_counts (code, as_source, as_target)
             SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
             ON CONFLICT (code) DO UPDATE SET
               as_source = actor_counts.as_source + excluded.as_source,
               as_target = actor_counts.as_target + excluded.as_target",
            &[&code, &s, &t],
        )
        .during("write actor counts")?;
    }
    let pairs: Vec<_> = delta.pairs.iter().filter(|(_, n)| **n != 0).collect();
    if !pairs.is_empty() {
        let src: Vec<&str> = pairs.iter().map(|(k, _)| k.0.as_str()).collect();
        let tgt: Vec<&str> = pairs.iter().map(|(k, _)| k.1.as_str()).collect();
        let n: Vec<i64> = pairs.iter().map(|(_, n)| **n).collect();
        tx.execute(
            "INSERT INTO actor_pairs (src, tgt, events)
             SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
             ON CONFLICT (src, tgt) DO UPDATE SET events = actor_pairs.events + excluded.events",
            &[&src, &tgt, &n],
        )
        .during("write actor pairs")?;
    }
    write_types(tx, delta)?;
    write_series(tx, SeriesTable::Days, &delta.series)?;
    write_series(tx, SeriesTable::Weeks, &delta.week_series())?;
    write_roots(tx, delta)
}

fn write_series(
    tx: &mut Transaction<'_>,
    table: SeriesTable,
    series: &BTreeMap<SeriesKey, SeriesChange>,
) -> Result<(), StoreError> {
    let name = table.name();
    let rows: Vec<_> = series.iter().filter(|(_, c)| !c.is_none()).collect();
    if rows.is_empty() {
        return Ok(());
    }
    let src: Vec<&str> = rows.iter().map(|(k, _)| k.0.as_str()).collect();
    let tgt: Vec<&str> = rows.iter().map(|(k, _)| k.1.as_str()).collect();
    let counted: Vec<bool> = rows.iter().map(|(k, _)| k.2).collect();
    let day: Vec<i32> = rows.iter().map(|(k, _)| k.3).collect();
    let plover: Vec<i32> = rows.iter().map(|(k, _)| k.4 as i32).collect();
    let quad: Vec<i32> = rows.iter().map(|(k, _)| k.5 as i32).collect();
    let reports: Vec<i64> = rows.iter().map(|(_, c)| c.reports).collect();
    let events: Vec<i64> = rows.iter().map(|(_, c)| c.events).collect();
    let intensity: Vec<f64> = rows.iter().map(|(_, c)| c.intensity_sum).collect();
    let goldstein: Vec<f64> = rows.iter().map(|(_, c)| c.goldstein_sum).collect();
    let goldstein_n: Vec<i64> = rows.iter().map(|(_, c)| c.goldstein_n).collect();
    tx.execute(
        &format!(
            "INSERT INTO {name} AS p (src_root, tgt_root, counted, day, plover, quad, reports,
               events, intensity_sum, goldstein_sum, goldstein_n)
             SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::integer[],
                                  $5::integer[], $6::integer[], $7::bigint[], $8::bigint[],
                                  $9::float8[], $10::float8[], $11::bigint[])
             ON CONFLICT (src_root, tgt_root, counted, day, plover, quad) DO UPDATE SET
               reports = p.reports + excluded.reports,
               events = p.events + excluded.events,
               intensity_sum = p.intensity_sum + excluded.intensity_sum,
               goldstein_sum = p.goldstein_sum + excluded.goldstein_sum,
               goldstein_n = p.goldstein_n + excluded.goldstein_n"
        ),
        &[
            &src,
            &tgt,
            &counted,
            &day,
            &plover,
            &quad,
            &reports,
            &events,
            &intensity,
            &goldstein,
            &goldstein_n,
        ],
    )
    .during("write pair series")?;
    if reports.iter().any(|n| *n < 0) {
        tx.execute(
            &format!(
                "DELETE FROM {name} p
                 USING unnest($1::text[], $2::text[], $3::boolean[], $4::integer[],
                              $5::integer[], $6::integer[])
                       AS k(src_root, tgt_root, counted, day, plover, quad)
                 WHERE p.src_root = k.src_root AND p.tgt_root = k.tgt_root
                   AND p.counted = k.counted AND p.day = k.day AND p.plover = k.plover
                   AND p.quad = k.quad AND p.reports = 0"
            ),
            &[&src, &tgt, &counted, &day, &plover, &quad],
        )
        .during("write pair series")?;
    }
    Ok(())
}

fn write_types(tx: &mut Transaction<'_>, delta: &SummaryDelta) -> Result<(), StoreError> {
    let types: Vec<_> = delta.types.iter().filter(|(_, t)| !t.is_none()).collect();
    if types.is_empty() {
        return Ok(());
    }
    let day: Vec<i32> = types.iter().map(|(k, _)| k.0).collect();
    let plover: Vec<&str> = types.iter().map(|(k, _)| k.1.as_str()).collect();
    let column =
        |pick: fn(&TypeChange) -> i64| -> Vec<i64> { types.iter().map(|(_, t)| pick(t)).collect() };
    let h = column(|t| t.happenings);
    let all = column(|t| t.happenings_all);
    let reports = column(|t| t.reports);
    tx.execute(
        "INSERT INTO type_counts (day, plover, happenings, happenings_all, reports)
         SELECT * FROM unnest($1::integer[], $2::text[], $3::bigint[], $4::bigint[],
                              $5::bigint[])
         ON CONFLICT (day, plover) DO UPDATE SET
           happenings = type_counts.happenings + excluded.happenings,
           happenings_all = type_counts.happenings_all + excluded.happenings_all,
           reports = type_counts.reports + excluded.reports",
        &[&day, &plover, &h, &all, &reports],
    )
    .during("write type counts")?;
    if reports.iter().any(|r| *r < 0) {
        tx.execute(
            "DELETE FROM type_counts t USING unnest($1::integer[], $2::text[]) AS k(day, plover)
             WHERE t.day = k.day AND t.plover = k.plover AND t.reports = 0",
            &[&day, &plover],
        )
        .during("write type counts")?;
    }
    Ok(())
}

fn write_roots(tx: &mut Transaction<'_>, delta: &SummaryDelta) -> Result<(), StoreError> {
    let roots: Vec<_> = delta.roots.iter().filter(|(_, c)| !c.is_none()).collect();
    if roots.is_empty() {
        return Ok(());
    }
    let src: Vec<&str> = roots.iter().map(|(k, _)| k.0.as_str()).collect();
    let tgt: Vec<&str> = roots.iter().map(|(k, _)| k.1.as_str()).collect();
    let counted: Vec<bool> = roots.iter().map(|(k, _)| k.2).collect();
    // `NO_DAY` is i32::MIN, an `integer`.
    let day: Vec<i32> = roots
        .iter()
        .map(|(k, _)| i32::try_from(k.3).unwrap_or(i32::MIN))
        .collect();
    let events: Vec<i64> = roots.iter().map(|(_, c)| c.events).collect();
    let conflict: Vec<i64> = roots.iter().map(|(_, c)| c.conflict).collect();
    let sum: Vec<f64> = roots.iter().map(|(_, c)| c.intensity_sum).collect();
    let n: Vec<i64> = roots.iter().map(|(_, c)| c.intensity_n).collect();
    tx.execute(
        "INSERT INTO root_pairs (src_root, tgt_root, counted, day, events, conflict,
           intensity_sum, intensity_n)
         SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::integer[],
                              $5::bigint[], $6::bigint[], $7::float8[], $8::bigint[])
         ON CONFLICT (src_root, tgt_root, counted, day) DO UPDATE SET
           events = root_pairs.events + excluded.events,
           conflict = root_pairs.conflict + excluded.conflict,
           intensity_sum = root_pairs.intensity_sum + excluded.intensity_sum,
           intensity_n = root_pairs.intensity_n + excluded.intensity_n",
        &[&src, &tgt, &counted, &day, &events, &conflict, &sum, &n],
    )
    .during("write root pairs")?;
    if events.iter().any(|e| *e < 0) {
        tx.execute(
            "DELETE FROM root_pairs r
             USING unnest($1::text[], $2::text[], $3::boolean[], $4::integer[])
               AS k(src_root, tgt_root, counted, day)
             WHERE r.src_root = k.src_root AND r.tgt_root = k.tgt_root
               AND r.counted = k.counted AND r.day = k.day AND r.events = 0",
            &[&src, &tgt, &counted, &day],
        )
        .during("write root pairs")?;
    }
    let totals = delta.root_totals();
    if totals.is_empty() {
        return Ok(());
    }
    let src: Vec<&str> = totals.keys().map(|k| k.0).collect();
    let tgt: Vec<&str> = totals.keys().map(|k| k.1).collect();
    let counted: Vec<bool> = totals.keys().map(|k| k.2).collect();
    let events: Vec<i64> = totals.values().map(|c| c.events).collect();
    let conflict: Vec<i64> = totals.values().map(|c| c.conflict).collect();
    let sum: Vec<f64> = totals.values().map(|c| c.intensity_sum).collect();
    let n: Vec<i64> = totals.values().map(|c| c.intensity_n).collect();
    // Every pair a day changed for is rewritten, its last day read from its days (the
    // primary key's order makes that a backward seek to the pair's newest day).
    tx.execute(
        &format!(
            "INSERT INTO root_pair_totals (src_root, tgt_root, counted, events, conflict,
               intensity_sum, intensity_n, last_day)
             SELECT k.src_root, k.tgt_root, k.counted, k.events, k.conflict, k.intensity_sum,
                    k.intensity_n,
                    (SELECT MAX(r.day) FROM root_pairs r
                     WHERE r.src_root = k.src_root AND r.tgt_root = k.tgt_root
                       AND r.counted = k.counted AND r.day <> {NO_DAY} AND r.events > 0)
             FROM unnest($1::text[], $2::text[], $3::boolean[], $4::bigint[], $5::bigint[],
                         $6::float8[], $7::bigint[])
               AS k(src_root, tgt_root, counted, events, conflict, intensity_sum, intensity_n)
             ON CONFLICT (src_root, tgt_root, counted) DO UPDATE SET
               events = root_pair_totals.events + excluded.events,
               conflict = root_pair_totals.conflict + excluded.conflict,
               intensity_sum = root_pair_totals.intensity_sum + excluded.intensity_sum,
               intensity_n = root_pair_totals.intensity_n + excluded.intensity_n,
               last_day = excluded.last_day"
        ),
        &[&src, &tgt, &counted, &events, &conflict, &sum, &n],
    )
    .during("write root pair totals")?;
    if events.iter().any(|e| *e < 0) {
        tx.execute(
            "DELETE FROM root_pair_totals r
             USING unnest($1::text[], $2::text[], $3::boolean[]) AS k(src_root, tgt_root, counted)
             WHERE r.src_root = k.src_root AND r.tgt_root = k.tgt_root
               AND r.counted = k.counted AND r.events = 0",
            &[&src, &tgt, &counted],
        )
        .during("write root pair totals")?;
    }
    Ok(())
}
