//! Event coding mends through the whole pipeline (analysis models included), one test per
//! mend, each failing without it: `attache code` on a short text, events read back as JSON.
//!
//! The sentences are the team's own, written to show one construction each; the figures the
//! mends moved are in the commits and in `events_floor.rs`.

use std::process::Command;

use serde_json::Value;

/// (PLOVER type, CAMEO code, source codes, target "code(text)" items, modality) per event.
type Coded = Vec<(String, String, String, String, String)>;

fn code(text: &str) -> Coded {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temporary folder: {e}"));
    let path = dir.path().join("story.txt");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    code_file(&path)
}

fn code_file(path: &std::path::Path) -> Coded {
    let out = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(["code", "--format", "jsonl"])
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("could not run attache code: {e}"));
    assert!(
        out.status.success(),
        "attache code failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let side = |v: &Value, with_text: bool| -> String {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        let code = x["code"].as_str().unwrap_or("");
                        if with_text {
                            format!("{code}({})", x["text"].as_str().unwrap_or(""))
                        } else {
                            code.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .unwrap_or_default()
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|e| {
            (
                e["plover"]["type"].as_str().unwrap_or("").to_string(),
                e["cameo"]["code"].as_str().unwrap_or("").to_string(),
                side(&e["source"], false),
                side(&e["target"], true),
                e["modality"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn an_unlisted_party_named_in_the_object_is_the_target() {
    let ev = code("The Pakistani government is investigating WeWork, officials said.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "ACCUSE" && e.2 == "PAKGOV" && e.3 == "(WeWork)"),
        "{ev:?}"
    );
}

#[test]
fn force_against_an_idea_is_no_assault_force_against_a_group_is() {
    let idea = code("The Indian government has been fighting air pollution for years.\n");
    assert!(!idea.iter().any(|e| e.0 == "ASSAULT"), "{idea:?}");
    let group = code("The Afghan army fought the Taliban near Kabul on Monday.\n");
    assert!(group.iter().any(|e| e.0 == "ASSAULT"), "{group:?}");
}

#[test]
fn releasing_a_thing_is_no_retreat() {
    let ev = code("The Pakistani foreign ministry released a transcript of the call on Monday.\n");
    assert!(!ev.iter().any(|e| e.0 == "RETREAT"), "{ev:?}");
    // A thing released with a party named inside it is still a thing (`object=party`).
    let ev = code("Pakistan released a letter from its foreign minister to Afghanistan.\n");
    assert!(!ev.iter().any(|e| e.0 == "RETREAT"), "{ev:?}");
    let ev = code("Pakistan released 40 Afghan prisoners on Monday.\n");
    assert!(ev.iter().any(|e| e.0 == "RETREAT"), "{ev:?}");
}

#[test]
fn talks_held_by_two_named_together_are_one_event_per_side() {
    let ev = code("India and China held talks in Beijing on Monday.\n");
    let mut pairs: Vec<(&str, &str)> = ev
        .iter()
        .filter(|e| e.0 == "CONSULT")
        .map(|e| (e.2.as_str(), e.3.as_str()))
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [("CHN", "IND(India)"), ("IND", "CHN(China)")],
        "{ev:?}"
    );
}

#[test]
fn the_reference_articles_mediators_mediate_between_the_parties() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/examples/istanbul-talks.txt");
    if !path.exists() {
        eprintln!("skipped: {} is absent", path.display());
        return;
    }
    let ev = code_file(&path);
    // One event per mediator and party (CAMEO dyads), all asserted.
    let mut mediation: Vec<(&str, &str)> = ev
        .iter()
        .filter(|e| e.1 == "045")
        .inspect(|e| assert_eq!(e.4, "asserted", "{ev:?}"))
        .map(|e| (e.2.as_str(), e.3.get(..3).unwrap_or_default()))
        .collect();
    mediation.sort();
    assert_eq!(
        mediation,
        [
            ("QAT", "AFG"),
            ("QAT", "PAK"),
            ("TUR", "AFG"),
            ("TUR", "PAK")
        ],
        "{ev:?}"
    );
    // The defence minister's threat stays coded with its target.
    assert!(
        ev.iter()
            .any(|e| e.0 == "THREATEN" && e.2 == "PAK" && e.3.starts_with("AFGGOV")),
        "{ev:?}"
    );
}

#[test]
fn an_arrest_in_the_passive_with_no_agent_is_the_polices() {
    let ev = code("The suspect, John Carlineo, was arrested in Lahore in April.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "COERCE" && e.2.ends_with("COP") && e.3.contains("Carlineo")),
        "{ev:?}"
    );
}

#[test]
fn back_as_a_particle_is_no_support() {
    let ev = code("Trump refused to roll back tariffs on Chinese goods.\n");
    assert!(!ev.iter().any(|e| e.0 == "SUPPORT"), "{ev:?}");
}

#[test]
fn a_raid_with_any_is_no_raid_that_happened() {
    let ev =
        code("Pakistan warned Afghanistan on Monday that it would respond to any further raids.\n");
    assert!(
        !ev.iter()
            .any(|e| e.0 == "ASSAULT" && e.2 == "PAK" && e.4 == "asserted"),
        "{ev:?}"
    );
}

#[test]
fn an_idea_as_the_doer_offers_nothing() {
    let ev = code("The long war offers India and Pakistan little hope.\n");
    assert!(!ev.iter().any(|e| e.0 == "AGREE"), "{ev:?}");
    // Force done by an instrument has an unnamed doer, and an article's event needs a
    // named one unless `--one-sided` asks for the others (`pipeline::stages` tests that).
    let ev = code("A car bomb killed four Afghan soldiers in Kabul on Monday.\n");
    assert!(!ev.iter().any(|e| e.0 == "ASSAULT"), "{ev:?}");
}

#[test]
fn a_thing_acted_on_stands_for_its_owner_named_by_a_pronoun() {
    let ev = code(
        "Khawaja Asif, Pakistan's defence minister, spoke on Monday. \
         Afghanistan criticised his remarks.\n",
    );
    assert!(
        ev.iter()
            .any(|e| e.0 == "ACCUSE" && e.2 == "AFG" && e.3.starts_with("PAKGOV")),
        "{ev:?}"
    );
}

#[test]
fn who_faces_an_act_is_its_target_and_the_from_phrase_its_doer() {
    let ev = code("The Pakistani army faces criticism from the Taliban.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "ACCUSE" && e.2.starts_with("AFG") && e.3.starts_with("PAKMIL")),
        "{ev:?}"
    );
}

#[test]
fn a_reply_with_no_named_party_answers_the_accuser() {
    let ev = code(
        "Pakistan accused Afghanistan of sheltering the militants.\n\
         Afghanistan rejected the accusations on Monday.\n",
    );
    assert!(
        ev.iter()
            .any(|e| e.0 == "REJECT" && e.2 == "AFG" && e.3.starts_with("PAK")),
        "{ev:?}"
    );
}

#[test]
fn an_announced_act_is_aimed_where_its_infinitive_is_aimed() {
    let ev = code("Pakistan threatened to use force on the Afghan Taliban.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "THREATEN" && e.2 == "PAK" && e.3.starts_with("AFG")),
        "{ev:?}"
    );
}

#[test]
fn a_thing_as_doer_is_not_stood_in_for_by_the_speaker() {
    // The surrender is the demonstrators' option, not the police's act.
    let ev = code(
        "This comes after Pakistani police said the demonstrators inside the university \
         had no option but to come out and surrender.\n",
    );
    assert!(
        !ev.iter().any(|e| e.0 == "RETREAT" && e.2 == "PAKCOP"),
        "{ev:?}"
    );
}

#[test]
fn the_two_delegations_as_doer_are_the_pair_not_the_speaker() {
    let ev = code(
        "Sudan's army and the Rapid Support Forces agreed on Friday to a truce after talks in \
         Cairo.\nEgyptian Foreign Minister Badr Abdelatty told reporters that the two \
         delegations had signed a text committing them to open three corridors for aid \
         convoys.\n",
    );
    assert!(
        !ev.iter().any(|e| e.0 == "AGREE" && e.2.starts_with("EGY")),
        "{ev:?}"
    );
    assert!(
        ev.iter().any(|e| e.0 == "AGREE" && e.2.starts_with("SDN")),
        "{ev:?}"
    );
    // "them" is not the reporters the minister told: they take no part in the agreement.
    assert!(
        !ev.iter().any(|e| e.0 == "AGREE" && e.3.contains("MED")),
        "{ev:?}"
    );
}

#[test]
fn an_act_with_no_addressee_is_aimed_at_the_other_country_of_the_story() {
    // Ruritania-style placeholders are unknown to the dictionaries: real countries here.
    let ev = code(
        "Pakistan and Afghanistan met in Istanbul on Monday.\nPakistan accused Afghanistan of \
         sheltering militants.\nAfghanistan denied it.\nIslamabad later renewed its demand \
         for action against the militants.\nKabul said Pakistan's claims were false.\n",
    );
    assert!(
        ev.iter()
            .any(|e| e.0 == "REQUEST" && e.2.starts_with("PAK") && e.3.starts_with("AFG")),
        "{ev:?}"
    );
}

#[test]
fn a_statement_with_no_doer_is_not_coded() {
    let ev = code("Russia and the Syrian government have been accused of blocking aid.\n");
    assert!(
        !ev.iter().any(|e| e.0 == "ACCUSE" && e.2.is_empty()),
        "{ev:?}"
    );
}

#[test]
fn a_speaker_calling_anothers_act_unacceptable_criticises_its_author() {
    let ev = code("The Pakistani foreign ministry said Afghanistan's demand was unacceptable.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "ACCUSE" && e.2 == "PAKGOV" && e.3.starts_with("AFG")),
        "{ev:?}"
    );
}

#[test]
fn an_abbreviated_legislators_title_makes_a_party() {
    // "Rep." and "Sen." name lawmakers as "Senator" does: the threat has its target.
    let ev = code("A local man threatened Rep. Jane Doakes on Monday.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "THREATEN" && e.3.starts_with("---LEG(")),
        "{ev:?}"
    );
}

#[test]
fn two_unlisted_people_arrested_are_two_arrests() {
    // Actors no dictionary codes are told apart by name when events are merged.
    let ev = code(
        "Pakistani police arrested Tariq Mehmood Awan on Monday. \
         Pakistani police also arrested Salma Noreen Jatoi on Tuesday.\n",
    );
    let arrests: Vec<&str> = ev
        .iter()
        .filter(|e| e.0 == "COERCE")
        .map(|e| e.3.as_str())
        .collect();
    assert_eq!(arrests.len(), 2, "{ev:?}");
}

#[test]
fn dropping_the_charges_yields_rather_than_accuses() {
    let ev = code("Pakistani prosecutors dropped the charges against the Afghan diplomat.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "CONCEDE" && e.2 == "PAKJUD" && e.3.starts_with("AFG")),
        "{ev:?}"
    );
    assert!(!ev.iter().any(|e| e.0 == "ACCUSE"), "{ev:?}");
}

#[test]
fn a_conviction_in_the_passive_is_a_courts_and_coordinated_passives_share_their_roles() {
    // "convicted and sentenced": one sanction by a court (`agent=JUD`) of the one convicted,
    // the second participle sharing the first's voice and passive subject.
    let ev = code("The Pakistani diplomat was convicted and sentenced to five years in prison.\n");
    let sanctions: Vec<_> = ev.iter().filter(|e| e.0 == "SANCTION").collect();
    assert!(!sanctions.is_empty(), "{ev:?}");
    assert!(
        sanctions
            .iter()
            .all(|e| e.2 == "PAKJUD" && e.3.starts_with("PAKGOV")),
        "{ev:?}"
    );
    // "attacked and killed by the Taliban": the killing is the Taliban's too.
    let ev = code("Two Pakistani soldiers were attacked and killed by the Taliban.\n");
    assert!(
        ev.iter()
            .filter(|e| e.0 == "ASSAULT")
            .all(|e| !e.2.is_empty() && !e.2.starts_with("PAK")),
        "{ev:?}"
    );
}

#[test]
fn the_one_under_pressure_is_its_target() {
    // "X is under pressure from Y": Y presses X; X does not press anyone.
    let ev =
        code("Pakistan is under enormous pressure from the United States to close the border.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "REQUEST" && e.2 == "USA" && e.3.starts_with("PAK")),
        "{ev:?}"
    );
    assert!(!ev.iter().any(|e| e.2.starts_with("PAK")), "{ev:?}");
}

#[test]
fn monitoring_a_place_is_no_investigation() {
    // `object=party` refuses a place no actor names as object, as it refuses a thing.
    let ev = code("Saudi Arabia said it would send observers to monitor the aid corridors.\n");
    assert!(!ev.iter().any(|e| e.1 == "090"), "{ev:?}");
}

#[test]
fn a_verb_rule_needs_the_tagger_to_read_a_verb() {
    // An adjective is no release, a noun no assault, a word inside a name no blockade.
    let ev = code(
        "Breaking with decades of United States policy favoring free trade, the president \
         pursued tariffs.\n\
         According to the Pentagon, the base serves as an outpost in the fight against the \
         Islamic State group.\n\
         NASA said the first Space Launch System Block 1B would fly in 2024.\n",
    );
    assert!(
        !ev.iter()
            .any(|e| matches!(e.0.as_str(), "RETREAT" | "ASSAULT" | "PROTEST")),
        "{ev:?}"
    );
    // The verb itself still codes.
    let ev = code("The Taliban freed two Afghan soldiers on Tuesday.\n");
    assert!(ev.iter().any(|e| e.0 == "RETREAT"), "{ev:?}");
}

#[test]
fn a_pronoun_tied_to_an_unlisted_person_is_a_doer() {
    // No dictionary lists Carlineo; coreference ties "he" to him, so the threat has a doer.
    let ev = code("Carlineo said he threatened to kill Rep. Ilhan Omar.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "THREATEN" && e.3.contains("Ilhan Omar")),
        "{ev:?}"
    );
}

#[test]
fn a_passive_whose_pattern_implies_its_agent_needs_no_named_actor() {
    // "was sentenced" is a court's act even when the one sentenced is named by words only.
    let ev = code("The man was sentenced to life in prison on Tuesday.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "SANCTION" && e.2.ends_with("JUD") && e.3.contains("man")),
        "{ev:?}"
    );
}

#[test]
fn wanting_a_party_to_act_is_a_request_wanting_a_thing_is_not() {
    let ev = code("The United States wants Britain to extradite the suspect, officials said.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "REQUEST" && e.2 == "USA" && e.3.starts_with("GBR")),
        "{ev:?}"
    );
    // "wants regional stability and hopes to": the object is no party.
    let ev = code(
        "Pakistan has made it clear that if the Afghan government wants regional stability \
         and hopes to avoid further diplomatic isolation, it must take practical steps.\n",
    );
    assert!(!ev.iter().any(|e| e.1 == "020"), "{ev:?}");
}

#[test]
fn two_unlisted_parties_are_two_actors() {
    // Neither "man" nor John Carter has a code: they are still two parties, not one.
    let ev = code("The man killed John Carter.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "ASSAULT" && e.3.contains("John Carter")),
        "{ev:?}"
    );
}

#[test]
fn an_implied_agent_is_not_replaced_by_a_name_nearby() {
    // "was sentenced" is the court's act; the apposed name belongs to the one sentenced.
    let ev =
        code("The man who robbed the bank, Peter Smith, was sentenced to ten years in prison.\n");
    assert!(
        ev.iter().any(|e| e.0 == "SANCTION" && e.2.ends_with("JUD")),
        "{ev:?}"
    );
}

#[test]
fn a_common_noun_in_apposition_stands_for_the_name() {
    // "a man convicted of fraud" is Peter Smith, the one the court convicted.
    let ev = code("The judge spoke about Peter Smith, a man convicted of fraud.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "SANCTION" && e.3.contains("Peter Smith")),
        "{ev:?}"
    );
}

#[test]
fn a_gerund_after_while_or_by_is_done_by_the_main_subject() {
    let ev =
        code("The rebels attacked the convoy while threatening to kill Governor John Smith.\n");
    assert!(
        ev.iter().any(|e| e.0 == "THREATEN" && e.2.ends_with("REB")),
        "{ev:?}"
    );
}

#[test]
fn a_reduced_passive_relative_reads_its_noun_before_the_verb() {
    // "tariffs imposed by China": the pattern's noun stands before its participle.
    let ev = code("New tariffs imposed by China on American soybeans took effect on Sunday.\n");
    assert!(
        ev.iter()
            .any(|e| e.1 == "163" && e.2 == "CHN" && e.3.starts_with("USA")),
        "{ev:?}"
    );
}

#[test]
fn bare_officers_are_police() {
    let ev = code("Officers arrested two men in Chicago on Friday.\n");
    assert!(
        ev.iter().any(|e| e.0 == "COERCE" && e.2.ends_with("COP")),
        "{ev:?}"
    );
}

#[test]
fn preventing_a_gathering_is_coercion_preventing_a_thing_is_no_event() {
    let ev = code("Turkish police prevented the demonstration staged by students in Sivas.\n");
    assert!(
        ev.iter().any(|e| e.0 == "COERCE" && e.2.ends_with("COP")),
        "{ev:?}"
    );
    let ev = code(
        "Analysts say the base is vital to preventing weapons trafficking between Iraq and Syria.\n",
    );
    assert!(!ev.iter().any(|e| e.0 == "COERCE"), "{ev:?}");
}

#[test]
fn a_plea_of_not_guilty_rejects_the_charges() {
    // The plea answers the ones who brought the charges: the prosecutors named before
    // (`---JUD`), or the prosecution of the pleader's country (`addressee=JUD`).
    let ev = code(
        "Prosecutors charged former Prime Minister Imran Khan with corruption on Monday. \
         Khan pleaded not guilty on Tuesday.\n",
    );
    assert!(
        ev.iter()
            .any(|e| e.0 == "REJECT" && (e.3.starts_with("---JUD") || e.3.starts_with("PAKJUD"))),
        "{ev:?}"
    );
}

#[test]
fn killed_in_an_accident_is_no_assault() {
    let ev =
        code("Two Pakistani soldiers were killed in a helicopter crash near Quetta on Monday.\n");
    assert!(!ev.iter().any(|e| e.0 == "ASSAULT"), "{ev:?}");
    let ev =
        code("The Taliban killed two Pakistani soldiers in an ambush near Quetta on Monday.\n");
    assert!(ev.iter().any(|e| e.0 == "ASSAULT"), "{ev:?}");
}

#[test]
fn a_name_in_apposition_is_whom_its_title_noun_stands_for() {
    // "WikiLeaks" only says whom the co-founder belongs to; the one arrested is the name.
    let ev = code("Pakistani police arrested WikiLeaks co-founder Julian Assange on Monday.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "COERCE" && e.3.contains("Julian Assange")),
        "{ev:?}"
    );
}

#[test]
fn a_gerund_heading_a_clause_is_a_verb_whatever_word_stands_before_it() {
    // The tree reads "attacking" as heading a clause, so "for" before it does not make it
    // a noun that needs a possessor or an agent to state an act.
    let ev = code("The European Union punished Russia on Monday for attacking Ukraine.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "ASSAULT" && e.2 == "RUS" && e.3.starts_with("UKR")),
        "{ev:?}"
    );
}

#[test]
fn reluctance_to_act_is_a_refusal_aimed_where_the_refused_act_is() {
    let ev = code("Kabul is balking at reopening the border with Pakistan.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "REJECT" && e.2.starts_with("AFG") && e.3.starts_with("PAK")),
        "{ev:?}"
    );
    let ev = code("Kabul was reluctant to reopen the border with Pakistan.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "REJECT" && e.2.starts_with("AFG") && e.3.starts_with("PAK")),
        "{ev:?}"
    );
    // What is balked at is not asserted.
    let ev = code("Kabul is balking at committing to a deal with Pakistan.\n");
    assert!(
        !ev.iter().any(|e| e.0 == "AGREE" && e.4 == "asserted"),
        "{ev:?}"
    );
}

#[test]
fn a_description_coreference_joins_to_a_name_the_dictionary_spans_more_widely() {
    // The dictionary's actor is "The Taliban", the recogniser's name "Taliban": the chain
    // that "the group" joins still names the actor.
    let ev = code("The Taliban said the group rejected the offer from the United States.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "REJECT" && e.2.starts_with("AFG") && e.3.starts_with("USA")),
        "{ev:?}"
    );
}

#[test]
fn a_stance_participle_is_its_subjects_own_stance() {
    // "were committed to the ceasefire" is the rebels' commitment, not something the army
    // did to them.
    let ev =
        code("The army said the rebels were committed to the ceasefire with the government.\n");
    assert!(
        !ev.iter().any(|e| e.0 == "AGREE" && e.3.contains("REB")),
        "{ev:?}"
    );
}

#[test]
fn unlisted_people_of_the_story_are_its_private_persons_told_apart_by_name() {
    let ev = code(
        "The United States charged two men on Monday.\n\nUS police arrested John Carter in \
         Texas. American police also arrested Mary Jones in Ohio, the US Justice Department \
         said.\n",
    );
    let arrests: Vec<_> = ev.iter().filter(|e| e.0 == "COERCE").collect();
    assert_eq!(arrests.len(), 2, "{ev:?}");
    assert!(arrests.iter().all(|e| e.3.starts_with("USACVL(")), "{ev:?}");
}

#[test]
fn an_unlisted_person_named_by_a_common_noun_is_a_private_person_of_the_story() {
    let ev = code(
        "US prosecutors said on Monday that a New York man had threatened to kill Senator \
         Bernie Sanders.\n\nThe US Justice Department charged the man in New York.\n",
    );
    assert!(
        ev.iter()
            .any(|e| e.0 == "THREATEN" && e.2 == "USACVL" && e.3.starts_with("USALEG")),
        "{ev:?}"
    );
}

#[test]
fn an_act_of_several_doers_towards_several_parties_is_one_event_per_dyad() {
    let ev = code(
        "WASHINGTON (AP) — Federal prosecutors charged Tova Noel and Michael Thomas with \
         falsifying prison records on Tuesday. Russia and Syria accused the United States of \
         blocking aid to the camp.\n",
    );
    let mut accusations: Vec<(&str, &str)> = ev
        .iter()
        .filter(|e| e.0 == "ACCUSE")
        .map(|e| (e.2.as_str(), e.3.as_str()))
        .collect();
    accusations.sort();
    assert_eq!(
        accusations,
        [
            ("RUS", "USA(United States)"),
            ("SYR", "USA(United States)"),
            ("USAJUD", "USACVL(Michael Thomas)"),
            ("USAJUD", "USACVL(Tova Noel)"),
        ],
        "{ev:?}"
    );
}

#[test]
fn what_a_directive_asks_its_object_to_do_is_not_coded_as_done() {
    let ev = code(
        "Sondland is entangled in the president's efforts to get Ukraine to investigate \
         Joe Biden.\nRussia urged Pakistan to arrest the militants.\n",
    );
    assert!(
        ev.iter().all(|e| e.0 != "ACCUSE" && e.0 != "COERCE"),
        "{ev:?}"
    );
    assert!(
        ev.iter()
            .any(|e| e.0 == "REQUEST" && e.2 == "RUS" && e.3.starts_with("PAK")),
        "{ev:?}"
    );
}

#[test]
fn a_condition_after_a_coordinated_verb_is_that_verbs_not_the_first() {
    let ev = code(
        "Iran’s ambassador to Britain accused the UK and the US of meddling in the country’s \
         affairs and warned that the Iranian government “will not sit on our hands” if the \
         Tehran situation “becomes uncontrollable”.\n",
    );
    let accused: Vec<&str> = ev
        .iter()
        .filter(|e| e.0 == "ACCUSE")
        .map(|e| e.4.as_str())
        .collect();
    assert_eq!(accused, ["asserted", "asserted"], "{ev:?}");
}

#[test]
fn a_hyphenated_modifier_describes_its_noun_and_states_no_act() {
    let ev = code(
        "The U.S.-backed rebels in the desert are not stopping civilians from leaving the \
         camp. Iran backed the Houthi rebels.\n",
    );
    let support: Vec<&str> = ev
        .iter()
        .filter(|e| e.0 == "SUPPORT")
        .map(|e| e.2.as_str())
        .collect();
    assert_eq!(support, ["IRN"], "{ev:?}");
}

#[test]
fn common_news_verbs_of_each_category_code_their_events() {
    // (sentence, PLOVER type, source code, target code) for verbs the patterns lacked.
    let cases = [
        (
            "Italian coast guard crews rescued 40 migrants off Lampedusa on Sunday.\n",
            "AID",
            "ITA",
            "---REF",
        ),
        (
            "The Kenyan government distributed food to refugees in Dadaab.\n",
            "AID",
            "KENGOV",
            "---REF",
        ),
        (
            "Ethiopia deployed forces to Somalia last year.\n",
            "MOBILIZE",
            "ETH",
            "SOM",
        ),
        (
            "The opposition leader is fighting extradition to Russia.\n",
            "REJECT",
            "---OPP",
            "RUS",
        ),
        (
            "The opposition leader was taken into custody by Ugandan police.\n",
            "COERCE",
            "UGACOP",
            "---OPP",
        ),
        (
            "A grand jury indicted two Kenyan officials on Monday.\n",
            "ACCUSE",
            "---JUD",
            "KENGOV",
        ),
        (
            "The prime minister caved to Beijing after a week of strikes.\n",
            "CONCEDE",
            "---GOV",
            "CHNGOV",
        ),
        (
            "Turkey ruled out talks with the Kurdish militants.\n",
            "REJECT",
            "TUR",
            "---REB",
        ),
        (
            "The Egyptian president lashed out at Ethiopia over the dam.\n",
            "ACCUSE",
            "EGYGOV",
            "ETH",
        ),
        (
            "Police fired on protesters in Nairobi.\n",
            "ASSAULT",
            "---COP",
            "KENOPP",
        ),
    ];
    for (text, kind, source, target) in cases {
        let ev = code(text);
        assert!(
            ev.iter()
                .any(|e| e.0 == kind && e.2 == source && e.3.starts_with(&format!("{target}("))),
            "{text}: {ev:?}"
        );
    }
    // "Ruled out talks" is a refusal, not talks.
    let refusal = code("Turkey ruled out talks with the Kurdish militants.\n");
    assert!(!refusal.iter().any(|e| e.0 == "CONSULT"), "{refusal:?}");
    // The senses need a party as the object: a bank rescued, a bill supported, an order
    // executed are no aid, support or killing.
    for text in [
        "The ministry rescued the failing bank.\n",
        "The committee supported the bill.\n",
        "The court executed the order.\n",
    ] {
        let ev = code(text);
        assert!(ev.is_empty(), "{text}: {ev:?}");
    }
}

#[test]
fn a_refused_statement_was_still_made_a_refused_act_did_not_happen() {
    let statement = code("The Pakistani government rejected India’s accusations as baseless.\n");
    assert!(
        statement
            .iter()
            .any(|e| e.0 == "ACCUSE" && e.4 == "asserted"),
        "{statement:?}"
    );
    let act = code("Pakistan refused talks with India on Monday.\n");
    assert!(
        act.iter()
            .any(|e| e.0 == "CONSULT" && e.2 == "PAK" && e.4 == "negated"),
        "{act:?}"
    );
}

#[test]
fn a_temporal_word_the_tagger_reads_as_a_preposition_ends_no_clause() {
    // "before the Senate" is a preposition's phrase (the tagger says ADP), so the testimony
    // reaches its target; a "before" the tagger reads as a conjunction still ends a clause.
    let ev =
        code("The Nigerian foreign minister testified before the Nigerian Senate on Tuesday.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "CONSULT" && e.2 == "NGAGOV" && e.3.starts_with("NGALEG(")),
        "{ev:?}"
    );
}

#[test]
fn a_noun_trigger_takes_its_doer_from_the_tree_or_names_no_event() {
    // The actor modifying the noun is its doer, not the nearest actor before it.
    let aid = code(
        "Iran and Turkey have pressed Iraq to leave the border post, in order to open a route \
         for Iranian military aid to Syrian government forces.\n",
    );
    assert!(
        aid.iter()
            .any(|e| e.0 == "AID" && e.2 == "IRN" && e.3.starts_with("SYRGOV(")),
        "{aid:?}"
    );
    assert!(!aid.iter().any(|e| e.0 == "AID" && e.2 == "IRQ"), "{aid:?}");
    // The pair a noun is "between" are its parties, one event each way.
    let talks = code("Talks between Egypt and Ethiopia resumed in Cairo on Sunday.\n");
    for (source, target) in [("EGY", "ETH("), ("ETH", "EGY(")] {
        assert!(
            talks
                .iter()
                .any(|e| e.0 == "CONSULT" && e.2 == source && e.3.starts_with(target)),
            "{talks:?}"
        );
    }
    // A noun no one in the tree does names an act in passing: no event, although Jordan is
    // the nearest actor before it.
    let passing = code(
        "Jordan closed the crossing, and the accusations against Syria grew louder among \
         refugees.\n",
    );
    assert!(!passing.iter().any(|e| e.0 == "ACCUSE"), "{passing:?}");
}

#[test]
fn wanting_to_act_oneself_asks_no_one() {
    // "wants to buy" is Kenya's own wish; "wants Uganda to reopen" asks Uganda.
    let wish = code("Kenya wants to buy more wheat from Ukraine this year.\n");
    assert!(!wish.iter().any(|e| e.0 == "REQUEST"), "{wish:?}");
    let ask = code("Kenya wants Uganda to reopen the border crossing.\n");
    assert!(
        ask.iter()
            .any(|e| e.0 == "REQUEST" && e.2 == "KEN" && e.3.starts_with("UGA(")),
        "{ask:?}"
    );
}

#[test]
fn a_passive_with_no_agent_takes_no_doer_from_nearby_words() {
    // Amnesty reports the killings; it did not kill.
    let ev = code(
        "At least forty protesters in nine towns have been killed, according to reports \
         collected by Amnesty.\n",
    );
    assert!(!ev.iter().any(|e| e.2.starts_with("NGO")), "{ev:?}");
}

#[test]
fn two_parties_signing_an_agreement_each_sign_with_the_other() {
    let ev = code("Ghana and Togo signed a treaty on border trade.\n");
    for (source, target) in [("GHA", "TGO("), ("TGO", "GHA(")] {
        assert!(
            ev.iter()
                .any(|e| e.1 == "057" && e.2 == source && e.3.starts_with(target)),
            "{ev:?}"
        );
    }
}

#[test]
fn the_speaker_of_a_passive_done_to_someone_is_not_its_doer() {
    // Amnesty reports the torture; it did not torture. A cooperative act reported in the
    // passive is one the speaker takes part in.
    let torture =
        code("Amnesty International said that the journalists had been tortured in detention.\n");
    assert!(
        !torture.iter().any(|e| e.2.starts_with("NGO")),
        "{torture:?}"
    );
    let talks =
        code("Uganda said on Monday that the talks with Kenya would be resumed next week.\n");
    assert!(
        talks
            .iter()
            .any(|e| e.0 == "CONSULT" && e.2 == "UGA" && e.3.starts_with("KEN(")),
        "{talks:?}"
    );
}

#[test]
fn would_in_a_past_report_is_a_plan_not_a_supposition() {
    // "said it would resume" reports "will resume"; "would have resumed" stays a supposition.
    let ev = code(
        "Kenya said on Monday that it would resume talks with Uganda.\n\n\
         Kenya said it would have resumed talks with Uganda.\n",
    );
    let modalities: Vec<&str> = ev
        .iter()
        .filter(|e| e.0 == "CONSULT" && e.2 == "KEN")
        .map(|e| e.4.as_str())
        .collect();
    assert_eq!(modalities, ["future", "hypothetical"], "{ev:?}");
}

#[test]
fn the_reader_and_the_writer_are_no_party_but_a_quoted_we_is_its_speaker() {
    // "you" is the reader and "I" the writer, not the Kenyan minister named before them.
    let ev = code(
        "The Kenyan foreign minister arrived in Nairobi on Monday.\n\n\
         If you are travelling to Japan, you should visit Kyoto. I met Japanese officials on \
         my last trip to Japan.\n\n\
         \"We will resume talks with Uganda next week,\" the Kenyan foreign minister said.\n",
    );
    assert!(!ev.iter().any(|e| e.3.starts_with("JPN")), "{ev:?}");
    assert!(
        ev.iter()
            .any(|e| e.0 == "CONSULT" && e.2 == "KENGOV" && e.3.starts_with("UGA(")),
        "{ev:?}"
    );
}

#[test]
fn offering_a_thing_is_no_offer_to_a_party() {
    // "offers courses" agrees nothing with anyone, not even the other side of the talks;
    // "offered Uganda a deal" does.
    let thing = code(
        "Kenya and Uganda held talks in Nairobi on Monday.\n\n\
         Kenya offers courses in a wide range of languages.\n",
    );
    assert!(!thing.iter().any(|e| e.0 == "AGREE"), "{thing:?}");
    let deal = code("Kenya offered Uganda a deal on the border.\n");
    assert!(
        deal.iter()
            .any(|e| e.0 == "AGREE" && e.2 == "KEN" && e.3.starts_with("UGA(")),
        "{deal:?}"
    );
}

#[test]
fn beating_a_side_by_a_score_is_a_match_not_a_fight() {
    let ev = code(
        "Kazakhstan needed the doubles match to beat the Netherlands 2-1.\n\n\
         Police beat 12 protesters in Tehran on Monday.\n",
    );
    assert!(!ev.iter().any(|e| e.2 == "KAZ"), "{ev:?}");
    assert!(
        ev.iter()
            .any(|e| e.0 == "ASSAULT" && e.3.starts_with("IRNOPP(")),
        "{ev:?}"
    );
}

#[test]
fn taking_responsibility_for_an_act_makes_it_ones_own() {
    let ev = code("The Taliban took responsibility for the attack on US troops in Logar.\n");
    assert!(
        ev.iter()
            .any(|e| e.0 == "ASSAULT" && e.2.starts_with("AFG") && e.3.starts_with("USAMIL(")),
        "{ev:?}"
    );
}

#[test]
fn recognising_a_fact_is_no_recognition_of_a_party() {
    // "recognize that ..." is knowing something; "recognized Kosovo" is recognition.
    let ev = code(
        "Kenya and Uganda held talks in Nairobi on Monday.\n\n\
         Kenya recognizes that such concessions are not a good deal.\n\n\
         Uganda recognized Kosovo in 2015.\n",
    );
    let recognised: Vec<&str> = ev
        .iter()
        .filter(|e| e.1 == "054")
        .map(|e| e.3.as_str())
        .collect();
    assert!(
        recognised.len() == 1 && recognised[0].starts_with("KSV("),
        "{ev:?}"
    );
}

#[test]
fn a_man_from_the_capital_is_not_its_government() {
    // "a Nairobi man" lives in Nairobi; "Nairobi said" is the government speaking.
    let ev = code(
        "Kenya and Uganda held talks in Nairobi on Monday.\n\n\
         A Nairobi man attacked Ugandan police on Wednesday.\n",
    );
    let attack = ev.iter().find(|e| e.0 == "ASSAULT");
    assert!(
        attack.is_some_and(|e| e.2 != "KENGOV" && e.3.starts_with("UGACOP(")),
        "{ev:?}"
    );
}

#[test]
fn beating_a_country_or_a_company_is_a_contest() {
    // One beats people; "Kenya beat Uganda" is a match won, whatever the score.
    let ev = code(
        "Kenya and Uganda held talks in Nairobi on Monday.\n\n\
         Kenya beat Uganda on Sunday.\n",
    );
    assert!(!ev.iter().any(|e| e.0 == "ASSAULT"), "{ev:?}");
}

#[test]
fn something_or_which_is_no_party() {
    // Only personal pronouns (and "who") stand for someone coreference can name.
    let ev = code(
        "Kenya and Uganda held talks in Nairobi on Monday.\n\n\
         A Kenyan company called Safaricom released something called M-Pesa.\n",
    );
    assert!(!ev.iter().any(|e| e.0 == "RETREAT"), "{ev:?}");
}

#[test]
fn a_quotation_is_its_speakers_even_when_the_speaker_follows() {
    // "'..., ' Amnesty International said": what the quotation demands is Amnesty's demand.
    let ev = code(
        "Iran and Iraq held talks in Baghdad on Monday.\n\n\
         \"Iran must end this brutal crackdown immediately,\" Amnesty International said on Tuesday.\n",
    );
    assert!(
        ev.iter()
            .any(|e| e.0 == "REQUEST" && e.2.starts_with("NGO") && e.3.starts_with("IRN(")),
        "{ev:?}"
    );
}

#[test]
fn a_person_holding_a_post_at_an_organisation_speaks_for_it() {
    // "X, a researcher at Amnesty International" is Amnesty's, not a private person.
    let ev = code(
        "Iran and Iraq held talks in Baghdad on Monday.\n\n\
         Philip Luther, a researcher at Amnesty International, was arrested by Iranian police \
         on Tuesday.\n",
    );
    assert!(
        ev.iter()
            .any(|e| e.0 == "COERCE" && e.2 == "IRNCOP" && e.3.starts_with("NGO")),
        "{ev:?}"
    );
}

#[test]
fn a_name_after_said_is_no_speaker_when_the_verb_has_its_subject() {
    // "Luther ... said Iran must end": Iran is what Luther speaks of, not who speaks.
    let ev = code(
        "Iran and Iraq held talks in Baghdad on Monday.\n\n\
         Philip Luther, a researcher at Amnesty International who has followed the protests \
         for many years, said Iran must end the crackdown.\n",
    );
    assert!(
        ev.iter()
            .any(|e| e.0 == "REQUEST" && e.2.starts_with("NGO") && e.3.starts_with("IRN(")),
        "{ev:?}"
    );
    assert!(!ev.iter().any(|e| e.0 == "THREATEN"), "{ev:?}");
}

#[test]
fn a_plea_of_not_guilty_rejects_the_prosecution() {
    // No prosecutor is named: a plea always answers the prosecution (`addressee=JUD`).
    let ev = code(
        "Kenya and Uganda held talks in Nairobi on Monday.\n\n\
         Two Kenyan guards, Tova Noel and Michael Thomas, pleaded not guilty in a Nairobi \
         court on Tuesday.\n",
    );
    assert!(
        ev.iter()
            .any(|e| e.0 == "REJECT" && e.3.starts_with("KENJUD(")),
        "{ev:?}"
    );
}
