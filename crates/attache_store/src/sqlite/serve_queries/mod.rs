//! [`StoreOverview`] for SQLite: whole-store aggregates for the dashboard, served by the
//! summary tables the writer keeps (`summaries.rs`: actors, types per day, root pairs), and
//! pages of an actor's or a dyad's events read newest day first from the dyad indexes.

use std::collections::BTreeMap;

use rusqlite::types::Value;

use super::rows::{event_from_row, EVENT_COLUMNS, EVENT_COLUMN_COUNT};
use super::summaries::NO_DAY;
use super::{SqliteStore, PREFIX_END};
use crate::day::format_day;
use crate::error::SqlContext;
use crate::query::{EventFilter, StoredEvent};
use crate::serve_queries::{
    is_dyad_filter, ActorQuery, ActorSummary, DyadCount, StoreOverview, TopDyadsQuery, Totals,
    TypeBucket, TypeBuckets, TypeSeriesQuery,
};
use crate::{StoreError, MAX_PAGE};

/// Default number of dyads ranked when the query gives no limit.
const DEFAULT_DYADS: usize = 20;

pub(super) fn page(limit: usize, default: usize) -> i64 {
    let n = if limit == 0 {
        default
    } else {
        limit.min(MAX_PAGE)
    };
    n as i64
}

/// The condition on one side of `dyads` for a code prefix, as `StoreRead::events` matches
/// it (three letters: the root; fewer: a range of roots; more: the root and the code).
fn code_cond(side: &str, code: &str) -> Result<(String, Vec<Value>), StoreError> {
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(StoreError::InvalidQuery("an actor code is empty".into()));
    }
    let end = Value::Text(format!("{code}{PREFIX_END}"));
    Ok(match code.len() {
        3 => (format!("{side}_root = ?"), vec![Value::Text(code)]),
        n if n < 3 => (
            format!("{side}_root >= ? AND {side}_root < ?"),
            vec![Value::Text(code), end],
        ),
        _ => (
            format!("{side}_root = ? AND {side} >= ? AND {side} < ?"),
            vec![Value::Text(code[..3].to_string()), Value::Text(code), end],
        ),
    })
}

/// Rows fetched at first beyond what a page needs, so one query usually suffices even when
/// compound actors give an event two rows.
const DYAD_SLACK: usize = 16;

/// `(day, event)` pairs of a directed dyad (or of one side: a source with any target, a
/// target with any source), newest day first, enough to hold its `k` newest distinct events:
/// every row on or after the day of the last one fetched (ties completed). The dyad indexes
/// (`dyads_src_day`, `dyads_tgt`) hand rows out in day order.
fn dyad_rows(
    store: &SqliteStore,
    src: Option<&str>,
    tgt: Option<&str>,
    range: (Option<i32>, Option<i32>),
    k: usize,
) -> Result<Vec<(Option<i32>, i64)>, StoreError> {
    let mut parts = Vec::new();
    let mut params = Vec::new();
    for (side, code) in [("src", src), ("tgt", tgt)] {
        if let Some(code) = code {
            let (c, p) = code_cond(side, code)?;
            parts.push(c);
            params.extend(p);
        }
    }
    if parts.is_empty() {
        return Err(StoreError::InvalidQuery(
            "an actor or a target is needed".into(),
        ));
    }
    let mut cond = parts.join(" AND ");
    days(range.0, range.1, &mut cond, &mut params);
    let read = |sql: &str, params: &[Value]| -> Result<Vec<(Option<i32>, i64)>, StoreError> {
        let mut stmt = store.conn.prepare_cached(sql).during("dyad events")?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((r.get::<_, Option<i32>>(1)?, r.get::<_, i64>(0)?))
            })
            .during("dyad events")?;
        rows.collect::<Result<Vec<_>, _>>().during("dyad events")
    };
    let mut want = k + DYAD_SLACK;
    loop {
        let sql =
            format!("SELECT event, day FROM dyads WHERE {cond} ORDER BY day DESC LIMIT {want}");
        let mut rows = read(&sql, &params)?;
        if rows.len() < want {
            return Ok(rows);
        }
        let last = rows.last().and_then(|r| r.0);
        let mut tie_params = params.clone();
        let tie = match last {
            Some(d) => {
                tie_params.push(Value::Integer(i64::from(d)));
                format!("SELECT event, day FROM dyads WHERE {cond} AND day = ?")
            }
            None => format!("SELECT event, day FROM dyads WHERE {cond} AND day IS NULL"),
        };
        rows.extend(read(&tie, &tie_params)?);
        let distinct: std::collections::HashSet<i64> = rows.iter().map(|r| r.1).collect();
        if distinct.len() >= k {
            return Ok(rows);
        }
        want = want.saturating_mul(4);
    }
}

