//! The writer: the one place where documents meet each other. It receives outcomes in input
//! order, recognises duplicates (store lookups, then the story stage's near-duplicate index;
//! a same-outlet copy becomes an alias only when its original comes first in the settle's
//! order, so that the settle, which aliases the later of two such copies, never needs a text
//! the writer did not store),
//! places each article in a story through the story stage (`StoryStage::place`, the decision
//! the settle's replay takes too), and commits batches, each in one transaction together with the progress marks of
//! the records it covers. A crash loses at most the open batch, which a re-run redoes.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use attache_events::cluster::{
    event_key, saved_terms, Remembered, StageArticle, StorySnapshot, StoryStage, ACTIVE_STORIES,
    NEAR_DUP_WINDOW,
};
use attache_store::{
    day_number, Alias, Batch, Checkpoint, DocumentRecord, DuplicateKind, DuplicateOf, Provenance,
    Store, StoryRecord,
};

use super::report::{Failure, Report};
use super::worker::{Outcome, Processed};

/// Articles per transaction: large enough that commits cost little per article, small enough
/// that a crash redoes little.
pub const BATCH_ARTICLES: usize = 256;

/// Longest time a batch stays open, so a slow source (HTTP) still commits steadily.
pub const BATCH_INTERVAL: Duration = Duration::from_secs(2);

/// The writer's state.
pub struct Writer {
    store: Box<dyn Store>,
    /// Stories and near copies, resumed from the store's recent articles and stories.
    stage: StoryStage,
    batch: Batch,
    /// Ids and content hashes in the open batch (the store cannot see them yet).
    pending_ids: HashMap<String, String>,
    pending_text: HashMap<String, (String, Option<String>, String)>,
    /// Publication times of the articles in the open batch, by id.
    pending_published: HashMap<String, Option<i64>>,
    marks: HashMap<Arc<str>, u64>,
    /// Per source, the last record before the first one that failed in this run: its
    /// checkpoint never passes it.
    failed_from: HashMap<Arc<str>, u64>,
    opened: Instant,
    /// The run's counters.
    pub report: Report,
}

impl Writer {
    /// A writer over a store, with dedupe and story state rebuilt from what it holds.
    pub fn new(store: Box<dyn Store>) -> anyhow::Result<Writer> {
        let recent = store
            .recent_fingerprints(NEAR_DUP_WINDOW)
            .context("cannot read recent articles from the store")?;
        let saved = store
            .recent_stories(ACTIVE_STORIES)
            .context("cannot read recent stories from the store")?;
        let stage = StoryStage::resume(
            saved.into_iter().rev().map(|s| StorySnapshot {
                id: s.id,
                title: s.title,
                first_day: s.first_day,
                last_day: s.last_day,
                profile: s.profile,
            }),
            recent.into_iter().rev().map(|f| Remembered {
                id: f.id,
                simhash: f.simhash,
                site: f.site,
                story_id: f.story_id,
            }),
        );
        Ok(Writer {
            store,
            stage,
            batch: Batch::default(),
            pending_ids: HashMap::new(),
            pending_text: HashMap::new(),
            pending_published: HashMap::new(),
            marks: HashMap::new(),
            failed_from: HashMap::new(),
            opened: Instant::now(),
            report: Report::default(),
        })
    }

    /// The store (for the final run record).
    pub fn store_mut(&mut self) -> &mut dyn Store {
        self.store.as_mut()
    }

