//! Where attache keeps what it read: articles, mentions, events and stories, and the only
//! crate that knows SQL.
//!
//! The ingest pipeline hands the store [`Batch`]es of annotated [`DocumentRecord`]s, each
//! written in one transaction (all of it lands or none of it), and asks it what it already
//! knows about an incoming article ([`IngestState::lookup`]) so that re-ingesting the same page
//! stores nothing twice. Readers (the `query` and `export` commands, the HTTP API) ask for
//! events by actor, target, type and date ([`EventFilter`]), dyad time series
//! ([`DyadQuery`]), full-text search, articles and stories.
//!
//! Every command opens its store with [`open`] (or [`open_read_only`]) from a `--db` value:
//! a file path is a [`SqliteStore`] (the embedded default; SCHEMA.md beside this crate
//! documents its tables), a `postgres://` URL a [`PgStore`] (one database shared by many
//! ingest workers and readers, with a [`SourceQueue`] of sources they lease). Callers see
//! only the traits: [`StoreRead`] and [`StoreOverview`] for readers, [`StoreWrite`] for the
//! writer's batches, [`IngestState`] for what duplicate and story decisions read back,
//! [`StorySettle`] to decide the stories again in an order that depends only on the articles
//! (from the story checkpoint before the earliest article written since the last settle),
//! [`Bookkeeping`] for checkpoints, fetched URLs and runs. `tests/conformance/` runs the
//! same cases against every backend. [`synthetic`] fills a store with seeded fake events for
//! benchmarks and load tests.
//!
//! Architecture invariant: the store decides nothing about articles. Ids, duplicates, stories
//! and corroboration keys come in with the records (from `attache_events::cluster`), and a
//! settle asks the story stage through [`StoryDecider`]; the store keeps what they decide,
//! counts corroboration per (story, key) group (first report by publication time, then article
//! id), and answers queries.
//!
//! ```
//! use attache_store::{EventFilter, SqliteStore, StoreRead};
//! let store = SqliteStore::in_memory()?;
//! assert_eq!(store.stats()?.articles, 0);
//! assert!(store.events(&EventFilter::default())?.is_empty());
//! // The same through a `--db` value, whatever the backend:
//! let dir = std::env::temp_dir().join(format!("attache-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).ok();
//! let store = attache_store::open(dir.join("a.db").to_str().unwrap_or("a.db"))?;
//! assert_eq!(store.stats()?.events, 0);
//! # std::fs::remove_dir_all(&dir).ok();
//! # Ok::<(), attache_store::StoreError>(())
//! ```

mod day;
mod error;
mod location;
mod postgres;
mod query;
mod queue;
mod record;
mod serve_queries;
mod settle;
mod sqlite;
mod summaries;
pub mod synthetic;

pub use day::{
    day_number, format_day, format_month, format_utc_day, month_start, now_rfc3339, utc_seconds,
    week_start,
};
pub use error::{BackendError, StoreError};
pub use location::{open, open_read_only, Location};
pub use postgres::{PgStore, PG_SCHEMA_VERSION};
pub use query::{
    round_mean, Counterpart, DyadBucket, DyadQuery, EventFilter, Period, SearchHit, SearchQuery,
    Stats, StoredArticle, StoredEvent, StoryDetail, StoryFilter, StoryMember, StorySummary,
    MAX_PAGE, MAX_RANKED,
};
pub use queue::{
    open_host_slots, open_queue, HostSlots, Lease, Outcome, QueueCounts, SourceQueue, SourceStatus,
};
pub use record::{
    published_at, replaces_same_page, Alias, Batch, BatchSummary, Checkpoint, DocumentRecord,
    DuplicateKind, DuplicateOf, Known, Provenance, StoredFingerprint, StoryRecord,
};
pub use serve_queries::{
    is_dyad_filter, ActorQuery, ActorSummary, DyadCount, StoreOverview, TopDyadsQuery, Totals,
    TypeBucket, TypeSeriesQuery,
};
pub use settle::{
    Decision, SettleScope, SettleSummary, StoryDecider, StoryInput, StorySettle, CHECKPOINTS_KEPT,
    CHECKPOINT_SPACING,
};
pub use sqlite::{SqliteStore, SCHEMA_VERSION};

