//! Writes: one transaction per batch under the write lock, idempotent by article id and
//! content hash (the rules of the SQLite writer, SCHEMA.md), with rows sent as multi-row
//! inserts and the corroboration and story recounts done once per batch over every group
//! and story it touched.

use std::collections::{BTreeSet, HashMap};

use attache_model::Dating;
use postgres::types::ToSql;
use postgres::Transaction;

use super::summaries;
use super::{PgStore, WRITE_LOCK};
use crate::day::{day_number, now_rfc3339};
use crate::error::SqlContext;
use crate::record::{
    replaces_same_page, Batch, BatchSummary, DocumentRecord, Known, StoredFingerprint, StoryRecord,
};
use crate::settle;
use crate::sqlite::{code_root, plover_index};
use crate::summaries::{Counted, SummaryDelta, TotalsChange};
use crate::{Bookkeeping, IngestState, StoreError, StoreWrite};

/// PostgreSQL takes at most 65,535 parameters per statement.
const MAX_PARAMS: usize = 65_535;

type Value = Box<dyn ToSql + Sync + Send>;

fn v(value: impl ToSql + Sync + Send + 'static) -> Value {
    Box::new(value)
}

fn json(value: &impl serde::Serialize) -> String {
    // Serialising our own plain structs cannot fail; an empty array keeps the column valid.
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_string())
}

/// Rows waiting for one multi-row `INSERT` per table.
struct Rows {
    table: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<Value>>,
}

