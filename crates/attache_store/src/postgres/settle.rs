//! Settling stories on PostgreSQL (`crate::settle`): one transaction under the write lock
//! ([`WRITE_LOCK`]), so no worker's batch commits between the replay's read and its moves.
//! The articles are read through a cursor, a few thousand rows at a time.

use std::collections::BTreeSet;

use postgres::Transaction;

use super::summaries;
use super::write::{
    add_totals, delete_article, recount_groups, recount_stories, remove_empty_stories,
};
use super::{PgStore, WRITE_LOCK};
use crate::day::now_rfc3339;
use crate::error::SqlContext;
use crate::record::{DuplicateKind, DuplicateOf};
use crate::settle::{
    plan_checkpoints, Aliased, Replay, SettleScope, SettleSummary, StoryDecider, StoryInput,
    StorySettle, CHECKPOINTS_KEPT,
};
use crate::summaries::{SummaryDelta, TotalsChange};
use crate::StoreError;

/// Rows fetched per round trip of the cursor.
const FETCH_ROWS: i64 = 5_000;

impl StorySettle for PgStore {
    fn settle_stories(
        &mut self,
        decider: &mut dyn StoryDecider,
        scope: SettleScope,
    ) -> Result<SettleSummary, StoreError> {
        let now = now_rfc3339();
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction().during("begin settling stories")?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .during("take the write lock")?;
        let pending: Option<i64> = tx
            .query_opt("SELECT pending_from FROM story_settle", &[])
            .during("read the pending mark")?
            .map(|r| r.try_get(0))
            .transpose()
            .during("read the pending mark")?
            .flatten();
        let Some(from) = scope.replay_from(pending) else {
            return Ok(SettleSummary {
                skipped: true,
                ..SettleSummary::default()
            });
        };
        let resumed = resume(&mut tx, decider, from)?;
        let start = resumed.unwrap_or(i64::MIN);
        let mut days = Vec::new();
        for r in tx
            .query(
                "SELECT floor(published_at::numeric / 86400)::bigint * 86400 AS d, COUNT(*)
                 FROM articles WHERE published_at >= $1 GROUP BY d ORDER BY d",
                &[&start],
            )
            .during("count articles per day")?
        {
            let day: i64 = r.try_get(0).during("count articles per day")?;
            let n: i64 = r.try_get(1).during("count articles per day")?;
            days.push((day, n as u64));
        }
        let mut replay = Replay::new(decider, plan_checkpoints(&days), resumed);
        replay_rows(
            &mut tx,
            // The start is written into the cursor's query (a DECLARE takes no parameters);
            // the smallest bigint would be read as a numeric literal, which no index serves.
            &match resumed {
                Some(start) => format!(
                    "WHERE published_at >= {start} AND story_terms <> ''
                     ORDER BY published_at, id"
                ),
                None => "WHERE published_at IS NOT NULL AND story_terms <> ''
                         ORDER BY published_at, id"
                    .to_string(),
            },
            &mut replay,
            &now,
        )?;
        replay_rows(
            &mut tx,
            "WHERE published_at IS NULL AND story_terms <> '' ORDER BY id",
            &mut replay,
            &now,
        )?;
        let touched = replay.touched();
        let profiles = replay.profiles(&touched);
        let mut summary = replay.summary;
        if !replay.changes_nothing() {
            apply(&mut tx, &replay, &touched, profiles, &now, &mut summary)?;
        }
        // Give stories their earliest article's headline: every story, or those of the
        // articles from the replay's start (replayed or not: one stored without terms may be
        // new too) and those the moved articles left.
        let retitle = |filter: &str| {
            format!(
                "UPDATE stories s SET title = f.title FROM (
                   SELECT DISTINCT ON (story_id) story_id, title FROM articles {filter}
                   ORDER BY story_id, published_at NULLS LAST, id) AS f
                 WHERE f.story_id = s.id AND s.title IS DISTINCT FROM f.title"
            )
        };
        let during = "give stories their earliest headline";
        summary.retitled = match scope {
            SettleScope::Everything => tx.execute(&retitle(""), &[]).during(during)?,
            SettleScope::Pending => {
                let left: Vec<String> = replay.left().into_iter().collect();
                tx.execute(
                    &retitle(
                        "WHERE story_id IN (SELECT story_id FROM articles
                                            WHERE published_at >= $1 OR published_at IS NULL
                                            UNION SELECT unnest($2::text[]))",
                    ),
                    &[&start, &left],
                )
                .during(during)?
            }
        };
        tx.execute(
            "DELETE FROM story_checkpoints WHERE boundary NOT IN (
               SELECT boundary FROM story_checkpoints ORDER BY boundary DESC LIMIT $1)",
            &[&(CHECKPOINTS_KEPT as i64)],
        )
        .during("drop old story checkpoints")?;
        tx.execute("UPDATE story_settle SET pending_from = NULL", &[])
            .during("clear the pending mark")?;
        tx.execute("UPDATE changes SET counter = counter + 1", &[])
            .during("count the change")?;
        tx.commit().during("commit settled stories")?;
        Ok(summary)
    }
}

