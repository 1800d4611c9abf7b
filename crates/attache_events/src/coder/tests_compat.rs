//! Behaviour tests of the coder in PETRARCH compatibility mode, over hand-written sentences
//! of the fictional test world and a small PETRARCH-syntax verb dictionary.

use attache_model::{ActorKind, Event};

use super::tests::doc_with;
use super::{Coder, CoderSettings};

const WORLD: &[(&str, &str, ActorKind)] = &[
    ("Ruritania", "RUR", ActorKind::Country),
    ("Elbonia", "ELB", ActorKind::Country),
    ("Elbonian army", "ELBMIL", ActorKind::Organisation),
    ("Ruritanian villagers", "RURCVL", ActorKind::Organisation),
    ("Black Hand", "ELBREB", ActorKind::Organisation),
];

const VERBS: &str = "\
--- KILL [190] ---
KILL
--- ATTACK [190] ---
ATTACK
--- ATTEND [042:043] ---
ATTEND
- * SUMMIT [042:043]
--- ARRIVE [032:033] ---
ARRIVE
--- ALLEGE [112] ---
ALLEGE
--- HOLD [010] ---
HOLD {HELD}
- * SUMMIT [043]
--- RAZE [1712] ---
RAZE
- RIOTER * [145]
--- ORDER [100] ---
ORDER
- * INQUIRY [091]
- * INQUIRY [1014]
--- PULL_BACK [080] ---
RETREAT
- * FROM + [0874]
- * (FOR +) [0874]
--- JOURNEY [040] ---
JOURNEY
--- INTEND [030] ---
WILL
WOULD
--- RELEASE [080] ---
FREE
- * PRISONERS [0841]
--- ANNOUNCE [010] ---
ANNOUNCE
--- DISPATCH [070] ---
DISPATCH
- * TEAM [036]
--- HELP [070] ---
HELP
";

/// PICO values (PETRARCH's coding ontology) for the intent tests.
const PICO: &str = "030:0x3000\n0352:0x320C\n0841:0x020C\n190:0x00A0\n010:0x1000\n";

fn coded(text: &str, compat: bool) -> Vec<(String, String, String)> {
    coded_with(text, compat, None)
}