fn days(from: Option<i32>, to: Option<i32>, sql: &mut String, params: &mut Vec<Value>) {
    if let Some(from) = from {
        sql.push_str(" AND day >= ?");
        params.push(Value::Integer(i64::from(from)));
    }
    if let Some(to) = to {
        sql.push_str(" AND day <= ?");
        params.push(Value::Integer(i64::from(to)));
    }
}

impl StoreOverview for SqliteStore {
    fn totals(&self) -> Result<Totals, StoreError> {
        // The row the writer keeps (schema version 6): counting read the smallest index of
        // each table, 45 ms at 1 M events with an empty page cache.
        self.conn
            .prepare_cached("SELECT articles, events, stories FROM totals")
            .and_then(|mut s| {
                s.query_row([], |r| {
                    let n = |i: usize| r.get::<_, i64>(i).map(|n| n.max(0) as u64);
                    Ok(Totals {
                        articles: n(0)?,
                        events: n(1)?,
                        stories: n(2)?,
                    })
                })
            })
            .during("read totals")
    }

    fn change_counter(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .during("read data version")
    }

    fn actors(&self, q: &ActorQuery) -> Result<Vec<ActorSummary>, StoreError> {
        let mut out = self.actor_list(q)?;
        let codes: Vec<String> = out.iter().map(|a| a.code.clone()).collect();
        let names = self.actor_names(&codes)?;
        for a in &mut out {
            a.name = names.get(&a.code).cloned();
        }
        Ok(out)
    }

