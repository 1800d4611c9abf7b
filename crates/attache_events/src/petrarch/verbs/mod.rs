//! The PETRARCH verb dictionary: synsets, verb blocks with their verbs and patterns, and
//! transformations.
//!
//! ```text
//! &CURRENCY                  a synset: `&NAME` (`&NAME_` = no plurals), then `+member` lines
//! +DOLLARS
//! +SWISS FRANCS
//!
//! --- GRANT [070] ---        a verb block: `--- NAME [code] ---`
//! GRANT                      verbs; regular forms are generated
//! GIVE {GAVE GIVEN} [071]    irregular forms in {...} (empty {} = none), own code in [...]
//! +HAND_OVER                 multi-word verb: `+` marks the verb word, `_` joins words
//! - * &CURRENCY [0711]       pattern: words before/after the verb `*`, `_` = adjacent,
//! - $ * (TO +) [071:072]     `$` source, `+` target, `%` compound, `^` skip, `(...)`
//!                            prepositional phrase, `{...}` noun phrase, [fwd:reverse] codes
//! ~ a (a b ATTACK) SAY = a b 015    a transformation (kept as text)
//! ```
//!
//! Malformed structure (a pattern outside any block, an unclosed `[`) is an error naming file
//! and line; lines that are well-formed but unusable (an undefined synset, a pattern without
//! `*`, unbalanced brackets) are skipped and listed in [`VerbDictionary::warnings`].
//!
//! This file holds the loaded dictionary and its queries; `reader` walks the file's lines,
//! `lines` parses a verb or pattern line, `entries` defines what they produce.

mod entries;
mod lines;
mod reader;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use entries::{
    EventCode, Pattern, PatternToken, Synset, SynsetMember, Token, Transformation, VerbBlock,
    VerbEntry,
};

/// A loaded verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    /// Synsets by name (without `&` and trailing `_`).
    pub synsets: BTreeMap<String, Synset>,
    /// Verb blocks in file order.
    pub blocks: Vec<VerbBlock>,
    /// Transformations, as written.
    pub transformations: Vec<Transformation>,
    /// Skipped lines, as `file:line: problem`.
    pub warnings: Vec<String>,
}

impl VerbDictionary {
    /// True when some pattern writes a prepositional phrase in brackets (`(TO +)`): the
    /// PETRARCH-2 style, matched against a parse, rather than TABARI's word sequences.
    pub fn uses_phrase_brackets(&self) -> bool {
        self.blocks
            .iter()
            .flat_map(|b| &b.patterns)
            .flat_map(|p| p.before.iter().chain(&p.after))
            .any(|t| t.token == Token::Open('('))
    }

    /// Number of patterns over all blocks.
    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }

    /// The phrases of a synset, nested synsets expanded (cycles cut), upper-case words each.
    pub fn synset_phrases(&self, name: &str) -> Vec<(Vec<String>, bool)> {
        let mut out = Vec::new();
        let mut stack = vec![name.to_string()];
        let mut seen = std::collections::HashSet::new();
        while let Some(n) = stack.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            let Some(s) = self.synsets.get(&n) else {
                continue;
            };
            for m in &s.members {
                match m {
                    SynsetMember::Phrase { words, plurals } => {
                        out.push((words.clone(), *plurals && s.plurals))
                    }
                    SynsetMember::Synset(inner) => stack.push(inner.clone()),
                }
            }
        }
        out
    }
}
