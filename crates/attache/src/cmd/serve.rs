//! `attache serve`: the JSON API and the analyst dashboard over a store (see `server`).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};

use crate::server::{self, ServeStore, Settings, StorePool};

/// Shortest write token accepted: a short token could be guessed through the rate limit.
const MIN_TOKEN_LEN: usize = 16;

/// Arguments of `attache serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The store to serve (made by `attache ingest`): a SQLite file or a PostgreSQL URL
    /// (`postgres://user@host/db`).
    #[arg(long, default_value = "attache.db")]
    pub db: String,
    /// Address to listen on. The default answers this machine only; listening beyond it lets
    /// anyone who reaches the address read the store.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Requests per second allowed from one client address (0: no limit).
    #[arg(long, default_value_t = 200)]
    pub rate_limit: u32,
    /// Also answer requests for this host name (repeatable; loopback names always work).
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_host: Vec<String>,
    /// Do not cache answers (every request reads the store).
    #[arg(long)]
    pub no_cache: bool,
    /// Read connections, i.e. store queries that run at once (default: twice the cores).
    #[arg(long)]
    pub readers: Option<usize>,
    /// File holding the token that turns on the write endpoint (POST /api/ingest); the
    /// ATTACHE_TOKEN environment variable does the same. Without either, writes are off.
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
}

fn token(args: &ServeArgs) -> anyhow::Result<Option<String>> {
    let token = match &args.token_file {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the token file {}", path.display()))?
                .trim()
                .to_string(),
        ),
        None => std::env::var("ATTACHE_TOKEN")
            .ok()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
    };
    if let Some(t) = &token {
        if t.len() < MIN_TOKEN_LEN || t.chars().any(|c| c.is_whitespace() || c.is_control()) {
            bail!("the write token must be at least {MIN_TOKEN_LEN} characters without spaces");
        }
    }
    Ok(token)
}

fn open(db: &str) -> anyhow::Result<Box<dyn ServeStore>> {
    Ok(attache_store::open_read_only(db)?)
}

/// Run `attache serve`.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    crate::cmd::require_store(&args.db)?;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let readers = args.readers.unwrap_or((2 * cores).max(4)).clamp(1, 64);
    let connections = (0..readers)
        .map(|_| open(&args.db))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let watcher = open(&args.db)?;
    let settings = Settings {
        db: args.db.clone(),
        bind: args.bind,
        token: token(&args)?,
        rate_limit: args.rate_limit,
        allowed_hosts: args.allow_host.clone(),
        cache: !args.no_cache,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .max_blocking_threads(readers + 8)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(server::serve(
        settings,
        StorePool::new(connections),
        watcher,
    ))?;
    Ok(ExitCode::SUCCESS)
}
