//! Every named actor is an actor: named entities that no dictionary entry covers become
//! mentions, and dictionary matches that a named entity contradicts give way to it.
//!
//! The dictionaries know a few thousand names; the news names many more people and
//! organisations. After the [`crate::ActorResolver`] has matched the dictionaries, this stage
//! reads `Document::entities` (from the analysis layer's recogniser) and:
//! - keeps an entity with no dictionary mention as a mention of its own, with its name and a
//!   code taken from the text where the text gives one (an apposition right after the name
//!   that the dictionaries resolved: "Amir Khan Muttaqi, the Taliban's foreign minister"),
//!   else an empty code: an actor known by name only, never dropped;
//! - lets a person's name win over a country or place inside it ("Jordan Peterson" is a
//!   person, not Jordan), and an organisation's name over a place inside it ("University of
//!   Kabul" is an organisation of Afghanistan, coded by the place's country only);
//! - gives a person named by one word the code of the person the story names in full with
//!   that surname ("Omar" after "Rep. Ilhan Omar" is the lawmaker), unless two coded people
//!   share it.
//!
//! Architecture invariant: reads only the document's layers; runs after actor resolution.

use attache_model::{
    ActorKind, AnnotateError, Annotator, Document, EntityKind, Layers, Mention, Span,
};

use crate::codes::country_of;

/// How many bytes may separate a name from the apposition that codes it (", the").
const APPOSITION_GAP: usize = 6;

/// The stage; it has no settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct EntityActors;

impl EntityActors {
    /// Add entity mentions to `doc` and drop the dictionary matches entities contradict.
    pub fn apply(&self, doc: &mut Document) {
        if doc.entities.is_empty() {
            return;
        }
        let mut dropped = vec![false; doc.mentions.len()];
        let mut added: Vec<Mention> = Vec::new();
        for e in &doc.entities {
            // Mentions are in text order and do not overlap, so their ends are ordered too:
            // the ones overlapping the entity are a run found by binary search.
            let from = doc.mentions.partition_point(|m| m.span.end <= e.span.start);
            let inside: Vec<usize> = (from..doc.mentions.len())
                .take_while(|&i| doc.mentions[i].span.start < e.span.end)
                .collect();
            let name = doc.text_of(e.span).to_string();
            let Some(sentence) = doc.sentence_at(e.span.start) else {
                continue;
            };
            let strictly_inside = |m: &Mention| {
                e.span.start <= m.span.start
                    && m.span.end <= e.span.end
                    && m.span.len() < e.span.len()
            };
            // Only places and countries strictly inside the entity are contradicted by it.
            let contradicted = |m: &Mention| {
                matches!(m.kind, ActorKind::Country | ActorKind::Place) && strictly_inside(m)
            };
            // A sector word inside an organisation's name is part of the name ("the House
            // Intelligence Committee" is no intelligence agency): the organisation is one
            // actor of that sector.
            let sector_word = |m: &Mention| {
                e.kind == EntityKind::Organisation
                    && m.code.starts_with("---")
                    && strictly_inside(m)
            };
            let all_contradicted = !inside.is_empty()
                && inside
                    .iter()
                    .all(|&i| contradicted(&doc.mentions[i]) || sector_word(&doc.mentions[i]));
            let mention = match e.kind {
                EntityKind::Person if names_a_post(&name) => None,
                EntityKind::Person if inside.is_empty() || all_contradicted => Some(Mention {
                    span: e.span,
                    sentence,
                    kind: ActorKind::Person,
                    code: apposition_code(doc, e.span)
                        .or_else(|| affiliation_code(doc, e.span))
                        .unwrap_or_default(),
                    name: name.clone(),
                    why: if all_contradicted {
                        "named person (the place inside the name is part of it)".to_string()
                    } else {
                        "named person, no dictionary entry".to_string()
                    },
                }),
                EntityKind::Organisation if inside.is_empty() || all_contradicted => {
                    let country = inside
                        .iter()
                        .map(|&i| &doc.mentions[i])
                        .find(|m| !sector_word(m))
                        .map(|m| country_of(&m.code).to_string())
                        .unwrap_or_default();
                    let sector = inside
                        .iter()
                        .map(|&i| &doc.mentions[i])
                        .find(|m| sector_word(m))
                        .map(|m| m.code.get(3..).unwrap_or("").to_string());
                    let country = match sector {
                        Some(s) if country.is_empty() => format!("---{s}"),
                        Some(s) => format!("{country}{s}"),
                        None => country,
                    };
                    Some(Mention {
                        span: e.span,
                        sentence,
                        kind: ActorKind::Organisation,
                        code: apposition_code(doc, e.span).unwrap_or(country),
                        name: name.clone(),
                        why: "named organisation, no dictionary entry".to_string(),
                    })
                }
                EntityKind::Place if inside.is_empty() => Some(Mention {
                    span: e.span,
                    sentence,
                    kind: ActorKind::Place,
                    code: String::new(),
                    name: name.clone(),
                    why: "named place, no dictionary entry".to_string(),
                }),
                _ => None,
            };
            if let Some(m) = mention {
                if all_contradicted {
                    for &i in &inside {
                        dropped[i] = true;
                    }
                }
                added.push(m);
            }
        }
        if added.is_empty() {
            return;
        }
        let mut kept: Vec<Mention> = doc
            .mentions
            .drain(..)
            .zip(dropped)
            .filter(|(_, d)| !d)
            .map(|(m, _)| m)
            .collect();
        kept.extend(added);
        kept.sort_by_key(|m| (m.span.start, m.span.end));
        doc.mentions = kept;
        code_surnames(doc);
    }
}