    fn top_dyads(&self, q: &TopDyadsQuery) -> Result<Vec<DyadCount>, StoreError> {
        // From the summaries the writer keeps (`summaries.rs`): the per-pair totals when no
        // days are asked for (at most a few thousand rows), else the pairs' days. They count
        // `dyads` rows of first reports, as a scan of the rows would: an event naming two
        // actors of one country on a side counts once per actor.
        let counted = if q.include_unasserted {
            ""
        } else {
            " AND counted = 1"
        };
        let mut params = Vec::new();
        let mut sql = if q.from_day.is_none() && q.to_day.is_none() {
            format!(
                "SELECT src_root, tgt_root, SUM(events), SUM(conflict), TOTAL(intensity_sum),
                        SUM(intensity_n), MAX(last_day)
                 FROM root_pair_totals WHERE events > 0{counted}"
            )
        } else {
            let mut sql = format!(
                "SELECT src_root, tgt_root, SUM(events), SUM(conflict), TOTAL(intensity_sum),
                        SUM(intensity_n), MAX(day)
                 FROM root_pairs WHERE events > 0 AND day != {NO_DAY}{counted}"
            );
            days(q.from_day, q.to_day, &mut sql, &mut params);
            sql
        };
        sql.push_str(&format!(
            " GROUP BY src_root, tgt_root ORDER BY SUM(events) DESC, src_root, tgt_root LIMIT {}",
            page(q.limit, DEFAULT_DYADS)
        ));
        let mut stmt = self.conn.prepare_cached(&sql).during("rank dyads")?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                let (sum, n): (f64, i64) = (r.get(4)?, r.get(5)?);
                Ok(DyadCount {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: r.get::<_, i64>(2)?.max(0) as u64,
                    conflict: r.get::<_, i64>(3)?.max(0) as u64,
                    mean_intensity: (n > 0).then(|| crate::query::round_mean(sum / n as f64)),
                    last_day: r.get::<_, Option<i32>>(6)?.map(format_day),
                })
            })
            .during("rank dyads")?;
        rows.collect::<Result<Vec<_>, _>>().during("rank dyads")
    }

    fn type_series(&self, q: &TypeSeriesQuery) -> Result<Vec<TypeBucket>, StoreError> {
        // From `type_counts`, which the writer keeps (`summaries.rs`): one row per day and type.
        let happenings = if q.include_unasserted {
            "happenings_all"
        } else {
            "happenings"
        };
        let mut sql =
            format!("SELECT day, plover, {happenings}, reports FROM type_counts WHERE reports > 0");
        let mut params = Vec::new();
        days(q.from_day, q.to_day, &mut sql, &mut params);
        let mut stmt = self.conn.prepare_cached(&sql).during("type series")?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params.iter()))
            .during("type series")?;
        let mut buckets = TypeBuckets::new(q.by);
        while let Some(r) = rows.next().during("type series")? {
            let day: i32 = r.get(0).during("type series")?;
            let plover: String = r.get(1).during("type series")?;
            let happenings = r.get::<_, i64>(2).during("type series")?;
            let reports = r.get::<_, i64>(3).during("type series")?;
            buckets.add(day, Some(&plover), happenings, true);
            buckets.add(day, Some(&plover), reports, false);
        }
        Ok(buckets.finish())
    }

    fn dyad_events(&self, f: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        if !is_dyad_filter(f) {
            return Err(StoreError::InvalidQuery(
                "dyad_events takes an actor and/or a target, days, limit and offset only".into(),
            ));
        }
        let (actor, target) = (f.actor.as_deref(), f.target.as_deref());
        let limit = if f.limit == 0 {
            MAX_PAGE
        } else {
            f.limit.min(MAX_PAGE)
        };
        let k = f.offset.saturating_add(limit);
        let range = (f.from_day, f.to_day);
        let mut rows = dyad_rows(self, actor, target, range, k)?;
        if f.undirected && actor != target {
            rows.extend(dyad_rows(self, target, actor, range, k)?);
        }
        // The order of `StoreRead::events`: newest day first (undated last), then newest
        // event first. An event's rows share its day, so duplicates end up side by side.
        rows.sort_by(|x, y| y.0.cmp(&x.0).then(y.1.cmp(&x.1)));
        rows.dedup_by_key(|r| r.1);
        let page: Vec<i64> = rows
            .iter()
            .skip(f.offset)
            .take(limit)
            .map(|r| r.1)
            .collect();
        self.events_by_number(&page)
    }

    fn actor_names(&self, codes: &[String]) -> Result<BTreeMap<String, String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                // Places carry their country's code ("Quetta" is PAK) but do not name it.
                "SELECT name FROM mentions WHERE code = ?1 AND name != '' AND kind != 'place'
                 LIMIT 1",
            )
            .during("actor names")?;
        let mut out = BTreeMap::new();
        for code in codes {
            if out.contains_key(code) {
                continue;
            }
            let mut rows = stmt.query([code]).during("actor names")?;
            if let Some(row) = rows.next().during("actor names")? {
                out.insert(code.clone(), row.get::<_, String>(0).during("actor names")?);
            }
        }
        Ok(out)
    }
}

impl SqliteStore {
    fn events_by_number(&self, numbers: &[i64]) -> Result<Vec<StoredEvent>, StoreError> {
        if numbers.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; numbers.len()].join(",");
        let sql = format!(
            "SELECT {EVENT_COLUMNS}, e.n FROM events e JOIN articles a ON a.n = e.article
             WHERE e.n IN ({marks})"
        );
        let mut stmt = self.conn.prepare(&sql).during("dyad events")?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(numbers.iter()))
            .during("dyad events")?;
        let mut found = std::collections::HashMap::new();
        while let Some(row) = rows.next().during("dyad events")? {
            let n: i64 = row.get(EVENT_COLUMN_COUNT).during("dyad events")?;
            found.insert(n, event_from_row(row)?);
        }
        Ok(numbers.iter().filter_map(|n| found.remove(n)).collect())
    }
}

#[cfg(test)]
mod summary_tests;
#[cfg(test)]
mod tests;
