//! The committed noun-kind table (`data/models/kinds.tsv`) is what the trainer writes from the
//! shared treebanks today, and still scores its floors on GUM test (skipped, with the reason
//! printed, without `../shared`).

#![allow(clippy::expect_used)]

use std::path::PathBuf;

use attache_analysis::kinds;
use attache_analysis::treebank::Split;
use attache_model::kinds::NounKinds;

fn ud() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ud");
    dir.join("gum").exists().then_some(dir)
}

#[test]
fn the_committed_kinds_table_is_what_the_trainer_counts() {
    let committed = NounKinds::builtin();
    assert!(!committed.is_empty(), "the committed table reads");
    let Some(ud) = ud() else {
        eprintln!("skipped: ../shared/ud not found, so the table cannot be recounted");
        return;
    };
    let fresh = kinds::train(&ud, &[Split::Train, Split::Dev]).expect("GUM reads");
    assert_eq!(
        committed.to_text(""),
        fresh.to_text(""),
        "data/models/kinds.tsv differs from `attache train kinds --data ../shared/ud`"
    );
    let held = kinds::train(&ud, &[Split::Train]).expect("GUM train reads");
    let s = kinds::score(&held, &ud, Split::Test).expect("GUM test reads");
    eprintln!("{s:?}");
    assert!(s.coverage >= 0.78, "coverage {:.3} under 0.78", s.coverage);
    assert!(
        s.accuracy >= 0.95,
        "can-act accuracy {:.3} under 0.95",
        s.accuracy
    );
}
