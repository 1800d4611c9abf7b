//! Name lists the entity recogniser reads as features: the team's actor dictionaries in
//! `data/actors/` (countries, capitals, cities, people, armed groups, organisations), embedded
//! at build time and read as data.
//!
//! A list hit is only evidence, never a decision: the recogniser learns how far to trust
//! "Jordan" being a country name when it is followed by "said". The dictionaries' format is
//! documented in `data/actors/README.md` (`kind | codes | name | alias; alias`); only the
//! kind, the name and the aliases are read here.

use rustc_hash::{FxHashMap, FxHashSet};

/// What a list says a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// A country, capital, city or region.
    Place,
    /// An organisation or armed group.
    Organisation,
    /// A person.
    Person,
    /// A demonym or adjective of a country ("Pakistani"): evidence *against* a name.
    Demonym,
    /// A person's title ("Defense Minister"): a name may follow, but it is not the name.
    Title,
}

impl ListKind {
    fn index(self) -> u32 {
        self as u32
    }
}

/// The embedded dictionary files and what their kinds mean here.
const FILES: [&str; 8] = [
    include_str!("../../../../data/actors/countries.txt"),
    include_str!("../../../../data/actors/countries_extra.txt"),
    include_str!("../../../../data/actors/capitals.txt"),
    include_str!("../../../../data/actors/cities.txt"),
    include_str!("../../../../data/actors/people.txt"),
    include_str!("../../../../data/actors/groups.txt"),
    include_str!("../../../../data/actors/igos.txt"),
    include_str!("../../../../data/actors/agents.txt"),
];

/// The longest name looked for, in words.
const MAX_WORDS: usize = 6;

/// Names by their lowercased words joined with one space.
#[derive(Debug, Default)]
pub struct Gazetteer {
    names: FxHashMap<String, ListKind>,
    first_words: FxHashSet<String>,
}

/// A list hit covering a token: the kind and the token's place in the name (B, I, L, U).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// What the name is.
    pub kind: ListKind,
    /// 0 = begins, 1 = inside, 2 = last, 3 = the whole name is this one token.
    pub position: u8,
}

impl Hit {
    /// A small number identifying kind and position, for a feature key.
    pub fn code(self) -> u32 {
        self.kind.index() * 4 + u32::from(self.position)
    }
}

impl Gazetteer {
    /// The lists built into the binary.
    pub fn builtin() -> Gazetteer {
        let mut g = Gazetteer::default();
        for text in FILES {
            g.add_file(text);
        }
        g
    }

    fn add_file(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            let kind = match fields.first().copied() {
                Some("country" | "capital" | "place") => ListKind::Place,
                Some("organisation" | "armed_group") => ListKind::Organisation,
                Some("person") => ListKind::Person,
                Some("demonym") => ListKind::Demonym,
                Some("title") => ListKind::Title,
                _ => continue,
            };
            let names = fields
                .get(2)
                .into_iter()
                .copied()
                .chain(fields.get(3).into_iter().flat_map(|a| a.split(';')));
            for name in names {
                let words: Vec<String> = name
                    .split_whitespace()
                    .filter(|w| !w.eq_ignore_ascii_case("the"))
                    .map(str::to_lowercase)
                    .collect();
                if words.is_empty() || words.len() > MAX_WORDS {
                    continue;
                }
                self.first_words.insert(words[0].clone());
                // A name listed twice keeps its first kind (countries come first).
                self.names.entry(words.join(" ")).or_insert(kind);
            }
        }
    }

    /// The list hit covering each word, if any: at each word the longest listed name that
    /// starts there wins, and the words it covers are skipped.
    pub fn hits(&self, lower_words: &[String]) -> Vec<Option<Hit>> {
        let mut out = vec![None; lower_words.len()];
        let mut i = 0;
        let mut key = String::new();
        while i < lower_words.len() {
            if !self.first_words.contains(&lower_words[i]) {
                i += 1;
                continue;
            }
            let longest = MAX_WORDS.min(lower_words.len() - i);
            let mut found = None;
            for n in (1..=longest).rev() {
                key.clear();
                for (k, w) in lower_words[i..i + n].iter().enumerate() {
                    if k > 0 {
                        key.push(' ');
                    }
                    key.push_str(w);
                }
                if let Some(&kind) = self.names.get(&key) {
                    found = Some((n, kind));
                    break;
                }
            }
            match found {
                Some((n, kind)) => {
                    for (k, slot) in out[i..i + n].iter_mut().enumerate() {
                        let position = match (k, n) {
                            (_, 1) => 3,
                            (0, _) => 0,
                            (k, n) if k + 1 == n => 2,
                            _ => 1,
                        };
                        *slot = Some(Hit { kind, position });
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn the_longest_listed_name_wins() {
        let g = Gazetteer::builtin();
        let hits = g.hits(&lower("talks in New York and Pakistan today"));
        assert_eq!(hits[0], None);
        assert_eq!(
            hits[2].map(|h| (h.kind, h.position)),
            Some((ListKind::Place, 0))
        );
        assert_eq!(
            hits[3].map(|h| (h.kind, h.position)),
            Some((ListKind::Place, 2))
        );
        assert_eq!(
            hits[5].map(|h| (h.kind, h.position)),
            Some((ListKind::Place, 3))
        );
        assert_eq!(hits[6], None);
    }

    #[test]
    fn demonyms_are_listed_apart_from_places() {
        let g = Gazetteer::builtin();
        let hits = g.hits(&lower("Pakistani troops"));
        assert_eq!(hits[0].map(|h| h.kind), Some(ListKind::Demonym));
        let hits = g.hits(&lower("Defense Minister Khawaja Asif"));
        assert_eq!(hits[1].map(|h| h.kind), Some(ListKind::Title));
        assert_eq!(hits[2].map(|h| h.kind), Some(ListKind::Person));
    }
}
