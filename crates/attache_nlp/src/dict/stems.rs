//! Stems in PETRARCH agent phrases: `DEFENSE_MINIST [~GOVMIL]` stands for "defense
//! minister(s)" and "defense ministry/ministries".
//!
//! The agent format has two conventions for a phrase's last word that the files mix: the
//! older (TABARI) one, where a word not closed by `_` is a stem matching any word it begins,
//! and PETRARCH-2's, where it is a whole noun whose regular plural is generated. Phoenix's
//! agents file says so in its header ("most nouns are stopped rather than stemmed, but a
//! few stems remain") and writes both `MAN [~PPL]` (a noun) and `DEFENSE_MINIST` (a stem)
//! the same way. Reading every open last word as a stem would make "man" match "manager";
//! reading none makes the ministries unreachable. The team's reading:
//!
//! a last word is a stem when
//! - it closes a phrase of two or more words (alone, a word is a noun: `MAN`, `MILITANT`),
//!   not closed by `_`, without `{plural}` or `!MARKER!`;
//! - it has at least [`MIN_STEM_LETTERS`] letters;
//! - the file never uses it as a whole word (inside a phrase, closed by `_`, alone, in a
//!   plural or a marker's values), so it is no word of the file's language ("MINIST");
//! - the file does use at least [`MIN_STEM_FORMS`] words that complete it with a noun
//!   ending ([`NOUN_ENDINGS`]): MINISTER, MINISTERS, MINISTRY, MINISTRIES.
//!
//! The stem then stands for exactly those words, so the match stays a whole-word match:
//! "defense ministerial" is not "defense minister". The phrase as written keeps matching
//! too, as PETRARCH-2 reads it.

use std::collections::BTreeSet;

/// Shortest stem: two- and three-letter endings (`UN`, `FA`) are abbreviations, not stems.
pub(super) const MIN_STEM_LETTERS: usize = 4;

/// A stem must stand for at least this many of the file's words: one completion alone is
/// more likely another word that happens to start the same way than a family of forms.
pub(super) const MIN_STEM_FORMS: usize = 2;

/// Endings that complete a stem into a noun of the same family (minist-er, minist-ry,
/// compan-y, industr-ies, corp-oration); "unit" + "ed" or "ship" + "ping" are other words.
pub(super) const NOUN_ENDINGS: &[&str] =
    &["ER", "ERS", "RY", "RIES", "Y", "IES", "ORATION", "ORATIONS"];

/// The words an agent file uses whole, and the phrases whose last word may be a stem.
#[derive(Debug, Default)]
pub(super) struct Stems {
    whole: BTreeSet<String>,
    /// (entry, the words before the stem, the stem), uppercase.
    candidates: Vec<(u32, String, String)>,
}

impl Stems {
    /// Note an agent phrase (words separated by spaces, as read), its entry, and whether its
    /// last word is open: not closed by `_`, no `{plural}`, no marker.
    pub(super) fn note_phrase(&mut self, entry: u32, phrase: &str, open: bool) {
        let words: Vec<String> = phrase.split_whitespace().map(clean).collect();
        let Some((last, before)) = words.split_last() else {
            return;
        };
        self.whole.extend(before.iter().cloned());
        let letters = last.chars().filter(|c| c.is_alphabetic()).count();
        if open && !before.is_empty() && letters >= MIN_STEM_LETTERS {
            self.candidates
                .push((entry, before.join(" "), last.clone()));
        } else {
            self.whole.insert(last.clone());
        }
    }

    /// Note words used whole elsewhere (plurals, marker values, expanded phrases).
    pub(super) fn note_words(&mut self, text: &str) {
        self.whole.extend(
            text.split(|c: char| c.is_whitespace() || c == '_')
                .map(clean),
        );
    }

    /// The extra phrases each stem stands for: (entry, phrase).
    pub(super) fn expansions(&self) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        for (entry, before, stem) in &self.candidates {
            if self.whole.contains(stem) {
                continue;
            }
            let forms: Vec<&String> = NOUN_ENDINGS
                .iter()
                .map(|ending| format!("{stem}{ending}"))
                .filter_map(|word| self.whole.get(&word))
                .collect();
            if forms.len() >= MIN_STEM_FORMS {
                out.extend(forms.into_iter().map(|w| (*entry, format!("{before} {w}"))));
            }
        }
        out
    }
}

/// A word as the file writes it, uppercase, without punctuation at its ends
/// ("GOVERNMENT," is GOVERNMENT).
fn clean(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(lines: &[(&str, bool)], extra: &str) -> Vec<String> {
        let mut stems = Stems::default();
        for (i, (phrase, open)) in lines.iter().enumerate() {
            stems.note_phrase(i as u32, phrase, *open);
        }
        stems.note_words(extra);
        stems.expansions().into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn a_stem_stands_for_the_files_words_it_begins() {
        let lines = [
            ("DEFENSE MINIST", true),
            ("MINISTER", true),
            ("FOREIGN MINISTRY", false),
        ];
        assert_eq!(
            expand(&lines, "MINISTERS, MINISTRIES"),
            [
                "DEFENSE MINISTER",
                "DEFENSE MINISTERS",
                "DEFENSE MINISTRY",
                "DEFENSE MINISTRIES"
            ]
        );
    }

    #[test]
    fn whole_words_and_lone_words_are_not_stems() {
        // "MAN" alone is a noun; "ARMY UNIT" ends in a word the file uses whole, and
        // UNITED is no noun form of it anyway.
        let lines = [
            ("MAN", true),
            ("ARMY UNIT", true),
            ("UNIT COMMANDER", false),
            ("UNITED NATIONS", false),
        ];
        assert!(expand(&lines, "MANAGER MANAGERS").is_empty());
        let lines = [("NAVAL UNIT", true), ("UNITED NATIONS", false)];
        assert!(expand(&lines, "UNITARIAN").is_empty());
    }
}
