//! Settling stories on SQLite (`crate::settle`): one `IMMEDIATE` transaction, so no batch
//! commits between the replay's read and its moves.

use std::collections::BTreeSet;

use rusqlite::params;

use super::summaries::SummaryDelta;
use super::write::{recount_group, recount_story, Recount};
use super::SqliteStore;
use crate::day::now_rfc3339;
use crate::error::SqlContext;
use crate::settle::{decide_all, SettleSummary, StoryDecider, StoryInput, StorySettle};
use crate::StoreError;

impl StorySettle for SqliteStore {
    fn settle_stories(
        &mut self,
        decider: &mut dyn StoryDecider,
    ) -> Result<SettleSummary, StoreError> {
        let now = now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .during("begin settling stories")?;
        let mut summary = SettleSummary::default();
        let moves = {
            let mut stmt = tx
                .prepare(
                    "SELECT n, id, site, title, day, published_at, content_hash, simhash,
                            story_terms, story_id
                     FROM articles WHERE story_terms != ''
                     ORDER BY published_at IS NULL, published_at, id",
                )
                .during("read articles for stories")?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
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
                })
                .during("read articles for stories")?;
            decide_all(
                rows.map(|r| r.during("read articles for stories")),
                decider,
                &mut summary,
            )?
        };
        let profiles = decider.finish();
        if !moves.is_empty() {
            apply(&tx, &moves, &profiles, &now, &mut summary)?;
        }
        summary.retitled = tx
            .execute(
                "UPDATE stories SET title = f.title FROM (
                   SELECT story_id, title FROM (
                     SELECT story_id, title, ROW_NUMBER() OVER (PARTITION BY story_id
                       ORDER BY published_at IS NULL, published_at, id) AS r
                     FROM articles)
                   WHERE r = 1) AS f
                 WHERE f.story_id = stories.id AND stories.title IS NOT f.title",
                [],
            )
            .during("give stories their earliest headline")? as u64;
        tx.commit().during("commit settled stories")?;
        Ok(summary)
    }
}

/// Move the articles and their events, then recount the groups and stories they leave and
/// join, remove the emptied stories and write the touched stories' profiles.
fn apply(
    tx: &rusqlite::Transaction<'_>,
    moves: &crate::settle::Moves,
    profiles: &[crate::record::StoryRecord],
    now: &str,
    summary: &mut SettleSummary,
) -> Result<(), StoreError> {
    let mut groups = BTreeSet::new();
    let mut touched = BTreeSet::new();
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
        touched.insert(old.clone());
        touched.insert(new.clone());
    }
    let mut summaries = SummaryDelta::default();
    for (story, key) in &groups {
        recount_group(tx, story, key, Recount::Left, &mut summaries)?;
    }
    summaries.write(tx)?;
    for story in &touched {
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