impl Rows {
    fn new(table: &'static str, columns: &'static [&'static str]) -> Rows {
        Rows {
            table,
            columns,
            rows: Vec::new(),
        }
    }

    fn flush(&mut self, tx: &mut Transaction<'_>) -> Result<(), StoreError> {
        let width = self.columns.len();
        let per_statement = (MAX_PARAMS / width).max(1);
        let rows = std::mem::take(&mut self.rows);
        for chunk in rows.chunks(per_statement) {
            let mut sql = format!(
                "INSERT INTO {} ({}) VALUES ",
                self.table,
                self.columns.join(", ")
            );
            let mut params: Vec<&(dyn ToSql + Sync)> = Vec::with_capacity(chunk.len() * width);
            for (i, row) in chunk.iter().enumerate() {
                sql.push_str(if i == 0 { "(" } else { ", (" });
                for (j, value) in row.iter().enumerate() {
                    if j > 0 {
                        sql.push_str(", ");
                    }
                    params.push(value.as_ref() as &(dyn ToSql + Sync));
                    sql.push_str(&format!("${}", params.len()));
                }
                sql.push(')');
            }
            tx.execute(&sql, &params).during("insert rows")?;
        }
        Ok(())
    }
}

const ARTICLE_COLUMNS: &[&str] = &[
    "n",
    "id",
    "url",
    "canonical_url",
    "site",
    "title",
    "standfirst",
    "bylines",
    "published",
    "modified",
    "dateline",
    "language",
    "text",
    "day",
    "content_hash",
    "simhash",
    "duplicate_of",
    "duplicate_kind",
    "duplicate_distance",
    "story_id",
    "sentences",
    "warnings",
    "source",
    "fetched_url",
    "fetched_at",
    "ingested_at",
    "published_at",
    "story_terms",
];

const MENTION_COLUMNS: &[&str] = &[
    "article",
    "span_start",
    "span_end",
    "sentence",
    "kind",
    "code",
    "name",
    "why",
];

const EVENT_COLUMNS: &[&str] = &[
    "n",
    "id",
    "coder_id",
    "article",
    "story_id",
    "event_key",
    "sentence",
    "source",
    "target",
    "source_codes",
    "target_codes",
    "plover",
    "plover_mode",
    "plover_contexts",
    "intensity",
    "cameo",
    "goldstein",
    "quad_class",
    "modality",
    "claimed_by",
    "location",
    "location_name",
    "location_country",
    "date",
    "day",
    "evidence_start",
    "evidence_end",
    "evidence_text",
    "rule",
    "mentions",
    "first_report",
    "counted",
    "dating",
];

const DYAD_COLUMNS: &[&str] = &[
    "event",
    "src",
    "tgt",
    "src_root",
    "tgt_root",
    "day",
    "plover",
    "quad",
    "intensity",
    "goldstein",
    "first_report",
    "root_first",
    "counted",
];

/// What a batch writes beyond its articles' own rows, gathered while the documents are read.
struct Pending {
    articles: Rows,
    mentions: Rows,
    events: Rows,
    dyads: Rows,
    /// (story, event key) groups that gained or lost events: recounted at the end.
    groups: BTreeSet<(String, String)>,
    /// Stories whose counts change.
    stories: BTreeSet<String>,
    /// Ids written by this batch so far (a repeated id must see the earlier row).
    written: HashMap<String, ()>,
    summary: BatchSummary,
    /// Changes to the summary tables, written before the batch commits.
    summaries: SummaryDelta,
    /// Rows the batch adds to `articles`, `events` and `stories` (less those it removes),
    /// added to the `totals` row before the batch commits.
    totals: TotalsChange,
    /// The earliest place in the settle's order of an article written (or replaced).
    settle_from: Option<i64>,
}

impl Pending {
    fn settle_from(&mut self, published_at: Option<i64>) {
        let p = settle::position(published_at);
        self.settle_from = Some(self.settle_from.map_or(p, |q| q.min(p)));
    }
}

impl Pending {
    fn flush(&mut self, tx: &mut Transaction<'_>) -> Result<(), StoreError> {
        self.articles.flush(tx)?;
        self.mentions.flush(tx)?;
        self.events.flush(tx)?;
        self.dyads.flush(tx)
    }
}

/// Add a write's or a settle's change to the one-row `totals`.
pub(super) fn add_totals(
    tx: &mut Transaction<'_>,
    totals: &crate::summaries::TotalsChange,
) -> Result<(), StoreError> {
    if !totals.is_none() {
        tx.execute(
            "UPDATE totals SET articles = articles + $1, events = events + $2,
                               stories = stories + $3",
            &[&totals.articles, &totals.events, &totals.stories],
        )
        .during("count the totals")?;
    }
    Ok(())
}

/// `count` fresh numbers from a sequence, in one round trip.
fn numbers(tx: &mut Transaction<'_>, sequence: &str, count: usize) -> Result<Vec<i64>, StoreError> {
    if count == 0 {
        return Ok(Vec::new());
    }
    let rows = tx
        .query(
            "SELECT nextval($1::text::regclass) FROM generate_series(1, $2::bigint)",
            &[&sequence, &(count as i64)],
        )
        .during("number rows")?;
    rows.iter()
        .map(|r| r.try_get::<_, i64>(0).during("number rows"))
        .collect()
}

fn put_document(
    tx: &mut Transaction<'_>,
    record: &DocumentRecord,
    now: &str,
    p: &mut Pending,
) -> Result<(), StoreError> {
    if p.written.contains_key(&record.id) {
        // The same id twice in one batch: let the lookup below see the first one.
        p.flush(tx)?;
    }
    let existing = tx
        .query_opt(
            "SELECT n, content_hash, story_id, published_at FROM articles WHERE id = $1",
            &[&record.id],
        )
        .during("look up article")?;
    let existing: Option<(i64, String, String, Option<i64>)> = match existing {
        Some(r) => Some((
            r.try_get(0).during("look up article")?,
            r.try_get(1).during("look up article")?,
            r.try_get(2).during("look up article")?,
            r.try_get(3).during("look up article")?,
        )),
        None => None,
    };
    let a = &record.document.article;
    let day = a
        .published
        .as_deref()
        .and_then(day_number)
        .or_else(|| record.provenance.fetched_at.as_deref().and_then(day_number));
    let n = match existing {
        Some((_, hash, _, old_published_at))
            if hash == record.content_hash
                && !replaces_same_page(record.published_at(), old_published_at) =>
        {
            p.summary.unchanged += 1;
            return Ok(());
        }
        Some((n, _, old_story, old_published_at)) => {
            p.settle_from(old_published_at);
            // The page changed, or the same page was fetched earlier: replace the article and
            // all its layers, uncount its events from the summaries, and recount the groups
            // and story it leaves.
            let left = summaries::remove_article(tx, &mut p.summaries, n)?;
            p.groups.extend(left);
            p.stories.insert(old_story);
            p.totals.events -= delete_article(tx, n)? as i64;
            // The article's row is written again below under the same number.
            p.totals.articles -= 1;
            p.summary.updated += 1;
            n
        }
        None => {
            p.summary.inserted += 1;
            numbers(tx, "articles_n", 1)?.first().copied().unwrap_or(0)
        }
    };
    p.written.insert(record.id.clone(), ());
    p.settle_from(record.published_at());
    p.totals.articles += 1;
    let (dup_of, dup_kind, dup_distance) = match &record.duplicate {
        Some(d) => (
            Some(d.id.clone()),
            Some(d.kind.as_str().to_string()),
            Some(d.distance as i32),
        ),
        None => (None, None, None),
    };
    p.articles.rows.push(vec![
        v(n),
        v(record.id.clone()),
        v(a.url.clone()),
        v(record.canonical_url.clone()),
        v(a.site.clone()),
        v(a.title.clone()),
        v(a.standfirst.clone()),
        v(json(&a.bylines)),
        v(a.published.clone()),
        v(a.modified.clone()),
        v(a.dateline.clone()),
        v(a.language.clone()),
        v(a.text.clone()),
        v(day),
        v(record.content_hash.clone()),
        v(record.simhash as i64),
        v(dup_of),
        v(dup_kind),
        v(dup_distance),
        v(record.story_id.clone()),
        v(json(&record.document.sentences)),
        v(json(&record.document.warnings)),
        v(record.provenance.source.clone()),
        v(record.provenance.fetched_url.clone()),
        v(record.provenance.fetched_at.clone()),
        v(now.to_string()),
        v(record.published_at()),
        v(record.story_terms.clone()),
    ]);
    p.stories.insert(record.story_id.clone());
    for m in &record.document.mentions {
        p.mentions.rows.push(vec![
            v(n),
            v(m.span.start as i32),
            v(m.span.end as i32),
            v(m.sentence as i32),
            v(json(&m.kind).trim_matches('"').to_string()),
            v(m.code.clone()),
            v(m.name.clone()),
            v(m.why.clone()),
        ]);
    }
    let event_numbers = numbers(tx, "events_n", record.document.events.len())?;
    let mut keys_seen = BTreeSet::new();
    for ((i, e), event_n) in record.document.events.iter().enumerate().zip(event_numbers) {
        let id = format!("{}-{i}", record.id);
        let key = record
            .event_keys
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("uncorroborated:{id}"));
        let first = keys_seen.insert(key.clone());
        let day = e.date.as_deref().and_then(day_number).or(day);
        let codes = |actors: &[attache_model::EventActor]| {
            actors
                .iter()
                .map(|a| a.code.as_str())
                .collect::<Vec<_>>()
                .join(";")
        };
        p.events.rows.push(vec![
            v(event_n),
            v(id),
            v(e.id.clone()),
            v(n),
            v(record.story_id.clone()),
            v(key.clone()),
            v(e.sentence as i32),
            v(json(&e.source)),
            v(json(&e.target)),
            v(codes(&e.source)),
            v(codes(&e.target)),
            v(e.plover.as_ref().map(|p| p.category.as_str().to_string())),
            v(e.plover.as_ref().and_then(|p| p.mode.clone())),
            v(json(
                &e.plover
                    .as_ref()
                    .map(|p| p.contexts.clone())
                    .unwrap_or_default(),
            )),
            v(e.plover.as_ref().map(|p| f64::from(p.intensity))),
            v(e.cameo.code.clone()),
            v(e.cameo.goldstein.map(f64::from)),
            v(e.cameo.quad_class.map(|q| i32::from(u8::from(q)))),
            v(e.modality.as_str().to_string()),
            v(e.claimed_by.as_ref().map(json)),
            v(e.location.as_ref().map(json)),
            v(e.location.as_ref().map(|l| l.name.clone())),
            v(e.location.as_ref().and_then(|l| l.country.clone())),
            v(e.date.clone()),
            v(day),
            v(e.evidence.start as i32),
            v(e.evidence.end as i32),
            v(e.evidence.text.clone()),
            v(e.rule.clone()),
            v(e.mentions as i32),
            v(first),
            v(e.is_happening()),
            v((e.dating != Dating::default()).then(|| json(&e.dating))),
        ]);
        let facts = Counted::of_event(e, event_n, day);
        let quad = facts.quad.and_then(|q| i32::try_from(q).ok());
        let mut roots_seen = BTreeSet::new();
        for src in &facts.sources {
            for tgt in &facts.targets {
                let roots = (code_root(src).to_string(), code_root(tgt).to_string());
                let root_first = roots_seen.insert(roots.clone());
                p.dyads.rows.push(vec![
                    v(event_n),
                    v(src.clone()),
                    v(tgt.clone()),
                    v(roots.0),
                    v(roots.1),
                    v(day),
                    v(e.plover.as_ref().map(|p| plover_index(p.category) as i32)),
                    v(quad),
                    v(e.plover.as_ref().map(|p| f64::from(p.intensity))),
                    v(e.cameo.goldstein.map(f64::from)),
                    v(first),
                    v(root_first),
                    v(facts.counted),
                ]);
            }
        }
        // Counted as written; the recount moves "first" between reports afterwards.
        p.summaries.count_report(&facts, 1);
        if first {
            p.summaries.count_first(&facts, 1);
        }
        p.groups.insert((record.story_id.clone(), key));
        p.summary.events += 1;
        p.totals.events += 1;
    }
    Ok(())
}