/// A person named by one word that the story also names in full with a code is that
/// person ("Omar" after "Rep. Ilhan Omar" is the lawmaker, not an unknown): the one-word
/// mention takes the code. A surname two coded people share stays uncoded.
fn code_surnames(doc: &mut Document) {
    let mut by_surname: std::collections::HashMap<String, Option<String>> = Default::default();
    for m in &doc.mentions {
        let text = doc.text_of(m.span);
        let mut words = text.split_whitespace();
        let surname = words.next_back();
        let several_words = words.next().is_some();
        if let (Some(surname), true) = (surname, m.kind == ActorKind::Person && several_words) {
            if !m.code.is_empty() {
                by_surname
                    .entry(surname.to_string())
                    .and_modify(|c| {
                        if c.as_deref() != Some(m.code.as_str()) {
                            *c = None;
                        }
                    })
                    .or_insert_with(|| Some(m.code.clone()));
            }
        }
    }
    for i in 0..doc.mentions.len() {
        let m = &doc.mentions[i];
        let word = doc.text_of(m.span).trim();
        if m.kind != ActorKind::Person || !m.code.is_empty() || word.contains(char::is_whitespace) {
            continue;
        }
        if let Some(Some(code)) = by_surname.get(word) {
            let m = &mut doc.mentions[i];
            m.code = code.clone();
            m.why = "named person, the surname of a coded person in the story".to_string();
        }
    }
}

/// Words that end the name of a post, not of a person: a recogniser's person that ends
/// with one is a title read as a name ("Research and Advocacy Director").
const POST_WORDS: &[&str] = &[
    "director",
    "minister",
    "secretary",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "officer",
    "commissioner",
    "governor",
    "ambassador",
    "envoy",
    "adviser",
    "advisor",
    "chief",
    "manager",
    "coordinator",
    "representative",
    "general",
    "editor",
    "correspondent",
    "analyst",
    "researcher",
];

/// Whether a recognised person's words name a post ([`POST_WORDS`]) rather than someone.
fn names_a_post(name: &str) -> bool {
    name.split_whitespace()
        .last()
        .is_some_and(|w| POST_WORDS.contains(&w.to_lowercase().as_str()))
}

/// The code of a coded mention that stands in apposition right after `span` (", the
/// Taliban's foreign minister"), if the text has one.
fn apposition_code(doc: &Document, span: Span) -> Option<String> {
    let text = &doc.article.text;
    let rest = text.get(span.end..)?;
    let after_comma = rest.strip_prefix(',')?;
    let gap_start = span.end + 1;
    let from = doc.mentions.partition_point(|m| m.span.start < gap_start);
    doc.mentions[from..]
        .iter()
        .take_while(|m| m.span.start - gap_start <= APPOSITION_GAP)
        .find(|m| {
            !m.code.is_empty()
                && !m.code.starts_with("---")
                && matches!(m.kind, ActorKind::Person | ActorKind::Government)
                && text
                    .get(gap_start..m.span.start)
                    .is_some_and(|gap| matches!(gap.trim(), "" | "the" | "The"))
        })
        .filter(|_| !after_comma.is_empty())
        .map(|m| m.code.clone())
}

