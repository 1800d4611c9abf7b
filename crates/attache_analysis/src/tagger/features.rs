//! What the tagger looks at when it chooses a word's tag: the word, its ending and shape, the
//! words two either side, the two tags it chose just before, and which tags the training
//! data knew for this word and the next two (their "ambiguity class").
//!
//! Each feature is a template number hashed with its values ([`FeatureKey`]); the template
//! numbers are part of the model file format, so a template is never renumbered, only added.

use rustc_hash::FxHashMap;

use crate::perceptron::FeatureKey;

/// The value standing for "no tag" before the sentence start.
const START: u32 = u32::MAX - 1;
/// The ambiguity class of a word the training data did not know (often enough).
pub(crate) const UNKNOWN_AMBIGUITY: u32 = 0;

/// What the feature templates read of one word, worked out once per sentence.
#[derive(Debug, Clone)]
pub(crate) struct WordInfo {
    /// The word as written.
    pub form: String,
    /// Lowercased, digits as `0`: how words are compared.
    pub norm: String,
    /// Character classes with repeats collapsed ("Xx", "d.d", "X").
    pub shape: String,
    /// The word's ambiguity class key (see [`ambiguity_key`]), or [`UNKNOWN_AMBIGUITY`].
    pub ambiguity: u32,
}

/// Lowercase, with every ASCII digit written `0` (so "1984" and "2001" share their features).
pub(crate) fn normalise(form: &str) -> String {
    form.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// The longest a shape grows: long mixed tokens (URLs) need no more to be told apart.
const MAX_SHAPE: usize = 8;

fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in form.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if last != Some(class) {
            out.push(class);
            last = Some(class);
            if out.len() >= MAX_SHAPE {
                break;
            }
        }
    }
    out
}

/// The key of a set of classes (sorted class indices), as stored for each known word.
pub(crate) fn ambiguity_key(classes: &[u16]) -> u32 {
    let mut k = FeatureKey::new(AMBIGUITY_SET);
    for &c in classes {
        k.num(u32::from(c));
    }
    // 0 is reserved for "unknown".
    k.finish().max(1)
}

/// The words of a sentence with what the templates read of them.
pub(crate) fn sentence_info(words: &[&str], ambiguity: &FxHashMap<String, u32>) -> Vec<WordInfo> {
    words
        .iter()
        .map(|form| {
            let norm = normalise(form);
            WordInfo {
                form: (*form).to_string(),
                shape: shape(form),
                ambiguity: ambiguity.get(&norm).copied().unwrap_or(UNKNOWN_AMBIGUITY),
                norm,
            }
        })
        .collect()
}

fn suffix(s: &str, k: usize) -> Option<&str> {
    let (at, _) = s.char_indices().rev().nth(k - 1)?;
    Some(&s[at..])
}

fn prefix(s: &str, k: usize) -> Option<&str> {
    let end = s.char_indices().nth(k).map_or(s.len(), |(at, _)| at);
    (s[..end].chars().count() == k).then(|| &s[..end])
}

// Template numbers (stable: they are hashed into the model's feature keys).
const BIAS: u16 = 0;
const FORM: u16 = 1;
const NORM: u16 = 2;
const SUFFIX: u16 = 3; // 3..=6 for lengths 1..=4
const PREFIX: u16 = 7; // 7..=9 for lengths 1..=3
const SHAPE: u16 = 10;
const NORM_M1: u16 = 11;
const NORM_M2: u16 = 12;
const NORM_P1: u16 = 13;
const NORM_P2: u16 = 14;
const TAG_M1: u16 = 15;
const TAGS_M2_M1: u16 = 16;
const TAG_M1_NORM: u16 = 17;
const SUFFIX3_M1: u16 = 18;
const SUFFIX3_P1: u16 = 19;
const AMB: u16 = 20;
const AMB_P1: u16 = 21;
const AMB_P2: u16 = 22;
const NORM_M1_NORM: u16 = 24;
const NORM_NORM_P1: u16 = 25;
const TAG_M1_AMB_P1: u16 = 26;
const SHAPE_P1: u16 = 27;
const FIRST_SHAPE: u16 = 28;
const TAG_M1_SUFFIX3: u16 = 29;
const AMB_M1: u16 = 30;
const AMBIGUITY_SET: u16 = 31;
const TAG_M2: u16 = 32;
const SHAPE_M1: u16 = 33;
const NORM_P1_P2: u16 = 34;
const SUFFIX5: u16 = 35;
const TAG_M1_NORM_P1: u16 = 36;