/// Delete article `n` with its layers (its events' dyad rows, its events, its mentions), to
/// be written again under the same number; returns how many events it had.
pub(super) fn delete_article(tx: &mut Transaction<'_>, n: i64) -> Result<u64, StoreError> {
    tx.execute(
        "DELETE FROM dyads WHERE event IN (SELECT n FROM events WHERE article = $1)",
        &[&n],
    )
    .during("delete old dyads")?;
    let events = tx
        .execute("DELETE FROM events WHERE article = $1", &[&n])
        .during("delete old events")?;
    tx.execute("DELETE FROM mentions WHERE article = $1", &[&n])
        .during("delete old mentions")?;
    tx.execute("DELETE FROM articles WHERE n = $1", &[&n])
        .during("delete old article")?;
    Ok(events)
}

/// The first report of a group, an aggregate over `events e JOIN articles a`: the event of the
/// article published first, ties (and undated articles, which come last) broken by article id
/// (`COLLATE "C"`, byte order as in SQLite), then the article's first event. Neither the order
/// of storing nor the row numbers matter, so any number of workers storing the same articles
/// in any order mark the same report.
pub(super) const FIRST_REPORT: &str =
    "(ARRAY_AGG(e.n ORDER BY a.published_at NULLS LAST, a.id, e.n))[1]";

