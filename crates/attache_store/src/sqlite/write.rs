//! Writes: one transaction per batch, idempotent by article id and content hash, with
//! corroboration counts kept per (story, event key) group.

use std::collections::HashSet;

use attache_model::{Dating, Event};
use rusqlite::{params, OptionalExtension, Transaction};

use super::dyads::insert_dyads;
use super::summaries::SummaryDelta;
use super::SqliteStore;
use crate::day::{day_number, now_rfc3339};
use crate::error::SqlContext;
use crate::record::{
    replaces_same_page, Batch, BatchSummary, DocumentRecord, Known, StoredFingerprint, StoryRecord,
};
use crate::settle;
use crate::summaries::TotalsChange;
use crate::{Bookkeeping, IngestState, StoreError, StoreWrite};

impl IngestState for SqliteStore {
    fn lookup(&self, id: &str, content_hash: &str) -> Result<Known, StoreError> {
        let c = &self.conn;
        let same_id_hash = c
            .prepare_cached("SELECT content_hash FROM articles WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .during("lookup by id")?;
        let alias_of = c
            .prepare_cached("SELECT article_id FROM aliases WHERE key = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .during("lookup alias")?;
        let same_text = c
            .prepare_cached(
                "SELECT id, site, story_id FROM articles WHERE content_hash = ?1 ORDER BY n LIMIT 1",
            )
            .and_then(|mut s| {
                s.query_row([content_hash], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()
            })
            .during("lookup by content hash")?;
        Ok(Known {
            same_id_hash,
            alias_of,
            same_text,
        })
    }

    fn recent_fingerprints(&self, limit: usize) -> Result<Vec<StoredFingerprint>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, simhash, site, story_id, day FROM articles ORDER BY n DESC LIMIT ?1",
            )
            .during("read fingerprints")?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(StoredFingerprint {
                    id: r.get(0)?,
                    simhash: r.get::<_, i64>(1)? as u64,
                    site: r.get(2)?,
                    story_id: r.get(3)?,
                    day: r.get(4)?,
                })
            })
            .during("read fingerprints")?;
        rows.collect::<Result<Vec<_>, _>>()
            .during("read fingerprints")
    }

    fn recent_stories(&self, limit: usize) -> Result<Vec<StoryRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, title, first_day, last_day, profile FROM stories
                 ORDER BY updated_at DESC, n DESC LIMIT ?1",
            )
            .during("read stories")?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(StoryRecord {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    first_day: r.get(2)?,
                    last_day: r.get(3)?,
                    profile: r.get(4)?,
                })
            })
            .during("read stories")?;
        rows.collect::<Result<Vec<_>, _>>().during("read stories")
    }

    fn published_at_of(&self, id: &str) -> Result<Option<Option<i64>>, StoreError> {
        self.conn
            .prepare_cached("SELECT published_at FROM articles WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .during("look up a publication time")
    }
}

impl StoreWrite for SqliteStore {
    fn put_batch(&mut self, batch: &Batch) -> Result<BatchSummary, StoreError> {
        let now = now_rfc3339();
        // IMMEDIATE: take the write lock before the batch's first read. A deferred
        // transaction reads first, and when another ingest commits meanwhile its snapshot is
        // stale, so its first write fails at once with "database is locked" (the busy timeout
        // never applies); waiting for the lock up front lets the busy timeout do its job.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .during("begin batch")?;
        let mut changes = Changes::default();
        for record in &batch.documents {
            put_document(&tx, record, &now, &mut changes)?;
        }
        let Changes {
            summary,
            groups,
            mut stories,
            mut summaries,
            mut totals,
            settle_from,
        } = changes;
        if let Some(from) = settle_from {
            mark_pending(&tx, from)?;
        }
        for alias in &batch.aliases {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO aliases (key, article_id, kind, distance, source, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    alias.key,
                    alias.article_id,
                    alias.kind.as_str(),
                    alias.distance,
                    alias.source,
                    now
                ])
            })
            .during("insert alias")?;
        }
        for story in &batch.stories {
            totals.stories += i64::from(upsert_story(&tx, story, &now)?);
            stories.insert(story.id.clone());
        }
        for (story, key) in &groups.left {
            recount_group(&tx, story, key, Recount::Left, &mut summaries)?;
        }
        for group in &groups.joined {
            if !groups.left.contains(group) {
                recount_group(&tx, &group.0, &group.1, Recount::Joined, &mut summaries)?;
            }
        }
        summaries.write(&tx)?;
        for story in &stories {
            totals.stories += i64::from(recount_story(&tx, story, &now)?);
            totals.stories -= i64::from(remove_empty_story(&tx, story)?);
        }
        add_totals(&tx, &totals)?;
        for cp in &batch.checkpoints {
            tx.prepare_cached(
                "INSERT INTO checkpoints (source, records, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(source) DO UPDATE SET records = excluded.records,
                                                   updated_at = excluded.updated_at",
            )
            .and_then(|mut s| s.execute(params![cp.source, cp.records as i64, now]))
            .during("write checkpoint")?;
        }
        for (url, outcome) in &batch.fetched {
            tx.prepare_cached(
                "INSERT INTO fetched (url, outcome, fetched_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(url) DO UPDATE SET outcome = excluded.outcome,
                                                fetched_at = excluded.fetched_at",
            )
            .and_then(|mut s| s.execute(params![url, outcome, now]))
            .during("remember fetched URL")?;
        }
        tx.commit().during("commit batch")?;
        Ok(summary)
    }
}

