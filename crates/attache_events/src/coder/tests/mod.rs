//! Behaviour tests of the coder over documents whose sentences and mentions are written by
//! hand (fictional countries, so nothing depends on an actor dictionary).
//!
//! The test world and its helpers live here with the tests on the builtin dictionary;
//! `reference` codes the team's reference article, `verb_files` adds PETRARCH verb files.

mod hostile;
mod mends;
mod reference;
mod verb_files;

use attache_model::{
    ActorKind, Article, Document, Event, Mention, Modality, PloverCategory, Sentence, Span,
};

use super::{Coder, CoderSettings};

/// Actors of the fictional test world: surface text, code, kind.
const WORLD: &[(&str, &str, ActorKind)] = &[
    ("Ruritania", "RUR", ActorKind::Country),
    ("Elbonia", "ELB", ActorKind::Country),
    ("Freedonia", "FRE", ActorKind::Country),
    ("Strelsau", "RURGOV", ActorKind::Government),
    ("Elbonian army", "ELBMIL", ActorKind::Organisation),
    ("Foreign Minister Anna Varga", "RURGOV", ActorKind::Person),
    ("Zenda", "RUR", ActorKind::Place),
];

/// A document from `text`: sentences split after `.`/`!`/`?` + space or at newlines, and a
/// mention wherever a `WORLD` name occurs (longest first, no overlaps).
pub(crate) fn doc_with(text: &str, world: &[(&str, &str, ActorKind)]) -> Document {
    let mut d = Document::new(
        "test",
        Article {
            text: text.to_string(),
            published: Some("2025-10-30".into()),
            ..Article::default()
        },
    );
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let end_here = (matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()))
            || b == b'\n';
        if end_here {
            let stop = if b == b'\n' { i } else { i + 1 };
            if text[start..stop].trim().len() > 1 {
                d.sentences.push(Sentence {
                    span: Span::new(start, stop),
                });
            }
            start = i + 1;
        }
    }
    if text[start..].trim().len() > 1 {
        d.sentences.push(Sentence {
            span: Span::new(start, text.len()),
        });
    }
    let mut names: Vec<&(&str, &str, ActorKind)> = world.iter().collect();
    names.sort_by_key(|(n, _, _)| std::cmp::Reverse(n.len()));
    let mut taken: Vec<Span> = Vec::new();
    for (name, code, kind) in names {
        for (at, _) in text.match_indices(name) {
            let span = Span::new(at, at + name.len());
            if taken.iter().any(|t| t.overlaps(span)) {
                continue;
            }
            let Some(sentence) = d.sentence_at(at) else {
                continue;
            };
            taken.push(span);
            d.mentions.push(Mention {
                span,
                sentence,
                kind: *kind,
                code: code.to_string(),
                name: name.to_string(),
                why: "test world".into(),
            });
        }
    }
    d.mentions.sort_by_key(|m| m.span.start);
    d
}

/// Lone sentences, coded with their one-sided events kept (a test's point may be an event
/// whose target is not in its sentence).
fn code(text: &str) -> Vec<Event> {
    let settings = CoderSettings {
        one_sided: true,
        ..CoderSettings::default()
    };
    let coder = match Coder::builtin(settings) {
        Ok(c) => c,
        Err(e) => panic!("builtin coder does not load: {e}"),
    };
    coder.code(&doc_with(text, WORLD))
}

fn codes(v: &[attache_model::EventActor]) -> Vec<&str> {
    v.iter().map(|a| a.code.as_str()).collect()
}

fn only(events: &[Event]) -> &Event {
    assert_eq!(events.len(), 1, "{events:#?}");
    &events[0]
}

fn category(e: &Event) -> Option<PloverCategory> {
    e.plover.as_ref().map(|p| p.category)
}

