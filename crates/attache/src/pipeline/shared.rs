//! Many workers, one store: the worker loop of `attache ingest --db postgres://...`.
//!
//! The sources of the command line go into the store's queue
//! ([`attache_store::SourceQueue`]); then this process, like every `--join` process on any
//! machine, leases one source at a time and ingests it with the ordinary pipeline
//! ([`super::run`]). A thread renews the lease (every third of its length) and reports the
//! records committed so far; a worker that dies stops renewing, its lease expires, and the
//! next worker that asks takes the source over and resumes it from its checkpoints (written in
//! the same transaction as the records). A worker leaves when no source is queued or leased:
//! while others still hold leases it waits, ready to take over the ones that expire. As it
//! leaves it settles the stories (`super::stories`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use attache_store::Outcome;
use serde::Serialize;

use super::report::Report;
use super::IngestSettings;

/// How long a worker waits between two looks at the queue while other workers hold every
/// source (at most; shorter for short leases).
const IDLE_POLL: Duration = Duration::from_secs(2);

/// What one worker did to one source.
#[derive(Debug, Serialize)]
pub struct SourceRun {
    /// The source.
    pub source: String,
    /// `done`, `failed`, or `lost` (the lease expired and another worker took it over).
    pub outcome: String,
    /// The pipeline's report, when it ran to the end.
    pub report: Option<Report>,
    /// Why it failed.
    pub error: Option<String>,
}

/// Command-line sources as every worker can find them: files as absolute paths (workers on
/// other machines need the same path, e.g. a shared mount), URLs as given.
pub fn queue_names(sources: &[String]) -> Vec<String> {
    sources
        .iter()
        .map(|s| {
            if s.starts_with("http://") || s.starts_with("https://") {
                s.clone()
            } else {
                std::fs::canonicalize(s).map_or_else(|_| s.clone(), |p| p.display().to_string())
            }
        })
        .collect()
}

/// This worker's name in the queue: host and process id.
pub fn worker_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "host".into());
    format!("{host}:{}", std::process::id())
}

/// Enqueue `sources` (may be empty for `--join`), then work until the queue is empty.
/// `settings_for` builds the pipeline's settings for one source.
pub fn work(
    db: &str,
    sources: &[String],
    lease: Duration,
    settings_for: &dyn Fn(String) -> anyhow::Result<IngestSettings>,
) -> anyhow::Result<Vec<SourceRun>> {
    let mut queue = attache_store::open_queue(db)?;
    if !sources.is_empty() {
        let names = queue_names(sources);
        let new = queue
            .enqueue(&names)
            .context("cannot enqueue the sources")?;
        eprintln!(
            "attache: {new} new source(s) queued ({} already there)",
            names.len() as u64 - new
        );
    }
    let progress = attache_store::open(db)?;
    let worker = worker_name();
    let mut runs = Vec::new();
    loop {
        let Some(leased) = queue.lease(&worker, lease)? else {
            let counts = queue.counts()?;
            if counts.finished() {
                break;
            }
            std::thread::sleep(IDLE_POLL.min(lease / 4).max(Duration::from_millis(200)));
            continue;
        };
        let source = leased.source;
        if leased.attempts > 1 {
            eprintln!(
                "attache: {worker} takes over {source} (attempt {})",
                leased.attempts
            );
        } else {
            eprintln!("attache: {worker} works on {source}");
        }
        let stop = Arc::new(AtomicBool::new(false));
        let lost = Arc::new(AtomicBool::new(false));
        let renewer = {
            let (stop, lost) = (stop.clone(), lost.clone());
            let (db, source, worker) = (db.to_string(), source.clone(), worker.clone());
            std::thread::spawn(move || renew(&db, &source, &worker, lease, &stop, &lost))
        };
        let result = settings_for(source.clone()).and_then(super::run);
        stop.store(true, Ordering::Relaxed);
        let _ = renewer.join();
        let (outcome, report, error) = match result {
            Ok(report) => (Outcome::Done, Some(report), None),
            Err(e) => {
                let why = format!("{e:#}");
                (Outcome::Failed(why.clone()), None, Some(why))
            }
        };
        let records = crate::sources::committed(&source, progress.as_ref());
        let kept = queue.finish(&source, &worker, &outcome, records)?;
        let outcome = match (&outcome, kept && !lost.load(Ordering::Relaxed)) {
            (_, false) => "lost",
            (Outcome::Done, true) => "done",
            (Outcome::Failed(_), true) => "failed",
        };
        runs.push(SourceRun {
            source,
            outcome: outcome.to_string(),
            report,
            error,
        });
    }
    // Every source is done or failed: decide the stories again over what was stored since the
    // last settle (and everything after it), so they do not depend on which worker stored
    // what first. Each worker leaving does this under the write lock; the last one sees
    // every article.
    let t = Instant::now();
    let settled = super::stories::settle_db(db, attache_store::SettleScope::Pending)?;
    eprintln!(
        "attache: stories settled over {} article(s) in {:.1} s{}: {} moved, {} stories \
         created, {} removed, {} made aliases, {} copies renamed",
        settled.articles,
        t.elapsed().as_secs_f64(),
        match (settled.skipped, settled.resumed_from) {
            (true, _) => " (nothing new)".to_string(),
            (false, Some(from)) => format!(" (from {})", attache_store::format_utc_day(from)),
            (false, None) => " (from the first)".to_string(),
        },
        settled.moved,
        settled.created,
        settled.removed,
        settled.aliased,
        settled.copies_renamed
    );
    Ok(runs)
}

/// Renew the lease until told to stop, reporting the records committed. Sets `lost` when
/// the lease was taken over (the pipeline then finishes its source anyway: its writes are
/// idempotent, so the other worker and this one store each article once).
fn renew(
    db: &str,
    source: &str,
    worker: &str,
    lease: Duration,
    stop: &AtomicBool,
    lost: &AtomicBool,
) {
    let every = (lease / 3).max(Duration::from_millis(500));
    let (mut queue, store) = match (attache_store::open_queue(db), attache_store::open(db)) {
        (Ok(q), Ok(s)) => (q, s),
        (Err(e), _) | (_, Err(e)) => {
            tracing::warn!(error = %e, "cannot open a connection to renew the lease");
            return;
        }
    };
    let mut last = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(200));
        if last.elapsed() < every {
            continue;
        }
        last = Instant::now();
        let records = crate::sources::committed(source, store.as_ref());
        match queue.renew(source, worker, lease, records) {
            Ok(true) => {}
            Ok(false) => {
                lost.store(true, Ordering::Relaxed);
                tracing::warn!(
                    source,
                    "the lease expired and another worker took the source"
                );
                return;
            }
            Err(e) => tracing::warn!(error = %e, source, "cannot renew the lease"),
        }
    }
}
