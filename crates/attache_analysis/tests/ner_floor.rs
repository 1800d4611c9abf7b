//! The committed entity recogniser loads with the current code and still scores at least its
//! floors on the held-out test data (skipped, with the reason printed, without `../shared`).

#![allow(clippy::expect_used)]

use std::path::PathBuf;

use attache_analysis::ner::{train, Recogniser};

/// Where the shared treebanks lie: `../shared/ud` beside the repository.
fn ud() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ud");
    dir.join("uner-ewt").exists().then_some(dir)
}

#[test]
fn the_committed_ner_model_scores_its_floors() {
    let ner = Recogniser::builtin().expect("the committed ner model loads");
    let Some(ud) = ud() else {
        eprintln!("skipped: ../shared/ud not found, so the NER floors cannot be checked");
        return;
    };
    let e = train::evaluate(&ner, &ud).expect("test data reads");
    let (_, _, uner) = e.uner_gold_tags.prf(None);
    let (_, _, words) = e.uner_words.prf(None);
    let (_, _, gum) = e.gum_gold_tags.prf(None);
    eprintln!("UNER EWT test F1 {uner:.3} (words only {words:.3}); GUM test F1 {gum:.3}");
    assert!(
        uner >= 0.67,
        "UNER EWT test F1 {uner:.3} fell below its floor 0.67"
    );
    assert!(
        words >= 0.61,
        "UNER EWT test words-only F1 {words:.3} fell below 0.61"
    );
    assert!(
        gum >= 0.735,
        "GUM test F1 {gum:.3} fell below its floor 0.735"
    );
}