#[test]
fn active_voice_subject_is_source_and_object_target() {
    let e = code("Ruritania attacked Elbonia on Monday.");
    let e = only(&e);
    assert_eq!(category(e), Some(PloverCategory::Assault));
    assert_eq!(
        (codes(&e.source), codes(&e.target)),
        (vec!["RUR"], vec!["ELB"])
    );
    assert_eq!(e.modality, Modality::Asserted);
    assert_eq!(e.evidence.text, "attacked");
    assert!(e.rule.contains("~attack"), "{}", e.rule);
}

#[test]
fn passive_voice_puts_the_by_phrase_in_the_source() {
    let e = code("Elbonia was attacked by Ruritania.");
    let e = only(&e);
    assert_eq!(
        (codes(&e.source), codes(&e.target)),
        (vec!["RUR"], vec!["ELB"])
    );
}

#[test]
fn prepositional_targets_and_compound_sources() {
    // Two doers, one party: one event per doer.
    let events = code("Ruritania and Freedonia held talks with Elbonia.");
    assert_eq!(events.len(), 2, "{events:#?}");
    let dyads: Vec<(Vec<&str>, Vec<&str>)> = events
        .iter()
        .inspect(|e| assert_eq!(category(e), Some(PloverCategory::Consult)))
        .map(|e| (codes(&e.source), codes(&e.target)))
        .collect();
    assert_eq!(
        dyads,
        [(vec!["RUR"], vec!["ELB"]), (vec!["FRE"], vec!["ELB"])]
    );
}

#[test]
fn private_persons_acted_on_together_are_two_events_with_two_ids() {
    let world = [
        ("Strelsau", "RURGOV", ActorKind::Government),
        ("John Carter", "RURCVL", ActorKind::Person),
        ("Mary Lane", "RURCVL", ActorKind::Person),
    ];
    let coder = Coder::builtin(CoderSettings::default()).unwrap_or_else(|e| panic!("{e}"));
    let events = coder.code(&doc_with(
        "Strelsau arrested John Carter and Mary Lane.",
        &world,
    ));
    let arrested: Vec<&str> = events
        .iter()
        .flat_map(|e| e.target.iter().map(|a| a.name.as_str()))
        .collect();
    assert_eq!(arrested, ["John Carter", "Mary Lane"], "{events:#?}");
    assert_ne!(events[0].id, events[1].id);
}

#[test]
fn negation_and_intent_are_not_asserted() {
    let e = code("Strelsau did not commit to the plan of Elbonia.");
    assert_eq!(only(&e).modality, Modality::Negated);
    let e = code("Ruritania is ready to continue talks with Elbonia.");
    let e = only(&e);
    assert_eq!(category(e), Some(PloverCategory::Consult));
    assert_eq!(e.modality, Modality::Intended);
    let e = code("Ruritania will meet Elbonia next week.");
    assert_eq!(only(&e).modality, Modality::Future);
}

#[test]
fn a_stated_conditional_attack_is_a_threat_claimed_by_the_speaker() {
    let e = code(
        "Foreign Minister Anna Varga said Ruritania would destroy the Elbonian army if provoked.",
    );
    let e = only(&e);
    assert_eq!(category(e), Some(PloverCategory::Threaten));
    assert_eq!(
        (codes(&e.source), codes(&e.target)),
        (vec!["RUR"], vec!["ELBMIL"])
    );
    assert_eq!(
        e.claimed_by.as_ref().map(|c| c.name.as_str()),
        Some("Foreign Minister Anna Varga")
    );
    assert!(e.rule.contains("=> THREATEN"), "{}", e.rule);
}

#[test]
fn a_threat_to_attack_is_threaten_not_assault() {
    let e = code("Ruritania threatened to attack Elbonia.");
    assert!(
        e.iter()
            .all(|e| category(e) != Some(PloverCategory::Assault)),
        "{e:#?}"
    );
    assert!(e
        .iter()
        .any(|e| category(e) == Some(PloverCategory::Threaten)));
}

