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
mod worker;
mod writer;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use attache_model::{Annotator, Layers};
use attache_store::{SqliteStore, StoreWrite};

pub use report::Report;
use worker::{process, WorkerContext};
use writer::Writer;

use crate::sources::http::{FetchSettings, Fetcher, Politeness};
use crate::sources::{read_sources, Item, ReadSettings};

/// Items between reading and writing, at most. Enough to keep every worker busy while the
/// writer commits; small enough that even pages at the size cap stay within memory bounds in
/// practice (typical pages are 50-200 KB).
pub const IN_FLIGHT: usize = 64;

/// Everything a run needs.
pub struct IngestSettings {
    /// Sources: paths, folders, URLs.
    pub sources: Vec<String>,
    /// The database file.
    pub db: PathBuf,
    /// Worker threads.
    pub workers: usize,
    /// Extraction settings.
    pub extract: attache_extract::Settings,
    /// Annotation stages.
    pub annotators: Vec<Box<dyn Annotator>>,
    /// Fetching (None: no network).
    pub fetch: Option<FetchSettings>,
    /// Read everything again, ignoring checkpoints.
    pub reprocess: bool,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// The command line, for the run record.
    pub command: String,
}

/// Check once, when the pipeline is assembled, that every stage finds the layers it needs.
pub fn check_stages(stages: &[Box<dyn Annotator>]) -> anyhow::Result<()> {
    let mut have = Layers::NONE;
    for s in stages {
        let missing = have.missing(s.requires());
        if !missing.is_empty() {
            anyhow::bail!(
                "stage `{}` needs layers {missing:?} that no earlier stage provides",
                s.name()
            );
        }
        have |= s.provides();
    }
    Ok(())
}

/// Run an ingest to the end and return its report.
pub fn run(settings: IngestSettings) -> anyhow::Result<Report> {
    let started = Instant::now();
    let started_at = attache_store::now_rfc3339();
    check_stages(&settings.annotators)?;
    let store = SqliteStore::open(&settings.db)
        .with_context(|| format!("cannot open the store {}", settings.db.display()))?;
    let mut writer = Writer::new(store)?;
    let politeness = Arc::new(Politeness::default());
    let fetch = settings.fetch.map(Arc::new);
    let ctx = Arc::new(WorkerContext {
        extract: settings.extract.clone(),
        annotators: Arc::new(settings.annotators),
    });
    let progress = Progress::new(settings.progress);

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
        };
        let sources = settings.sources.clone();
        let reader = scope.spawn(move || -> anyhow::Result<crate::sources::ReadCounts> {
            let lookups = SqliteStore::open_read_only(&db)?;
            let fetcher = match reader_fetch {
                Some(f) => Some(Fetcher::new(f, reader_politeness)?),
                None => None,
            };
            let mut seq = 0u64;
            let counts = read_sources(
                &sources,
                &read_settings,
                &lookups as &dyn StoreWrite,
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
            scope.spawn(move || {
                let fetcher = fetch.and_then(|f| Fetcher::new(f, politeness).ok());
                loop {
                    let next = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, item)) = next else { return };
                    let outcome = process(item.work, &ctx, fetcher.as_ref());
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

/// The progress line on stderr: records, articles, events, rate.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
}

impl Progress {
    fn new(show: bool) -> Progress {
        let bar = show.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                None,
                indicatif::ProgressDrawTarget::stderr_with_hz(4),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
        }
    }

    fn update(&self, r: &Report) {
        let Some(bar) = &self.bar else { return };
        if !r.read.is_multiple_of(16) {
            return;
        }
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let dups: u64 = r.duplicates.values().sum();
        bar.set_message(format!(
            "records {} · articles {} · duplicates {dups} · events {} · {:.0} records/s",
            r.read,
            r.articles + r.updated,
            r.events,
            r.read as f64 / secs
        ));
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
