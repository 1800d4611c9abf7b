//! Word lists the coder reads modality, attribution and clause structure from
//! (`data/events/cues.txt`).
//!
//! ```text
//! [negation]          a section name in brackets, then one phrase per line
//! did not
//! ~fail_to            `~` inflects a verb (fail, fails, failed, failing); `_` joins words
//! ```
//!
//! What each section is used for is tabled in `data/events/README.md` (one place, beside the
//! data); [`Cue`] names the sections.

use std::collections::HashMap;

use rustc_hash::FxHashMap as FastMap;

use crate::inflect::verb_forms;
use crate::EventsError;

/// A section of the cue file. Callers name sections by this type, so a lookup is an index
/// into the parsed sections, never a search by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// `[negation]`
    Negation,
    /// `[future]`
    Future,
    /// `[intent]`
    Intent,
    /// `[hypothetical]`
    Hypothetical,
    /// `[condition]`
    Condition,
    /// `[report]`
    Report,
    /// `[claimant]`
    Claimant,
    /// `[person_pronoun]`
    PersonPronoun,
    /// `[thing_pronoun]`
    ThingPronoun,
    /// `[passive_aux]`
    PassiveAux,
    /// `[preposition]`
    Preposition,
    /// `[clause]`
    Clause,
    /// `[compound]`
    Compound,
    /// `[modifier]`
    Modifier,
    /// `[skip]`
    Skip,
    /// `[possibility]`
    Possibility,
    /// `[support_verb]`
    SupportVerb,
    /// `[travel_verb]`
    TravelVerb,
    /// `[phrase_preposition]`
    PhrasePreposition,
    /// `[time_word]`
    TimeWord,
    /// `[ultimatum]`
    Ultimatum,
    /// `[quantity_preposition]`
    QuantityPreposition,
    /// `[sides]`
    Sides,
}

/// Every section with its name in the cue file, in the order of the enum: `cue as usize`
/// indexes this table and the parsed sections (a test checks the order).
const SECTIONS: [(Cue, &str); 23] = [
    (Cue::Negation, "negation"),
    (Cue::Future, "future"),
    (Cue::Intent, "intent"),
    (Cue::Hypothetical, "hypothetical"),
    (Cue::Condition, "condition"),
    (Cue::Report, "report"),
    (Cue::Claimant, "claimant"),
    (Cue::PersonPronoun, "person_pronoun"),
    (Cue::ThingPronoun, "thing_pronoun"),
    (Cue::PassiveAux, "passive_aux"),
    (Cue::Preposition, "preposition"),
    (Cue::Clause, "clause"),
    (Cue::Compound, "compound"),
    (Cue::Modifier, "modifier"),
    (Cue::Skip, "skip"),
    (Cue::Possibility, "possibility"),
    (Cue::SupportVerb, "support_verb"),
    (Cue::TravelVerb, "travel_verb"),
    (Cue::PhrasePreposition, "phrase_preposition"),
    (Cue::TimeWord, "time_word"),
    (Cue::Ultimatum, "ultimatum"),
    (Cue::QuantityPreposition, "quantity_preposition"),
    (Cue::Sides, "sides"),
];

impl Cue {
    /// Every section, in the order they are stored.
    pub const ALL: [Cue; SECTIONS.len()] = {
        let mut all = [Cue::Negation; SECTIONS.len()];
        let mut i = 0;
        while i < SECTIONS.len() {
            all[i] = SECTIONS[i].0;
            i += 1;
        }
        all
    };

    /// The section's name in the cue file.
    pub fn name(self) -> &'static str {
        SECTIONS[self as usize].1
    }
}

/// The loaded cue lists: per section, phrases as lower-case word sequences (verbs expanded),
/// indexed by their first word so a lookup costs one hash per position.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    /// Sections in the order of [`Cue::ALL`] (looked up by position, no hashing).
    sections: Vec<Section>,
}

#[derive(Debug, Clone, Default)]
struct Section {
    /// Every phrase, longest first.
    all: Vec<Vec<String>>,
    /// Phrases by first word, longest first.
    by_first: FastMap<String, Vec<Vec<String>>>,
}