#[test]
fn possessive_demand_targets_the_actor_after_that() {
    let e = code("Talks will focus on Ruritania's key demand that Elbonia withdraw its troops.");
    let e = e
        .iter()
        .find(|e| category(e) == Some(PloverCategory::Request));
    let e = e.map(|e| (codes(&e.source), codes(&e.target), e.modality));
    assert_eq!(e, Some((vec!["RUR"], vec!["ELB"], Modality::Asserted)));
}

#[test]
fn reported_accusation_without_a_subject_takes_the_speaker_as_source() {
    let e = code("Foreign Minister Anna Varga stated that despite presenting evidence of Elbonia backing rebels, nothing changed.");
    let e = e
        .iter()
        .find(|e| category(e) == Some(PloverCategory::Accuse));
    let e = e.map(|e| (codes(&e.source), codes(&e.target), e.claimed_by.is_some()));
    assert_eq!(e, Some((vec!["RURGOV"], vec!["ELB"], true)));
}

#[test]
fn repeated_events_are_kept_once_with_mentions_counted() {
    let e = code("Ruritania attacked Elbonia. Later, Ruritania attacked Elbonia again.");
    assert_eq!(only(&e).mentions, 2);
}

#[test]
fn page_furniture_sentences_are_skipped() {
    assert!(code("Read more: Ruritania attacked Elbonia.").is_empty());
}

#[test]
fn places_give_the_location_and_the_date_is_the_article_date() {
    let e = code("Ruritania attacked Elbonia in Zenda.");
    let e = only(&e);
    assert_eq!(e.location.as_ref().map(|l| l.name.as_str()), Some("Zenda"));
    assert_eq!(e.date.as_deref(), Some("2025-10-30"));
    assert!(e.id.starts_with("ev-"));
}

#[test]
fn an_event_placed_by_the_dateline_carries_the_dateline_place_country() {
    // The demo rows: "CAIRO: ..." and "QUETTA: ..." gave the place but no country.
    let coder = match Coder::builtin(CoderSettings::default()) {
        Ok(c) => c,
        Err(e) => panic!("builtin coder does not load: {e}"),
    };
    let mut doc = doc_with(
        "ZENDA: Ruritania attacked Elbonia on Monday.",
        &[("ZENDA", "RUR", ActorKind::Place), WORLD[0], WORLD[1]],
    );
    doc.article.dateline = Some("Zenda".into());
    let events = coder.code(&doc);
    let e = only(&events);
    let place = e
        .location
        .as_ref()
        .map(|l| (l.name.as_str(), l.country.as_deref()));
    assert_eq!(place, Some(("Zenda", Some("RUR"))));
    // A dateline no mention names keeps its name and no country: nothing is guessed.
    let mut doc = doc_with("Ruritania attacked Elbonia on Monday.", WORLD);
    doc.article.dateline = Some("Atlantis".into());
    let events = coder.code(&doc);
    let e = only(&events);
    let place = e
        .location
        .as_ref()
        .map(|l| (l.name.as_str(), l.country.as_deref()));
    assert_eq!(place, Some(("Atlantis", None)));
}

#[test]
fn a_comma_and_before_a_new_subject_starts_a_clause_not_a_compound_target() {
    // The demo's "The United Nations appealed for aid ... for Afghans returning from
    // Pakistan, and China pledged food assistance to Afghanistan" gave UN -> PAK+CHN and a
    // pledge with no source.
    let events = code(
        "Ruritania appealed for aid on Tuesday for refugees returning from Elbonia, and \
         Freedonia pledged food assistance to Elbonia.",
    );
    let pledge = events
        .iter()
        .find(|e| category(e) == Some(PloverCategory::Agree))
        .unwrap_or_else(|| panic!("no pledge: {events:#?}"));
    assert_eq!(codes(&pledge.source), ["FRE"], "{events:#?}");
    assert_eq!(codes(&pledge.target), ["ELB"], "{events:#?}");
    for e in &events {
        assert!(!codes(&e.target).contains(&"FRE"), "{events:#?}");
        if codes(&e.source) == ["RUR"] {
            assert!(
                e.target.is_empty(),
                "returning from Elbonia is no target: {events:#?}"
            );
        }
    }
}

