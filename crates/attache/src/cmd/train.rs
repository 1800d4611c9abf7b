//! `attache train`: train an analysis model from the Universal Dependencies treebanks of a
//! `shared/ud`-shaped folder and write its model file (one arm per model).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use attache_analysis::conllu;
use attache_analysis::parser::{score, train};
use attache_analysis::tagger::Tagger;
use attache_analysis::treebank::{self, Split};
use attache_model::cpu::cpu_seconds;

/// Arguments of `attache train`.
#[derive(clap::Args)]
pub struct TrainArgs {
    #[command(subcommand)]
    what: TrainCommand,
}

#[derive(clap::Subcommand)]
enum TrainCommand {
    /// The dependency parser (EWT train + GUM train with jackknifed tags; scored on EWT dev
    /// with the built-in tagger's tags after each epoch).
    Parser(ParserTrainArgs),
}

/// Arguments of `attache train parser`.
#[derive(clap::Args)]
pub struct ParserTrainArgs {
    /// The UD folder (`ewt/`, `gum/`), e.g. ../shared/ud.
    #[arg(long)]
    data: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "data/models/parser.model")]
    out: PathBuf,
    /// Passes over the training sentences.
    #[arg(long, default_value_t = train::Settings::default().epochs)]
    epochs: usize,
    /// Train on EWT train only (by default GUM train is added).
    #[arg(long)]
    no_gum: bool,
    /// Train on the treebanks' gold tags instead of jackknifed predicted tags (the parser
    /// then scores lower with the tagger's tags, as it runs in the pipeline).
    #[arg(long)]
    gold_tags: bool,
    /// Folds of the jackknifing: each fold is tagged by a tagger trained on the others.
    #[arg(long, default_value_t = 5)]
    folds: usize,
}

/// Run `attache train`.
pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    match args.what {
        TrainCommand::Parser(a) => train_parser(a),
    }
}

fn train_parser(args: ParserTrainArgs) -> anyhow::Result<ExitCode> {
    let mut sentences = train::training_sentences(&args.data, !args.no_gum)
        .with_context(|| format!("cannot read the treebanks under {}", args.data.display()))?;
    let dev_path = treebank::ewt_official(&args.data, Split::Dev);
    let mut dev = conllu::read(&dev_path)?;
    let start = cpu_seconds().unwrap_or(0.0);
    let tags = if args.gold_tags {
        "gold tags"
    } else {
        train::jackknife_tags(&mut sentences, args.folds, &mut |note| {
            eprintln!("  {note}")
        });
        train::retag(&Tagger::builtin()?, &mut dev);
        "predicted tags"
    };
    eprintln!(
        "attache: training the parser on {} sentences ({}), {} epochs",
        sentences.len(),
        if args.no_gum {
            "EWT train"
        } else {
            "EWT train + GUM train"
        },
        args.epochs
    );
    let settings = train::Settings {
        epochs: args.epochs,
        ..train::Settings::default()
    };
    let mut scoring = 0.0;
    let parser = train::train(&sentences, &settings, |report, build| {
        let before = cpu_seconds().unwrap_or(0.0);
        let dev_score = score::evaluate(&build(settings.prune)?, &dev);
        scoring += cpu_seconds().unwrap_or(0.0) - before;
        eprintln!(
            "  epoch {:>2}: oracle-agreeing transitions {:.4}, labels {:.4}; EWT dev ({tags}) UAS {:.4} LAS {:.4}",
            report.epoch + 1,
            report.move_accuracy,
            report.label_accuracy,
            dev_score.uas(),
            dev_score.las()
        );
        Ok(())
    })?;
    let cpu = cpu_seconds().unwrap_or(0.0) - start - scoring;
    let dev_score = score::evaluate(&parser, &dev);
    let (moves, labels) = parser.feature_counts();
    let info = format!(
        "attache dependency parser (arc-hybrid, averaged perceptron, dynamic oracle).\n\
         Trained by: attache train parser --data {} --epochs {}{}{}\n\
         Data: {} with {tags} (Universal Dependencies English EWT, CC BY-SA 4.0{}); the weights carry CC BY-SA 4.0.\n\
         EWT dev, {tags}: UAS {:.4} LAS {:.4}. Features: {moves} transition, {labels} label.",
        args.data.display(),
        args.epochs,
        if args.no_gum { " --no-gum" } else { "" },
        if args.gold_tags {
            " --gold-tags".to_string()
        } else {
            format!(" --folds {}", args.folds)
        },
        if args.no_gum {
            "EWT train"
        } else {
            "EWT train + GUM train"
        },
        if args.no_gum {
            ""
        } else {
            "; GUM, CC BY 4.0 / CC BY-SA per its LICENSE"
        },
        dev_score.uas(),
        dev_score.las()
    );
    parser.to_model_file(&info).write(&args.out)?;
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "attache: wrote {} ({:.1} MB; {moves} transition and {labels} label features); training took {cpu:.0} s of CPU (tagging included, dev scoring excluded)",
        args.out.display(),
        size as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}
