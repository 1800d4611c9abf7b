//! One module per subcommand; each defines its clap arguments and a `run` function.

pub mod actors;
pub mod code;
pub mod explain_analysis;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod parse;
pub mod query;
pub mod serve;
pub mod train;