impl Bookkeeping for SqliteStore {
    fn checkpoint(&self, source: &str) -> Result<Option<u64>, StoreError> {
        self.conn
            .prepare_cached("SELECT records FROM checkpoints WHERE source = ?1")
            .and_then(|mut s| s.query_row([source], |r| r.get::<_, i64>(0)).optional())
            .map(|v| v.map(|n| n.max(0) as u64))
            .during("read checkpoint")
    }

    fn was_fetched(&self, url: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT 1 FROM fetched WHERE url = ?1")
            .and_then(|mut s| s.exists([url]))
            .during("look up fetched URL")
    }

    fn record_run(
        &mut self,
        started_at: &str,
        command: &str,
        report_json: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO runs (started_at, finished_at, command, report) VALUES (?1, ?2, ?3, ?4)",
                params![started_at, now_rfc3339(), command, report_json],
            )
            .during("record run")?;
        Ok(())
    }
}

/// Lower the settle's pending mark to `from` and drop the story checkpoints after it: their
/// states were replayed over an article that has changed since.
fn mark_pending(tx: &Transaction<'_>, from: i64) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE story_settle SET pending_from = MIN(COALESCE(pending_from, ?1), ?1)")
        .and_then(|mut s| s.execute([from]))
        .during("mark the stories unsettled")?;
    tx.prepare_cached("DELETE FROM story_checkpoints WHERE boundary > ?1")
        .and_then(|mut s| s.execute([from]))
        .during("drop outdated story checkpoints")?;
    Ok(())
}

fn json(value: &impl serde::Serialize) -> String {
    // Serialising our own plain structs cannot fail; an empty array keeps the column valid.
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_string())
}

/// The (story, event key) groups a batch touched: `joined` gained events, `left` lost some
/// (a replaced article), and those must be recounted even when one article remains.
#[derive(Default)]
struct Groups {
    /// Each group that gained events.
    joined: HashSet<(String, String)>,
    left: HashSet<(String, String)>,
}

/// What writing the batch's documents changes beyond their own rows: the batch's counters,
/// the groups and stories to recount, the actor summaries.
#[derive(Default)]
struct Changes {
    summary: BatchSummary,
    groups: Groups,
    stories: HashSet<String>,
    summaries: SummaryDelta,
    /// Rows added to `articles`, `events` and `stories` less rows removed, for `totals`.
    totals: TotalsChange,
    /// The earliest place in the settle's order of an article written (or replaced).
    settle_from: Option<i64>,
}

impl Changes {
    fn settle_from(&mut self, published_at: Option<i64>) {
        let p = settle::position(published_at);
        self.settle_from = Some(self.settle_from.map_or(p, |q| q.min(p)));
    }
}