/// Recount how many articles and outlets report each touched (story, key) happening and
/// which report came first ([`FIRST_REPORT`]), in two statements.
pub(super) fn recount_groups(
    tx: &mut Transaction<'_>,
    groups: &BTreeSet<(String, String)>,
) -> Result<(), StoreError> {
    if groups.is_empty() {
        return Ok(());
    }
    let (stories, keys): (Vec<String>, Vec<String>) = groups.iter().cloned().unzip();
    tx.execute(
        &format!(
            "WITH g AS (SELECT * FROM unnest($1::text[], $2::text[]) AS g(story_id, event_key)),
         c AS (
           SELECT e.story_id, e.event_key, COUNT(DISTINCT e.article)::integer AS na,
                  COUNT(DISTINCT COALESCE(a.site, a.id))::integer AS ns, {FIRST_REPORT} AS first
           FROM events e JOIN g ON g.story_id = e.story_id AND g.event_key = e.event_key
           JOIN articles a ON a.n = e.article
           GROUP BY e.story_id, e.event_key)
         UPDATE events e SET num_articles = c.na, num_sources = c.ns,
                             first_report = (e.n = c.first)
         FROM c WHERE e.story_id = c.story_id AND e.event_key = c.event_key
           AND (e.num_articles, e.num_sources, e.first_report)
               IS DISTINCT FROM (c.na, c.ns, e.n = c.first)"
        ),
        &[&stories, &keys],
    )
    .during("count corroboration")?;
    tx.execute(
        "WITH g AS (SELECT * FROM unnest($1::text[], $2::text[]) AS g(story_id, event_key))
         UPDATE dyads d SET first_report = e.first_report
         FROM events e JOIN g ON g.story_id = e.story_id AND g.event_key = e.event_key
         WHERE d.event = e.n AND d.first_report <> e.first_report",
        &[&stories, &keys],
    )
    .during("write corroboration")?;
    Ok(())
}

