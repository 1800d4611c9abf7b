//! The dictionary automaton: every alias of every entry, matched over folded tokens.
//!
//! Each sentence becomes a folded stream `" tok tok tok "` (joiners dropped) and each alias a
//! pattern `" alias "`, so a match always starts and ends on token boundaries. All matches
//! are found (overlapping), checked against the alias's case rule on the original text, and
//! the longest non-overlapping ones kept; among aliases of the same phrase the higher source
//! wins, then the one loaded last.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::words::NAMES_THAT_ARE_WORDS;
use crate::dict::{ActorDictionary, CaseRule, EntryKind, Source};
use crate::tokenize::Token;
use crate::NlpError;

/// A dictionary match over tokens `a..b` (indices into the document's tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// First token.
    pub a: usize,
    /// One past the last token.
    pub b: usize,
    /// The entry matched.
    pub entry: u32,
    /// How it was found.
    pub via: Via,
}

/// How a hit was found, for the `why` of its mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// A dictionary alias (index into the dictionary's aliases).
    Alias(u32),
    /// An acronym the article defined ("Tehreek-e-Taliban Pakistan (TTP)").
    Acronym,
}

/// The automaton and, per pattern, the aliases it stands for.
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    /// Aliases of pattern `p` are `alias_ids[pattern_start[p]..pattern_start[p + 1]]`.
    pattern_start: Vec<u32>,
    alias_ids: Vec<u32>,
    /// Per alias (by alias id, as `alias_ids` holds them): how far text not written with the
    /// alias's capital may still match it.
    loose: Vec<Loose>,
}

/// Text written without the capital a [`CaseRule::Capitalized`] alias asks for may still be
/// that name when the name cannot be taken for anything else. Country names and
/// nationality words are such names, written in the wrong case by careless or shouting
/// writers ("help iSrael", "tunisian rioters"), except those that are also ordinary
/// English words in lowercase ([`NAMES_THAT_ARE_WORDS`]: "china", "turkey", "polish"),
/// which match only a word with an odd capital inside ("tUrkey"), never plain lowercase.
/// Other names (people, groups, cities) keep the capital rule: "a strict Islamic state" is
/// no group, "mosul" is rarer than the noise such a rule would let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loose {
    /// Only as the case rule says.
    Never,
    /// Also when a word of the match has a capital somewhere ("iSrael", "tUrkey").
    MixedCase,
    /// Also in lowercase ("tunisian").
    AnyCase,
}

impl Loose {
    fn of(dict: &ActorDictionary, alias: &crate::dict::Alias) -> Loose {
        let Some(e) = dict.entry(alias.entry) else {
            return Loose::Never;
        };
        let name_kind = matches!(e.kind, EntryKind::Country | EntryKind::Demonym);
        if alias.case != CaseRule::Capitalized || !name_kind || e.source == Source::Petrarch {
            Loose::Never
        } else if NAMES_THAT_ARE_WORDS.contains(&alias.folded.as_str()) {
            Loose::MixedCase
        } else {
            Loose::AnyCase
        }
    }
}