fn put_document(
    tx: &Transaction<'_>,
    record: &DocumentRecord,
    now: &str,
    changes: &mut Changes,
) -> Result<(), StoreError> {
    let existing: Option<(i64, String, String, Option<i64>)> = tx
        .prepare_cached(
            "SELECT n, content_hash, story_id, published_at FROM articles WHERE id = ?1",
        )
        .and_then(|mut s| {
            s.query_row([&record.id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()
        })
        .during("look up article")?;
    let a = &record.document.article;
    let day = a
        .published
        .as_deref()
        .and_then(day_number)
        .or_else(|| record.provenance.fetched_at.as_deref().and_then(day_number));
    let (dup_of, dup_kind, dup_distance) = match &record.duplicate {
        Some(d) => (Some(d.id.as_str()), Some(d.kind.as_str()), Some(d.distance)),
        None => (None, None, None),
    };
    let values = params![
        record.id,
        a.url,
        record.canonical_url,
        a.site,
        a.title,
        a.standfirst,
        json(&a.bylines),
        a.published,
        a.modified,
        a.dateline,
        a.language,
        a.text,
        day,
        record.content_hash,
        record.simhash as i64,
        dup_of,
        dup_kind,
        dup_distance,
        record.story_id,
        json(&record.document.sentences),
        json(&record.document.warnings),
        record.provenance.source,
        record.provenance.fetched_url,
        record.provenance.fetched_at,
        now,
        record.published_at(),
        record.story_terms,
    ];
    let n = match existing {
        Some((_, hash, _, old_published_at))
            if hash == record.content_hash
                && !replaces_same_page(record.published_at(), old_published_at) =>
        {
            changes.summary.unchanged += 1;
            return Ok(());
        }
        Some((n, _, old_story, old_published_at)) => {
            changes.settle_from(old_published_at);
            // The page changed, or the same page was fetched earlier: replace the article and
            // all its layers, and recount the groups and story it leaves.
            let left = changes.summaries.remove_article(tx, n)?;
            changes.groups.left.extend(left);
            changes.stories.insert(old_story);
            changes.totals.events -= delete_layers(tx, n)? as i64;
            tx.prepare_cached(
                "UPDATE articles SET id = ?1, url = ?2, canonical_url = ?3, site = ?4, title = ?5,
                   standfirst = ?6, bylines = ?7, published = ?8, modified = ?9, dateline = ?10,
                   language = ?11, text = ?12, day = ?13, content_hash = ?14, simhash = ?15,
                   duplicate_of = ?16, duplicate_kind = ?17, duplicate_distance = ?18,
                   story_id = ?19, sentences = ?20, warnings = ?21, source = ?22,
                   fetched_url = ?23, fetched_at = ?24, ingested_at = ?25,
                   published_at = ?26, story_terms = ?27
                 WHERE n = ?28",
            )
            .and_then(|mut s| {
                let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
                all.push(&n);
                s.execute(all.as_slice())
            })
            .during("update article")?;
            changes.summary.updated += 1;
            n
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO articles (id, url, canonical_url, site, title, standfirst, bylines,
                   published, modified, dateline, language, text, day, content_hash, simhash,
                   duplicate_of, duplicate_kind, duplicate_distance, story_id, sentences,
                   warnings, source, fetched_url, fetched_at, ingested_at, published_at,
                   story_terms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                         ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
            )
            .and_then(|mut s| s.execute(values))
            .during("insert article")?;
            changes.summary.inserted += 1;
            changes.totals.articles += 1;
            tx.last_insert_rowid()
        }
    };
    changes.settle_from(record.published_at());
    changes.stories.insert(record.story_id.clone());
    for m in &record.document.mentions {
        tx.prepare_cached(
            "INSERT INTO mentions (article, start, end, sentence, kind, code, name, why)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .and_then(|mut s| {
            s.execute(params![
                n,
                m.span.start as i64,
                m.span.end as i64,
                m.sentence as i64,
                json(&m.kind).trim_matches('"'),
                m.code,
                m.name,
                m.why
            ])
        })
        .during("insert mention")?;
    }
    let mut keys_seen = HashSet::new();
    for (i, event) in record.document.events.iter().enumerate() {
        let id = format!("{}-{i}", record.id);
        let key = record
            .event_keys
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("uncorroborated:{id}"));
        let first = keys_seen.insert(key.clone());
        let day = event.date.as_deref().and_then(day_number).or(day);
        let event_n = insert_event(tx, event, &id, n, &record.story_id, &key, day, first)?;
        let facts = insert_dyads(tx, event, event_n, day, first)?;
        changes.summaries.count_report(&facts, 1);
        changes.groups.joined.insert((record.story_id.clone(), key));
        if first {
            changes.summaries.count_first(&facts, 1);
        }
        changes.summary.events += 1;
        changes.totals.events += 1;
    }
    Ok(())
}

/// Delete the layers of article `n` (its events' dyad rows, its events, its mentions) before
/// it is written again; returns how many events it had.
pub(super) fn delete_layers(tx: &Transaction<'_>, n: i64) -> Result<usize, StoreError> {
    tx.prepare_cached("DELETE FROM dyads WHERE event IN (SELECT n FROM events WHERE article = ?1)")
        .and_then(|mut s| s.execute([n]))
        .during("delete old dyads")?;
    let events = tx
        .prepare_cached("DELETE FROM events WHERE article = ?1")
        .and_then(|mut s| s.execute([n]))
        .during("delete old events")?;
    tx.prepare_cached("DELETE FROM mentions WHERE article = ?1")
        .and_then(|mut s| s.execute([n]))
        .during("delete old mentions")?;
    Ok(events)
}

