//! `attache eval actors` (being written).

use std::process::ExitCode;

/// Arguments of `attache eval actors`.
#[derive(clap::Args)]
pub struct ActorsEvalArgs {
    /// The benchmark folder or file.
    #[arg(long)]
    pub bench: std::path::PathBuf,
}

/// Run `attache eval actors`.
pub fn run(_args: ActorsEvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`attache eval actors` is not built yet")
}
