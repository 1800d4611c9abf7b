//! The phrase lists of [`super::patterns`] compiled once per process: an Aho-Corasick
//! automaton for the phrases that may occur anywhere in a line, and first-byte indexes for
//! the prefix and whole-line lists, so a line is compared only with the few phrases that
//! start like it.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::patterns::{
    CAPTION_PREFIXES, CROSS_LINK_PREFIXES, EXACT_LINES, FOOTER_PHRASES, PROMPT_PREFIXES,
    SHORT_LINE_PHRASES,
};

/// Phrases grouped by their first byte.
pub(super) struct PrefixIndex {
    by_first: Vec<Vec<&'static str>>,
}

impl PrefixIndex {
    fn new(phrases: &[&'static str]) -> Self {
        let mut by_first: Vec<Vec<&'static str>> = vec![Vec::new(); 256];
        for p in phrases {
            if let Some(&b) = p.as_bytes().first() {
                by_first[usize::from(b)].push(p);
            }
        }
        PrefixIndex { by_first }
    }

    /// The phrases that start with the same byte as `line` (the only ones it can start
    /// with).
    pub(super) fn candidates(&self, line: &str) -> &[&'static str] {
        line.as_bytes()
            .first()
            .map_or(&[], |&b| self.by_first[usize::from(b)].as_slice())
    }
}

/// All lists, compiled.
pub(super) struct Compiled {
    /// [`SHORT_LINE_PHRASES`].
    short_phrases: AhoCorasick,
    pub(super) exact: HashSet<&'static str>,
    pub(super) footer: PrefixIndex,
    pub(super) cross_link: PrefixIndex,
    pub(super) caption: PrefixIndex,
    pub(super) prompt: PrefixIndex,
}

impl Compiled {
    /// Whether a (normalised) line holds one of the short-line phrases.
    pub(super) fn has_short_line_phrase(&self, lower: &str) -> bool {
        self.short_phrases.is_match(lower)
    }
}

// Building the automaton fails only past its size limits, which a constant list of a few
// dozen short phrases is far below: the outcome depends on no input and is settled by every
// test run (`every_list_phrase_is_indexed`), so there is no fallback to keep.
#[allow(
    clippy::expect_used,
    reason = "constant data, checked by the tests; no input reaches this"
)]
pub(super) static COMPILED: LazyLock<Compiled> = LazyLock::new(|| Compiled {
    short_phrases: AhoCorasick::new(SHORT_LINE_PHRASES)
        .expect("the short-line phrase list builds an Aho-Corasick automaton"),
    exact: EXACT_LINES.iter().copied().collect(),
    footer: PrefixIndex::new(FOOTER_PHRASES),
    cross_link: PrefixIndex::new(CROSS_LINK_PREFIXES),
    caption: PrefixIndex::new(CAPTION_PREFIXES),
    prompt: PrefixIndex::new(PROMPT_PREFIXES),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_index_offers_only_phrases_with_the_same_first_byte() {
        let index = PrefixIndex::new(&["read more", "related", "photo"]);
        assert_eq!(index.candidates("read this"), ["read more", "related"]);
        assert!(index.candidates("").is_empty());
        assert!(index.candidates("zebra").is_empty());
    }

    #[test]
    fn every_list_phrase_is_indexed() {
        let c = &*COMPILED;
        assert!(CROSS_LINK_PREFIXES
            .iter()
            .all(|p| c.cross_link.candidates(p).contains(p)));
        assert!(SHORT_LINE_PHRASES
            .iter()
            .all(|p| c.has_short_line_phrase(p)));
        assert!(EXACT_LINES.iter().all(|p| c.exact.contains(p)));
    }
}
