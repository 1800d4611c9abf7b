//! `attache eval extraction` (being written).

use std::process::ExitCode;

/// Arguments of `attache eval extraction`.
#[derive(clap::Args)]
pub struct ExtractionEvalArgs {
    /// The benchmark folder or file.
    #[arg(long)]
    pub bench: std::path::PathBuf,
}

/// Run `attache eval extraction`.
pub fn run(_args: ExtractionEvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`attache eval extraction` is not built yet")
}
