//! `attache ingest`: files, folders, WARC archives, feeds, sitemaps, URL lists and URLs into
//! the store, with a run report at the end.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use attache_model::Annotator;

use crate::pipeline::{self, IngestSettings};
use crate::sources::http::FetchSettings;

/// Arguments of `attache ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {
    /// Sources: HTML or text files and folders (`.gz` too), WARC or WARC.gz archives, RSS/Atom
    /// feeds, XML sitemaps, URL lists (one URL per line), or http(s) URLs of pages, feeds or
    /// sitemaps.
    #[arg(required = true)]
    pub sources: Vec<String>,
    /// The store (an SQLite file, created when absent).
    #[arg(long, default_value = "attache.db")]
    pub db: PathBuf,
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

/// The annotation stages of a full ingest: sentences, the analysis (tokens, tags, ...),
/// actors, events.
pub(crate) fn stages() -> anyhow::Result<Vec<Box<dyn Annotator>>> {
    let resolver = attache_nlp::ActorResolver::builtin()
        .context("cannot load the built-in actor dictionaries")?;
    let coder = attache_events::Coder::builtin(attache_events::CoderSettings::default())
        .context("cannot load the built-in event patterns")?;
    Ok(vec![
        Box::new(attache_nlp::SentenceAnnotator::new()),
        Box::new(crate::cmd::code::analysis()?),
        Box::new(resolver),
        Box::new(coder),
    ])
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
    let annotators = if args.extract_only {
        Vec::new()
    } else {
        stages()?
    };
    let settings = IngestSettings {
        sources: args.sources.clone(),
        db: args.db.clone(),
        workers,
        extract: attache_extract::Settings {
            max_bytes: args.max_mb.saturating_mul(1024 * 1024),
            ..attache_extract::Settings::default()
        },
        annotators,
        fetch,
        reprocess: args.reprocess,
        progress: !args.quiet,
        command: std::env::args().collect::<Vec<_>>().join(" "),
    };
    let report = pipeline::run(settings)?;
    eprint!("{report}");
    if let Some(path) = &args.report {
        let json = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, json).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
