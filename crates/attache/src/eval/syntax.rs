//! `attache eval syntax --data DIR`: the analysis models' scores on the UD folder's test
//! sets, the conventional way (EWT test with gold tokens for tags and trees).
//!
//! Each model adds its lines; a model not built yet is said to be so.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use attache_analysis::conllu;
use attache_analysis::tagger::{self, Tagger};
use attache_analysis::treebank::{self, Split};

/// Arguments of `attache eval syntax`.
#[derive(clap::Args)]
pub struct SyntaxEvalArgs {
    /// The Universal Dependencies folder (`ewt/`, `gum/`, `uner-ewt/`), e.g. `../shared/ud`.
    #[arg(long)]
    pub data: PathBuf,
    /// Score this tagger model file instead of the built-in one.
    #[arg(long)]
    pub tagger: Option<PathBuf>,
}

/// The UPOS target on EWT test with gold tokens.
const UPOS_TARGET: f64 = 0.955;

/// Run `attache eval syntax`.
pub fn run(args: SyntaxEvalArgs) -> anyhow::Result<ExitCode> {
    let test_path = treebank::ewt_official(&args.data, Split::Test);
    let test = conllu::read(&test_path)
        .with_context(|| format!("cannot read EWT test ({})", test_path.display()))?;
    let model = match &args.tagger {
        Some(path) => Tagger::read(path)?,
        None => Tagger::builtin()?,
    };
    let started = attache_model::cpu::cpu_seconds();
    let s = tagger::evaluate(&model, test.iter());
    let cpu = attache_model::cpu::cpu_seconds()
        .zip(started)
        .map_or(String::new(), |(b, a)| format!(", {:.2} s CPU", b - a));
    println!(
        "tagger  EWT test, gold tokens ({} sentences, {} words): UPOS {:.4} (target >= {UPOS_TARGET})  XPOS {:.4}  UPOS+XPOS {:.4}  lemma {:.4}{cpu}",
        test.len(),
        s.words,
        s.upos_accuracy(),
        s.xpos_accuracy(),
        s.both_accuracy(),
        s.lemma_accuracy()
    );
    println!("parser  not built yet");
    println!("entities  not built yet");
    println!("coreference  not built yet");
    Ok(ExitCode::SUCCESS)
}
