//! `attache eval events` (being written).

use std::process::ExitCode;

/// Arguments of `attache eval events`.
#[derive(clap::Args)]
pub struct EventsEvalArgs {
    /// The benchmark folder or file.
    #[arg(long)]
    pub bench: std::path::PathBuf,
}

/// Run `attache eval events`.
pub fn run(_args: EventsEvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`attache eval events` is not built yet")
}
