//! How each word is usually written, learned without labels from raw text: the share of its
//! occurrences away from a sentence's start that begin with a capital. A capitalised word
//! that is mostly seen in lower case ("Apple" beside "apple", "Please") is seldom a name; one
//! that is always capitalised ("Kabul", "Microsoft") usually is. The trainer counts the words
//! of the raw text it is given (the EWT and GUM training documents' words) and the model file
//! keeps one small class per word ([`CaseLexicon::write`]).

use rustc_hash::FxHashMap;

use crate::model_file::{Reader, Writer};
use crate::perceptron::FeatureKey;
use crate::AnalysisError;

/// A word seen fewer times than this (away from a sentence start) gets no class: its share
/// would be noise.
pub const MIN_COUNT: u32 = 2;

/// The class of a word never seen often enough.
pub const UNSEEN: u8 = 0;

/// The number of classes, [`UNSEEN`] included.
pub const CLASSES: u8 = 6;

/// The class of a share of capitalised occurrences (`capitalised` of `total`).
fn class(capitalised: u32, total: u32) -> u8 {
    if total < MIN_COUNT {
        return UNSEEN;
    }
    let share = f64::from(capitalised) / f64::from(total);
    if capitalised == 0 {
        1
    } else if share < 0.25 {
        2
    } else if share < 0.75 {
        3
    } else if capitalised < total {
        4
    } else {
        5
    }
}

/// The key a word is filed under: a hash of its lower-cased form.
fn key(lower: &str) -> u32 {
    FeatureKey::new(0).str(lower).finish()
}

/// Per word (lower-cased), the class of how often it is capitalised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseLexicon {
    /// Sorted by key.
    entries: Vec<(u32, u8)>,
}

impl CaseLexicon {
    /// Count the words of raw sentences (each a list of word forms). The first word of a
    /// sentence, and a word after an opening quote, colon or bracket, is skipped (capitalised
    /// by position, not by kind), as are words without a letter.
    pub fn count<'a>(sentences: impl IntoIterator<Item = &'a [String]>) -> CaseLexicon {
        let mut counts: FxHashMap<u32, (u32, u32)> = FxHashMap::default();
        for sentence in sentences {
            for (i, form) in sentence.iter().enumerate() {
                if i == 0
                    || matches!(
                        sentence[i - 1].as_str(),
                        "\"" | "“" | "'" | "‘" | ":" | "(" | "[" | "-" | "--" | "." | "?" | "!"
                    )
                {
                    continue;
                }
                let Some(first) = form.chars().find(|c| c.is_alphabetic()) else {
                    continue;
                };
                let entry = counts.entry(key(&form.to_lowercase())).or_default();
                entry.1 += 1;
                if first.is_uppercase() {
                    entry.0 += 1;
                }
            }
        }
        let mut entries: Vec<(u32, u8)> = counts
            .into_iter()
            .map(|(k, (c, t))| (k, class(c, t)))
            .filter(|&(_, c)| c != UNSEEN)
            .collect();
        entries.sort_unstable();
        CaseLexicon { entries }
    }

    /// The class of a lower-cased word ([`UNSEEN`] when it was not seen often enough).
    pub fn class(&self, lower: &str) -> u8 {
        let k = key(lower);
        self.entries
            .binary_search_by_key(&k, |&(key, _)| key)
            .map_or(UNSEEN, |i| self.entries[i].1)
    }

    /// Number of words with a class.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no word has a class.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Write as a count, then each entry's key as the difference from the one before and its
    /// class.
    pub fn write(&self, w: &mut Writer) {
        w.varint(self.entries.len() as u64);
        let mut last = 0u32;
        for &(k, c) in &self.entries {
            w.varint(u64::from(k - last));
            w.bytes_raw(&[c]);
            last = k;
        }
    }

    /// Read what [`CaseLexicon::write`] wrote.
    pub fn read(r: &mut Reader<'_>) -> Result<CaseLexicon, AnalysisError> {
        let n = r.len()?;
        let mut entries = Vec::with_capacity(n.min(1 << 20));
        let mut last = 0u64;
        for _ in 0..n {
            let k = last + r.varint()?;
            let key = u32::try_from(k).map_err(|_| r.error("case lexicon key out of range"))?;
            let c = r.take(1)?[0];
            if c == UNSEEN || c >= CLASSES {
                return Err(r.error(format!("case lexicon class {c} out of range")));
            }
            entries.push((key, c));
            last = k;
        }
        if entries.windows(2).any(|p| p[0].0 >= p[1].0) {
            return Err(r.error("case lexicon keys out of order"));
        }
        Ok(CaseLexicon { entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &[&str]) -> Vec<Vec<String>> {
        text.iter()
            .map(|s| s.split(' ').map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn words_are_classed_by_how_often_they_are_capitalised_away_from_the_start() {
        let raw = sentences(&[
            "We flew to Kabul and ate an apple .",
            "They left Kabul with an Apple phone .",
            "Apple fell and an apple rolled .",
            "Please see Kabul .",
        ]);
        let lex = CaseLexicon::count(raw.iter().map(Vec::as_slice));
        assert_eq!(lex.class("kabul"), 5);
        // "Apple" at the start of a sentence is not counted: one of three elsewhere.
        assert_eq!(lex.class("apple"), 3);
        assert_eq!(lex.class("an"), 1);
        // Seen once, only at a start.
        assert_eq!(lex.class("please"), UNSEEN);
        assert_eq!(lex.class("nowhere"), UNSEEN);
    }

    #[test]
    fn the_lexicon_round_trips_and_a_cut_one_is_an_error() {
        let raw = sentences(&["a Kabul b Kabul c d e f", "x Kabul y b c d"]);
        let lex = CaseLexicon::count(raw.iter().map(Vec::as_slice));
        let mut w = Writer::default();
        lex.write(&mut w);
        let mut r = Reader::new(&w.buf, "t");
        assert_eq!(CaseLexicon::read(&mut r).unwrap(), lex);
        let cut = &w.buf[..w.buf.len() - 1];
        assert!(CaseLexicon::read(&mut Reader::new(cut, "t")).is_err());
    }
}
