//! The entity recogniser's feature templates.
//!
//! Each word gets *static* features, computed once per sentence (the word, its shape and
//! affixes, its neighbours, part-of-speech tags when the tagger ran, name-list hits), and
//! *history* features of each possible label of the word before (alone and with the word and
//! its shape), which the decoder combines. Template numbers are part of the model
//! file's meaning: renumbering them invalidates trained models.

use attache_model::Upos;

use super::gazetteer::{Gazetteer, Hit};
use super::lexicon::CaseLexicon;
use crate::perceptron::FeatureKey;

/// What the static features of a sentence are computed from.
pub struct Words<'a> {
    /// Word forms as written.
    pub forms: &'a [&'a str],
    /// Their tags; `Upos::X` throughout when the tagger has not run.
    pub upos: &'a [Upos],
}

/// What the features read besides the sentence: the team's name lists and the case classes
/// learned from raw text.
pub struct Resources<'a> {
    /// Name-list hits.
    pub gazetteer: &'a Gazetteer,
    /// How often each word is capitalised.
    pub lexicon: &'a CaseLexicon,
}

/// The static features of every word of a sentence, and a per-word key used by the history
/// templates.
#[derive(Debug, Default)]
pub struct SentenceFeatures {
    /// Features of word `i`.
    pub words: Vec<Vec<u32>>,
    /// A hash of each lowercased word (for history × word features).
    pub word_keys: Vec<u32>,
    /// A hash of each word's short shape.
    pub shape_keys: Vec<u32>,
}

/// The shape of a word: `X` for capitals, `x` for small letters, `d` for digits, other
/// characters as themselves; runs longer than two are cut to two ("Xxx" → "Xxx" stays
/// distinct from "Xx" only up to that length) when `short`.
pub fn shape(word: &str, short: bool) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
        } else {
            run = 1;
            last = s;
        }
        if !short || run <= 2 {
            out.push(s);
        }
        if out.len() >= 12 {
            break;
        }
    }
    out
}

const NONE: &str = "<none>";

