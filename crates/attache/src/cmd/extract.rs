//! `attache extract` (being written).

use std::process::ExitCode;

/// Arguments of `attache extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Files, folders, or `-` for standard input.
    pub paths: Vec<std::path::PathBuf>,
}

/// Run `attache extract`.
pub fn run(_args: ExtractArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`attache extract` is not built yet")
}
