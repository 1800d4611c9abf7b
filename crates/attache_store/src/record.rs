//! What the ingest pipeline hands the store: documents with what dedupe and story clustering
//! decided about them, gathered into batches that are written in one transaction each.

use attache_model::Document;
use serde::{Deserialize, Serialize};

/// One annotated document to store.
#[derive(Debug, Clone)]
pub struct DocumentRecord {
    /// Deterministic article id (from the canonical URL, else the content hash), so the same
    /// page ingested twice maps to the same row.
    pub id: String,
    /// The article and its layers (sentences, mentions, events).
    pub document: Document,
    /// The normalised URL the id was derived from, when there was one.
    pub canonical_url: Option<String>,
    /// Hash of the normalised body text: equal hashes mean the same text.
    pub content_hash: String,
    /// SimHash of the body's word shingles, for near-duplicate search after a restart.
    pub simhash: u64,
    /// Set when this article repeats another outlet's article (exact or near copy).
    pub duplicate: Option<DuplicateOf>,
    /// The story the article belongs to (its own id when it starts a story).
    pub story_id: String,
    /// What the story stage needs of the article to decide its story again (its terms),
    /// opaque to the store (JSON), handed back by [`crate::StorySettle`].
    pub story_terms: String,
    /// One corroboration key per event of `document.events`, same order: events of one story
    /// with equal keys report the same happening (see `attache_events::cluster`).
    pub event_keys: Vec<String>,
    /// Where the article came from.
    pub provenance: Provenance,
}

impl DocumentRecord {
    /// When the article was published (else fetched), in seconds since 1970 UTC: with the id,
    /// the order in which reports come first, whatever order they were stored in.
    pub fn published_at(&self) -> Option<i64> {
        published_at(
            self.document.article.published.as_deref(),
            self.provenance.fetched_at.as_deref(),
        )
    }
}

/// An article's publication time (else its fetch time) in seconds since 1970 UTC, as stored in
/// `articles.published_at`: with the id, the order of the settle and of first reports.
pub fn published_at(published: Option<&str>, fetched_at: Option<&str>) -> Option<i64> {
    published
        .and_then(crate::day::utc_seconds)
        .or_else(|| fetched_at.and_then(crate::day::utc_seconds))
}

/// True when a page met again (same id, same text) published or fetched at `incoming` should
/// replace the stored one, published or fetched at `stored` (both `published_at`): the earlier
/// wins, undated last, as in the settle's order. A page without a date of its own takes its
/// fetch time, so two fetches of one URL differ in `published_at`; keeping the earliest,
/// rather than the one stored first, makes what is stored (and the settle's order, stories
/// and first reports after it) the same whichever worker stored which fetch first.
pub fn replaces_same_page(incoming: Option<i64>, stored: Option<i64>) -> bool {
    crate::settle::position(incoming) < crate::settle::position(stored)
}

/// The article an incoming one duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateOf {
    /// Id of the article first stored.
    pub id: String,
    /// Exact (same text) or near (SimHash within the threshold).
    pub kind: DuplicateKind,
    /// Hamming distance between the SimHashes (0 for exact copies).
    pub distance: u32,
}

/// How close a duplicate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKind {
    /// Same canonical URL or same normalised text.
    Exact,
    /// Nearly the same text (a wire story with a changed intro, a corrected typo).
    Near,
}

impl DuplicateKind {
    /// The name stored in the database (`exact`, `near`).
    pub fn as_str(self) -> &'static str {
        match self {
            DuplicateKind::Exact => "exact",
            DuplicateKind::Near => "near",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<DuplicateKind> {
        match s {
            "exact" => Some(DuplicateKind::Exact),
            "near" => Some(DuplicateKind::Near),
            _ => None,
        }
    }
}

/// Where an article came from, for the reader who wants to check.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The input: a path, `path#record` for WARC records, or the URL fetched.
    pub source: String,
    /// The URL the bytes were fetched from (WARC-Target-URI or the HTTP request).
    pub fetched_url: Option<String>,
    /// When they were fetched (WARC-Date or the fetch time), RFC 3339.
    pub fetched_at: Option<String>,
}

/// A URL that names an article already stored (the same outlet publishing the same text
/// twice): remembered so re-ingesting it is recognised, but not stored as another report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The alias's canonical URL (or content hash when it had no URL).
    pub key: String,
    /// The article it repeats.
    pub article_id: String,
    /// How close the copy is.
    pub kind: DuplicateKind,
    /// SimHash distance (0 for exact).
    pub distance: u32,
    /// Where it came from.
    pub source: String,
}

/// A story as the clusterer sees it after this batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRecord {
    /// Story id (the id of its first article).
    pub id: String,
    /// A representative headline.
    pub title: Option<String>,
    /// First and last day (day numbers) of its articles, when dated.
    pub first_day: Option<i32>,
    /// Last day of its articles.
    pub last_day: Option<i32>,
    /// The clusterer's state for this story, opaque to the store (JSON), so a restarted run
    /// picks up where the last one stopped.
    pub profile: String,
}

/// How far a source has been ingested: every record before `records` is committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// A key naming the source (path plus size, or URL).
    pub source: String,
    /// Number of records fully handled.
    pub records: u64,
}

/// Everything written in one transaction: it all lands, or none of it does.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// Articles to insert (or to replace when their text changed).
    pub documents: Vec<DocumentRecord>,
    /// Same-outlet copies to remember.
    pub aliases: Vec<Alias>,
    /// Stories created or changed.
    pub stories: Vec<StoryRecord>,
    /// Progress marks, written with the data they describe.
    pub checkpoints: Vec<Checkpoint>,
    /// URLs fetched over HTTP (with the outcome), so a re-run does not fetch them again.
    pub fetched: Vec<(String, String)>,
}

impl Batch {
    /// True when there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
            && self.aliases.is_empty()
            && self.stories.is_empty()
            && self.checkpoints.is_empty()
            && self.fetched.is_empty()
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    /// New articles stored.
    pub inserted: u64,
    /// Articles whose text changed and were replaced (layers and all).
    pub updated: u64,
    /// Articles already stored with the same text: nothing written.
    pub unchanged: u64,
    /// Events written.
    pub events: u64,
}

/// What the store already knows about an incoming article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// The content hash stored under the same id, when the id is stored.
    pub same_id_hash: Option<String>,
    /// The article an alias with this key points to.
    pub alias_of: Option<String>,
    /// Another stored article with the same text: its id, site and story.
    pub same_text: Option<(String, Option<String>, String)>,
}

/// A stored article's fingerprint, to rebuild the near-duplicate index after a restart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFingerprint {
    /// Article id.
    pub id: String,
    /// Its SimHash.
    pub simhash: u64,
    /// Its outlet.
    pub site: Option<String>,
    /// Its story.
    pub story_id: String,
    /// Its day, when dated.
    pub day: Option<i32>,
}