/// Remove those of `stories` left without an article (a story is stored only with an article
/// in it); returns how many it removed. A replaced page that moves to another story leaves
/// its old one, as a settle's move does.
pub(super) fn remove_empty_stories(
    tx: &mut Transaction<'_>,
    stories: &BTreeSet<String>,
) -> Result<u64, StoreError> {
    if stories.is_empty() {
        return Ok(0);
    }
    let ids: Vec<&String> = stories.iter().collect();
    tx.execute(
        "DELETE FROM stories s WHERE s.id = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)",
        &[&ids],
    )
    .during("remove empty stories")
}

/// Recount the touched stories, creating those not stored yet; returns how many it created.
pub(super) fn recount_stories(
    tx: &mut Transaction<'_>,
    stories: &BTreeSet<String>,
    now: &str,
) -> Result<u64, StoreError> {
    if stories.is_empty() {
        return Ok(0);
    }
    let ids: Vec<String> = stories.iter().cloned().collect();
    let created = tx
        .execute(
            "INSERT INTO stories (id, title, updated_at)
         SELECT DISTINCT ON (story_id) story_id, title, $2 FROM articles
         WHERE story_id = ANY($1) ORDER BY story_id, published_at NULLS LAST, id
         ON CONFLICT (id) DO NOTHING",
            &[&ids, &now],
        )
        .during("create story")?;
    tx.execute(
        "UPDATE stories s SET
           articles = (SELECT COUNT(*) FROM articles WHERE story_id = s.id),
           outlets = (SELECT COUNT(DISTINCT COALESCE(site, id)) FROM articles
                      WHERE story_id = s.id),
           events = (SELECT COUNT(*) FROM events WHERE story_id = s.id AND first_report),
           first_day = (SELECT MIN(day) FROM articles WHERE story_id = s.id),
           last_day = (SELECT MAX(day) FROM articles WHERE story_id = s.id),
           updated_at = $2
         WHERE s.id = ANY($1)",
        &[&ids, &now],
    )
    .during("count story")?;
    Ok(created)
}