    /// Handle the next outcome in input order.
    pub fn handle(
        &mut self,
        outcome: Outcome,
        mark: Option<(Arc<str>, u64)>,
    ) -> anyhow::Result<()> {
        self.report.read += 1;
        match outcome {
            Outcome::Article(p) => self.article(*p)?,
            Outcome::AlreadyStored { fetched } => {
                // As `article` does for a page it finds stored.
                if let Some(url) = fetched {
                    self.batch.fetched.push((url, "article".into()));
                }
                Report::bump(&mut self.report.duplicates, "already_stored");
            }
            Outcome::NotArticle { reason, fetched } => {
                Report::bump(&mut self.report.not_articles, &reason);
                if let Some(url) = fetched {
                    self.batch
                        .fetched
                        .push((url, format!("not_article:{reason}")));
                }
            }
            Outcome::Skipped { reason } => {
                if reason == "link_list" {
                    // The list's links were counted one by one.
                    self.report.read -= 1;
                } else {
                    Report::bump(&mut self.report.skipped, reason);
                }
            }
            Outcome::Failed {
                kind,
                input,
                reason,
            } => {
                // Nothing about a failed input is remembered (not its URL as fetched, not its
                // progress mark), so the next run tries it again and names it again.
                if let Some((key, n)) = &mark {
                    let last_good = n.saturating_sub(1);
                    let e = self.failed_from.entry(key.clone()).or_insert(last_good);
                    *e = (*e).min(last_good);
                }
                self.report.fail(Failure {
                    input,
                    kind: kind.to_string(),
                    reason,
                });
            }
        }
        if let Some((key, n)) = mark {
            let e = self.marks.entry(key).or_insert(0);
            *e = (*e).max(n);
        }
        if self.batch.documents.len() >= BATCH_ARTICLES || self.opened.elapsed() >= BATCH_INTERVAL {
            self.commit()?;
        }
        Ok(())
    }

    fn article(&mut self, p: Processed) -> anyhow::Result<()> {
        let fp = &p.fingerprint;
        let site = p.doc.article.site.clone();
        if let Some(url) = p.fetched_now.then(|| p.doc.source.clone()) {
            self.batch.fetched.push((url, "article".into()));
        }
        // 1. The same page again.
        let known = self
            .store
            .lookup(&fp.id, &fp.content_hash)
            .context("store lookup failed")?;
        let published_at = attache_store::published_at(
            p.doc.article.published.as_deref(),
            p.fetched_at.as_deref(),
        );
        let pending_same = self.pending_ids.get(&fp.id) == Some(&fp.content_hash);
        let same_page =
            pending_same || known.same_id_hash.as_deref() == Some(fp.content_hash.as_str());
        // The same page fetched earlier than the copy kept replaces it (the store does the
        // replacing), so the kept fetch does not depend on which came first to a writer.
        let earlier_fetch = same_page && {
            let kept = match self.pending_published.get(&fp.id) {
                Some(&at) if pending_same => Some(at),
                _ => self
                    .store
                    .published_at_of(&fp.id)
                    .context("store lookup failed")?,
            };
            kept.is_some_and(|at| attache_store::replaces_same_page(published_at, at))
        };
        if (same_page && !earlier_fetch) || known.alias_of.is_some() {
            Report::bump(&mut self.report.duplicates, "already_stored");
            return Ok(());
        }
        let day = p
            .doc
            .article
            .published
            .as_deref()
            .and_then(day_number)
            .or_else(|| p.fetched_at.as_deref().and_then(day_number));
        // 2. The same text under another URL, then a near copy.
        let same_text = self
            .pending_text
            .get(&fp.content_hash)
            .cloned()
            .or(known.same_text)
            .filter(|(id, _, _)| *id != fp.id);
        let copy = match same_text {
            Some((id, other_site, story)) => Some((id, other_site, story, DuplicateKind::Exact, 0)),
            // Not the page itself, stored from a later fetch that this one replaces.
            None => self
                .stage
                .near_copy(fp.simhash, fp.words)
                .filter(|m| m.original.id != fp.id)
                .map(|m| {
                    (
                        m.original.id,
                        m.original.site,
                        m.original.story_id,
                        DuplicateKind::Near,
                        m.distance,
                    )
                }),
        };
        let original_first = match &copy {
            Some((orig, orig_site, ..)) if *orig_site == site => {
                self.comes_first(orig, published_at, &fp.id)?
            }
            _ => false,
        };
        let (copy_story, duplicate) = match copy {
            Some((_, orig_site, story, _, _)) if orig_site == site && !original_first => {
                // The same outlet's copy comes later in the settle's order (publication time,
                // id): this one is kept, without an original, and the settle makes the other
                // an alias of it, as a single writer reading in that order would have.
                Report::bump(&mut self.report.duplicates, "same_outlet_copy_kept");
                (Some(story), None)
            }
            Some((orig, orig_site, _, kind, distance)) if orig_site == site => {
                // One outlet saying the same thing twice is not corroboration: remember the
                // URL as an alias of the first and store nothing else.
                self.batch.aliases.push(Alias {
                    key: fp.id.clone(),
                    article_id: orig,
                    kind,
                    distance,
                    source: p.doc.source.clone(),
                });
                self.pending_ids
                    .insert(fp.id.clone(), fp.content_hash.clone());
                Report::bump(&mut self.report.duplicates, "same_outlet_copy");
                return Ok(());
            }
            Some((orig, _, story, kind, distance)) => {
                let label = match kind {
                    DuplicateKind::Exact => "cross_outlet_exact",
                    DuplicateKind::Near => "cross_outlet_near",
                };
                Report::bump(&mut self.report.duplicates, label);
                (
                    Some(story),
                    Some(DuplicateOf {
                        id: orig,
                        kind,
                        distance,
                    }),
                )
            }
            None => (None, None),
        };
        let placed = self.stage.place(
            &StageArticle {
                id: &fp.id,
                title: p.doc.article.title.as_deref(),
                site: site.as_deref(),
                day,
                simhash: fp.simhash,
                words: fp.words,
                features: &p.features,
            },
            copy_story,
        );
        if placed.is_new {
            self.report.new_stories += 1;
        }
        let story_id = placed.story_id;
        self.pending_ids
            .insert(fp.id.clone(), fp.content_hash.clone());
        self.pending_published.insert(fp.id.clone(), published_at);
        self.pending_text
            .entry(fp.content_hash.clone())
            .or_insert_with(|| (fp.id.clone(), site.clone(), story_id.clone()));
        let event_keys = p.doc.events.iter().map(event_key).collect();
        let story_terms = saved_terms(&p.features, fp.words);
        self.batch.documents.push(DocumentRecord {
            id: fp.id.clone(),
            canonical_url: fp.canonical_url.clone(),
            content_hash: fp.content_hash.clone(),
            simhash: fp.simhash,
            duplicate,
            story_id,
            story_terms,
            event_keys,
            provenance: Provenance {
                source: p.doc.source.clone(),
                fetched_url: p.fetched_url,
                fetched_at: p.fetched_at,
            },
            document: p.doc,
        });
        Ok(())
    }