#[test]
fn a_noun_without_an_actor_tied_to_it_is_no_asserted_event() {
    let events = code("Ruritania welcomed the agreement.");
    assert!(
        events
            .iter()
            .all(|e| category(e) != Some(PloverCategory::Agree)),
        "{events:#?}"
    );
    let events = code("Ruritania signed an agreement with Elbonia.");
    assert!(
        events
            .iter()
            .any(|e| codes(&e.target) == ["ELB"] && e.modality == Modality::Asserted),
        "{events:#?}"
    );
}

#[test]
fn an_actor_acting_on_itself_gives_no_self_targeted_event() {
    let events = code("Ruritania attacked Ruritania.");
    assert!(
        events.iter().all(|e| codes(&e.source) != codes(&e.target)),
        "{events:#?}"
    );
}

#[test]
fn a_name_in_a_hyphenated_modifier_yields_to_the_actor_of_its_phrase() {
    let e = code("The Freedonia-backed Elbonian army attacked Ruritania.");
    let e = only(&e);
    assert_eq!(
        (codes(&e.source), codes(&e.target)),
        (vec!["ELBMIL"], vec!["RUR"])
    );
}

#[test]
fn a_noun_is_tied_to_its_possessive_pronoun_support_verb_or_trip() {
    let has = |events: &[Event], cat: PloverCategory| {
        events
            .iter()
            .any(|e| category(e) == Some(cat) && e.modality == Modality::Asserted)
    };
    let events = code("Ruritania launched two days of war games with Elbonia.");
    assert!(has(&events, PloverCategory::Cooperate), "{events:#?}");
    let events = code("Ruritania reiterated its demand that Elbonia free the prisoners.");
    assert!(has(&events, PloverCategory::Request), "{events:#?}");
    let events =
        code("Foreign Minister Anna Varga returned to Elbonia this week for talks on trade.");
    assert!(has(&events, PloverCategory::Consult), "{events:#?}");
    // A comment on an act still states none.
    let events = code("Ruritania welcomed the talks on trade.");
    assert!(!has(&events, PloverCategory::Consult), "{events:#?}");
}

#[test]
fn a_noun_naming_the_kind_of_an_actor_is_no_act() {
    let world = [
        ("Ruritania", "RUR", ActorKind::Country),
        ("forces from Zenda", "RURMIL", ActorKind::Organisation),
    ];
    let coder = match Coder::builtin(CoderSettings::default()) {
        Ok(c) => c,
        Err(e) => panic!("builtin coder does not load: {e}"),
    };
    let text = "Ruritania speeded up the withdrawal of some invasion forces from Zenda.";
    let events = coder.code(&doc_with(text, &world));
    assert!(
        events
            .iter()
            .all(|e| category(e) != Some(PloverCategory::Assault)),
        "{events:#?}"
    );
}

#[test]
fn a_stated_future_act_unless_the_other_side_gives_in_is_a_threat() {
    let events =
        code("Ruritania said it will withdraw its envoy from Elbonia unless Elbonia frees the prisoners.");
    assert_eq!(
        category(&events[0]),
        Some(PloverCategory::Threaten),
        "{events:#?}"
    );
    // Without "unless", or with it only in a later clause, the act stays a future act.
    for text in [
        "Ruritania said it will withdraw its envoy from Elbonia.",
        "Ruritania said it will withdraw its envoy from Elbonia; trade goes on unless it ends.",
    ] {
        let events = code(text);
        assert!(
            events
                .iter()
                .all(|e| category(e) != Some(PloverCategory::Threaten)),
            "{events:#?}"
        );
    }
}

#[test]
fn addressee_of_a_reporting_verb_is_never_the_source() {
    let events =
        code("Foreign Minister Anna Varga told Elbonia that the militia had attacked Freedonia.");
    assert!(
        events.iter().all(|e| !codes(&e.source).contains(&"ELB")),
        "{events:#?}"
    );
}