/// Compute the static features of a sentence.
pub fn sentence_features(words: &Words<'_>, resources: &Resources<'_>) -> SentenceFeatures {
    let n = words.forms.len();
    let lower: Vec<String> = words.forms.iter().map(|w| w.to_lowercase()).collect();
    let shapes: Vec<String> = words.forms.iter().map(|w| shape(w, true)).collect();
    let hits = resources.gazetteer.hits(&lower);
    let cases: Vec<u32> = lower
        .iter()
        .map(|w| u32::from(resources.lexicon.class(w)))
        .collect();
    let case = |i: isize| -> u32 {
        if i < 0 || i as usize >= n {
            99
        } else {
            cases[i as usize]
        }
    };
    let tagged = words.upos.iter().any(|&u| u != Upos::X);
    // Web text often has no capitals at all; such sentences tell little by case.
    let no_capitals = !words
        .forms
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    let word = |i: isize| -> &str {
        if i < 0 || i as usize >= n {
            NONE
        } else {
            &lower[i as usize]
        }
    };
    let shape_at = |i: isize| -> &str {
        if i < 0 || i as usize >= n {
            NONE
        } else {
            &shapes[i as usize]
        }
    };
    let tag = |i: isize| -> &str {
        if i < 0 || i as usize >= n {
            NONE
        } else {
            words.upos[i as usize].as_str()
        }
    };
    let hit = |i: isize| -> u32 {
        if i < 0 || i as usize >= n {
            99
        } else {
            hits[i as usize].map_or(98, Hit::code)
        }
    };
    // Runs of capitalised words ("El Paso Energy"): each word knows its run's bounds, so it
    // can see the run's last word (an organisation's or a place's head: "Energy", "Center",
    // "Street") and the words either side of the whole run.
    let capitalised: Vec<bool> = words
        .forms
        .iter()
        .map(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let mut run_start = vec![0usize; n];
    let mut run_end = vec![0usize; n];
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        if capitalised[i] {
            while j < n && capitalised[j] {
                j += 1;
            }
        }
        for k in i..j {
            run_start[k] = i;
            run_end[k] = j;
        }
        i = j;
    }
    let mut out = SentenceFeatures {
        words: Vec::with_capacity(n),
        word_keys: lower
            .iter()
            .map(|w| FeatureKey::new(0).str(w).finish())
            .collect(),
        shape_keys: shapes
            .iter()
            .map(|s| FeatureKey::new(0).str(s).finish())
            .collect(),
    };
    for i in 0..n {
        let p = i as isize;
        let w = &lower[i];
        let mut f = Vec::with_capacity(40);
        let chars: Vec<char> = w.chars().collect();
        let suffix =
            |k: usize| -> String { chars[chars.len().saturating_sub(k)..].iter().collect() };
        let prefix = |k: usize| -> String { chars[..k.min(chars.len())].iter().collect() };
        f.push(FeatureKey::new(1).finish());
        f.push(FeatureKey::new(2).str(w).finish());
        f.push(FeatureKey::new(3).str(words.forms[i]).finish());
        f.push(FeatureKey::new(4).str(&suffix(3)).finish());
        f.push(FeatureKey::new(5).str(&suffix(2)).finish());
        f.push(FeatureKey::new(6).str(&prefix(3)).finish());
        f.push(FeatureKey::new(7).str(&shapes[i]).finish());
        f.push(
            FeatureKey::new(8)
                .str(&shape(words.forms[i], false))
                .finish(),
        );
        f.push(
            FeatureKey::new(9)
                .str(shape_at(p - 1))
                .str(&shapes[i])
                .str(shape_at(p + 1))
                .finish(),
        );
        f.push(FeatureKey::new(10).str(word(p - 1)).finish());
        f.push(FeatureKey::new(11).str(word(p + 1)).finish());
        f.push(FeatureKey::new(12).str(word(p - 2)).finish());
        f.push(FeatureKey::new(13).str(word(p + 2)).finish());
        f.push(FeatureKey::new(14).str(word(p - 1)).str(w).finish());
        f.push(FeatureKey::new(15).str(w).str(word(p + 1)).finish());
        f.push(
            FeatureKey::new(16)
                .str(word(p - 1))
                .str(&shapes[i])
                .finish(),
        );
        f.push(
            FeatureKey::new(17)
                .str(&shapes[i])
                .str(word(p + 1))
                .finish(),
        );
        f.push(FeatureKey::new(18).num(hit(p)).finish());
        f.push(FeatureKey::new(19).num(hit(p)).str(&shapes[i]).finish());
        f.push(FeatureKey::new(20).num(hit(p - 1)).num(hit(p)).finish());
        f.push(FeatureKey::new(21).num(hit(p)).num(hit(p + 1)).finish());
        f.push(
            FeatureKey::new(22)
                .num(u32::from(i == 0))
                .num(u32::from(no_capitals))
                .str(&shapes[i])
                .finish(),
        );
        f.push(FeatureKey::new(23).num(chars.len().min(12) as u32).finish());
        f.push(FeatureKey::new(24).str(shape_at(p - 1)).finish());
        f.push(FeatureKey::new(25).str(shape_at(p + 1)).finish());
        f.push(FeatureKey::new(26).str(&suffix(4)).finish());
        f.push(FeatureKey::new(27).num(case(p)).finish());
        f.push(FeatureKey::new(28).num(case(p)).str(&shapes[i]).finish());
        f.push(
            FeatureKey::new(29)
                .num(case(p))
                .num(u32::from(i == 0))
                .num(u32::from(no_capitals))
                .str(&shapes[i])
                .finish(),
        );
        f.push(
            FeatureKey::new(30)
                .num(case(p - 1))
                .num(case(p))
                .num(case(p + 1))
                .finish(),
        );
        f.push(
            FeatureKey::new(31)
                .num(case(p - 1))
                .str(shape_at(p - 1))
                .num(case(p))
                .str(&shapes[i])
                .finish(),
        );
        f.push(
            FeatureKey::new(32)
                .num(case(p))
                .str(&shapes[i])
                .num(case(p + 1))
                .str(shape_at(p + 1))
                .finish(),
        );
        if tagged {
            f.push(FeatureKey::new(40).str(tag(p)).finish());
            f.push(FeatureKey::new(41).str(tag(p - 1)).str(tag(p)).finish());
            f.push(FeatureKey::new(42).str(tag(p)).str(tag(p + 1)).finish());
            f.push(
                FeatureKey::new(43)
                    .str(tag(p - 1))
                    .str(tag(p))
                    .str(tag(p + 1))
                    .finish(),
            );
            f.push(FeatureKey::new(44).str(tag(p)).str(&shapes[i]).finish());
            f.push(FeatureKey::new(45).str(tag(p)).str(w).finish());
            f.push(FeatureKey::new(46).str(tag(p + 2)).str(tag(p + 1)).finish());
            f.push(FeatureKey::new(47).str(tag(p)).num(case(p)).finish());
        }
        if capitalised[i] {
            let (start, end) = (run_start[i] as isize, run_end[i] as isize);
            let at = (p - start).min(3) as u32;
            let left = (end - p - 1).min(3) as u32;
            f.push(FeatureKey::new(37).str(word(end - 1)).finish());
            f.push(FeatureKey::new(38).str(word(start - 1)).finish());
            f.push(FeatureKey::new(39).str(word(end)).finish());
            f.push(FeatureKey::new(48).num(at).num(left).finish());
            f.push(
                FeatureKey::new(49)
                    .str(word(start - 1))
                    .str(word(end))
                    .finish(),
            );
        }
        out.words.push(f);
    }
    out
}

/// Append the history features of word `i` given the label chosen for the word before it
/// (`prev`; the outside label's index at the sentence start).
pub fn history_features(sentence: &SentenceFeatures, i: usize, prev: usize, out: &mut Vec<u32>) {
    out.push(FeatureKey::new(60).num(prev as u32).finish());
    out.push(
        FeatureKey::new(62)
            .num(prev as u32)
            .num(sentence.word_keys[i])
            .finish(),
    );
    out.push(
        FeatureKey::new(63)
            .num(prev as u32)
            .num(sentence.shape_keys[i])
            .finish(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_keep_case_digits_and_punctuation() {
        assert_eq!(shape("Pakistan", true), "Xxx");
        assert_eq!(shape("Pakistan", false), "Xxxxxxxx");
        assert_eq!(shape("U.N.", true), "X.X.");
        assert_eq!(shape("1990s", true), "ddx");
    }
}
