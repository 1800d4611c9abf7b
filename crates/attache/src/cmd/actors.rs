//! `attache actors` (being written).

use std::process::ExitCode;

/// Arguments of `attache actors`.
#[derive(clap::Args)]
pub struct ActorsArgs {
    /// Files, folders, or `-` for standard input.
    pub paths: Vec<std::path::PathBuf>,
}

/// Run `attache actors`.
pub fn run(_args: ActorsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`attache actors` is not built yet")
}