#[allow(clippy::too_many_arguments)]
fn insert_event(
    tx: &Transaction<'_>,
    e: &Event,
    id: &str,
    article: i64,
    story: &str,
    key: &str,
    day: Option<i32>,
    first: bool,
) -> Result<i64, StoreError> {
    let codes = |actors: &[attache_model::EventActor]| {
        actors
            .iter()
            .map(|a| a.code.as_str())
            .collect::<Vec<_>>()
            .join(";")
    };
    let claimed = e.claimed_by.as_ref().map(json);
    let location = e.location.as_ref().map(json);
    tx.prepare_cached(
        "INSERT INTO events (id, coder_id, article, story_id, event_key, sentence, source, target,
           source_codes, target_codes, plover, plover_mode, plover_contexts, intensity, cameo,
           goldstein, quad_class, modality, claimed_by, location, location_name,
           location_country, date, day, evidence_start, evidence_end, evidence_text, rule,
           mentions, first_report, counted, dating)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)",
    )
    .and_then(|mut s| {
        s.execute(params![
            id,
            e.id,
            article,
            story,
            key,
            e.sentence as i64,
            json(&e.source),
            json(&e.target),
            codes(&e.source),
            codes(&e.target),
            e.plover.as_ref().map(|p| p.category.as_str()),
            e.plover.as_ref().and_then(|p| p.mode.as_deref()),
            json(
                &e.plover
                    .as_ref()
                    .map(|p| p.contexts.clone())
                    .unwrap_or_default()
            ),
            e.plover.as_ref().map(|p| f64::from(p.intensity)),
            e.cameo.code,
            e.cameo.goldstein.map(f64::from),
            e.cameo.quad_class.map(u8::from),
            e.modality.as_str(),
            claimed,
            location,
            e.location.as_ref().map(|l| l.name.as_str()),
            e.location.as_ref().and_then(|l| l.country.as_deref()),
            e.date,
            day,
            e.evidence.start as i64,
            e.evidence.end as i64,
            e.evidence.text,
            e.rule,
            e.mentions as i64,
            first,
            e.is_happening(),
            (e.dating != Dating::default()).then(|| json(&e.dating)),
        ])
    })
    .during("insert event")?;
    Ok(tx.last_insert_rowid())
}

/// Write a story record; true when the story was not stored before. The insert says by the
/// rows it changed whether it created the story (an upsert changes one row either way); a
/// known story's title (when the record has one), profile and time are updated. A story is
/// created only with an article in it: a writer's stage may name a story for an article
/// its batch then stores in another one, and that story would stay an empty row no settle
/// touches (one more story than a single process makes).
fn upsert_story(tx: &Transaction<'_>, story: &StoryRecord, now: &str) -> Result<bool, StoreError> {
    let created = tx
        .prepare_cached(
            "INSERT INTO stories (id, title, first_day, last_day, profile, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6
             WHERE EXISTS (SELECT 1 FROM articles WHERE story_id = ?1)
             ON CONFLICT(id) DO NOTHING",
        )
        .and_then(|mut s| {
            s.execute(params![
                story.id,
                story.title,
                story.first_day,
                story.last_day,
                story.profile,
                now
            ])
        })
        .during("write story")?;
    if created == 0 {
        tx.prepare_cached(
            "UPDATE stories SET title = COALESCE(title, ?2), profile = ?3, updated_at = ?4
             WHERE id = ?1",
        )
        .and_then(|mut s| s.execute(params![story.id, story.title, story.profile, now]))
        .during("write story")?;
    }
    Ok(created > 0)
}

/// Add a write's or a settle's change to the one-row `totals`.
pub(super) fn add_totals(
    tx: &Transaction<'_>,
    totals: &crate::summaries::TotalsChange,
) -> Result<(), StoreError> {
    if !totals.is_none() {
        tx.prepare_cached(
            "UPDATE totals SET articles = articles + ?1, events = events + ?2,
                               stories = stories + ?3",
        )
        .and_then(|mut s| s.execute(params![totals.articles, totals.events, totals.stories]))
        .during("count the totals")?;
    }
    Ok(())
}