/// The code of the organisation an unlisted person holds a post at, read on the dependency
/// tree when the document has one: the person's apposition names the post "at" a coded
/// organisation or body ("Philip Luther, Research and Advocacy Director for the Middle East
/// and North Africa at Amnesty International"), or "for"/"of" an organisation that is no
/// body of a state ("a spokesman for Human Rights Watch"; a critic "of the government"
/// does not speak for it). Places and countries are where the post is, not whose.
fn affiliation_code(doc: &Document, span: Span) -> Option<String> {
    let sentence = doc.sentence_at(span.start)?;
    let range = doc.sentence_tokens(sentence);
    let inside =
        |i: usize| span.start <= doc.tokens[i].span.start && doc.tokens[i].span.end <= span.end;
    // The name's head: its token whose head lies outside the name.
    let head = range
        .clone()
        .find(|&i| inside(i) && doc.tokens[i].head.is_none_or(|h| !inside(h)))?;
    let children = |n: usize| {
        range
            .clone()
            .filter(move |&i| doc.tokens[i].head == Some(n))
    };
    // The post's noun phrase: nominal modifiers, conjuncts and names, never a clause.
    const PHRASE: &[&str] = &["nmod", "conj", "appos", "flat", "compound", "nmod:poss"];
    let mut stack: Vec<(usize, usize)> = children(head)
        .filter(|&c| doc.tokens[c].deprel == "appos")
        .map(|c| (c, 0))
        .collect();
    while let Some((n, depth)) = stack.pop() {
        // The preposition hangs on the phrase's head or, in a parse that heads a name by
        // its last word, on the name's first word ("at Amnesty International").
        let case = children(n)
            .chain(
                children(n)
                    .filter(|&c| doc.tokens[c].deprel == "compound")
                    .flat_map(children),
            )
            .find(|&c| doc.tokens[c].deprel == "case")
            .map(|c| doc.text_of(doc.tokens[c].span).to_lowercase());
        if doc.tokens[n].deprel.starts_with("nmod") {
            let at = doc.tokens[n].span;
            let body = doc
                .mentions
                .iter()
                .find(|m| m.span.start <= at.start && at.end <= m.span.end);
            if let (Some(case), Some(m)) = (case.as_deref(), body) {
                let state_body = m.kind == ActorKind::Government;
                let organisation =
                    matches!(m.kind, ActorKind::Organisation | ActorKind::ArmedGroup);
                let post = match case {
                    "at" => organisation || state_body,
                    "for" | "of" => organisation,
                    _ => false,
                };
                if post && !m.code.is_empty() && !m.code.starts_with("---") {
                    return Some(m.code.clone());
                }
            }
        }
        if depth < 4 {
            stack.extend(
                children(n)
                    .filter(|&c| PHRASE.contains(&doc.tokens[c].deprel.as_str()))
                    .map(|c| (c, depth + 1)),
            );
        }
    }
    None
}