impl Cues {
    /// Parse a cue file; `file` names it in errors. Every section of [`Cue::ALL`] must appear.
    pub fn parse(file: &str, text: &str) -> Result<Cues, EventsError> {
        let mut lists: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        let mut current: Option<String> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let body = raw.split(" #").next().unwrap_or("").trim();
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            if let Some(name) = body.strip_prefix('[').and_then(|b| b.strip_suffix(']')) {
                if !Cue::ALL.iter().any(|c| c.name() == name) {
                    return Err(EventsError::data(
                        file,
                        line,
                        format!("unknown section [{name}]"),
                    ));
                }
                current = Some(name.to_string());
                lists.entry(name.to_string()).or_default();
                continue;
            }
            let Some(section) = &current else {
                return Err(EventsError::data(file, line, "a cue before any [section]"));
            };
            let phrases = expand(body).map_err(|p| EventsError::data(file, line, p))?;
            lists.entry(section.clone()).or_default().extend(phrases);
        }
        if let Some(missing) = Cue::ALL
            .iter()
            .map(|c| c.name())
            .find(|s| !lists.contains_key(*s))
        {
            return Err(EventsError::file(
                file,
                format!("section [{missing}] is missing"),
            ));
        }
        let mut sections = Vec::with_capacity(Cue::ALL.len());
        for cue in Cue::ALL {
            let mut all = lists.remove(cue.name()).unwrap_or_default();
            // Longest first, so "did not" wins over "not" at the same place.
            all.sort_by_key(|p| std::cmp::Reverse(p.len()));
            let mut by_first: FastMap<String, Vec<Vec<String>>> = FastMap::default();
            for p in &all {
                if let Some(first) = p.first() {
                    by_first.entry(first.clone()).or_default().push(p.clone());
                }
            }
            sections.push(Section { all, by_first });
        }
        Ok(Cues { sections })
    }

    fn get(&self, cue: Cue) -> Option<&Section> {
        self.sections.get(cue as usize)
    }

    /// The phrases of a section (longest first).
    pub fn section(&self, cue: Cue) -> &[Vec<String>] {
        self.get(cue).map(|s| s.all.as_slice()).unwrap_or(&[])
    }

    /// Length of the longest phrase of `section` that matches `words` starting at `at`, if any.
    pub fn match_at(&self, section: Cue, words: &[&str], at: usize) -> Option<usize> {
        let first = words.get(at)?;
        let candidates = self.get(section)?.by_first.get(*first)?;
        candidates.iter().find_map(|p| {
            let end = at + p.len();
            (end <= words.len() && p.iter().zip(&words[at..end]).all(|(a, b)| a == b))
                .then_some(p.len())
        })
    }

    /// True when the single word is in `section`.
    pub fn has_word(&self, section: Cue, word: &str) -> bool {
        self.get(section)
            .and_then(|s| s.by_first.get(word))
            .is_some_and(|ps| ps.iter().any(|p| p.len() == 1))
    }
}

/// A cue line as word sequences: `_` or spaces join words; `~verb` gives one phrase per form.
fn expand(body: &str) -> Result<Vec<Vec<String>>, String> {
    let mut phrases: Vec<Vec<String>> = vec![vec![]];
    for word in body
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let forms = match word.strip_prefix('~') {
            Some("") => return Err("`~` without a verb".into()),
            Some(v) => {
                let (base, listed) = match v.find('{') {
                    Some(i) => (
                        &v[..i],
                        v[i + 1..]
                            .trim_end_matches('}')
                            .split(',')
                            .map(str::trim)
                            .collect(),
                    ),
                    None => (v, vec![]),
                };
                let mut f = verb_forms(&base.to_lowercase());
                f.extend(
                    listed
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .map(str::to_lowercase),
                );
                f
            }
            None => vec![word.to_lowercase().replace('’', "'")],
        };
        phrases = phrases
            .into_iter()
            .flat_map(|p| {
                forms.iter().map(move |f| {
                    let mut q = p.clone();
                    q.push(f.clone());
                    q
                })
            })
            .collect();
    }
    phrases.retain(|p| !p.is_empty());
    Ok(phrases)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_sections(extra: &str) -> String {
        let mut s: String = Cue::ALL
            .iter()
            .map(|n| format!("[{}]\n", n.name()))
            .collect();
        s.push_str(extra);
        s
    }

    #[test]
    fn verbs_expand_and_longest_phrase_matches_first() {
        let text = all_sections("[negation]\nnot\ndid not\n~fail_to\n");
        let cues = match Cues::parse("c.txt", &text) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let words = ["kabul", "did", "not", "commit"];
        assert_eq!(cues.match_at(Cue::Negation, &words, 1), Some(2));
        assert_eq!(cues.match_at(Cue::Negation, &["failed", "to"], 0), Some(2));
        assert!(cues.has_word(Cue::Negation, "not"));
    }

    #[test]
    fn every_ultimatum_is_a_condition() {
        let cues = builtin();
        for p in cues.section(Cue::Ultimatum) {
            let words: Vec<&str> = p.iter().map(String::as_str).collect();
            assert_eq!(
                cues.match_at(Cue::Condition, &words, 0),
                Some(words.len()),
                "[ultimatum] {p:?} is not in [condition]"
            );
        }
    }

    fn builtin() -> Cues {
        match Cues::parse("cues.txt", include_str!("../../../data/events/cues.txt")) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn travel_verbs_come_in_every_form_both_spellings_included() {
        let cues = builtin();
        for w in [
            "arrive",
            "arrived",
            "arrives",
            "arriving",
            "return",
            "returned",
            "returns",
            "returning",
            "travel",
            "travelled",
            "traveled",
            "travels",
            "travelling",
            "traveling",
            "fly",
            "flew",
            "flies",
            "flying",
            "come",
            "came",
            "comes",
            "coming",
            "go",
            "went",
            "goes",
            "going",
            "head",
            "headed",
            "heads",
            "heading",
            "gather",
            "gathered",
            "gathers",
            "gathering",
            "convene",
            "convened",
            "convenes",
            "convening",
        ] {
            assert!(cues.has_word(Cue::TravelVerb, w), "{w}");
        }
    }

    #[test]
    fn the_section_table_follows_the_enum_order() {
        for (i, (cue, name)) in SECTIONS.iter().enumerate() {
            assert_eq!(*cue as usize, i, "[{name}] is out of place in SECTIONS");
        }
    }

    #[test]
    fn missing_or_unknown_sections_are_errors() {
        assert!(Cues::parse("c.txt", "[negation]\nnot\n").is_err());
        let e = Cues::parse("c.txt", "[nope]\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("c.txt:1: unknown section [nope]"));
        let e = Cues::parse("c.txt", "not\n").err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("c.txt:1: a cue before any [section]"));
    }
}
