//! Quality floor of the UD tokenizer on the EWT test file's raw text, scored the CoNLL 2018
//! way. The text is cut into sentences at its paragraph breaks only (the sentence splitter
//! lives in attache_nlp, which this crate does not depend on; `attache eval syntax` and the
//! binary's `syntax_floor` test score the whole pipeline), so the figure measures the
//! tokenizer alone. Skips, with a printed reason, when `../shared/ud` is absent.

// A failed expectation is the test failing.
#![allow(clippy::expect_used)]

use std::path::Path;

use attache_analysis::conllu;
use attache_analysis::tokens::score::{score, RawText};
use attache_analysis::tokens::TokenAnnotator;
use attache_analysis::treebank::{self, Split};
use attache_model::{Annotator, Layers, Sentence, Span};

/// Token F1 floor (reached: 0.9940 on EWT test with paragraph-only sentences). One point of
/// F1 per thousand is about 25 tokens, so the floor sits a little under the figure.
const TOKEN_F1_FLOOR: f64 = 0.992;

/// Word F1 floor (reached: 0.9919): clitics split into words of multiword tokens.
const WORD_F1_FLOOR: f64 = 0.990;

#[test]
fn ewt_test_tokenisation_stays_above_floor() {
    let ud = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ud");
    let path = treebank::ewt_official(&ud, Split::Test);
    if !path.exists() {
        eprintln!("skipping: {} is absent", path.display());
        return;
    }
    let sentences = conllu::read(&path).expect("the EWT test file reads");
    let raw = RawText::from_sentences(&sentences);
    let mut doc = raw.document();
    let mut start = 0;
    for para in raw.text.split("\n\n") {
        doc.sentences.push(Sentence {
            span: Span::new(start, start + para.len()),
        });
        start += para.len() + 2;
    }
    doc.layers |= Layers::SENTENCES;
    TokenAnnotator::new().annotate(&mut doc).expect("tokenises");
    let scores = score(&raw, &doc);
    eprintln!("EWT test tokens {}", scores.tokens);
    eprintln!("EWT test words  {}", scores.words);
    assert!(
        scores.tokens.f1() >= TOKEN_F1_FLOOR,
        "token F1 {:.4} fell under {TOKEN_F1_FLOOR}",
        scores.tokens.f1()
    );
    assert!(
        scores.words.f1() >= WORD_F1_FLOOR,
        "word F1 {:.4} fell under {WORD_F1_FLOOR}",
        scores.words.f1()
    );
}