impl Matcher {
    pub(crate) fn new(dict: &ActorDictionary) -> Result<Matcher, NlpError> {
        let mut by_phrase: HashMap<&str, Vec<u32>> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        let petrarch_agents = has_petrarch_agents(dict);
        for (i, alias) in dict.aliases().iter().enumerate() {
            if petrarch_agents && is_team_agent(dict, alias.entry) {
                continue;
            }
            let list = by_phrase.entry(alias.folded.as_str()).or_insert_with(|| {
                order.push(alias.folded.as_str());
                Vec::new()
            });
            list.push(i as u32);
        }
        let mut pattern_start = Vec::with_capacity(order.len() + 1);
        let mut alias_ids = Vec::with_capacity(dict.aliases().len());
        let mut patterns = Vec::with_capacity(order.len());
        for phrase in &order {
            pattern_start.push(alias_ids.len() as u32);
            // Best alias first: higher source, then later loaded.
            let mut ids = by_phrase.remove(phrase).unwrap_or_default();
            ids.sort_by_key(|&id| {
                let entry = dict.aliases()[id as usize].entry;
                let source = dict.entry(entry).map(|e| e.source);
                std::cmp::Reverse((source, entry))
            });
            alias_ids.extend(ids);
            patterns.push(format!(" {phrase} "));
        }
        pattern_start.push(alias_ids.len() as u32);
        // A contiguous NFA: a DFA measured ~15 % faster on the team's dictionaries but takes
        // 4-5 times the memory (33 MiB), and hundreds of MiB with PETRARCH's.
        let kind = AhoCorasickKind::ContiguousNFA;
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&patterns)
            .map_err(|e| NlpError::Matcher(e.to_string()))?;
        let loose = dict.aliases().iter().map(|a| Loose::of(dict, a)).collect();
        Ok(Matcher {
            automaton,
            pattern_start,
            alias_ids,
            loose,
        })
    }

    /// Append the best non-overlapping hits among `tokens[range]` to `out`.
    pub(crate) fn find(
        &self,
        dict: &ActorDictionary,
        text: &str,
        tokens: &[Token],
        range: std::ops::Range<usize>,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) {
        scratch.stream.clear();
        scratch.starts.clear();
        scratch.token_of.clear();
        scratch.stream.push(' ');
        for (i, token) in tokens[range.clone()].iter().enumerate() {
            if token.is(Token::JOINER) {
                continue;
            }
            scratch.starts.push(scratch.stream.len() as u32);
            scratch.token_of.push((range.start + i) as u32);
            token.push_folded(text, &mut scratch.stream);
            scratch.stream.push(' ');
        }
        scratch.candidates.clear();
        for m in self
            .automaton
            .find_overlapping_iter(scratch.stream.as_str())
        {
            let first = scratch
                .starts
                .partition_point(|&s| (s as usize) < m.start() + 1);
            let last = scratch
                .starts
                .partition_point(|&s| (s as usize) < m.end() - 1);
            if first >= last {
                continue;
            }
            let a = scratch.token_of[first] as usize;
            let b = scratch.token_of[last - 1] as usize + 1;
            let p = m.pattern().as_usize();
            let ids =
                &self.alias_ids[self.pattern_start[p] as usize..self.pattern_start[p + 1] as usize];
            let definite = a > range.start && tokens[a - 1].text(text).eq_ignore_ascii_case("the");
            let chosen = ids.iter().copied().find(|&id| {
                let loose = self.loose[id as usize];
                case_ok(dict, id, text, &tokens[a..b], definite, loose)
            });
            if let Some(id) = chosen {
                let entry = dict.aliases()[id as usize].entry;
                scratch.candidates.push(Hit {
                    a,
                    b,
                    entry,
                    via: Via::Alias(id),
                });
            }
        }
        select_longest(&mut scratch.candidates, out);
    }
}

/// True when a PETRARCH agent dictionary is loaded. It then defines the sector nouns, as in
/// PETRARCH: which common nouns are agents ("Filipino peacekeepers" is PHL with the Phoenix
/// agents, which have no peacekeeper) and with which code ("Somali militant" is SOMUAF
/// there, not the team's SOMREB), so the team's bare agent nouns are left out of the
/// automaton. Titles and the team's other entries stay: titles carry people ("Gen.
/// Munir"), which PETRARCH codes through its actor dictionaries instead, and where a
/// PETRARCH agent codes a title finer, [`ActorDictionary::refine_from_petrarch`] takes it.
fn has_petrarch_agents(dict: &ActorDictionary) -> bool {
    dict.entries()
        .iter()
        .any(|e| e.source == Source::Petrarch && e.kind == EntryKind::Agent)
}

/// A sector noun of the team's built-in files (not a title, not a user's entry).
fn is_team_agent(dict: &ActorDictionary, entry: u32) -> bool {
    dict.entry(entry)
        .is_some_and(|e| e.source == Source::Builtin && e.kind == EntryKind::Agent)
}

/// Reusable buffers, so matching allocates nothing per sentence once warmed up.
#[derive(Default)]
pub(crate) struct Scratch {
    stream: String,
    starts: Vec<u32>,
    token_of: Vec<u32>,
    candidates: Vec<Hit>,
}