impl StoreWrite for PgStore {
    fn put_batch(&mut self, batch: &Batch) -> Result<BatchSummary, StoreError> {
        let now = now_rfc3339();
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction().during("begin batch")?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .during("take the write lock")?;
        let mut p = Pending {
            articles: Rows::new("articles", ARTICLE_COLUMNS),
            mentions: Rows::new("mentions", MENTION_COLUMNS),
            events: Rows::new("events", EVENT_COLUMNS),
            dyads: Rows::new("dyads", DYAD_COLUMNS),
            groups: BTreeSet::new(),
            stories: BTreeSet::new(),
            written: HashMap::new(),
            summary: BatchSummary::default(),
            summaries: SummaryDelta::default(),
            totals: TotalsChange::default(),
            settle_from: None,
        };
        for record in &batch.documents {
            put_document(&mut tx, record, &now, &mut p)?;
        }
        p.flush(&mut tx)?;
        for alias in &batch.aliases {
            tx.execute(
                "INSERT INTO aliases (key, article_id, kind, distance, source, ingested_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING",
                &[
                    &alias.key,
                    &alias.article_id,
                    &alias.kind.as_str(),
                    &(alias.distance as i32),
                    &alias.source,
                    &now,
                ],
            )
            .during("insert alias")?;
        }
        for story in &batch.stories {
            // `xmax` is 0 on a row this statement inserted, not on one it updated. A story is
            // created only with an article in it (see the SQLite writer's `upsert_story`): no
            // row comes back when there is none.
            let created: bool = tx
                .query_opt(
                    "INSERT INTO stories (id, title, first_day, last_day, profile, updated_at)
                 SELECT $1::text, $2::text, $3::integer, $4::integer, $5::text, $6::text
                 WHERE EXISTS (SELECT 1 FROM articles WHERE story_id = $1)
                 ON CONFLICT (id) DO UPDATE SET title = COALESCE(stories.title, excluded.title),
                   profile = excluded.profile, updated_at = excluded.updated_at
                 RETURNING xmax = 0",
                    &[
                        &story.id,
                        &story.title,
                        &story.first_day,
                        &story.last_day,
                        &story.profile,
                        &now,
                    ],
                )
                .and_then(|row| row.map_or(Ok(false), |r| r.try_get(0)))
                .during("write story")?;
            p.totals.stories += i64::from(created);
            p.stories.insert(story.id.clone());
        }
        if let Some(from) = p.settle_from {
            // Lower the settle's pending mark and drop the story checkpoints after it: their
            // states were replayed over an article that has changed since.
            tx.execute(
                "UPDATE story_settle SET pending_from = LEAST(COALESCE(pending_from, $1), $1)",
                &[&from],
            )
            .during("mark the stories unsettled")?;
            tx.execute(
                "DELETE FROM story_checkpoints WHERE boundary > $1",
                &[&from],
            )
            .during("drop outdated story checkpoints")?;
        }
        summaries::move_first_reports(&mut tx, &mut p.summaries, &p.groups)?;
        recount_groups(&mut tx, &p.groups)?;
        p.totals.stories += recount_stories(&mut tx, &p.stories, &now)? as i64;
        p.totals.stories -= remove_empty_stories(&mut tx, &p.stories)? as i64;
        summaries::write(&mut tx, &p.summaries)?;
        add_totals(&mut tx, &p.totals)?;
        for cp in &batch.checkpoints {
            tx.execute(
                "INSERT INTO checkpoints (source, records, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT (source) DO UPDATE SET records = excluded.records,
                                                    updated_at = excluded.updated_at",
                &[&cp.source, &(cp.records as i64), &now],
            )
            .during("write checkpoint")?;
        }
        for (url, outcome) in &batch.fetched {
            tx.execute(
                "INSERT INTO fetched (url, outcome, fetched_at) VALUES ($1, $2, $3)
                 ON CONFLICT (url) DO UPDATE SET outcome = excluded.outcome,
                                                 fetched_at = excluded.fetched_at",
                &[url, outcome, &now],
            )
            .during("remember fetched URL")?;
        }
        tx.execute("UPDATE changes SET counter = counter + 1", &[])
            .during("count the change")?;
        tx.commit().during("commit batch")?;
        Ok(p.summary)
    }
}