/// Feed the articles `filter` selects to the replay through a cursor, saving the checkpoints
/// it hands back.
fn replay_rows(
    tx: &mut Transaction<'_>,
    filter: &str,
    replay: &mut Replay<'_>,
    now: &str,
) -> Result<(), StoreError> {
    let during = "read articles for stories";
    tx.batch_execute(&format!(
        "DECLARE settle_articles NO SCROLL CURSOR FOR
         SELECT n, id, site, title, day, published_at, content_hash, simhash, story_terms,
                story_id, duplicate_of, duplicate_kind, duplicate_distance
         FROM articles {filter}"
    ))
    .during(during)?;
    loop {
        let rows = tx
            .query(&format!("FETCH {FETCH_ROWS} FROM settle_articles"), &[])
            .during(during)?;
        if rows.is_empty() {
            break;
        }
        for r in &rows {
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
                        duplicate: duplicate_of(r.try_get(10)?, r.try_get(11)?, r.try_get(12)?),
                    },
                ))
            };
            let (n, input) = row().during(during)?;
            if let Some((boundary, state)) = replay.feed(n, input) {
                tx.execute(
                    "INSERT INTO story_checkpoints (boundary, state, saved_at) VALUES ($1, $2, $3)
                     ON CONFLICT (boundary) DO UPDATE SET state = excluded.state,
                                                          saved_at = excluded.saved_at",
                    &[&boundary, &state, &now],
                )
                .during("save a story checkpoint")?;
                replay.summary.checkpoints += 1;
            }
        }
    }
    tx.batch_execute("CLOSE settle_articles").during(during)?;
    Ok(())
}

/// A stored `duplicate_of` with its kind and distance; none when the kind does not parse.
fn duplicate_of(
    id: Option<String>,
    kind: Option<String>,
    distance: Option<i32>,
) -> Option<DuplicateOf> {
    Some(DuplicateOf {
        id: id?,
        kind: DuplicateKind::parse(kind.as_deref()?)?,
        distance: u32::try_from(distance.unwrap_or(0)).unwrap_or(0),
    })
}

/// Restore `decider` from the last checkpoint at or before `from` and return its boundary;
/// `None` (the replay starts at the first article) when there is none or the decider
/// refuses it, and then every checkpoint is dropped: all were saved by the same stage.
fn resume(
    tx: &mut Transaction<'_>,
    decider: &mut dyn StoryDecider,
    from: i64,
) -> Result<Option<i64>, StoreError> {
    let found = tx
        .query_opt(
            "SELECT boundary, state FROM story_checkpoints WHERE boundary <= $1
             ORDER BY boundary DESC LIMIT 1",
            &[&from],
        )
        .during("read a story checkpoint")?;
    if let Some(r) = found {
        let boundary: i64 = r.try_get(0).during("read a story checkpoint")?;
        let state: Vec<u8> = r.try_get(1).during("read a story checkpoint")?;
        if decider.restore(&state) {
            return Ok(Some(boundary));
        }
    }
    tx.execute("DELETE FROM story_checkpoints", &[])
        .during("drop story checkpoints")?;
    Ok(None)
}

