//! `attache code` (being written).

use std::process::ExitCode;

/// Arguments of `attache code`.
#[derive(clap::Args)]
pub struct CodeArgs {
    /// Files, folders, or `-` for standard input.
    pub paths: Vec<std::path::PathBuf>,
}

/// Run `attache code`.
pub fn run(_args: CodeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`attache code` is not built yet")
}