    /// True when article `original` comes before an article published at `published_at` with
    /// id `id` in the settle's order (publication time, undated last, then id in byte order).
    /// An original neither in the open batch nor stored (a settle made it an alias since it
    /// was remembered) does not come first: the article is kept and the settle decides.
    fn comes_first(
        &self,
        original: &str,
        published_at: Option<i64>,
        id: &str,
    ) -> anyhow::Result<bool> {
        let original_published = match self.pending_published.get(original) {
            Some(&at) => Some(at),
            None => self
                .store
                .published_at_of(original)
                .context("store lookup failed")?,
        };
        let order = |at: Option<i64>| at.unwrap_or(i64::MAX);
        Ok(original_published.is_some_and(|at| (order(at), original) < (order(published_at), id)))
    }

    /// Write the open batch (documents, aliases, stories, progress marks) in one transaction.
    pub fn commit(&mut self) -> anyhow::Result<()> {
        self.batch.stories = self
            .stage
            .take_changed()
            .into_iter()
            .map(|s| StoryRecord {
                id: s.id,
                title: s.title,
                first_day: s.first_day,
                last_day: s.last_day,
                profile: s.profile,
            })
            .collect();
        let failed_from = &self.failed_from;
        self.batch.checkpoints = self
            .marks
            .drain()
            .map(|(source, records)| {
                let records = failed_from
                    .get(&source)
                    .map_or(records, |&last_good| records.min(last_good));
                (source, records)
            })
            .filter(|&(_, records)| records > 0)
            .map(|(source, records)| Checkpoint {
                source: source.to_string(),
                records,
            })
            .collect();
        if !self.batch.is_empty() {
            let summary = self
                .store
                .put_batch(&self.batch)
                .context("cannot write a batch to the store")?;
            self.report.articles += summary.inserted;
            self.report.updated += summary.updated;
            self.report.events += summary.events;
            if summary.unchanged > 0 {
                *self
                    .report
                    .duplicates
                    .entry("already_stored".into())
                    .or_insert(0) += summary.unchanged;
            }
        }
        self.batch = Batch::default();
        self.pending_ids.clear();
        self.pending_text.clear();
        self.pending_published.clear();
        self.opened = Instant::now();
        Ok(())
    }
}
