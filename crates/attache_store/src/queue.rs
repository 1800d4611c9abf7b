//! A shared queue of sources for many ingest workers on one PostgreSQL store.
//!
//! `attache ingest SOURCE... --db postgres://...` enqueues its sources; every worker
//! (that one, and any `--join` process on any machine) leases one source at a time, renews
//! the lease while it works, and marks the source done or failed. A lease that is not renewed
//! in time expires, and the next worker that asks takes the source over; the ingest's
//! checkpoints (written with each batch) make it resume where the last worker stopped.
//!
//! Only PostgreSQL offers the queue ([`open_queue`]): leasing relies on
//! `SELECT ... FOR UPDATE SKIP LOCKED`, so two workers never lease one source, and neither
//! waits for the other's lock. A SQLite store serves one process at a time and needs none.
//!
//! The queue also paces requests per host across workers ([`HostSlots::book_host`]): each
//! request books the host's next free slot in one statement, so politeness holds however
//! many workers fetch from one site.

use std::time::Duration;

use serde::Serialize;

use crate::location::{redact, Location};
use crate::StoreError;

/// A source leased to a worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    /// The source, as enqueued (an absolute path or a URL).
    pub source: String,
    /// How many times it was leased, this lease included (more than 1: a worker before this
    /// one stopped or lost its lease).
    pub attempts: u32,
}

/// How a worker leaves a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every record was read and committed.
    Done,
    /// The source could not be ingested; the message says why.
    Failed(String),
}

/// The state of one source of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceStatus {
    /// The source.
    pub source: String,
    /// `queued`, `leased`, `done` or `failed`.
    pub state: String,
    /// The worker holding or last holding it.
    pub worker: Option<String>,
    /// Times leased.
    pub attempts: u32,
    /// Seconds until the lease expires (negative: expired, free for another worker).
    pub lease_left: Option<i64>,
    /// Records of the source committed so far, as last reported by its worker.
    pub records: u64,
    /// Why it failed.
    pub error: Option<String>,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
}

/// How many sources are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct QueueCounts {
    /// Waiting for a worker.
    pub queued: u64,
    /// Leased, the lease still running.
    pub leased: u64,
    /// Leased, the lease expired: the next worker takes them over.
    pub expired: u64,
    /// Finished.
    pub done: u64,
    /// Given up.
    pub failed: u64,
}

impl QueueCounts {
    /// True when no source is left to work on or waiting for a running lease.
    pub fn finished(&self) -> bool {
        self.queued == 0 && self.leased == 0 && self.expired == 0
    }
}

/// The source queue of a shared store.
pub trait SourceQueue: Send {
    /// Add sources (already there: left as they are). Returns how many were new.
    fn enqueue(&mut self, sources: &[String]) -> Result<u64, StoreError>;
    /// Lease the oldest queued source, or one whose lease expired, to `worker` for `lease`.
    /// `None` when nothing can be leased now (all done, failed, or leased by live workers).
    fn lease(&mut self, worker: &str, lease: Duration) -> Result<Option<Lease>, StoreError>;
    /// Extend `worker`'s lease of `source` and record its progress. `false` when the lease
    /// was lost (it expired and another worker took the source).
    fn renew(
        &mut self,
        source: &str,
        worker: &str,
        lease: Duration,
        records: u64,
    ) -> Result<bool, StoreError>;
    /// Leave a source done or failed with the records committed (only the worker holding it
    /// can). `false` when the lease had been lost.
    fn finish(
        &mut self,
        source: &str,
        worker: &str,
        outcome: &Outcome,
        records: u64,
    ) -> Result<bool, StoreError>;
    /// Sources per state.
    fn counts(&mut self) -> Result<QueueCounts, StoreError>;
    /// Every source, in the order enqueued.
    fn sources(&mut self) -> Result<Vec<SourceStatus>, StoreError>;
}

/// The per-host request slots of a shared store, which pace every worker's requests to one
/// host together.
pub trait HostSlots: Send {
    /// Book the next request to `host` for this worker: how long to wait before sending it,
    /// so that the requests of every worker to one host are at least `delay` apart (by the
    /// server's clock; the host's robots.txt crawl delay or the run's `--host-delay`).
    fn book_host(&mut self, host: &str, delay: Duration) -> Result<Duration, StoreError>;
}

/// Open the source queue of a store: PostgreSQL only.
pub fn open_queue(location: &str) -> Result<Box<dyn SourceQueue>, StoreError> {
    match Location::parse(location)? {
        Location::Postgres(url) => Ok(Box::new(crate::postgres::PgStore::open(&url)?)),
        Location::Sqlite(path) => Err(not_shared(&path)),
    }
}

/// Open the host slots of a store: PostgreSQL only, as for [`open_queue`].
pub fn open_host_slots(location: &str) -> Result<Box<dyn HostSlots>, StoreError> {
    match Location::parse(location)? {
        Location::Postgres(url) => Ok(Box::new(crate::postgres::PgStore::open(&url)?)),
        Location::Sqlite(path) => Err(not_shared(&path)),
    }
}

/// Why a SQLite file has no queue or host slots.
fn not_shared(path: &std::path::Path) -> StoreError {
    StoreError::BadLocation {
        location: redact(&path.display().to_string()),
        reason: "a queue of sources shared by workers needs a PostgreSQL store \
                 (--db postgres://user@host/db); a SQLite file serves one ingest at a time"
            .into(),
    }
}
