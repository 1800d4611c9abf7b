//! `attache settle`: decide the stories again in publication order, as every ingest does at
//! its end. `--all` replays every stored article from the first, which a store needs after
//! the story stage's rules change (a new release may say so); without it only what was
//! written since the last settle is decided again.

use std::process::ExitCode;

use attache_store::{Location, SettleScope};

use crate::pipeline::stories;

/// Arguments of `attache settle`.
#[derive(clap::Args)]
pub struct SettleArgs {
    /// The store: a SQLite file or a PostgreSQL URL (`postgres://user@host/db`).
    #[arg(long, default_value = "attache.db")]
    pub db: String,
    /// Replay every stored article from the first, not only from where the articles written
    /// since the last settle start.
    #[arg(long)]
    pub all: bool,
}

/// Run `attache settle`.
pub fn run(args: SettleArgs) -> anyhow::Result<ExitCode> {
    let location = Location::parse(&args.db)?;
    // Opening a SQLite file would create it; settling a store that is not there is a mistake.
    super::require_store(&args.db)?;
    let scope = if args.all {
        SettleScope::Everything
    } else {
        SettleScope::Pending
    };
    let started = std::time::Instant::now();
    let s = stories::settle_db(&args.db, scope)?;
    if s.skipped {
        eprintln!("store {location}: nothing written since the last settle; nothing replayed");
    } else {
        let from = match s.resumed_from {
            Some(t) => format!(
                "from the checkpoint at the start of {}",
                attache_store::format_utc_day(t)
            ),
            None => "from the first article".to_string(),
        };
        eprintln!(
            "store {location}: replayed {} articles {from}; moved {}, made aliases {}, copies renamed {}, stories created {}, removed {}, retitled {}; {} checkpoint(s) written ({:.2} s)",
            s.articles,
            s.moved,
            s.aliased,
            s.copies_renamed,
            s.created,
            s.removed,
            s.retitled,
            s.checkpoints,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}