/// Turn the aliased articles into alias rows, rewrite the originals that changed, move the
/// articles and their events, then recount the groups and stories they leave and join,
/// remove the emptied stories and write the touched stories' profiles.
fn apply(
    tx: &mut Transaction<'_>,
    replay: &Replay<'_>,
    touched: &BTreeSet<String>,
    profiles: Vec<crate::record::StoryRecord>,
    now: &str,
    summary: &mut SettleSummary,
) -> Result<(), StoreError> {
    let moves = &replay.moves;
    let mut groups = BTreeSet::new();
    let mut delta = SummaryDelta::default();
    let mut totals = TotalsChange::default();
    for a in &replay.aliased {
        groups.extend(summaries::remove_article(tx, &mut delta, a.n)?);
        insert_alias(tx, a, now)?;
        totals.events -= delete_article(tx, a.n)? as i64;
        totals.articles -= 1;
    }
    repoint(tx, &replay.aliased)?;
    for (n, original) in &replay.copies {
        tx.execute(
            "UPDATE articles SET duplicate_of = $2, duplicate_kind = $3, duplicate_distance = $4
             WHERE n = $1",
            &[
                n,
                &original.as_ref().map(|o| o.id.as_str()),
                &original.as_ref().map(|o| o.kind.as_str()),
                &original.as_ref().map(|o| o.distance as i32),
            ],
        )
        .during("rewrite an article's original")?;
    }
    let ns: Vec<i64> = moves.iter().map(|m| m.0).collect();
    let new: Vec<String> = moves.iter().map(|m| m.2.clone()).collect();
    // The groups the moved events leave, then those they join.
    let read_groups = |tx: &mut Transaction<'_>,
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
    summaries::move_first_reports(tx, &mut delta, &groups)?;
    recount_groups(tx, &groups)?;
    summaries::write(tx, &delta)?;
    summary.created = recount_stories(tx, touched, now)?;
    summary.removed = remove_empty_stories(tx, touched)?;
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
    totals.stories = summary.created as i64 - summary.removed as i64;
    add_totals(tx, &totals)
}

/// Remember article `a` as an alias of its original (before its row is deleted).
fn insert_alias(tx: &mut Transaction<'_>, a: &Aliased, now: &str) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO aliases (key, article_id, kind, distance, source, ingested_at)
         SELECT id, $2, $3, $4, source, $5 FROM articles WHERE n = $1
         ON CONFLICT (key) DO NOTHING",
        &[
            &a.n,
            &a.of.id,
            &a.of.kind.as_str(),
            &(a.of.distance as i32),
            &now,
        ],
    )
    .during("turn an article into an alias")?;
    Ok(())
}

/// Point the aliases of aliased articles (`$1`) at their originals (`$2`, in step).
pub(super) const REPOINT_ALIASES: &str = "UPDATE aliases s SET article_id = m.original
     FROM unnest($1::text[], $2::text[]) AS m(aliased, original)
     WHERE s.article_id = m.aliased";

/// Point the copies of aliased articles (`$1`) at their originals (`$2`, in step). The
/// `IS NOT NULL` is the partial index's own condition, spelt out so that the planner need not
/// prove it from the join.
pub(super) const REPOINT_COPIES: &str = "UPDATE articles a SET duplicate_of = m.original
     FROM unnest($1::text[], $2::text[]) AS m(aliased, original)
     WHERE a.duplicate_of = m.aliased AND a.duplicate_of IS NOT NULL";

/// Point the aliases and copies that named an aliased article at its original, in one
/// statement per table, through `aliases_article` and the partial index of copies
/// `articles_duplicate_of` (schema version 15). An original is always a kept article, so one
/// pass suffices.
fn repoint(tx: &mut Transaction<'_>, aliased: &[Aliased]) -> Result<(), StoreError> {
    if aliased.is_empty() {
        return Ok(());
    }
    let from: Vec<&str> = aliased.iter().map(|a| a.id.as_str()).collect();
    let to: Vec<&str> = aliased.iter().map(|a| a.of.id.as_str()).collect();
    let during = "point aliases and copies at the original";
    tx.execute(REPOINT_ALIASES, &[&from, &to]).during(during)?;
    tx.execute(REPOINT_COPIES, &[&from, &to]).during(during)?;
    Ok(())
}
