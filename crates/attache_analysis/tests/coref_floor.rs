//! The committed coreference model loads with the current code and still scores at least its
//! floors on GUM test (skipped, with the reason printed, without `../shared`).

#![allow(clippy::expect_used)]

use std::path::PathBuf;

use attache_analysis::coref::{train, Resolver};
use attache_analysis::ner::Recogniser;

fn ud() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ud");
    dir.join("gum").exists().then_some(dir)
}

#[test]
fn the_committed_coref_model_scores_its_floors() {
    let resolver = Resolver::builtin().expect("the committed coref model loads");
    let Some(ud) = ud() else {
        eprintln!("skipped: ../shared/ud not found, so the coreference floors cannot be checked");
        return;
    };
    let ner = Recogniser::builtin().expect("the committed ner model loads");
    let e = train::evaluate(&resolver, &ner, &ud).expect("GUM test reads");
    eprintln!(
        "GUM test pronouns: {}; news pronouns: {}; definites: {}; news MUC F1 {:.3}, B3 F1 {:.3}",
        e.all_pronouns.summary(),
        e.news_pronouns.summary(),
        e.all_definites.summary(),
        e.news_muc.2,
        e.news_b3.2
    );
    let all = e.all_pronouns.accuracy();
    assert!(
        all >= 0.76,
        "GUM test pronoun accuracy {all:.3} fell below its floor 0.76"
    );
    let definites = e.all_definites.accuracy();
    assert!(
        definites >= 0.33,
        "GUM test definite-description accuracy {definites:.3} fell below its floor 0.33"
    );
    assert!(
        e.news_b3.2 >= 0.77,
        "GUM test news B3 F1 {:.3} fell below 0.77",
        e.news_b3.2
    );
}