impl IngestState for PgStore {
    fn lookup(&self, id: &str, content_hash: &str) -> Result<Known, StoreError> {
        let mut c = self.client.borrow_mut();
        let same_id_hash = c
            .query_opt("SELECT content_hash FROM articles WHERE id = $1", &[&id])
            .during("lookup by id")?
            .map(|r| r.try_get(0))
            .transpose()
            .during("lookup by id")?;
        let alias_of = c
            .query_opt("SELECT article_id FROM aliases WHERE key = $1", &[&id])
            .during("lookup alias")?
            .map(|r| r.try_get(0))
            .transpose()
            .during("lookup alias")?;
        let same_text = match c
            .query_opt(
                "SELECT id, site, story_id FROM articles WHERE content_hash = $1
                 ORDER BY n LIMIT 1",
                &[&content_hash],
            )
            .during("lookup by content hash")?
        {
            Some(r) => Some((
                r.try_get(0).during("lookup by content hash")?,
                r.try_get(1).during("lookup by content hash")?,
                r.try_get(2).during("lookup by content hash")?,
            )),
            None => None,
        };
        Ok(Known {
            same_id_hash,
            alias_of,
            same_text,
        })
    }

    fn recent_fingerprints(&self, limit: usize) -> Result<Vec<StoredFingerprint>, StoreError> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT id, simhash, site, story_id, day FROM articles ORDER BY n DESC LIMIT $1",
                &[&(limit as i64)],
            )
            .during("read fingerprints")?;
        rows.iter()
            .map(|r| {
                Ok(StoredFingerprint {
                    id: r.try_get(0)?,
                    simhash: r.try_get::<_, i64>(1)? as u64,
                    site: r.try_get(2)?,
                    story_id: r.try_get(3)?,
                    day: r.try_get(4)?,
                })
            })
            .collect::<Result<Vec<_>, postgres::Error>>()
            .during("read fingerprints")
    }

    fn recent_stories(&self, limit: usize) -> Result<Vec<StoryRecord>, StoreError> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT id, title, first_day, last_day, profile FROM stories
                 ORDER BY updated_at DESC, n DESC LIMIT $1",
                &[&(limit as i64)],
            )
            .during("read stories")?;
        rows.iter()
            .map(|r| {
                Ok(StoryRecord {
                    id: r.try_get(0)?,
                    title: r.try_get(1)?,
                    first_day: r.try_get(2)?,
                    last_day: r.try_get(3)?,
                    profile: r.try_get(4)?,
                })
            })
            .collect::<Result<Vec<_>, postgres::Error>>()
            .during("read stories")
    }

    fn published_at_of(&self, id: &str) -> Result<Option<Option<i64>>, StoreError> {
        self.client
            .borrow_mut()
            .query_opt("SELECT published_at FROM articles WHERE id = $1", &[&id])
            .during("look up a publication time")?
            .map(|r| r.try_get(0))
            .transpose()
            .during("look up a publication time")
    }
}

impl Bookkeeping for PgStore {
    fn checkpoint(&self, source: &str) -> Result<Option<u64>, StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_opt(
                "SELECT records FROM checkpoints WHERE source = $1",
                &[&source],
            )
            .during("read checkpoint")?;
        match row {
            Some(r) => Ok(Some(
                r.try_get::<_, i64>(0).during("read checkpoint")?.max(0) as u64,
            )),
            None => Ok(None),
        }
    }

    fn was_fetched(&self, url: &str) -> Result<bool, StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_opt("SELECT 1 FROM fetched WHERE url = $1", &[&url])
            .during("look up fetched URL")?;
        Ok(row.is_some())
    }

    fn record_run(
        &mut self,
        started_at: &str,
        command: &str,
        report_json: &str,
    ) -> Result<(), StoreError> {
        self.client
            .borrow_mut()
            .execute(
                "INSERT INTO runs (started_at, finished_at, command, report)
                 VALUES ($1, $2, $3, $4)",
                &[&started_at, &now_rfc3339(), &command, &report_json],
            )
            .during("record run")?;
        Ok(())
    }
}