#[test]
fn reported_clause_with_its_own_noun_subject_does_not_take_the_speaker() {
    // "the rebels" is no actor here: the speaker did not attack anyone.
    let events = code("Strelsau said that the rebels attacked Elbonia on Sunday.");
    assert!(
        events.iter().all(|e| !codes(&e.source).contains(&"RURGOV")),
        "{events:#?}"
    );
}

#[test]
fn both_sides_in_a_relative_clause_is_the_earlier_compound_not_the_speaker() {
    let events = code(
        "Ruritania and Elbonia agreed on Friday to a truce, Strelsau said, \
         the first truce both sides have accepted this year.",
    );
    assert!(
        events.iter().all(|e| !codes(&e.source).contains(&"RURGOV")),
        "{events:#?}"
    );
    let mut agreeing: Vec<&str> = events
        .iter()
        .filter(|e| category(e) == Some(PloverCategory::Agree))
        .flat_map(|e| codes(&e.source))
        .collect();
    agreeing.sort_unstable();
    agreeing.dedup();
    assert_eq!(agreeing, vec!["ELB", "RUR"], "{events:#?}");
}

#[test]
fn coordinated_verb_shares_the_subject_of_the_first_verb() {
    let events = code("Ruritania accused Elbonia of helping Freedonia, and threatened Strelsau.");
    let threat = events
        .iter()
        .find(|e| e.evidence.text == "threatened")
        .unwrap_or_else(|| panic!("no threat in {events:#?}"));
    assert_eq!(codes(&threat.source), vec!["RUR"]);
}

#[test]
fn a_verb_form_right_after_a_complementizer_that_is_the_clauses_subject_noun() {
    let is_request = |e: &Event| e.cameo.code == "100";
    for text in [
        "Ruritania insisted that pressure or threats cannot change its policy toward Elbonia.",
        "Ruritania said that pressure will not move Elbonia.",
        "Ruritania rejects any claim that pressure and sanctions would sway Elbonia.",
    ] {
        let events = code(text);
        assert!(!events.iter().any(is_request), "{text}: {events:#?}");
    }
    // A relative "that" after a noun keeps its verb ("groups that pressure Elbonia").
    let events = code("Ruritania named the groups that pressure Elbonia.");
    assert!(events.iter().any(is_request), "{events:#?}");
}

#[test]
fn a_pronoun_takes_its_actor_from_the_coreference_chain_not_the_last_person() {
    use attache_model::{CorefChain, CorefMention};
    let world: &[(&str, &str, ActorKind)] = &[
        ("Foreign Minister Anna Varga", "RURGOV", ActorKind::Person),
        ("General Otto Brandt", "ELBMIL", ActorKind::Person),
        ("Freedonia", "FRE", ActorKind::Country),
    ];
    let text = "Foreign Minister Anna Varga met General Otto Brandt. She accused Freedonia.";
    let coder = match Coder::builtin(CoderSettings::default()) {
        Ok(c) => c,
        Err(e) => panic!("builtin coder does not load: {e}"),
    };
    let mut doc = doc_with(text, world);
    let without = coder.code(&doc);
    let she = text.find("She").map_or(0, |i| i);
    doc.coref.push(CorefChain {
        mentions: vec![
            CorefMention {
                span: Span::new(0, "Foreign Minister Anna Varga".len()),
                head: 0,
            },
            CorefMention {
                span: Span::new(she, she + 3),
                head: 0,
            },
        ],
    });
    let with = coder.code(&doc);
    let accuse = |events: &[Event]| {
        events
            .iter()
            .find(|e| category(e) == Some(PloverCategory::Accuse))
            .map(|e| codes(&e.source).join("+"))
    };
    // Without chains the last person named before "She" is taken.
    assert_eq!(accuse(&without).as_deref(), Some("ELBMIL"), "{without:#?}");
    assert_eq!(accuse(&with).as_deref(), Some("RURGOV"), "{with:#?}");
}
