//! Settling stories on SQLite (`crate::settle`): one `IMMEDIATE` transaction, so no batch
//! commits between the replay's read and its moves.

use std::collections::BTreeSet;

use rusqlite::{params, OptionalExtension, Transaction};

use super::summaries::SummaryDelta;
use super::write::{recount_group, recount_story, Recount};
use super::SqliteStore;
use crate::day::now_rfc3339;
use crate::error::SqlContext;
use crate::settle::{
    plan_checkpoints, Replay, SettleScope, SettleSummary, StoryDecider, StoryInput, StorySettle,
    CHECKPOINTS_KEPT,
};
use crate::StoreError;

/// The replay's columns, in the order `story_input` reads them.
const COLUMNS: &str = "n, id, site, title, day, published_at, content_hash, simhash, story_terms,
                       story_id";

fn story_input(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, StoryInput)> {
    Ok((
        r.get(0)?,
        StoryInput {
            id: r.get(1)?,
            site: r.get(2)?,
            title: r.get(3)?,
            day: r.get(4)?,
            published_at: r.get(5)?,
            content_hash: r.get(6)?,
            simhash: r.get::<_, i64>(7)? as u64,
            story_terms: r.get(8)?,
            story_id: r.get(9)?,
        },
    ))
}

impl StorySettle for SqliteStore {
    fn settle_stories(
        &mut self,
        decider: &mut dyn StoryDecider,
        scope: SettleScope,
    ) -> Result<SettleSummary, StoreError> {
        let now = now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .during("begin settling stories")?;
        let pending: Option<i64> = tx
            .query_row("SELECT pending_from FROM story_settle", [], |r| r.get(0))
            .optional()
            .during("read the pending mark")?
            .flatten();
        let Some(from) = scope.replay_from(pending) else {
            return Ok(SettleSummary {
                skipped: true,
                ..SettleSummary::default()
            });
        };
        let resumed = resume(&tx, decider, from)?;
        let start = resumed.unwrap_or(i64::MIN);
        let days: Vec<(i64, u64)> = tx
            .prepare(
                "SELECT CASE WHEN published_at >= 0 THEN published_at / 86400
                             ELSE -((-published_at + 86399) / 86400) END * 86400 AS d,
                        COUNT(*)
                 FROM articles WHERE published_at >= ?1 GROUP BY d ORDER BY d",
            )
            .and_then(|mut s| {
                s.query_map([start], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
                    .collect()
            })
            .during("count articles per day")?;
        let mut replay = Replay::new(decider, plan_checkpoints(&days), resumed);
        replay_rows(
            &tx,
            "WHERE published_at >= ?1 AND story_terms != '' ORDER BY published_at, id",
            Some(start),
            &mut replay,
            &now,
        )?;
        replay_rows(
            &tx,
            "WHERE published_at IS NULL AND story_terms != '' ORDER BY id",
            None,
            &mut replay,
            &now,
        )?;
        let touched = replay.touched();
        let profiles = replay.profiles(&touched);
        let mut summary = replay.summary;
        if !replay.moves.is_empty() {
            apply(&tx, &replay.moves, &touched, &profiles, &now, &mut summary)?;
        }
        summary.retitled = match scope {
            SettleScope::Everything => {
                tx.execute(
                    "UPDATE stories SET title = f.title FROM (
                       SELECT story_id, title FROM (
                         SELECT story_id, title, ROW_NUMBER() OVER (PARTITION BY story_id
                           ORDER BY published_at IS NULL, published_at, id) AS r
                         FROM articles)
                       WHERE r = 1) AS f
                     WHERE f.story_id = stories.id AND stories.title IS NOT f.title",
                    [],
                )
                .during("give stories their earliest headline")? as u64
            }
            SettleScope::Pending => {
                let mut stories = replay.left();
                let mut stmt = tx
                    .prepare(
                        "SELECT DISTINCT story_id FROM articles
                         WHERE published_at >= ?1 OR published_at IS NULL",
                    )
                    .during("read the stories to retitle")?;
                let rows = stmt
                    .query_map([start], |r| r.get::<_, String>(0))
                    .during("read the stories to retitle")?;
                for story in rows {
                    stories.insert(story.during("read the stories to retitle")?);
                }
                retitle(&tx, &stories)?
            }
        };
        tx.execute(
            "DELETE FROM story_checkpoints WHERE boundary NOT IN (
               SELECT boundary FROM story_checkpoints ORDER BY boundary DESC LIMIT ?1)",
            [CHECKPOINTS_KEPT as i64],
        )
        .during("drop old story checkpoints")?;
        tx.execute("UPDATE story_settle SET pending_from = NULL", [])
            .during("clear the pending mark")?;
        tx.commit().during("commit settled stories")?;
        Ok(summary)
    }
}

