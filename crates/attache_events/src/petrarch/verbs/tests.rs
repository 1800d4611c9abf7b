//! Unit tests of the verb dictionary reader, on a team-written sample and, when `../shared` is
//! present, on the two PETRARCH verb dictionaries of the benchmark sets.

use super::*;

const SAMPLE: &str = "\
<!-- a team-written sample in PETRARCH syntax -->
&MONEY_
+DOLLARS
+SWISS FRANCS
+&COINS

&COINS
+GOLD_COIN_

--- GRANT  [070]  ---
GRANT   # a comment
GIVE {GAVE GIVEN} [071]
+HAND_OVER {+HANDED_OVER , +HANDS_OVER}
- * &MONEY  [0711]
- IN_* (TO +) [072:073]
- $ * ^ &NOWHERE [099]
- * (TO [075]
- SPY_*_DEAL [---]

~ a (a b ATTACK) SAY = a b 015
";

fn dict() -> VerbDictionary {
    match VerbDictionary::parse("sample.verbs", SAMPLE) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn synsets_blocks_verbs_and_patterns_are_read() {
    let d = dict();
    assert_eq!(d.blocks.len(), 1);
    let b = &d.blocks[0];
    assert_eq!(b.code.forward.as_deref(), Some("070"));
    assert_eq!(b.verbs.len(), 3);
    assert!(b.verbs[1].forms.iter().any(|f| f == &["GAVE"]));
    assert!(b.verbs[0].forms.iter().any(|f| f == &["GRANTED"]));
    assert_eq!(b.verbs[2].words, vec!["HAND", "OVER"]);
    assert!(b.verbs[2].forms.iter().any(|f| f == &["HANDED", "OVER"]));
    assert!(b.verbs[2].forms.iter().all(|f| f.iter().all(|w| w != ",")));
    assert_eq!(d.transformations.len(), 1);
}

#[test]
fn pattern_markers_codes_and_adjacency_are_kept() {
    let d = dict();
    let p = &d.blocks[0].patterns[1];
    assert!(p.verb_joined);
    assert_eq!(
        p.code,
        EventCode {
            forward: Some("072".into()),
            reverse: Some("073".into())
        }
    );
    assert_eq!(p.after[0].token, Token::Open('('));
    assert_eq!(p.after[2].token, Token::Target);
    let null = d.blocks[0].patterns.last().map(|p| p.code.is_null());
    assert_eq!(null, Some(true));
}

#[test]
fn nested_synsets_expand_and_underscore_labels_stop_plurals() {
    let d = dict();
    let phrases = d.synset_phrases("MONEY");
    assert!(phrases.iter().any(|(w, _)| w == &["GOLD", "COIN"]));
    assert!(phrases.iter().all(|(_, plural)| !plural));
}

#[test]
fn unusable_patterns_are_warned_with_file_and_line() {
    let d = dict();
    assert!(d
        .warnings
        .iter()
        .any(|w| w.starts_with("sample.verbs:16:") && w.contains("&NOWHERE")));
    assert!(d
        .warnings
        .iter()
        .any(|w| w.starts_with("sample.verbs:17:") && w.contains("unclosed")));
    assert_eq!(d.blocks[0].patterns.len(), 3);
}

#[test]
fn a_pattern_written_again_in_its_block_replaces_the_earlier_one_in_place() {
    let text = "--- CHARGE [010] ---\nCHARGE\n- * FEE [012]\n- * TAX [013]\n- * FEE [014]\n";
    let d = match VerbDictionary::parse("again.verbs", text) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    let codes: Vec<_> = d.blocks[0]
        .patterns
        .iter()
        .map(|p| p.code.forward.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        codes,
        ["014", "013"],
        "the repeat takes the first one's place"
    );
    assert!(d
        .warnings
        .iter()
        .any(|w| w.starts_with("again.verbs:5:") && w.contains("line 3")));
}

#[test]
fn malformed_structure_is_an_error_naming_the_line() {
    let err = VerbDictionary::parse("bad.verbs", "\n- * X [010]\n")
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("bad.verbs:2: pattern before any `--- VERB ---` block")
    );
    let err = VerbDictionary::parse("bad.verbs", "--- A [010] ---\nA [01\n")
        .err()
        .map(|e| e.to_string());
    assert_eq!(err.as_deref(), Some("bad.verbs:2: `[` without `]`"));
}

fn shared(rel: &str) -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("skipping: {} not readable ({e})", path.display());
            None
        }
    }
}

#[test]
fn both_petrarch_verb_dictionaries_load() {
    for (rel, min_patterns) in [
        (
            "bench/events/petrarch2-gsr-validation/dictionaries/CAMEO.2.0.txt",
            4000,
        ),
        (
            "bench/events/petrarch2-unittest/dictionaries/PETR.Validate.verbs.txt",
            150,
        ),
    ] {
        let Some(text) = shared(rel) else { return };
        let d = match VerbDictionary::parse(rel, &text) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        eprintln!(
            "{rel}: {} blocks, {} patterns, {} synsets, {} warnings",
            d.blocks.len(),
            d.pattern_count(),
            d.synsets.len(),
            d.warnings.len()
        );
        for w in &d.warnings {
            eprintln!("  {w}");
        }
        assert!(
            d.pattern_count() >= min_patterns,
            "{rel}: {} patterns",
            d.pattern_count()
        );
    }
}
