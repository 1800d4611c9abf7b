//! The ingest pipeline: sources → workers (fetch, extract, annotate, fingerprint) → writer
//! (dedupe, stories, store), with bounded memory whatever the input size.
//!
//! ```text
//!  reader thread ──(bounded queue)──▶ N worker threads ──(bounded queue)──▶ writer (this thread)
//!        ▲                                                                     │
//!        └──────────────────── in-flight tokens (at most IN_FLIGHT) ───────────┘
//! ```
//!
//! The reader takes a token before sending an item and the writer returns it once the item is
//! written, so at most [`IN_FLIGHT`] pages are in memory between reading and writing. The
//! writer puts outcomes back in input order, which makes ids, duplicates and stories the same
//! run after run, and makes "every record before N is committed" a true statement to record as
//! a checkpoint.

mod report;
pub mod shared;
pub mod stages;
pub mod stories;
mod worker;
mod writer;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use attache_store::SettleScope;

pub use report::Report;
pub use stages::{Overrides, Pipeline};
#[cfg(test)]
pub(crate) use worker::{annotate_within, Budget};
use worker::{process, WorkerContext};
use writer::Writer;

use crate::sources::http::{FetchSettings, Fetcher, Politeness};
use crate::sources::{input_bytes, read_sources, resolve, Item, ReadSettings};

/// Items between reading and writing, at most. The writer hands no token back while it
/// commits a batch (about a quarter of a second for `writer::BATCH_ARTICLES` articles with
/// their layers and full-text index), so the items already read must keep the workers busy
/// that long: at 3-4 ms of CPU per article, 128 items cover a commit with room to spare
/// (64 did barely). Memory stays bounded: 128 pages of the typical 50-200 KB and their
/// annotations add a few tens of MB (peak RSS of the ingest benchmark: about 100 MiB).
pub const IN_FLIGHT: usize = 128;

/// Everything a run needs.
pub struct IngestSettings {
    /// Sources: paths, folders, URLs.
    pub sources: Vec<String>,
    /// The database file.
    pub db: String,
    /// Worker threads.
    pub workers: usize,
    /// Extraction settings.
    pub extract: attache_extract::Settings,
    /// The annotation stages, `None` to only extract (shared: a worker of a shared store
    /// runs one pipeline per leased source with the models it loaded once).
    pub pipeline: Option<Arc<Pipeline>>,
    /// Fetching (None: no network).
    pub fetch: Option<FetchSettings>,
    /// Read everything again, ignoring checkpoints.
    pub reprocess: bool,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// The command line, for the run record.
    pub command: String,
    /// Settle the stories at the end of the run (`stories::settle`). Off for one source of a
    /// shared store, whose worker settles when it leaves the queue.
    pub settle_stories: bool,
}