/// Does the text under `tokens` satisfy the alias's case rule? `definite` when "the" comes
/// before: a name's later words may then be lowercase ("the Islamic republic" is Iran in
/// AFP's style), while "a strict Islamic state" is no group.
fn case_ok(
    dict: &ActorDictionary,
    alias: u32,
    text: &str,
    tokens: &[Token],
    definite: bool,
    loose: Loose,
) -> bool {
    let alias = &dict.aliases()[alias as usize];
    match alias.case {
        CaseRule::Any => true,
        CaseRule::Capitalized => {
            let capital =
                |t: &Token| t.is(Token::CAP) || !t.text(text).starts_with(char::is_alphabetic);
            if !tokens.first().is_some_and(capital) {
                return match loose {
                    Loose::AnyCase => true,
                    Loose::MixedCase => tokens
                        .iter()
                        .any(|t| t.text(text).chars().any(char::is_uppercase)),
                    Loose::Never => false,
                };
            }
            alias.word_capitals <= 1
                || definite
                || tokens
                    .iter()
                    .filter(|t| !t.is(Token::JOINER))
                    .enumerate()
                    .all(|(i, t)| i >= 32 || alias.word_capitals & (1 << i) == 0 || capital(t))
        }
        CaseRule::Exact => {
            let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
                return false;
            };
            let span = text.get(first.start..last.end).unwrap_or("");
            span.chars()
                .filter(|c| c.is_alphanumeric())
                .eq(alias.letters.chars())
        }
    }
}

/// Keep the longest hits that do not overlap, earliest first among equals; output in text
/// order.
fn select_longest(candidates: &mut [Hit], out: &mut Vec<Hit>) {
    candidates.sort_by_key(|h| (std::cmp::Reverse(h.b - h.a), h.a));
    let first_new = out.len();
    for hit in candidates.iter() {
        let clash = out[first_new..].iter().any(|o| hit.a < o.b && o.a < hit.b);
        if !clash {
            out.push(*hit);
        }
    }
    out[first_new..].sort_by_key(|h| h.a);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn hits(dict_text: &str, text: &str) -> Vec<String> {
        let dict = ActorDictionary::parse_team(dict_text, "t.txt", Source::Builtin).expect("dict");
        let matcher = Matcher::new(&dict).expect("matcher");
        let tokens = tokenize(text);
        let mut out = Vec::new();
        matcher.find(
            &dict,
            text,
            &tokens,
            0..tokens.len(),
            &mut Scratch::default(),
            &mut out,
        );
        out.iter()
            .map(|h| text[tokens[h.a].start..tokens[h.b - 1].end].to_string())
            .collect()
    }

    #[test]
    fn longest_match_wins_and_hyphens_do_not_matter() {
        let d =
            "country | PAK | Pakistan\narmed_group | PAKREB | Tehreek-e-Taliban Pakistan | TTP\n";
        assert_eq!(
            hits(d, "Tehreek e-Taliban Pakistan and Pakistan."),
            ["Tehreek e-Taliban Pakistan", "Pakistan"]
        );
    }

    #[test]
    fn acronyms_are_case_sensitive_and_names_need_a_capital() {
        let d = "country | USA | United States | US; U.S.\ncountry | TUR | Turkey\n";
        assert_eq!(hits(d, "us and the U.S. and US"), ["U.S.", "US"]);
        assert_eq!(hits(d, "a turkey in Turkey"), ["Turkey"]);
    }

    #[test]
    fn every_capitalised_word_of_a_name_needs_its_capital() {
        let d = "armed_group | IMGMUSISI | Islamic State | Islamic State group\n";
        assert_eq!(
            hits(d, "a strict Islamic state, said the Islamic State group"),
            ["Islamic State group"]
        );
        let d = "country | IRN | Persia | Islamic Republic\n";
        assert_eq!(
            hits(d, "an Islamic republic; the Islamic republic"),
            ["Islamic republic"]
        );
    }

    #[test]
    fn country_names_match_in_the_wrong_case_unless_they_are_words() {
        let d = "country | ISR | Israel\ndemonym | TUN | Tunisian | Tunisians\n\
                 country | TUR | Turkey\ndemonym | POL | Polish\nperson | USAGOV | Joe Biden\n";
        assert_eq!(
            hits(d, "help iSrael and israel, tunisian rioters"),
            ["iSrael", "israel", "tunisian"]
        );
        assert_eq!(
            hits(d, "a turkey, polish the tUrkey; joe biden"),
            ["tUrkey"]
        );
    }

    #[test]
    fn diacritics_fold() {
        let d = "country | TUR | Türkiye\ncountry | CIV | Côte d'Ivoire\n";
        assert_eq!(
            hits(d, "TURKIYE and Cote d’Ivoire"),
            ["TURKIYE", "Cote d’Ivoire"]
        );
    }
}
