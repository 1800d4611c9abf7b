//! The entity and coreference lines of `attache eval syntax`, with the built-in models (or an
//! entity recogniser model file given with `--ner`).
//!
//! Named entities: entity-level precision, recall and F1 (exact span and kind) on Universal
//! NER EWT test and on the GUM test documents' named person/organization/place mentions.
//! Coreference: pronoun-antecedent accuracy, MUC and B³ on GUM test, names from the entity
//! recogniser, gold tokens, tags and trees. Always the test splits: UNER dev and GUM dev are
//! training data of these models.

use std::path::Path;

use anyhow::Context;
use attache_analysis::{coref, ner};

/// Print the entity and coreference lines, with the recogniser in `ner_model` when given.
pub fn print(ud: &Path, ner_model: Option<&Path>) -> anyhow::Result<()> {
    let recogniser = match ner_model {
        Some(path) => ner::Recogniser::load(path)?,
        None => ner::Recogniser::builtin()?,
    };
    let e = ner::train::evaluate(&recogniser, ud).context("scoring named entities")?;
    println!("Named entities (entity-level, exact span and kind)");
    for line in e.lines().lines() {
        println!("  {line}");
    }
    coref_lines(ud, &recogniser)
}

/// Print only the coreference lines (`attache eval syntax --coref-only`), names from the
/// recogniser in `ner_model` when given.
pub fn print_coref(ud: &Path, ner_model: Option<&Path>) -> anyhow::Result<()> {
    let recogniser = match ner_model {
        Some(path) => ner::Recogniser::load(path)?,
        None => ner::Recogniser::builtin()?,
    };
    coref_lines(ud, &recogniser)
}

fn coref_lines(ud: &Path, recogniser: &ner::Recogniser) -> anyhow::Result<()> {
    let resolver = coref::Resolver::builtin()?;
    let c = coref::train::evaluate(&resolver, recogniser, ud).context("scoring coreference")?;
    println!("Coreference (names from the recogniser; gold tokens, tags and trees)");
    for line in c.lines().lines() {
        println!("  {line}");
    }
    Ok(())
}
