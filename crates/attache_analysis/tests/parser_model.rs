//! The committed parser model loads with the current code and still scores at least its
//! floors on EWT test (gold tokens; the committed tagger's tags, and gold tags), so a change
//! to the features, the transition system, the tagger or the model format that silently
//! breaks the shipped model fails here. Skips with a printed reason when ../shared is absent.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use attache_analysis::conllu;
use attache_analysis::parser::{score, train, Parser};
use attache_analysis::tagger::Tagger;
use attache_analysis::treebank::{self, Split};

/// Pinned a little under the committed model's scores (EWT test: see data/models/README.md),
/// so retraining noise passes and a real loss does not: (UAS, LAS) with predicted tags...
const PREDICTED_FLOOR: (f64, f64) = (0.84, 0.81);
/// ...and with gold tags.
const GOLD_FLOOR: (f64, f64) = (0.88, 0.86);

#[test]
fn the_committed_parser_scores_at_least_its_floor_on_ewt_test() {
    let ud = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ud");
    let test = treebank::ewt_official(&ud, Split::Test);
    if !test.exists() {
        eprintln!("skipped: {} is absent (../shared not here)", test.display());
        return;
    }
    let parser = Parser::builtin().expect("the committed parser loads");
    let gold = conllu::read(&test).unwrap();
    let mut tagged = gold.clone();
    train::retag(&Tagger::builtin().unwrap(), &mut tagged);
    for (sentences, tags, (uas, las)) in [
        (&tagged, "predicted", PREDICTED_FLOOR),
        (&gold, "gold", GOLD_FLOOR),
    ] {
        let s = score::evaluate(&parser, sentences);
        eprintln!(
            "EWT test, {tags} tags: UAS {:.4} LAS {:.4}",
            s.uas(),
            s.las()
        );
        assert!(s.uas() >= uas, "{tags} tags: UAS {:.4} < {uas}", s.uas());
        assert!(s.las() >= las, "{tags} tags: LAS {:.4} < {las}", s.las());
    }
}

#[test]
fn the_committed_parser_produces_a_labelled_tree() {
    let parser = Parser::builtin().expect("the committed parser loads");
    let mut ws = attache_analysis::parser::Workspace::default();
    let words = [
        ("Talks", "NOUN", "NNS"),
        ("were", "AUX", "VBD"),
        ("resumed", "VERB", "VBN"),
        ("by", "ADP", "IN"),
        ("the", "DET", "DT"),
        ("envoys", "NOUN", "NNS"),
        (".", "PUNCT", "."),
    ];
    let tree = parser.parse(words.iter().copied(), &mut ws);
    let labels: Vec<&str> = tree.labels.iter().map(|&l| parser.label_name(l)).collect();
    assert_eq!(tree.heads, [3, 3, 0, 6, 6, 3, 3], "{labels:?}");
    assert_eq!(labels[0], "nsubj:pass");
    assert_eq!(labels[1], "aux:pass");
    assert_eq!(labels[2], "root");
    assert_eq!(labels[5], "obl:agent");
}