/// Feed the articles `filter` selects (with `start` as its `?1`) to the replay, saving the
/// checkpoints it hands back.
fn replay_rows(
    tx: &Transaction<'_>,
    filter: &str,
    start: Option<i64>,
    replay: &mut Replay<'_>,
    now: &str,
) -> Result<(), StoreError> {
    let during = "read articles for stories";
    let mut stmt = tx
        .prepare(&format!("SELECT {COLUMNS} FROM articles {filter}"))
        .during(during)?;
    let mut rows = match start {
        Some(start) => stmt.query([start]),
        None => stmt.query([]),
    }
    .during(during)?;
    while let Some(row) = rows.next().during(during)? {
        let (n, input) = story_input(row).during(during)?;
        if let Some((boundary, state)) = replay.feed(n, input) {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO story_checkpoints (boundary, state, saved_at)
                 VALUES (?1, ?2, ?3)",
            )
            .and_then(|mut s| s.execute(params![boundary, state, now]))
            .during("save a story checkpoint")?;
            replay.summary.checkpoints += 1;
        }
    }
    Ok(())
}

/// Restore `decider` from the last checkpoint at or before `from` and return its boundary;
/// `None` (the replay starts at the first article) when there is none or the decider
/// refuses it, and then every checkpoint is dropped: all were saved by the same stage.
fn resume(
    tx: &Transaction<'_>,
    decider: &mut dyn StoryDecider,
    from: i64,
) -> Result<Option<i64>, StoreError> {
    let found: Option<(i64, Vec<u8>)> = tx
        .query_row(
            "SELECT boundary, state FROM story_checkpoints WHERE boundary <= ?1
             ORDER BY boundary DESC LIMIT 1",
            [from],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .during("read a story checkpoint")?;
    if let Some((boundary, state)) = found {
        if decider.restore(&state) {
            return Ok(Some(boundary));
        }
    }
    tx.execute("DELETE FROM story_checkpoints", [])
        .during("drop story checkpoints")?;
    Ok(None)
}

/// Give each of `stories` the headline of its earliest article; returns how many changed.
fn retitle(tx: &Transaction<'_>, stories: &BTreeSet<String>) -> Result<u64, StoreError> {
    let mut changed = 0;
    for story in stories {
        changed += tx
            .prepare_cached(
                "UPDATE stories SET title = (
                   SELECT title FROM articles WHERE story_id = ?1
                   ORDER BY published_at IS NULL, published_at, id LIMIT 1)
                 WHERE id = ?1 AND title IS NOT (
                   SELECT title FROM articles WHERE story_id = ?1
                   ORDER BY published_at IS NULL, published_at, id LIMIT 1)",
            )
            .and_then(|mut s| s.execute([story]))
            .during("give a story its earliest headline")? as u64;
    }
    Ok(changed)
}

/// Move the articles and their events, then recount the groups and stories they leave and
/// join, remove the emptied stories and write the touched stories' profiles.
fn apply(
    tx: &Transaction<'_>,
    moves: &crate::settle::Moves,
    touched: &BTreeSet<String>,
    profiles: &[crate::record::StoryRecord],
    now: &str,
    summary: &mut SettleSummary,
) -> Result<(), StoreError> {
    let mut groups = BTreeSet::new();
    for (n, old, new) in moves {
        let keys: Vec<String> = tx
            .prepare_cached("SELECT DISTINCT event_key FROM events WHERE article = ?1")
            .and_then(|mut s| s.query_map([n], |r| r.get(0))?.collect())
            .during("read a moved article's events")?;
        for key in keys {
            groups.insert((old.clone(), key.clone()));
            groups.insert((new.clone(), key));
        }
        tx.prepare_cached("UPDATE articles SET story_id = ?2 WHERE n = ?1")
            .and_then(|mut s| s.execute(params![n, new]))
            .during("move an article")?;
        tx.prepare_cached("UPDATE events SET story_id = ?2 WHERE article = ?1")
            .and_then(|mut s| s.execute(params![n, new]))
            .during("move an article's events")?;
    }
    let mut summaries = SummaryDelta::default();
    for (story, key) in &groups {
        recount_group(tx, story, key, Recount::Left, &mut summaries)?;
    }
    summaries.write(tx)?;
    for story in touched {
        summary.created += u64::from(recount_story(tx, story, now)?);
        summary.removed += tx
            .prepare_cached(
                "DELETE FROM stories WHERE id = ?1
                           AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = ?1)",
            )
            .and_then(|mut s| s.execute([story]))
            .during("remove an empty story")? as u64;
    }
    for p in profiles.iter().filter(|p| touched.contains(&p.id)) {
        tx.prepare_cached("UPDATE stories SET profile = ?2 WHERE id = ?1")
            .and_then(|mut s| s.execute(params![p.id, p.profile]))
            .during("write a story's profile")?;
    }
    let change = summary.created as i64 - summary.removed as i64;
    if change != 0 {
        tx.prepare_cached("UPDATE totals SET stories = stories + ?1")
            .and_then(|mut s| s.execute([change]))
            .during("count the totals")?;
    }
    Ok(())
}