/// The tagger's features for word `i`, given the classes chosen for the words before it
/// (`previous[j]` for `j < i`), appended to `out` (cleared first).
pub(crate) fn features(info: &[WordInfo], i: usize, previous: &[u16], out: &mut Vec<u32>) {
    out.clear();
    let w = &info[i];
    let norm = |j: isize| -> &str {
        let k = i as isize + j;
        if k < 0 {
            "<s>"
        } else {
            info.get(k as usize).map_or("</s>", |x| x.norm.as_str())
        }
    };
    let amb = |j: isize| -> u32 {
        let k = i as isize + j;
        if k < 0 {
            START
        } else {
            info.get(k as usize).map_or(START - 1, |x| x.ambiguity)
        }
    };
    let tag = |j: usize| -> u32 { i.checked_sub(j).map_or(START, |k| u32::from(previous[k])) };
    let (t1, t2) = (tag(1), tag(2));

    out.push(FeatureKey::new(BIAS).finish());
    out.push(FeatureKey::new(FORM).str(&w.form).finish());
    out.push(FeatureKey::new(NORM).str(&w.norm).finish());
    for k in 1..=4 {
        if let Some(s) = suffix(&w.norm, k) {
            out.push(FeatureKey::new(SUFFIX + k as u16 - 1).str(s).finish());
        }
    }
    for k in 1..=3 {
        if let Some(p) = prefix(&w.norm, k) {
            out.push(FeatureKey::new(PREFIX + k as u16 - 1).str(p).finish());
        }
    }
    out.push(FeatureKey::new(SHAPE).str(&w.shape).finish());
    out.push(
        FeatureKey::new(FIRST_SHAPE)
            .num(u32::from(i == 0))
            .str(&w.shape)
            .finish(),
    );
    out.push(FeatureKey::new(NORM_M1).str(norm(-1)).finish());
    out.push(FeatureKey::new(NORM_M2).str(norm(-2)).finish());
    out.push(FeatureKey::new(NORM_P1).str(norm(1)).finish());
    out.push(FeatureKey::new(NORM_P2).str(norm(2)).finish());
    out.push(
        FeatureKey::new(NORM_M1_NORM)
            .str(norm(-1))
            .str(&w.norm)
            .finish(),
    );
    out.push(
        FeatureKey::new(NORM_NORM_P1)
            .str(&w.norm)
            .str(norm(1))
            .finish(),
    );
    let m1 = norm(-1);
    out.push(
        FeatureKey::new(SUFFIX3_M1)
            .str(suffix(m1, 3).unwrap_or(m1))
            .finish(),
    );
    let p1 = norm(1);
    out.push(
        FeatureKey::new(SUFFIX3_P1)
            .str(suffix(p1, 3).unwrap_or(p1))
            .finish(),
    );
    out.push(
        FeatureKey::new(SHAPE_P1)
            .str(info.get(i + 1).map_or("</s>", |x| x.shape.as_str()))
            .finish(),
    );
    out.push(
        FeatureKey::new(SHAPE_M1)
            .str(i.checked_sub(1).map_or("<s>", |k| info[k].shape.as_str()))
            .finish(),
    );
    out.push(FeatureKey::new(NORM_P1_P2).str(p1).str(norm(2)).finish());
    if let Some(s) = suffix(&w.norm, 5) {
        out.push(FeatureKey::new(SUFFIX5).str(s).finish());
    }
    out.push(FeatureKey::new(TAG_M1_NORM_P1).num(t1).str(p1).finish());
    out.push(FeatureKey::new(TAG_M1).num(t1).finish());
    out.push(FeatureKey::new(TAG_M2).num(t2).finish());
    out.push(FeatureKey::new(TAGS_M2_M1).num(t2).num(t1).finish());
    out.push(FeatureKey::new(TAG_M1_NORM).num(t1).str(&w.norm).finish());
    out.push(
        FeatureKey::new(TAG_M1_SUFFIX3)
            .num(t1)
            .str(suffix(&w.norm, 3).unwrap_or(&w.norm))
            .finish(),
    );
    out.push(FeatureKey::new(AMB).num(amb(0)).finish());
    out.push(FeatureKey::new(AMB_M1).num(amb(-1)).finish());
    out.push(FeatureKey::new(AMB_P1).num(amb(1)).finish());
    out.push(FeatureKey::new(AMB_P2).num(amb(2)).finish());
    out.push(FeatureKey::new(TAG_M1_AMB_P1).num(t1).num(amb(1)).finish());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_repeats_and_stop_at_a_length() {
        assert_eq!(shape("Pakistan"), "Xx");
        assert_eq!(shape("1,984"), "d,d");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("http://a.b/c-d_e?f=1"), "x:/x.x/x");
    }

    #[test]
    fn suffixes_and_prefixes_count_characters_not_bytes() {
        assert_eq!(suffix("café", 2), Some("fé"));
        assert_eq!(prefix("éclair", 2), Some("éc"));
        assert_eq!(prefix("a", 2), None);
        assert_eq!(suffix("a", 2), None);
        assert_eq!(normalise("May 1984"), "may 0000");
    }

    #[test]
    fn features_differ_with_the_previous_tag() {
        let amb = FxHashMap::default();
        let info = sentence_info(&["the", "can"], &amb);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        features(&info, 1, &[3, 0], &mut a);
        features(&info, 1, &[4, 0], &mut b);
        assert_eq!(a.len(), b.len());
        assert_ne!(a, b);
        // The first word sees the sentence start, not a tag.
        features(&info, 0, &[], &mut a);
        assert!(!a.is_empty());
    }
}
