//! `attache status`: what the store holds and, for a shared PostgreSQL store, how far the
//! queue of sources got: each source done, leased (by whom, lease left, records committed) or
//! failed (and why).

use std::process::ExitCode;

use attache_store::{Location, SourceStatus};

/// Arguments of `attache status`.
#[derive(clap::Args)]
pub struct StatusArgs {
    /// The store: a SQLite file or a PostgreSQL URL (`postgres://user@host/db`).
    #[arg(long, default_value = "attache.db")]
    pub db: String,
    /// One JSON object per source on stdout instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Run `attache status`.
pub fn run(args: StatusArgs) -> anyhow::Result<ExitCode> {
    let location = Location::parse(&args.db)?;
    let store = attache_store::open_read_only(&args.db)?;
    let stats = store.stats()?;
    eprintln!(
        "store {location}: {} articles, {} events ({} happenings), {} stories",
        stats.articles, stats.events, stats.happenings, stats.stories
    );
    if !location.is_postgres() {
        eprintln!("(a SQLite store has no shared queue of sources)");
        return Ok(ExitCode::SUCCESS);
    }
    let mut queue = attache_store::open_queue(&args.db)?;
    let counts = queue.counts()?;
    let sources = queue.sources()?;
    if args.json {
        for s in &sources {
            println!("{}", serde_json::to_string(s)?);
        }
    } else {
        print!("{}", table(&sources));
    }
    eprintln!(
        "sources: {} queued, {} leased, {} with an expired lease, {} done, {} failed",
        counts.queued, counts.leased, counts.expired, counts.done, counts.failed
    );
    Ok(ExitCode::SUCCESS)
}

fn table(sources: &[SourceStatus]) -> String {
    let mut out = String::from("state\trecords\tattempts\tlease left\tworker\tsource\terror\n");
    for s in sources {
        let lease = s.lease_left.map_or(String::new(), |l| format!("{l} s"));
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            s.state,
            s.records,
            s.attempts,
            lease,
            s.worker.as_deref().unwrap_or(""),
            s.source,
            s.error.as_deref().unwrap_or("")
        ));
    }
    out
}
