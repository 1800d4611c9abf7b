//! `attache eval`: score attache against benchmark sets (quality and speed figures).

pub mod actors;
pub mod entities;
pub mod events;
pub mod extraction;
pub mod news;
pub mod syntax;

use std::process::ExitCode;

/// Arguments of `attache eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    what: EvalCommand,
}

#[derive(clap::Subcommand)]
enum EvalCommand {
    /// Body, title and date quality on a main-content extraction benchmark folder.
    Extraction(extraction::ExtractionEvalArgs),
    /// Actor-code accuracy on an event gold file.
    Actors(actors::ActorsEvalArgs),
    /// Event triple precision/recall/F1 on an event gold file (sentences), or on real-news
    /// pages coded from their raw HTML (`--pages`).
    Events(events::EventsEvalArgs),
    /// Tagger scores on EWT test with gold tokens; tokenisation and sentence-split F1 and
    /// UPOS (UAS/LAS once the parser exists) on raw EWT text, the CoNLL 2018 way.
    Syntax(syntax::SyntaxEvalArgs),
}

/// Run `attache eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    match args.what {
        EvalCommand::Extraction(a) => extraction::run(a),
        EvalCommand::Actors(a) => actors::run(a),
        EvalCommand::Events(a) => events::run(a),
        EvalCommand::Syntax(a) => syntax::run(a),
    }
}
