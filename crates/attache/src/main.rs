//! The `attache` command line: extract, find actors, code events, evaluate.

mod cmd;
mod eval;
#[cfg(test)]
mod fuzz;
mod inputs;
mod pipeline;
mod server;
mod sources;

use clap::{Parser, Subcommand};

/// attache reads the news and writes down who did what to whom, when, where, and according to whom.
#[derive(Parser)]
#[command(
    name = "attache",
    version,
    about,
    long_about = None,
    after_help = "\
Exit status: 0 all good; 1 some inputs failed (each is named on stderr, the others are \
processed); 2 usage error, or the store is missing or could not be read or written."
)]
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
    /// What the store holds and how far a shared queue of sources got.
    Status(cmd::status::StatusArgs),
    /// Decide the stories again in publication order (`--all`: from the first article).
    Settle(cmd::settle::SettleArgs),
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
        .with_ansi(cmd::stderr_colour())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ATTACHE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    quiet_on_broken_pipe_panics();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Actors(args) => cmd::actors::run(args),
        Command::Code(args) => cmd::code::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Query(args) => cmd::query::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Status(args) => cmd::status::run(args),
        Command::Settle(args) => cmd::settle::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Parse(args) => cmd::parse::run(args),
        Command::Train(args) => cmd::train::run(args),
    };
    match result {
        Ok(code) => code,
        // `attache query ... | head`: the reader has what it wanted. Stop quietly, as Unix
        // tools do, and successfully, as ripgrep does (the output that was read is right).
        Err(err) if is_broken_pipe(&err) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("attache: error: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}

/// Whether an error comes from writing to a pipe whose reader has gone away.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// `println!` panics when stdout is a closed pipe; the commands that print a few lines with it
/// (the eval reports) end quietly then too, like the ones that write through a buffer.
fn quiet_on_broken_pipe_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout")
            && message.contains(&std::io::Error::from(std::io::ErrorKind::BrokenPipe).to_string())
        {
            std::process::exit(0);
        }
        default(info);
    }));
}
