//! `attache ingest`: files, folders, WARC archives, feeds, sitemaps, URL lists and URLs into
//! the store, with a run report at the end.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use attache_store::Location;

use crate::pipeline::{self, IngestSettings, Pipeline};
use crate::sources::http::FetchSettings;

/// Arguments of `attache ingest`.
#[derive(clap::Args)]
#[command(after_help = "\
Failed inputs (unreadable or missing paths, corrupt gzip, damaged WARC records, pages over the \
size cap, failed fetches) are named with their reason on stderr, in --report and in the store's \
run record. They are never marked done: the next run tries them again.

Exit status: 0 every input was read; 1 some inputs failed (the others are stored); 2 usage \
error or the store could not be opened or written.")]
pub struct IngestArgs {
    /// Sources: HTML or text files and folders (`.gz` too), WARC or WARC.gz archives, RSS/Atom
    /// feeds, XML sitemaps, URL lists (one URL per line), or http(s) URLs of pages, feeds or
    /// sitemaps.
    /// With a PostgreSQL store they are queued, and this process and every `--join` worker
    /// share them.
    #[arg(required_unless_present = "join")]
    pub sources: Vec<String>,
    /// The store: a SQLite file (created when absent) or a PostgreSQL URL
    /// (`postgres://user@host/db`).
    #[arg(long, default_value = "attache.db")]
    pub db: String,
    /// Work on the sources queued in a PostgreSQL store by other `attache ingest` commands,
    /// until none is left.
    #[arg(long)]
    pub join: bool,
    /// Seconds a worker holds a source without renewing it; then another worker takes it
    /// over (PostgreSQL stores).
    #[arg(long, default_value_t = 30.0)]
    pub lease: f64,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Refuse pages and records larger than this many megabytes.
    #[arg(long, default_value_t = 20)]
    pub max_mb: usize,
    /// Only extract: no sentences, actors or events.
    #[arg(long)]
    pub extract_only: bool,
    /// Never fetch over the network (URL sources and feed links are skipped and counted).
    #[arg(long)]
    pub offline: bool,
    /// Allow fetching from loopback, private and link-local addresses.
    #[arg(long)]
    pub allow_private: bool,
    /// Send fetches through the proxy of HTTP_PROXY/HTTPS_PROXY/ALL_PROXY (ignored by
    /// default: a proxy resolves host names itself, so only IP literals can then be checked
    /// against private addresses; the proxy must refuse the rest).
    #[arg(long)]
    pub proxy: bool,
    /// Ignore robots.txt (only for sites you run yourself).
    #[arg(long)]
    pub ignore_robots: bool,
    /// Least seconds between two requests to one host.
    #[arg(long, default_value_t = 1.0)]
    pub host_delay: f64,
    /// Seconds before a request is abandoned.
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
    /// Most redirects followed per request.
    #[arg(long, default_value_t = 5)]
    pub max_redirects: usize,
    /// Read and fetch everything again, ignoring what earlier runs committed.
    #[arg(long)]
    pub reprocess: bool,
    /// Write the run report as JSON to this file.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

fn seconds(value: f64, flag: &str) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(value)
        .with_context(|| format!("{flag} must be a number of seconds ≥ 0"))
}

/// The pipeline of a full ingest: articles, the team's dictionaries and event patterns
/// (the same stages as `attache code`; see [`Pipeline`]).
pub(crate) fn pipeline() -> anyhow::Result<Pipeline> {
    Pipeline::builder().build()
}

/// Run `attache ingest`.
pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let workers = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let fetch = (!args.offline).then(|| -> anyhow::Result<FetchSettings> {
        Ok(FetchSettings {
            allow_private: args.allow_private,
            timeout: seconds(args.timeout, "--timeout")?,
            max_bytes: args.max_mb.saturating_mul(1024 * 1024),
            max_redirects: args.max_redirects,
            host_delay: seconds(args.host_delay, "--host-delay")?,
            obey_robots: !args.ignore_robots,
            user_agent: format!("attache/{} (news event coder)", env!("CARGO_PKG_VERSION")),
            use_proxy: args.proxy,
        })
    });
    let fetch = fetch.transpose()?;
    // Fetching waits on the network, not the CPU: more workers keep several hosts busy.
    let has_urls = args
        .sources
        .iter()
        .any(|s| !std::path::Path::new(s).exists());
    let workers = if fetch.is_some() && has_urls {
        workers.max(8)
    } else {
        workers
    };
    // Loaded once: a worker of a shared store runs one pipeline per leased source.
    let pipeline = if args.extract_only {
        None
    } else {
        Some(Arc::new(pipeline()?))
    };
    let settings_for = |sources: Vec<String>| IngestSettings {
        sources,
        db: args.db.clone(),
        workers,
        extract: attache_extract::Settings {
            max_bytes: args.max_mb.saturating_mul(1024 * 1024),
            ..attache_extract::Settings::default()
        },
        pipeline: pipeline.clone(),
        fetch: fetch.clone(),
        reprocess: args.reprocess,
        progress: !args.quiet,
        command: std::env::args().collect::<Vec<_>>().join(" "),
        settle_stories: true,
    };
    if args.join || Location::parse(&args.db)?.is_postgres() {
        return shared(&args, &|source| {
            Ok(IngestSettings {
                settle_stories: false,
                ..settings_for(vec![source])
            })
        });
    }
    let report = pipeline::run(settings_for(args.sources.clone()))?;
    eprint!("{report}");
    if let Some(path) = &args.report {
        let json = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, json).with_context(|| format!("cannot write {}", path.display()))?;
    }
    // Every input that could be read is stored; the ones that failed were named above and
    // make the exit code 1, so a script notices.
    Ok(crate::inputs::exit_code(
        usize::try_from(report.failed()).unwrap_or(usize::MAX),
    ))
}

/// Queue the sources in the shared store and work with the other workers until none is
/// left; one report per source this worker finished.
fn shared(
    args: &IngestArgs,
    settings_for: &dyn Fn(String) -> anyhow::Result<IngestSettings>,
) -> anyhow::Result<ExitCode> {
    let lease = Duration::try_from_secs_f64(args.lease)
        .ok()
        .filter(|d| *d >= Duration::from_secs(1))
        .context("--lease must be a number of seconds ≥ 1")?;
    let runs = pipeline::shared::work(&args.db, &args.sources, lease, settings_for)?;
    for run in &runs {
        eprintln!("== {} ({})", run.source, run.outcome);
        if let Some(report) = &run.report {
            eprint!("{report}");
        }
        if let Some(error) = &run.error {
            eprintln!("  error: {error}");
        }
    }
    let failed = runs.iter().filter(|r| r.outcome == "failed").count();
    eprintln!(
        "attache: this worker finished {} source(s), {failed} failed; the queue is empty",
        runs.len()
    );
    if let Some(path) = &args.report {
        let json = serde_json::to_string_pretty(&runs)?;
        std::fs::write(path, json).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
