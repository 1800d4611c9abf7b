//! `attache train ner|coref --data DIR [--out FILE]`: train an analysis model on the
//! treebanks of a `shared/ud`-shaped folder, print its test scores and write the model file
//! (by default into `data/models/`, where the build embeds it).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use attache_analysis::{coref, ner};

/// Arguments of `attache train`.
#[derive(clap::Args)]
pub struct TrainArgs {
    #[command(subcommand)]
    model: TrainModel,
}

#[derive(clap::Subcommand)]
enum TrainModel {
    /// The named-entity recogniser (PER, ORG, LOC): Universal NER EWT dev and GUM train+dev.
    Ner(TrainOptions),
    /// Coreference (pronouns, definite descriptions): GUM train+dev; scored with the built-in
    /// entity recogniser's names.
    Coref(TrainOptions),
}

/// Where the data are and where the model goes.
#[derive(clap::Args)]
struct TrainOptions {
    /// The folder laid out as `shared/ud` (ewt/, gum/, uner-ewt/).
    #[arg(long)]
    data: PathBuf,
    /// The model file to write (default `data/models/<model>.model`).
    #[arg(long)]
    out: Option<PathBuf>,
}

impl TrainOptions {
    fn out(&self, name: &str) -> PathBuf {
        self.out
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("data/models/{name}.model")))
    }
}

/// Run `attache train`.
pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let started = attache_model::cpu::cpu_seconds();
    let progress = |line: &str| eprintln!("{line}");
    let (file, out) = match args.model {
        TrainModel::Ner(opts) => {
            let (model, scores) = ner::train::train_release(&opts.data, progress)
                .context("training the entity recogniser")?;
            println!("{}", scores.lines());
            (model.to_model_file(model.info()), opts.out("ner"))
        }
        TrainModel::Coref(opts) => {
            let names = ner::Recogniser::builtin()?;
            let (model, scores) = coref::train::train_release(&opts.data, &names, progress)
                .context("training coreference")?;
            println!("{}", scores.lines());
            (model.to_model_file(model.info()), opts.out("coref"))
        }
    };
    file.write(&out)?;
    eprintln!("wrote {}", out.display());
    if let (Some(start), Some(end)) = (started, attache_model::cpu::cpu_seconds()) {
        eprintln!("CPU time {:.1} s", end - start);
    }
    Ok(ExitCode::SUCCESS)
}
