//! Regression tests of three mends to the coder in PETRARCH compatibility mode: a subject
//! phrase never walks into the other role's actor, every reading of the verb after a
//! reported future's auxiliary becomes the intent, and only a pattern word between a verb and
//! an infinitive, outside a passive agent, names an object that governs the infinitive.

use attache_model::{ActorKind, Event};

use super::doc_with;
use crate::coder::{Coder, CoderSettings};

const WORLD: &[(&str, &str, ActorKind)] = &[
    ("Ruritania", "RUR", ActorKind::Country),
    ("Elbonia", "ELB", ActorKind::Country),
    ("Elbonian army", "ELBMIL", ActorKind::Organisation),
    ("Black Hand", "ELBREB", ActorKind::Organisation),
];

/// A PETRARCH-syntax verb file written for these tests.
const VERBS: &str = "\
--- REVOLT [145] ---
REVOLT
- + UNIT * [145]
--- BLOCK [144] ---
BLOCK
- FARMER * [144]
--- DISPATCH [070] ---
DISPATCH
- * TEAM [036]
--- HELP [070] ---
HELP
--- INTEND [030] ---
WILL
WOULD
--- RELEASE [080] ---
FREE
- * PRISONERS [0841]
--- HAND_OVER [080] ---
FREE
- * PRISONERS [0841:0841]
";

/// PICO values (PETRARCH's coding ontology) for the intent test.
const PICO: &str = "030:0x3000\n0352:0x320C\n0841:0x020C\n";

fn coded(text: &str, pico: Option<&str>) -> Vec<(String, String, String)> {
    let settings = CoderSettings {
        skip_team_patterns: true,
        petrarch_compat: true,
        ..CoderSettings::default()
    };
    let mut coder = match Coder::builtin(settings) {
        Ok(c) => c,
        Err(e) => panic!("builtin coder does not load: {e}"),
    };
    match crate::petrarch::VerbDictionary::parse("mends.verbs", VERBS) {
        Ok(d) => {
            coder.add_petrarch_verbs("mends.verbs", &d);
        }
        Err(e) => panic!("{e}"),
    }
    if let Some(p) = pico {
        coder.set_petrarch_ontology(crate::petrarch::PicoTable::parse("mends.pico", p));
    }
    let first = |v: &[attache_model::EventActor]| v.first().map(|a| a.code.clone());
    coder
        .code(&doc_with(text, WORLD))
        .iter()
        .map(|e: &Event| {
            (
                first(&e.source).unwrap_or_default(),
                first(&e.target).unwrap_or_default(),
                e.cameo.code.clone(),
            )
        })
        .collect()
}

fn triple(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.to_string(), t.to_string(), c.to_string())
}

#[test]
fn a_subject_phrase_naming_two_actors_stops_at_the_pattern_bound_target() {
    // The pattern binds "Elbonian army" as the target; reading the noun phrase back to its
    // first actor would make it the source too (an army revolting against itself).
    assert_eq!(
        coded("The Elbonian army unit Black Hand revolted.", None),
        vec![triple("ELBREB", "ELBMIL", "145")]
    );
}

#[test]
fn every_reading_of_the_verb_after_a_reported_future_auxiliary_is_the_intent() {
    // "free" has two readings of equal specificity; the second, with its mirror code, finds
    // more actors and wins unless it too is recoded (which leaves it no mirror).
    assert_eq!(
        coded(
            "Ruritania announced it would free the prisoners.",
            Some(PICO)
        ),
        vec![triple("RUR", "", "0352")]
    );
}

#[test]
fn a_pattern_word_after_the_infinitive_or_in_a_passive_agent_governs_no_infinitive() {
    // "farmer" names the doer of "was blocked", not an object the help is sent for.
    assert_eq!(
        coded(
            "The bridge was blocked by a Ruritania farmer to help Elbonia.",
            None
        ),
        vec![triple("RUR", "", "144"), triple("RUR", "ELB", "070")]
    );
    // "team" comes after "to help": the help is no purpose of sending a team.
    assert_eq!(
        coded(
            "Ruritania will dispatch soldiers to help Elbonia build a team.",
            None
        ),
        vec![triple("RUR", "", "036"), triple("RUR", "ELB", "070")]
    );
}
