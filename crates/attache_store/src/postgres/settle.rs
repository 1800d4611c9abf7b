//! Settling stories on PostgreSQL (`crate::settle`): one transaction under the write lock
//! ([`WRITE_LOCK`]), so no worker's batch commits between the replay's read and its moves.
//! The articles are read through a cursor, a few thousand rows at a time.

use std::collections::BTreeSet;

use super::summaries;
use super::write::{recount_groups, recount_stories};
use super::{PgStore, WRITE_LOCK};
use crate::day::now_rfc3339;
use crate::error::SqlContext;
use crate::settle::{decide_all, SettleSummary, StoryDecider, StoryInput, StorySettle};
use crate::summaries::SummaryDelta;
use crate::StoreError;

/// Rows fetched per round trip of the cursor.
const FETCH_ROWS: i64 = 5_000;

impl StorySettle for PgStore {
    fn settle_stories(
        &mut self,
        decider: &mut dyn StoryDecider,
    ) -> Result<SettleSummary, StoreError> {
        let now = now_rfc3339();
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction().during("begin settling stories")?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .during("take the write lock")?;
        tx.batch_execute(
            "DECLARE settle_articles NO SCROLL CURSOR FOR
             SELECT n, id, site, title, day, published_at, content_hash, simhash, story_terms,
                    story_id
             FROM articles WHERE story_terms <> ''
             ORDER BY published_at NULLS LAST, id",
        )
        .during("read articles for stories")?;
        let mut summary = SettleSummary::default();
        let mut moves = Vec::new();
        loop {
            let rows = tx
                .query(&format!("FETCH {FETCH_ROWS} FROM settle_articles"), &[])
                .during("read articles for stories")?;
            if rows.is_empty() {
                break;
            }
            let inputs = rows.iter().map(|r| {
                let row = || -> Result<(i64, StoryInput), postgres::Error> {
                    Ok((
                        r.try_get::<_, i64>(0)?,
                        StoryInput {
                            id: r.try_get(1)?,
                            site: r.try_get(2)?,
                            title: r.try_get(3)?,
                            day: r.try_get(4)?,
                            published_at: r.try_get(5)?,
                            content_hash: r.try_get(6)?,
                            simhash: r.try_get::<_, i64>(7)? as u64,
                            story_terms: r.try_get(8)?,
                            story_id: r.try_get(9)?,
                        },
                    ))
                };
                row().during("read articles for stories")
            });
            let mut part = SettleSummary::default();
            moves.extend(decide_all(inputs, decider, &mut part)?);
            summary.articles += part.articles;
        }
        tx.batch_execute("CLOSE settle_articles")
            .during("read articles for stories")?;
        summary.moved = moves.len() as u64;
        let profiles = decider.finish();
        if !moves.is_empty() {
            apply(&mut tx, &moves, profiles, &now, &mut summary)?;
        }
        summary.retitled = tx
            .execute(
                "UPDATE stories s SET title = f.title FROM (
                   SELECT DISTINCT ON (story_id) story_id, title FROM articles
                   ORDER BY story_id, published_at NULLS LAST, id) AS f
                 WHERE f.story_id = s.id AND s.title IS DISTINCT FROM f.title",
                &[],
            )
            .during("give stories their earliest headline")?;
        tx.execute("UPDATE changes SET counter = counter + 1", &[])
            .during("count the change")?;
        tx.commit().during("commit settled stories")?;
        Ok(summary)
    }
}

/// Move the articles and their events, then recount the groups and stories they leave and
/// join, remove the emptied stories and write the touched stories' profiles.
fn apply(
    tx: &mut postgres::Transaction<'_>,
    moves: &crate::settle::Moves,
    profiles: Vec<crate::record::StoryRecord>,
    now: &str,
    summary: &mut SettleSummary,
) -> Result<(), StoreError> {
    let ns: Vec<i64> = moves.iter().map(|m| m.0).collect();
    let new: Vec<String> = moves.iter().map(|m| m.2.clone()).collect();
    let mut touched: BTreeSet<String> = moves.iter().map(|m| m.1.clone()).collect();
    touched.extend(new.iter().cloned());
    // The groups the moved events leave, then those they join.
    let mut groups = BTreeSet::new();
    let read_groups = |tx: &mut postgres::Transaction<'_>,
                       groups: &mut BTreeSet<(String, String)>|
     -> Result<(), StoreError> {
        for r in tx
            .query(
                "SELECT DISTINCT story_id, event_key FROM events WHERE article = ANY($1)",
                &[&ns],
            )
            .during("read a moved article's events")?
        {
            groups.insert((
                r.try_get(0).during("read a moved article's events")?,
                r.try_get(1).during("read a moved article's events")?,
            ));
        }
        Ok(())
    };
    read_groups(tx, &mut groups)?;
    tx.execute(
        "UPDATE articles a SET story_id = m.story
             FROM unnest($1::bigint[], $2::text[]) AS m(n, story) WHERE a.n = m.n",
        &[&ns, &new],
    )
    .during("move articles")?;
    tx.execute(
        "UPDATE events e SET story_id = m.story
             FROM unnest($1::bigint[], $2::text[]) AS m(n, story) WHERE e.article = m.n",
        &[&ns, &new],
    )
    .during("move articles' events")?;
    read_groups(tx, &mut groups)?;
    let mut delta = SummaryDelta::default();
    summaries::move_first_reports(tx, &mut delta, &groups)?;
    recount_groups(tx, &groups)?;
    summaries::write(tx, &delta)?;
    summary.created = recount_stories(tx, &touched, now)?;
    let ids: Vec<String> = touched.iter().cloned().collect();
    summary.removed = tx
        .execute(
            "DELETE FROM stories s WHERE s.id = ANY($1)
                   AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)",
            &[&ids],
        )
        .during("remove empty stories")?;
    let (pid, profile): (Vec<String>, Vec<String>) = profiles
        .into_iter()
        .filter(|p| touched.contains(&p.id))
        .map(|p| (p.id, p.profile))
        .unzip();
    tx.execute(
        "UPDATE stories s SET profile = p.profile
             FROM unnest($1::text[], $2::text[]) AS p(id, profile) WHERE s.id = p.id",
        &[&pid, &profile],
    )
    .during("write stories' profiles")?;
    let change = summary.created as i64 - summary.removed as i64;
    if change != 0 {
        tx.execute("UPDATE totals SET stories = stories + $1", &[&change])
            .during("count the totals")?;
    }
    Ok(())
}
