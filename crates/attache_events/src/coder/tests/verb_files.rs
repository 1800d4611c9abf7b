//! Behaviour tests of the coder with small PETRARCH-syntax verb files added to the builtin
//! dictionary: verb combinations, object patterns of passive verbs, pattern reach.

use attache_model::Event;

use super::{codes, doc_with, only, WORLD};
use crate::coder::{Coder, CoderSettings};

/// A PETRARCH-syntax verb file written for these tests.
const TEST_VERBS: &str = "\
--- ASK [020] ---
ASK [020]
--- HELP [070] ---
HELP
--- WANT [030] ---
WANT [030]
--- ATTACK [190] ---
ATTACK
";

fn code_petrarch(text: &str) -> Vec<Event> {
    code_with_verbs(TEST_VERBS, text)
}

#[test]
fn asking_someone_to_help_is_an_appeal_for_aid_to_the_one_asked() {
    let e = code_petrarch("Ruritania is asking Elbonia to help Freedonia.");
    let e = only(&e);
    assert_eq!(e.cameo.code, "023");
    assert_eq!(
        (codes(&e.source), codes(&e.target)),
        (vec!["RUR"], vec!["ELB"])
    );
}

#[test]
fn wanting_to_act_combines_with_the_act() {
    let e = code_petrarch("Ruritania wants to help Elbonia.");
    let e = only(&e);
    assert_eq!(e.cameo.code, "033");
    assert_eq!(codes(&e.target), ["ELB"]);
    let e = code_petrarch("Ruritania wants to attack Elbonia.");
    let e = only(&e);
    assert_eq!(e.cameo.code, "138");
}

/// Verbs with object patterns, in PETRARCH syntax, for the passive and phrase tests.
const OBJECT_VERBS: &str = "\
--- PRESENT [010] ---
PRESENT
- * EVIDENCE [1124]
--- SAY [010] ---
SAY {SAID}
- * ATTACK [190]
--- ATTACK [190] ---
ATTACK
";

fn code_with_verbs(verbs: &str, text: &str) -> Vec<Event> {
    let settings = CoderSettings {
        skip_team_patterns: true,
        ..CoderSettings::default()
    };
    let mut coder = match Coder::builtin(settings) {
        Ok(c) => c,
        Err(e) => panic!("builtin coder does not load: {e}"),
    };
    match crate::petrarch::VerbDictionary::parse("test.verbs", verbs) {
        Ok(d) => {
            coder.add_petrarch_verbs("test.verbs", &d);
        }
        Err(e) => panic!("{e}"),
    }
    coder.code(&doc_with(text, WORLD))
}

#[test]
fn never_matching_bare_preposition_patterns_are_counted_only_in_a_bracketing_dictionary() {
    let left_out = |verbs: &str| {
        let mut coder = match Coder::builtin(CoderSettings::default()) {
            Ok(c) => c,
            Err(e) => panic!("builtin coder does not load: {e}"),
        };
        match crate::petrarch::VerbDictionary::parse("test.verbs", verbs) {
            Ok(d) => coder.add_petrarch_verbs("test.verbs", &d),
            Err(e) => panic!("{e}"),
        }
    };
    let bare = "--- RETREAT [080] ---\nRETREAT\n- * FROM + [0874]\n";
    let bracketing = format!("{bare}- * (TOWARD +) [081]\n");
    assert_eq!(
        left_out(bare),
        0,
        "TABARI-style: the bare preposition is kept"
    );
    assert_eq!(left_out(&bracketing), 1);
}

#[test]
fn a_passive_verb_finds_its_object_pattern_in_the_subject() {
    let e = code_with_verbs(
        OBJECT_VERBS,
        "Evidence against Elbonia was presented by Ruritania.",
    );
    let e = only(&e);
    assert_eq!(e.cameo.code, "1124");
    assert_eq!(
        (codes(&e.source), codes(&e.target)),
        (vec!["RUR"], vec!["ELB"])
    );
}

#[test]
fn pattern_words_do_not_reach_into_another_verb_phrase() {
    let events = code_with_verbs(OBJECT_VERBS, "Ruritania said they will attack Elbonia.");
    assert!(
        events.iter().any(|e| e.evidence.text == "attack"
            && codes(&e.source) == ["RUR"]
            && codes(&e.target) == ["ELB"]),
        "{events:#?}"
    );
}