/// Why a (story, key) group is recounted.
pub(super) enum Recount {
    /// It lost events (a replaced article, an article moved to another story).
    Left,
    /// It only gained events: when they all lie within one article, the marks written with
    /// them are right (the article's first event of each key is its first report).
    Joined,
}

/// The first report of a group: the event of the article published first, ties (and
/// undated articles, which come last) broken by article id, then the article's first event.
/// Neither the order of storing nor the row numbers matter, so any number of writers storing
/// the same articles in any order mark the same report.
pub(super) const FIRST_REPORT: &str = "SELECT e.n FROM events e JOIN articles a ON a.n = e.article
     WHERE e.story_id = ?1 AND e.event_key = ?2
     ORDER BY a.published_at IS NULL, a.published_at, a.id, e.n LIMIT 1";

/// Recount how many articles and outlets report the happening of one (story, key) group, and
/// which report came first ([`FIRST_REPORT`]; the actor summaries follow the first report).
/// A group that only gained events and lies within one article is left as written.
pub(super) fn recount_group(
    tx: &Transaction<'_>,
    story: &str,
    key: &str,
    why: Recount,
    summaries: &mut SummaryDelta,
) -> Result<(), StoreError> {
    let (articles, sources): (i64, i64) = tx
        .prepare_cached(
            "SELECT COUNT(DISTINCT e.article), COUNT(DISTINCT COALESCE(a.site, a.id))
             FROM events e JOIN articles a ON a.n = e.article
             WHERE e.story_id = ?1 AND e.event_key = ?2",
        )
        .and_then(|mut s| s.query_row([story, key], |r| Ok((r.get(0)?, r.get(1)?))))
        .during("count corroboration")?;
    if articles == 0 || (matches!(why, Recount::Joined) && articles <= 1) {
        return Ok(());
    }
    let first: i64 = tx
        .prepare_cached(FIRST_REPORT)
        .and_then(|mut s| s.query_row([story, key], |r| r.get(0)))
        .during("find the first report")?;
    summaries.move_first_report(tx, story, key, first)?;
    tx.prepare_cached(
        "UPDATE events SET num_articles = ?3, num_sources = ?4, first_report = (n = ?5)
         WHERE story_id = ?1 AND event_key = ?2",
    )
    .and_then(|mut s| s.execute(params![story, key, articles, sources, first]))
    .during("write corroboration")?;
    tx.prepare_cached(
        "UPDATE dyads SET first_report = (dyads.event = ?3)
         WHERE event IN (SELECT n FROM events WHERE story_id = ?1 AND event_key = ?2)",
    )
    .and_then(|mut s| s.execute(params![story, key, first]))
    .during("write corroboration")?;
    Ok(())
}

/// Remove `story` when no article is left in it (a story is stored only with an article in
/// it); true when it was removed. A replaced page that moves to another story leaves its old
/// one, as a settle's move does.
pub(super) fn remove_empty_story(tx: &Transaction<'_>, story: &str) -> Result<bool, StoreError> {
    let removed = tx
        .prepare_cached(
            "DELETE FROM stories WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = ?1)",
        )
        .and_then(|mut s| s.execute([story]))
        .during("remove an empty story")?;
    Ok(removed > 0)
}

/// Recount a story's articles, outlets, happenings and days, creating it when it is not
/// stored yet; true when it was created.
pub(super) fn recount_story(
    tx: &Transaction<'_>,
    story: &str,
    now: &str,
) -> Result<bool, StoreError> {
    let created = tx
        .prepare_cached(
            "INSERT INTO stories (id, title, updated_at)
             SELECT ?1, title, ?2 FROM articles WHERE story_id = ?1
             ORDER BY published_at IS NULL, published_at, id LIMIT 1
             ON CONFLICT(id) DO NOTHING",
        )
        .and_then(|mut s| s.execute(params![story, now]))
        .during("create story")?;
    tx.prepare_cached(
        "UPDATE stories SET
           articles = (SELECT COUNT(*) FROM articles WHERE story_id = ?1),
           outlets = (SELECT COUNT(DISTINCT COALESCE(site, id)) FROM articles WHERE story_id = ?1),
           events = (SELECT COUNT(*) FROM events WHERE story_id = ?1 AND first_report = 1),
           first_day = (SELECT MIN(day) FROM articles WHERE story_id = ?1),
           last_day = (SELECT MAX(day) FROM articles WHERE story_id = ?1),
           updated_at = ?2
         WHERE id = ?1",
    )
    .and_then(|mut s| s.execute(params![story, now]))
    .during("count story")?;
    Ok(created > 0)
}