/// Run an ingest to the end and return its report.
pub fn run(settings: IngestSettings) -> anyhow::Result<Report> {
    let started = Instant::now();
    let started_at = attache_store::now_rfc3339();
    let store = attache_store::open(&settings.db)?;
    let mut writer = Writer::new(store)?;
    // Workers sharing a PostgreSQL store pace each host together, through the store.
    let politeness = Arc::new(
        match (
            &settings.fetch,
            attache_store::Location::parse(&settings.db)?,
        ) {
            (Some(_), attache_store::Location::Postgres(_)) => {
                Politeness::shared(attache_store::open_host_slots(&settings.db)?)
            }
            _ => Politeness::default(),
        },
    );
    let fetch = settings.fetch.map(Arc::new);
    let ctx = Arc::new(WorkerContext {
        extract: settings.extract.clone(),
        pipeline: settings.pipeline,
        budget: worker::Budget::default(),
    });
    let bytes_read = Arc::new(AtomicU64::new(0));
    // Folders are walked once, here: the progress bar sizes the same files the reader reads.
    let sources = resolve(&settings.sources);
    let progress = Progress::new(
        settings.progress,
        settings.progress.then(|| input_bytes(&sources)).flatten(),
        bytes_read.clone(),
    );

    let (work_tx, work_rx) = sync_channel::<(u64, Item)>(IN_FLIGHT);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = sync_channel(IN_FLIGHT);
    let (token_tx, token_rx) = sync_channel::<()>(IN_FLIGHT);
    for _ in 0..IN_FLIGHT {
        let _ = token_tx.send(());
    }

    let result = std::thread::scope(|scope| -> anyhow::Result<()> {
        // Reader.
        let reader_fetch = fetch.clone();
        let reader_politeness = politeness.clone();
        let db = settings.db.clone();
        let read_settings = ReadSettings {
            max_bytes: settings.extract.max_bytes,
            reprocess: settings.reprocess,
            bytes_read,
        };
        let reader = scope.spawn(move || -> anyhow::Result<crate::sources::ReadCounts> {
            let lookups = attache_store::open(&db)?;
            let fetcher = match reader_fetch {
                Some(f) => Some(Fetcher::new(f, reader_politeness)?),
                None => None,
            };
            let mut seq = 0u64;
            let counts = read_sources(
                &sources,
                &read_settings,
                lookups.as_ref(),
                fetcher.as_ref(),
                &mut |item| {
                    if token_rx.recv().is_err() {
                        return false;
                    }
                    let ok = work_tx.send((seq, item)).is_ok();
                    seq += 1;
                    ok
                },
            );
            drop(work_tx);
            Ok(counts)
        });
        // Workers.
        for _ in 0..settings.workers.max(1) {
            let rx = work_rx.clone();
            let tx = done_tx.clone();
            let ctx = ctx.clone();
            let fetch = fetch.clone();
            let politeness = politeness.clone();
            let db = settings.db.clone();
            scope.spawn(move || {
                let fetcher = fetch.and_then(|f| Fetcher::new(f, politeness).ok());
                // Its own connection, to skip annotating pages the store already holds
                // (`worker::process`); without one every page is annotated.
                let stored = attache_store::open(&db)
                    .inspect_err(
                        |e| tracing::debug!(error = %e, "no store lookups before annotation"),
                    )
                    .ok();
                loop {
                    let next = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, item)) = next else { return };
                    let outcome = process(item.work, &ctx, fetcher.as_ref(), stored.as_deref());
                    if tx.send((seq, outcome, item.mark)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        // Writer, on this thread.
        let written = write_in_order(&mut writer, done_rx, &token_tx, &progress);
        drop(token_tx);
        let counts = match reader.join() {
            Ok(r) => r?,
            Err(_) => anyhow::bail!("the source reader panicked"),
        };
        written?;
        writer.report.already_ingested += counts.already_done;
        Ok(())
    });
    progress.finish();
    result?;
    writer.commit()?;
    if settings.settle_stories {
        let t = Instant::now();
        let settled = stories::settle(writer.store_mut(), SettleScope::Pending)?;
        writer.report.settle_moved = settled.moved;
        writer.report.settle_aliased = settled.aliased;
        writer.report.settle_replayed = settled.articles;
        writer.report.settle_seconds = t.elapsed().as_secs_f64();
    }
    let mut report = writer.report.clone();
    report.finish(started.elapsed().as_secs_f64());
    let json = serde_json::to_string(&report).unwrap_or_default();
    writer
        .store_mut()
        .record_run(&started_at, &settings.command, &json)
        .context("cannot record the run")?;
    Ok(report)
}

/// What a worker sends the writer: input position, outcome, progress mark.
type Done = (u64, worker::Outcome, Option<(Arc<str>, u64)>);

/// Receive outcomes, restore input order, hand them to the writer, return tokens.
fn write_in_order(
    writer: &mut Writer,
    done: Receiver<Done>,
    tokens: &std::sync::mpsc::SyncSender<()>,
    progress: &Progress,
) -> anyhow::Result<()> {
    let mut next = 0u64;
    let mut waiting = BTreeMap::new();
    for (seq, outcome, mark) in done {
        waiting.insert(seq, (outcome, mark));
        while let Some((outcome, mark)) = waiting.remove(&next) {
            writer.handle(outcome, mark)?;
            next += 1;
            let _ = tokens.send(());
            progress.update(&writer.report);
        }
    }
    Ok(())
}

/// Redraws of the progress line per second: often enough to look alive, rarely enough to cost
/// nothing.
const PROGRESS_HZ: u8 = 4;

/// The progress line on stderr: records, articles, events, rates, and when the sources are
/// local files of known total size, a bar over the input bytes with an ETA.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
    /// Bytes of input read so far (the reader counts them).
    bytes_read: Arc<AtomicU64>,
}

impl Progress {
    fn new(show: bool, total_bytes: Option<u64>, bytes_read: Arc<AtomicU64>) -> Progress {
        let bar = show.then(|| {
            let target = indicatif::ProgressDrawTarget::stderr_with_hz(PROGRESS_HZ);
            let (bar, template) = match total_bytes.filter(|&t| t > 0) {
                Some(total) => (
                    indicatif::ProgressBar::with_draw_target(Some(total), target),
                    "{spinner} {elapsed_precise} [{bar:24}] {percent:>3}% of {total_bytes} · ETA {eta} · {msg}",
                ),
                None => (
                    indicatif::ProgressBar::with_draw_target(None, target),
                    "{spinner} {elapsed_precise} {msg}",
                ),
            };
            bar.set_style(
                indicatif::ProgressStyle::with_template(template)
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner())
                    .progress_chars("=> "),
            );
            bar.enable_steady_tick(Duration::from_millis(1000 / u64::from(PROGRESS_HZ)));
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            bytes_read,
        }
    }

    fn update(&self, r: &Report) {
        let Some(bar) = &self.bar else { return };
        if !r.read.is_multiple_of(16) {
            return;
        }
        bar.set_position(self.bytes_read.load(Ordering::Relaxed));
        bar.set_message(progress_message(r, self.started.elapsed().as_secs_f64()));
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The counters part of the progress line. Articles are counted when committed, so the rate
/// trails the records' by at most one batch.
fn progress_message(r: &Report, secs: f64) -> String {
    let secs = secs.max(0.001);
    let dups: u64 = r.duplicates.values().sum();
    let articles = r.articles + r.updated;
    format!(
        "records {} · articles {articles} · duplicates {dups} · events {} · {:.0} records/s · {:.0} articles/s",
        r.read,
        r.events,
        r.read as f64 / secs,
        articles as f64 / secs,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_names_records_articles_events_and_rates() {
        let r = Report {
            read: 200,
            articles: 90,
            updated: 10,
            events: 40,
            ..Report::default()
        };
        let line = progress_message(&r, 2.0);
        assert_eq!(
            line,
            "records 200 · articles 100 · duplicates 0 · events 40 · 100 records/s · 50 articles/s"
        );
    }

    #[test]
    fn input_bytes_are_known_for_files_and_unknown_with_a_url() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let a = dir.path().join("a.html");
        std::fs::write(&a, b"<p>12345</p>").unwrap_or_else(|e| panic!("{e}"));
        let folder = dir.path().display().to_string();
        assert_eq!(
            input_bytes(&resolve(std::slice::from_ref(&folder))),
            Some(12)
        );
        assert_eq!(
            input_bytes(&resolve(&[folder, "https://example.org/feed.xml".into()])),
            None
        );
    }
}
