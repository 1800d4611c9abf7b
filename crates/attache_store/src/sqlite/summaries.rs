//! The actor summaries (`actor_counts`, `actor_pairs`), kept exact by the writer.
//!
//! Both tables count happenings (first reports): per code as a source and as a target, and per
//! (source code, target code) pair. Every change the writer makes to first reports goes
//! through [`SummaryDelta`]: an inserted happening is counted from the sides it writes to
//! `dyads` (trimmed, deduplicated codes: [`event_sides`](super::dyads::event_sides)), and a
//! deleted or recounted happening is uncounted from the `dyads` rows it had, or from the
//! sides it was counted with when the same batch counted it. The deltas of a batch are summed
//! in memory and written once before the batch commits, one upsert per code and pair touched.
//!
//! Schema versions 2 kept these tables with triggers that re-parsed each event's actor JSON on
//! every write; version 3 dropped them for this (see SCHEMA.md).

use std::collections::BTreeMap;

use rusqlite::{params, Transaction};

use crate::error::SqlContext;
use crate::StoreError;

/// Changes to the summaries made by one batch, not yet written.
#[derive(Debug, Default)]
pub(super) struct SummaryDelta {
    /// code → (change as source, change as target).
    counts: BTreeMap<String, (i64, i64)>,
    /// (source code, target code) → change.
    pairs: BTreeMap<(String, String), i64>,
}

/// One `dyads` row as the summaries see it: (event, source code, target code).
type DyadRow = (i64, String, String);

impl SummaryDelta {
    /// Count (`sign` 1) or uncount (`sign` -1) one happening with these sides, as written by
    /// [`event_sides`](super::dyads::event_sides): each non-empty code once per side, each
    /// pair of non-empty codes once.
    pub(super) fn add_event(&mut self, sources: &[String], targets: &[String], sign: i64) {
        let targets = || targets.iter().filter(|c| !c.is_empty());
        for src in sources.iter().filter(|c| !c.is_empty()) {
            self.counts.entry(src.clone()).or_default().0 += sign;
            for tgt in targets() {
                *self.pairs.entry((src.clone(), tgt.clone())).or_default() += sign;
            }
        }
        for tgt in targets() {
            self.counts.entry(tgt.clone()).or_default().1 += sign;
        }
    }

    /// Count or uncount the happenings whose `dyads` rows these are. An event's rows are the
    /// product of its two sides, so its sides are the distinct codes of its rows.
    fn add_rows(&mut self, mut rows: Vec<DyadRow>, sign: i64) {
        rows.sort_unstable();
        for event in rows.chunk_by(|a, b| a.0 == b.0) {
            let side = |pick: fn(&DyadRow) -> &String| {
                let mut codes: Vec<String> = event.iter().map(|r| pick(r).clone()).collect();
                codes.sort_unstable();
                codes.dedup();
                codes
            };
            self.add_event(&side(|r| &r.1), &side(|r| &r.2), sign);
        }
    }

    /// Uncount the happenings of an article about to lose its events (a replaced page), and
    /// return the (story, key) groups its events leave (with repeats), to be recounted. One
    /// query reads both: every event of the article, with its `dyads` rows when it was a
    /// first report. Call before the article's rows are deleted.
    pub(super) fn remove_article(
        &mut self,
        tx: &Transaction<'_>,
        article: i64,
    ) -> Result<Vec<(String, String)>, StoreError> {
        type Row = ((String, String), Option<DyadRow>);
        let rows = tx
            .prepare_cached(
                "SELECT e.story_id, e.event_key, d.event, d.src, d.tgt
                 FROM events e LEFT JOIN dyads d ON d.event = e.n AND d.first_report = 1
                 WHERE e.article = ?1",
            )
            .and_then(|mut s| {
                s.query_map([article], |r| {
                    let group = (r.get(0)?, r.get(1)?);
                    let dyad = match r.get::<_, Option<i64>>(2)? {
                        Some(event) => Some((event, r.get(3)?, r.get(4)?)),
                        None => None,
                    };
                    Ok((group, dyad))
                })?
                .collect::<Result<Vec<Row>, _>>()
            })
            .during("read replaced events")?;
        let (groups, dyads): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
        self.add_rows(dyads.into_iter().flatten().collect(), -1);
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
            .prepare_cached(
                "SELECT event, src, tgt, first_report FROM dyads
                 WHERE event IN (SELECT n FROM events WHERE story_id = ?1 AND event_key = ?2)
                   AND first_report != (event = ?3)",
            )
            .and_then(|mut s| {
                s.query_map(params![story, key, first], |r| {
                    Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get::<_, bool>(3)?))
                })?
                .collect::<Result<Vec<(DyadRow, bool)>, _>>()
            })
            .during("read recounted dyads")?;
        let (was_first, becomes_first): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.1);
        self.add_rows(was_first.into_iter().map(|r| r.0).collect(), -1);
        self.add_rows(becomes_first.into_iter().map(|r| r.0).collect(), 1);
        Ok(())
    }

    /// Write the summed changes (codes and pairs whose changes cancel are not touched).
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
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| (*c).to_string()).collect()
    }

    #[test]
    fn uncounting_an_event_from_its_dyad_rows_undoes_counting_it() {
        let mut d = SummaryDelta::default();
        let (src, tgt) = (codes(&["PAKGOV", "PAKMIL"]), codes(&["AFG"]));
        d.add_event(&src, &tgt, 1);
        d.add_event(&codes(&["IND"]), &codes(&[""]), 1);
        assert_eq!(d.counts.get("AFG"), Some(&(0, 1)));
        assert_eq!(d.pairs.len(), 2);
        let rows = vec![
            (7, "PAKMIL".to_string(), "AFG".to_string()),
            (9, "IND".to_string(), String::new()),
            (7, "PAKGOV".to_string(), "AFG".to_string()),
        ];
        d.add_rows(rows, -1);
        assert!(d.counts.values().all(|c| *c == (0, 0)), "{d:?}");
        assert!(d.pairs.values().all(|n| *n == 0), "{d:?}");
    }
}