impl Annotator for EntityActors {
    fn name(&self) -> &'static str {
        "entity_actors"
    }
    fn requires(&self) -> Layers {
        Layers::MENTIONS | Layers::ENTITIES
    }
    fn provides(&self) -> Layers {
        Layers::MENTIONS
    }
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        self.apply(doc);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ActorResolver;
    use attache_model::{Article, Entity};

    fn doc(text: &str, entities: &[(&str, EntityKind)]) -> Document {
        let mut d = Document::new(
            "t",
            Article {
                text: text.to_string(),
                ..Article::default()
            },
        );
        ActorResolver::builtin()
            .expect("dictionaries")
            .resolve(&mut d);
        for (name, kind) in entities {
            let start = text.find(name).expect("entity in text");
            d.entities.push(Entity {
                span: Span::new(start, start + name.len()),
                first_token: 0,
                end_token: 0,
                kind: *kind,
            });
        }
        d
    }

    fn codes(d: &Document) -> Vec<(String, String)> {
        d.mentions
            .iter()
            .map(|m| (d.text_of(m.span).to_string(), m.code.clone()))
            .collect()
    }

    #[test]
    fn a_surname_alone_is_the_coded_person_of_that_name() {
        // The dictionaries' mention of the full name is given; the recogniser finds the
        // surname alone later, and another name the story codes nowhere.
        let text = "Rep. Ilhan Omar spoke on Monday. Later Omar warned the court, and Ahmadzai \
                    replied.";
        let mut d = Document::new(
            "t",
            Article {
                text: text.to_string(),
                ..Article::default()
            },
        );
        d.sentences.push(attache_model::Sentence {
            span: Span::new(0, text.len()),
        });
        d.mentions.push(Mention {
            span: Span::new(0, 15),
            sentence: 0,
            code: "USALEG".into(),
            name: "Ilhan Omar".into(),
            kind: ActorKind::Person,
            why: String::new(),
        });
        for name in ["Ahmadzai", "Omar"] {
            let start = text.rfind(name).expect("name in text");
            d.entities.push(Entity {
                span: Span::new(start, start + name.len()),
                first_token: 0,
                end_token: 0,
                kind: EntityKind::Person,
            });
        }
        d.entities.sort_by_key(|e| e.span.start);
        EntityActors.apply(&mut d);
        let found = codes(&d);
        assert!(
            found.contains(&("Omar".into(), "USALEG".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("Ahmadzai".into(), String::new())),
            "{found:?}"
        );
    }

    #[test]
    fn a_person_named_after_a_country_is_a_person() {
        let mut d = doc(
            "Jordan Peterson met officials in Kabul on Monday.",
            &[("Jordan Peterson", EntityKind::Person)],
        );
        EntityActors.apply(&mut d);
        let found = codes(&d);
        assert!(
            found.contains(&("Jordan Peterson".into(), String::new())),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, c)| c == "JOR"), "{found:?}");
    }

    #[test]
    fn an_unlisted_person_is_kept_with_the_code_of_the_apposition() {
        let mut d = doc(
            "Zarina Baluch, the Pakistani foreign minister, rejected the claim.",
            &[("Zarina Baluch", EntityKind::Person)],
        );
        EntityActors.apply(&mut d);
        let m = d
            .mentions
            .iter()
            .find(|m| d.text_of(m.span) == "Zarina Baluch")
            .expect("the person is a mention");
        assert_eq!(m.code, "PAKGOV");
        assert_eq!(m.kind, ActorKind::Person);
    }

    #[test]
    fn a_post_read_as_a_name_is_no_person() {
        let mut d = doc(
            "said Philip Luther, Research and Advocacy Director at the group.",
            &[
                ("Philip Luther", EntityKind::Person),
                ("Advocacy Director", EntityKind::Person),
            ],
        );
        EntityActors.apply(&mut d);
        let found = codes(&d);
        assert!(
            found.iter().any(|(n, _)| n == "Philip Luther")
                && !found.iter().any(|(n, _)| n == "Advocacy Director"),
            "{found:?}"
        );
    }

    #[test]
    fn an_unlisted_organisation_is_kept_without_a_code() {
        let mut d = doc(
            "The Acme Relief Foundation delivered food.",
            &[("Acme Relief Foundation", EntityKind::Organisation)],
        );
        EntityActors.apply(&mut d);
        assert!(codes(&d).contains(&("Acme Relief Foundation".into(), String::new())));
    }

    #[test]
    fn an_entity_a_dictionary_already_names_adds_nothing() {
        let mut d = doc(
            "Pakistan rejected the claim.",
            &[("Pakistan", EntityKind::Place)],
        );
        let before = d.mentions.clone();
        EntityActors.apply(&mut d);
        assert_eq!(d.mentions, before);
    }

    #[test]
    fn a_sector_word_inside_an_organisation_name_is_part_of_it() {
        let mut d = doc(
            "The House Intelligence Committee questioned the envoy.",
            &[("House Intelligence Committee", EntityKind::Organisation)],
        );
        EntityActors.apply(&mut d);
        let found = codes(&d);
        let org = found
            .iter()
            .find(|(name, _)| name == "House Intelligence Committee")
            .unwrap_or_else(|| panic!("the committee is one mention: {found:?}"));
        assert!(org.1.starts_with("---"), "{found:?}");
        assert!(
            !found.iter().any(|(name, _)| name == "Intelligence"),
            "{found:?}"
        );
    }
}
