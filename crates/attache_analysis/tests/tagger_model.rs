//! The committed tagger model: it loads with the current code, scores at least its floor on
//! EWT test (when the UD folder is beside the repository), and a damaged model file is a
//! clear error, never a panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use attache_analysis::model_file::ModelFile;
use attache_analysis::tagger::{self, Tagger};
use attache_analysis::{conllu, treebank};

/// Floors a little under the committed model's EWT test scores (UPOS 0.956, XPOS 0.949,
/// lemma 0.969 when written), so a change that loses accuracy fails here.
const UPOS_FLOOR: f64 = 0.955;
const XPOS_FLOOR: f64 = 0.945;
const LEMMA_FLOOR: f64 = 0.965;

fn ud() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ud");
    if dir.join("ewt").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

fn model_bytes() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models/tagger.model"))
        .unwrap()
}

#[test]
fn the_committed_model_loads_and_tags() {
    let t = Tagger::builtin().unwrap();
    assert!(t.info().contains("CC BY-SA 4.0"), "{}", t.info());
    let tags = t.tag(&["The", "ministers", "met", "in", "Kabul", "."]);
    let upos: Vec<&str> = tags.iter().map(|t| t.upos.as_str()).collect();
    assert_eq!(upos, ["DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"]);
    assert_eq!(tags[1].lemma, "minister");
    assert_eq!(tags[2].lemma, "meet");
    assert_eq!(tags[2].xpos, "VBD");
}

#[test]
fn the_committed_model_scores_its_floor_on_ewt_test() {
    let Some(ud) = ud() else { return };
    let test = conllu::read(&treebank::ewt_official(&ud, treebank::Split::Test)).unwrap();
    let s = tagger::evaluate(&Tagger::builtin().unwrap(), test.iter());
    eprintln!(
        "EWT test: UPOS {:.4} XPOS {:.4} lemma {:.4}",
        s.upos_accuracy(),
        s.xpos_accuracy(),
        s.lemma_accuracy()
    );
    assert!(s.words > 25_000, "{s:?}");
    assert!(s.upos_accuracy() >= UPOS_FLOOR, "{s:?}");
    assert!(s.xpos_accuracy() >= XPOS_FLOOR, "{s:?}");
    assert!(s.lemma_accuracy() >= LEMMA_FLOOR, "{s:?}");
}

#[test]
fn a_missing_model_file_is_named() {
    let err = Tagger::read(Path::new("/nonexistent/tagger.model"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("/nonexistent/tagger.model"), "{err}");
}

#[test]
fn a_corrupt_or_truncated_model_is_an_error_never_a_panic() {
    let bytes = model_bytes();
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x10;
    let err = Tagger::from_bytes(&flipped, "flipped")
        .unwrap_err()
        .to_string();
    assert!(err.contains("flipped") && err.contains("checksum"), "{err}");
    for cut in [0, 10, bytes.len() / 3, bytes.len() - 1] {
        assert!(Tagger::from_bytes(&bytes[..cut], "cut").is_err());
    }
    assert!(Tagger::from_bytes(b"hello", "text").is_err());
}

#[test]
fn a_model_of_another_kind_or_with_a_damaged_section_is_refused() {
    let file = ModelFile::from_bytes(&model_bytes(), "m", tagger::KIND).unwrap();
    let mut parser = file.clone();
    parser.kind = "parser".into();
    let err = Tagger::from_bytes(&parser.to_bytes(), "m")
        .unwrap_err()
        .to_string();
    assert!(err.contains("expected a tagger model"), "{err}");
    // A section cut short with a valid checksum (a writer bug, not a disk error) is still
    // an error naming the model, for every section.
    for (i, (name, bytes)) in file.sections.iter().enumerate() {
        let mut damaged = file.clone();
        damaged.sections[i].1 = bytes[..bytes.len() / 2].to_vec();
        let err = Tagger::from_bytes(&damaged.to_bytes(), "damaged");
        assert!(err.is_err(), "section {name} cut in half was accepted");
        let mut missing = file.clone();
        missing.sections.remove(i);
        let err = Tagger::from_bytes(&missing.to_bytes(), "m")
            .unwrap_err()
            .to_string();
        assert!(err.contains(name.as_str()), "{err}");
    }
}

#[test]
fn the_model_reads_back_to_the_same_bytes() {
    let bytes = model_bytes();
    let t = Tagger::from_bytes(&bytes, "m").unwrap();
    assert_eq!(t.to_file().to_bytes(), bytes);
}
