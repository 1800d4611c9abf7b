//! Development scores for choices in the coreference resolver, never tuning on a test split:
//! trains on GUM train only (names from GUM) and scores GUM dev with names from the built-in
//! entity recogniser (which saw GUM dev in training, so dev names are a little better than
//! unseen text's; the comparison between resolver variants is what this is for).
//!
//! `cargo run --release -p attache_analysis --example coref_dev -- ../shared/ud [EPOCHS] [test]`
//!
//! `test` also prints the GUM test scores of the same train-only model (to report, not to
//! choose by).

use std::path::PathBuf;

use attache_analysis::coref::train;
use attache_analysis::ner::Recogniser;
use attache_analysis::treebank::{self, Split};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arg = |i: usize| std::env::args().nth(i);
    let ud = PathBuf::from(arg(1).unwrap_or_else(|| "../shared/ud".into()));
    let epochs: usize = arg(2).and_then(|e| e.parse().ok()).unwrap_or(train::EPOCHS);
    let docs = treebank::gum(&ud, Split::Train)?
        .iter()
        .map(|d| train::document(d, &train::Names::Gold))
        .collect::<Result<Vec<_>, _>>()?;
    let model = train::train(&docs, epochs, "", |l| eprintln!("{l}"))?;
    let ner = Recogniser::builtin()?;
    let dev = train::scoring_documents(&ner, &ud, Split::Dev)?;
    println!(
        "{}",
        train::evaluate_documents(&model, &dev, Split::Dev).lines()
    );
    if arg(3).as_deref() == Some("test") {
        println!("{}", train::evaluate(&model, &ner, &ud)?.lines());
    }
    Ok(())
}
