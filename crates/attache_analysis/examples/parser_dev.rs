//! Development scores for choices in the parser, never touching a test split: trains a greedy
//! parser on EWT train + GUM train with jackknifed tags (as `attache train parser` does) and
//! prints EWT dev UAS/LAS with the built-in tagger's tags after each epoch.
//!
//! `cargo run --release -p attache_analysis --example parser_dev -- ../shared/ud [EPOCHS] [PRUNE] [OUT]`
//!
//! Jackknifing the tags takes most of a run's time and gives the same tags every time, so the
//! tagged training sentences are kept in `PARSER_DEV_CACHE` (default
//! `/tmp/parser_dev_train.conllu`) and read from there on later runs. `EXPLORE_FROM` and
//! `EXPLORE_P` override the exploration settings; `MIX_GOLD` adds every training sentence
//! a second time with its gold tags; `OUT` writes the final model there.

use std::path::PathBuf;

use attache_analysis::conllu;
use attache_analysis::parser::{score, train};
use attache_analysis::tagger::Tagger;
use attache_analysis::treebank::{self, Split};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let ud = PathBuf::from(args.get(1).map_or("../shared/ud", String::as_str));
    let defaults = train::Settings::default();
    let epochs = args.get(2).map_or(Ok(defaults.epochs), |a| a.parse())?;
    let prune = args.get(3).map_or(Ok(defaults.prune), |a| a.parse())?;
    let out = args.get(4).map(PathBuf::from);
    let env = |name: &str| std::env::var(name).ok();
    let settings = train::Settings {
        epochs,
        prune,
        explore_from: env("EXPLORE_FROM").map_or(Ok(defaults.explore_from), |v| v.parse())?,
        explore_probability: env("EXPLORE_P")
            .map_or(Ok(defaults.explore_probability), |v| v.parse())?,
        ..defaults
    };

    let cache = PathBuf::from(
        env("PARSER_DEV_CACHE").unwrap_or_else(|| "/tmp/parser_dev_train.conllu".into()),
    );
    let mut sentences = if cache.exists() {
        conllu::read(&cache)?
    } else {
        let mut sentences = train::training_sentences(&ud, true)?;
        train::jackknife_tags(&mut sentences, 5, &mut |note| eprintln!("  {note}"));
        let mut text = String::new();
        conllu::write(&sentences, &mut text);
        std::fs::write(&cache, text)?;
        sentences
    };
    if env("MIX_GOLD").is_some() {
        // Each sentence a second time with its gold tags.
        sentences.extend(train::training_sentences(&ud, true)?);
    }
    let mut dev = conllu::read(&treebank::ewt_official(&ud, Split::Dev))?;
    train::retag(&Tagger::builtin()?, &mut dev);
    eprintln!("training on {} sentences, {settings:?}", sentences.len());
    let parser = train::train(&sentences, &settings, |report, build| {
        let s = score::evaluate(&build(settings.prune)?, &dev);
        eprintln!(
            "  epoch {:>2}: transitions {:.4}, labels {:.4}; EWT dev UAS {:.4} LAS {:.4}",
            report.epoch + 1,
            report.move_accuracy,
            report.label_accuracy,
            s.uas(),
            s.las()
        );
        Ok(())
    })?;
    let (moves, labels) = parser.feature_counts();
    eprintln!("features: {moves} transition, {labels} label");
    if let Some(out) = out {
        let bytes = parser.to_model_file("parser_dev harness").to_bytes();
        std::fs::write(&out, bytes)?;
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}