/// Reading the store: what the query and export commands and the HTTP API use.
pub trait StoreRead {
    /// Totals.
    fn stats(&self) -> Result<Stats, StoreError>;
    /// Events matching a filter, newest day first.
    fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError>;
    /// How many events match a filter (ignoring its limit and offset).
    fn count_events(&self, filter: &EventFilter) -> Result<u64, StoreError>;
    /// Visit every event matching a filter in store order without holding them all in memory
    /// (exports); the limit is ignored. The visitor returns `false` to stop early.
    fn for_each_event(
        &self,
        filter: &EventFilter,
        visit: &mut dyn FnMut(StoredEvent) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError>;
    /// One event by its store id.
    fn event(&self, id: &str) -> Result<Option<StoredEvent>, StoreError>;
    /// What `a` did to `b` over time.
    fn dyad_series(&self, query: &DyadQuery) -> Result<Vec<DyadBucket>, StoreError>;
    /// Articles matching words, best first, ranked among the [`MAX_RANKED`] most recently
    /// stored matches (all of them when there are fewer).
    fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>, StoreError>;
    /// One article with its sentences and mentions.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError>;
    /// Visit every article (without mentions) in store order.
    fn for_each_article(
        &self,
        visit: &mut dyn FnMut(StoredArticle) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError>;
    /// Stories, most recent first.
    fn stories(&self, filter: &StoryFilter) -> Result<Vec<StorySummary>, StoreError>;
    /// One story with its articles.
    fn story(&self, id: &str) -> Result<Option<StoryDetail>, StoreError>;
    /// The actors an actor (code prefix) deals with, most frequent first.
    fn counterparts(&self, code: &str, limit: usize) -> Result<Vec<Counterpart>, StoreError>;
}

/// Writing the store: what the ingest pipeline's writer commits.
pub trait StoreWrite {
    /// Write a batch in one transaction (its checkpoints and fetched URLs included, so
    /// progress marks land with the data they describe).
    fn put_batch(&mut self, batch: &Batch) -> Result<BatchSummary, StoreError>;
}

/// What the ingest's duplicate and story decisions read back from the store: what it holds
/// under an incoming article's keys, and the recent state to rebuild the near-duplicate index
/// and the story clusterer after a restart.
pub trait IngestState {
    /// What the store knows about an incoming article: its id, its alias key, its text.
    fn lookup(&self, id: &str, content_hash: &str) -> Result<Known, StoreError>;
    /// Fingerprints of the most recently stored articles, newest first, to rebuild the
    /// near-duplicate index after a restart.
    fn recent_fingerprints(&self, limit: usize) -> Result<Vec<StoredFingerprint>, StoreError>;
    /// The most recently changed stories, newest first, to rebuild the story clusterer.
    fn recent_stories(&self, limit: usize) -> Result<Vec<StoryRecord>, StoreError>;
    /// When a stored article was published (else fetched), in seconds since 1970 UTC:
    /// `None` when no article has this id, `Some(None)` when it is undated. With the id, it
    /// says which of two copies comes first in the settle's order.
    fn published_at_of(&self, id: &str) -> Result<Option<Option<i64>>, StoreError>;
}

/// The ingest's bookkeeping: how far each source got, which URLs were fetched, which runs
/// happened. Apart from [`StoreWrite`]: none of it is news.
pub trait Bookkeeping {
    /// How many records of a source are committed (from [`Checkpoint`]s).
    fn checkpoint(&self, source: &str) -> Result<Option<u64>, StoreError>;
    /// True when a URL was fetched by an earlier run.
    fn was_fetched(&self, url: &str) -> Result<bool, StoreError>;
    /// Remember an ingest run and its report (JSON).
    fn record_run(
        &mut self,
        started_at: &str,
        command: &str,
        report_json: &str,
    ) -> Result<(), StoreError>;
}

/// What readers need: the core reads and the whole-store aggregates. [`open_read_only`]
/// returns one.
pub trait ReadStore: StoreRead + StoreOverview + Send {}

impl<T: StoreRead + StoreOverview + Send> ReadStore for T {}

/// A full store: reads, writes, ingest state, story settling and bookkeeping. [`open`]
/// returns one.
pub trait Store: ReadStore + StoreWrite + IngestState + StorySettle + Bookkeeping {}

impl<T: ReadStore + StoreWrite + IngestState + StorySettle + Bookkeeping> Store for T {}
