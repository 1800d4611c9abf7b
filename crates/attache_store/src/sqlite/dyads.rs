//! What one event writes to `dyads`: a row per (source code × target code) of its sides, with
//! the root codes and PLOVER index the dyad indexes are built on. The summaries count
//! happenings from the same sides (`summaries.rs`), so the rule for a side lives here once.

use std::collections::HashSet;

use attache_model::{Event, EventActor, PloverCategory};
use rusqlite::{params, Transaction};

use super::summaries::Counted;
use crate::error::SqlContext;
use crate::StoreError;

/// The codes one side of an event writes to `dyads`: trimmed, sorted, deduplicated, and `''`
/// alone when the side is empty (so an event with one empty side still has dyad rows).
pub(crate) fn event_sides(actors: &[EventActor]) -> Vec<String> {
    let mut v: Vec<String> = actors.iter().map(|a| a.code.trim().to_string()).collect();
    v.sort();
    v.dedup();
    if v.is_empty() {
        v.push(String::new());
    }
    v
}

/// The country-or-group part of an actor code that dyad queries match on (`PAKGOV` → `PAK`).
pub(crate) fn code_root(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// The PLOVER category as a small integer for the dyad index.
pub(crate) fn plover_index(c: PloverCategory) -> i64 {
    PloverCategory::ALL
        .iter()
        .position(|x| *x == c)
        .unwrap_or(0) as i64
}

/// One row per (source code × target code) of the event's sides ([`event_sides`]); returns
/// the event as the summaries count it (`summaries.rs`), with the values its rows hold.
pub(super) fn insert_dyads(
    tx: &Transaction<'_>,
    e: &Event,
    event_n: i64,
    day: Option<i32>,
    first: bool,
) -> Result<Counted, StoreError> {
    let facts = Counted::of_event(e, event_n, day);
    // Compound actors with one root ("PAKGOV and PAKMIL") give several rows; the first row of
    // each (source root, target root) pair is marked so root-level series count the event once
    // without a DISTINCT.
    let mut roots_seen = HashSet::new();
    for src in &facts.sources {
        for tgt in &facts.targets {
            let root_first =
                roots_seen.insert((code_root(src).to_string(), code_root(tgt).to_string()));
            tx.prepare_cached(
                "INSERT INTO dyads (event, src, tgt, src_root, tgt_root, day, plover, quad,
                   intensity, goldstein, first_report, root_first, counted)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    event_n,
                    src,
                    tgt,
                    code_root(src),
                    code_root(tgt),
                    day,
                    e.plover.as_ref().map(|p| plover_index(p.category)),
                    facts.quad,
                    facts.intensity,
                    e.cameo.goldstein.map(f64::from),
                    first,
                    root_first,
                    facts.counted,
                ])
            })
            .during("insert dyad")?;
        }
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_side_is_its_trimmed_distinct_codes_or_one_empty_code() {
        let actors = |codes: &[&str]| -> Vec<EventActor> {
            codes
                .iter()
                .map(|c| EventActor {
                    code: (*c).into(),
                    ..EventActor::default()
                })
                .collect()
        };
        assert_eq!(
            event_sides(&actors(&["PAKMIL ", "PAKGOV", " PAKMIL"])),
            ["PAKGOV", "PAKMIL"]
        );
        assert_eq!(event_sides(&[]), [""]);
    }
}
