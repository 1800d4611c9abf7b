//! Settling stories on SQLite (`crate::settle`): one `IMMEDIATE` transaction, so no batch
//! commits between the replay's read and its moves.

use std::collections::BTreeSet;

use rusqlite::{params, OptionalExtension, Transaction};

use super::summaries::SummaryDelta;
use super::write::{
    add_totals, delete_layers, recount_group, recount_story, remove_empty_story, Recount,
};
use super::SqliteStore;
use crate::day::now_rfc3339;
use crate::error::SqlContext;
use crate::record::{DuplicateKind, DuplicateOf};
use crate::settle::{
    plan_checkpoints, Aliased, Replay, SettleScope, SettleSummary, StoryDecider, StoryInput,
    StorySettle, CHECKPOINTS_KEPT,
};
use crate::StoreError;

/// The replay's columns, in the order `story_input` reads them.
const COLUMNS: &str = "n, id, site, title, day, published_at, content_hash, simhash, story_terms,
                       story_id, duplicate_of, duplicate_kind, duplicate_distance";

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
            duplicate: duplicate_of(r.get(10)?, r.get(11)?, r.get(12)?),
        },
    ))
}

/// A stored `duplicate_of` with its kind and distance; none when the kind does not parse.
pub(super) fn duplicate_of(
    id: Option<String>,
    kind: Option<String>,
    distance: Option<i64>,
) -> Option<DuplicateOf> {
    Some(DuplicateOf {
        id: id?,
        kind: DuplicateKind::parse(kind.as_deref()?)?,
        distance: u32::try_from(distance.unwrap_or(0)).unwrap_or(0),
    })
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
        if !replay.changes_nothing() {
            apply(&tx, &replay, &touched, &profiles, &now, &mut summary)?;
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

/// Turn the aliased articles into alias rows, rewrite the originals that changed, move the
/// articles and their events, then recount the groups and stories they leave and join,
/// remove the emptied stories and write the touched stories' profiles.
fn apply(
    tx: &Transaction<'_>,
    replay: &Replay<'_>,
    touched: &BTreeSet<String>,
    profiles: &[crate::record::StoryRecord],
    now: &str,
    summary: &mut SettleSummary,
) -> Result<(), StoreError> {
    let mut groups = BTreeSet::new();
    let mut summaries = SummaryDelta::default();
    let mut totals = crate::summaries::TotalsChange::default();
    for a in &replay.aliased {
        groups.extend(summaries.remove_article(tx, a.n)?);
        totals.events -= delete_layers(tx, a.n)? as i64;
        alias(tx, a, now)?;
        totals.articles -= 1;
    }
    for (n, original) in &replay.copies {
        tx.prepare_cached(
            "UPDATE articles SET duplicate_of = ?2, duplicate_kind = ?3, duplicate_distance = ?4
             WHERE n = ?1",
        )
        .and_then(|mut s| {
            s.execute(params![
                n,
                original.as_ref().map(|o| o.id.as_str()),
                original.as_ref().map(|o| o.kind.as_str()),
                original.as_ref().map(|o| o.distance)
            ])
        })
        .during("rewrite an article's original")?;
    }
    for (n, old, new) in &replay.moves {
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
    for (story, key) in &groups {
        recount_group(tx, story, key, Recount::Left, &mut summaries)?;
    }
    summaries.write(tx)?;
    for story in touched {
        summary.created += u64::from(recount_story(tx, story, now)?);
        summary.removed += u64::from(remove_empty_story(tx, story)?);
    }
    for p in profiles.iter().filter(|p| touched.contains(&p.id)) {
        tx.prepare_cached("UPDATE stories SET profile = ?2 WHERE id = ?1")
            .and_then(|mut s| s.execute(params![p.id, p.profile]))
            .during("write a story's profile")?;
    }
    totals.stories = summary.created as i64 - summary.removed as i64;
    add_totals(tx, &totals)
}

/// Point the aliases of an aliased article (`?1`) at its original (`?2`), through
/// `aliases_article` (schema version 13).
pub(super) const REPOINT_ALIASES: &str = "UPDATE aliases SET article_id = ?2 WHERE article_id = ?1";

/// Point the copies of an aliased article (`?1`) at its original (`?2`), through the partial
/// index of copies `articles_duplicate_of` (schema version 13).
pub(super) const REPOINT_COPIES: &str =
    "UPDATE articles SET duplicate_of = ?2 WHERE duplicate_of = ?1";

/// Remember article `a` (its layers already deleted) as an alias of its original and delete
/// its row; the aliases and copies that named it name its original instead.
fn alias(tx: &Transaction<'_>, a: &Aliased, now: &str) -> Result<(), StoreError> {
    let during = "turn an article into an alias";
    tx.prepare_cached(
        "INSERT OR IGNORE INTO aliases (key, article_id, kind, distance, source, ingested_at)
         SELECT id, ?2, ?3, ?4, source, ?5 FROM articles WHERE n = ?1",
    )
    .and_then(|mut s| {
        s.execute(params![
            a.n,
            a.of.id,
            a.of.kind.as_str(),
            a.of.distance,
            now
        ])
    })
    .during(during)?;
    tx.prepare_cached(REPOINT_ALIASES)
        .and_then(|mut s| s.execute(params![a.id, a.of.id]))
        .during(during)?;
    tx.prepare_cached(REPOINT_COPIES)
        .and_then(|mut s| s.execute(params![a.id, a.of.id]))
        .during(during)?;
    tx.prepare_cached("DELETE FROM articles WHERE n = ?1")
        .and_then(|mut s| s.execute([a.n]))
        .during(during)?;
    Ok(())
}