fn coded_with(text: &str, compat: bool, pico: Option<&str>) -> Vec<(String, String, String)> {
    let settings = CoderSettings {
        skip_team_patterns: true,
        petrarch_compat: compat,
        one_sided: true,
        ..CoderSettings::default()
    };
    let mut coder = match Coder::builtin(settings) {
        Ok(c) => c,
        Err(e) => panic!("builtin coder does not load: {e}"),
    };
    match crate::petrarch::VerbDictionary::parse("test.verbs", VERBS) {
        Ok(d) => {
            coder.add_petrarch_verbs("test.verbs", &d);
        }
        Err(e) => panic!("{e}"),
    }
    if let Some(p) = pico {
        coder.set_petrarch_ontology(crate::petrarch::PicoTable::parse("test.pico", p));
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
fn a_participle_after_a_noun_is_a_passive_modifier_with_that_noun_as_object() {
    let e = coded(
        "Officials buried Ruritanian villagers killed by the Elbonian army.",
        true,
    );
    assert_eq!(e, vec![triple("ELBMIL", "RURCVL", "190")]);
}

#[test]
fn an_act_that_only_may_happen_is_no_event_in_petrarch_mode() {
    assert!(coded("Ruritania might attack Elbonia.", true).is_empty());
    assert_eq!(
        coded("Ruritania might attack Elbonia.", false),
        vec![triple("RUR", "ELB", "190")]
    );
}

#[test]
fn a_place_after_the_pattern_noun_hosts_nothing_but_a_destination_does() {
    assert_eq!(
        coded("Ruritania will attend a summit in Elbonia.", true),
        vec![triple("RUR", "ELB", "042")]
    );
    assert_eq!(
        coded("Ruritania arrived in Elbonia on Monday.", true),
        vec![triple("RUR", "ELB", "032"), triple("ELB", "RUR", "033")]
    );
}

#[test]
fn pattern_words_are_not_looked_for_past_a_preposition_opening_another_phrase() {
    let e = coded(
        "Ruritania held drills during its summit with Elbonia.",
        false,
    );
    assert!(e.iter().all(|(_, _, c)| c != "043"), "{e:?}");
    let e = coded("Ruritania held talks with Elbonia.", false);
    assert!(e.iter().all(|(_, _, c)| c != "043"), "{e:?}");
}

#[test]
fn pattern_words_are_looked_for_past_a_time_adverbial() {
    let e = coded("Ruritania held on Monday a summit with Elbonia.", false);
    assert!(e.iter().any(|(_, _, c)| c == "043"), "{e:?}");
}

#[test]
fn pattern_words_are_looked_for_past_a_preposition_before_a_number() {
    let e = coded("Ruritania will free over 40 Elbonian army prisoners.", true);
    assert!(e.iter().any(|(_, _, c)| c == "0841"), "{e:?}");
    let e = coded("Ruritania held in 2008 a summit with Elbonia.", false);
    assert!(e.iter().any(|(_, _, c)| c == "043"), "{e:?}");
    // A number is no quantity after a preposition that does not measure: "with 40" opens a
    // phrase of its own, whose "prisoners" is no object of "free".
    let e = coded("Ruritania will free with 40 Elbonian army prisoners.", true);
    assert!(e.iter().all(|(_, _, c)| c != "0841"), "{e:?}");
}

#[test]
fn a_subject_phrase_without_an_actor_at_its_head_takes_the_first_actor_inside_it() {
    let e = coded(
        "A long report released on Tuesday in Ruritania alleged that Elbonia killed villagers.",
        false,
    );
    assert!(e.iter().any(|(s, _, _)| s == "RUR"), "{e:?}");
    assert!(e.iter().all(|(_, t, _)| t != "RUR"), "{e:?}");
}

#[test]
fn a_pattern_written_twice_in_a_block_codes_with_the_later_line() {
    assert_eq!(
        coded("Ruritania ordered an inquiry into Elbonia.", true),
        vec![triple("RUR", "ELB", "1014")]
    );
}

#[test]
fn the_words_a_pattern_puts_before_the_verb_are_found_in_a_passive_agent() {
    assert_eq!(
        coded("A house in Elbonia was razed by a Ruritania rioter.", true),
        vec![triple("RUR", "ELB", "145")]
    );
}

#[test]
fn a_bare_preposition_after_the_verb_matches_nothing_in_a_bracketed_dictionary() {
    // The dictionary writes `(FOR +)`, so it is PETRARCH-2 style: `- * FROM +` never matches.
    assert_eq!(
        coded("The Elbonian army retreated from Ruritania.", true),
        vec![triple("ELBMIL", "RUR", "080")]
    );
    assert_eq!(
        coded("The Elbonian army retreated for Ruritania.", true),
        vec![triple("ELBMIL", "RUR", "0874")]
    );
}

#[test]
fn a_verb_form_right_after_a_preposition_is_a_noun() {
    // No determiner before "journey", so only the preposition makes it a noun.
    assert!(coded("Ruritania lifted bans on journey to Elbonia.", true).is_empty());
    assert_eq!(
        coded("Ruritania will journey to Elbonia.", true),
        vec![triple("RUR", "ELB", "040")]
    );
}

#[test]
fn a_noun_phrase_naming_two_actors_codes_the_first_in_petrarch_mode() {
    let text = "The Elbonian army unit Black Hand attacked Ruritania.";
    assert_eq!(coded(text, true), vec![triple("ELBMIL", "RUR", "190")]);
    assert_eq!(coded(text, false), vec![triple("ELBREB", "RUR", "190")]);
    // A joiner or a verb between them makes two phrases.
    let text = "The Elbonian army said Black Hand attacked Ruritania.";
    assert!(coded(text, true)
        .iter()
        .any(|(s, _, c)| s == "ELBREB" && c == "190"));
}

#[test]
fn a_future_the_speaker_announces_for_itself_is_an_intent_with_petrarchs_ontology() {
    let text = "Ruritania announced it would free the prisoners.";
    assert!(coded_with(text, true, Some(PICO)).contains(&triple("RUR", "", "0352")));
    // Without the ontology, outside PETRARCH mode, or with a named subject: the act itself.
    assert!(coded(text, true).contains(&triple("RUR", "", "0841")));
    assert!(coded_with(text, false, Some(PICO)).contains(&triple("RUR", "", "0841")));
    let named = coded_with("Ruritania will free the prisoners.", true, Some(PICO));
    assert_eq!(named, vec![triple("RUR", "", "0841")]);
    // No CAMEO code for an intent to fight: no intent (the attack is coded as PETRARCH's
    // statement about it, as without the ontology).
    let text = "Ruritania announced it would attack Elbonia.";
    assert_eq!(coded_with(text, true, Some(PICO)), coded(text, true));
}

#[test]
fn an_infinitive_saying_what_a_named_object_is_sent_for_is_no_act_of_its_own() {
    let e = coded(
        "Ruritania will dispatch a team to help Ruritanian villagers.",
        true,
    );
    assert_eq!(e, vec![triple("RUR", "", "036")]);
    // A bare verb without an object does not govern it ("wants to help").
    let e = coded(
        "Ruritania will dispatch to help Ruritanian villagers.",
        true,
    );
    assert!(e.contains(&triple("RUR", "RURCVL", "070")), "{e:?}");
}
