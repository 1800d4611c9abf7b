//! The `attache` command line: extract, find actors, code events, evaluate.

mod cmd;
mod eval;
mod inputs;
mod pipeline;
mod server;
mod sources;

use clap::{Parser, Subcommand};

/// attache reads the news and writes down who did what to whom, when, where, and according to whom.
#[derive(Parser)]
#[command(name = "attache", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the article (title, dates, byline, dateline, body) from pages or text files.
    Extract(cmd::extract::ExtractArgs),
    /// Find actors in articles and resolve them to CAMEO-style codes.
    Actors(cmd::actors::ActorsArgs),
    /// Code events (who did what to whom) in PLOVER and CAMEO.
    Code(cmd::code::CodeArgs),
    /// Ingest files, folders, WARC archives, feeds, sitemaps or URL lists into the store.
    Ingest(cmd::ingest::IngestArgs),
    /// Query stored events, dyad series and article text.
    Query(cmd::query::QueryArgs),
    /// Export stored events as CSV, JSON lines or Parquet.
    Export(cmd::export::ExportArgs),
    /// Serve the JSON API and the analyst dashboard over a store.
    Serve(cmd::serve::ServeArgs),
    /// Score attache against a benchmark.
    Eval(eval::EvalArgs),
    /// Show the sentence analysis (tags, lemmas, tree, entities, coreference) as CoNLL-U or JSON.
    Parse(cmd::parse::ParseArgs),
    /// Train an analysis model (tagger, parser, ner, coref) on the UD folder.
    Train(cmd::train::TrainArgs),
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ATTACHE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Actors(args) => cmd::actors::run(args),
        Command::Code(args) => cmd::code::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Query(args) => cmd::query::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Parse(args) => cmd::parse::run(args),
        Command::Train(args) => cmd::train::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("attache: error: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}
