//! Feature templates of the transition and label classifiers, in the style of Zhang & Nivre
//! (2011) adapted to the arc-hybrid system: words, tags, labels, distances, valencies and the
//! outermost children of the top three stack items and the first three buffer words, singly
//! and in combination.
//!
//! A template's number is part of its features' keys, so renumbering a template changes the
//! keys and invalidates trained models (the model file records its feature version).
//! Extraction writes into a caller's buffer and allocates nothing.

use crate::perceptron::FeatureKey;

use super::state::{State, NONE};

/// Bump when a template changes: a model trained on other templates is refused. Version 3
/// adds templates that lean less on the fine tag (see [`Context::suffix`]).
pub const FEATURE_VERSION: u64 = 3;

/// The oldest feature version this build still reads: version 2 is version 3 without its
/// added templates, so a version 2 model decodes exactly as before.
pub const OLDEST_FEATURE_VERSION: u64 = 2;

/// Per-sentence ids of each position's word and tag (index 0 is ROOT).
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Hashed lower-cased word form.
    pub word: Vec<u32>,
    /// Hashed (XPOS, UPOS) pair: XPOS carries the Penn detail, UPOS tells AUX from VERB.
    pub tag: Vec<u32>,
    /// Hashed UPOS alone: with predicted tags the pair is wrong on about one word in 17
    /// (EWT dev), UPOS alone on one in 21, and a wrong pair shares no weight with the right
    /// one; the coarse tag keeps a part of the evidence when only the detail is wrong.
    pub upos: Vec<u32>,
    /// Hashed last three letters of the lower-cased form: stands in for the tag where the
    /// tagger errs on a word it rarely saw ("-ing", "-ed", "-ly", "-ion"), and needs no tag.
    pub suffix: Vec<u32>,
    /// Whether the version 3 templates are extracted (models of version 2 lack them).
    pub extended: bool,
    lower: String,
}

/// Word and tag id of a position that is not there (beyond the sentence, empty child slot).
const ABSENT: u32 = 0x5eed_0001;
/// Label id of a position that has no label (yet).
const NO_LABEL: u32 = 0x5eed_0002;

impl Context {
    /// Fill the ids for a sentence; `words` yields (form, upos, xpos) of words 1..=n.
    pub fn fill<'a>(&mut self, words: impl Iterator<Item = (&'a str, &'a str, &'a str)>) {
        self.word.clear();
        self.tag.clear();
        self.upos.clear();
        self.suffix.clear();
        self.word.push(FeatureKey::new(0).str("<root>").finish());
        self.tag.push(FeatureKey::new(1).str("<root>").finish());
        self.upos.push(FeatureKey::new(2).str("<root>").finish());
        self.suffix.push(FeatureKey::new(3).str("<root>").finish());
        for (form, upos, xpos) in words {
            self.lower.clear();
            for c in form.chars() {
                self.lower.extend(c.to_lowercase());
            }
            self.word.push(FeatureKey::new(0).str(&self.lower).finish());
            self.tag
                .push(FeatureKey::new(1).str(xpos).str(upos).finish());
            self.upos.push(FeatureKey::new(2).str(upos).finish());
            let cut = self
                .lower
                .char_indices()
                .rev()
                .nth(2)
                .map_or(0, |(at, _)| at);
            self.suffix
                .push(FeatureKey::new(3).str(&self.lower[cut..]).finish());
        }
    }

    /// Extract the templates of feature version `version` (2 or 3).
    pub fn set_version(&mut self, version: u64) {
        self.extended = version >= 3;
    }

    fn w(&self, i: usize) -> u32 {
        if i == NONE {
            ABSENT
        } else {
            self.word[i]
        }
    }

    fn t(&self, i: usize) -> u32 {
        if i == NONE {
            ABSENT
        } else {
            self.tag[i]
        }
    }

    fn u(&self, i: usize) -> u32 {
        if i == NONE {
            ABSENT
        } else {
            self.upos[i]
        }
    }

    fn sf(&self, i: usize) -> u32 {
        if i == NONE {
            ABSENT
        } else {
            self.suffix[i]
        }
    }
}

fn label(st: &State, i: usize) -> u32 {
    if i == NONE || st.head[i] == NONE {
        NO_LABEL
    } else {
        u32::from(st.label[i])
    }
}

/// Distance between two positions, bucketed (1, 2, 3, 4, 5-9, 10+).
fn distance(a: usize, b: usize) -> u32 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u32,
        5..=9 => 5,
        _ => 6,
    }
}

/// Combine a template number and its parts into a feature key, a word at a time (a
/// multiply-xorshift mix: stable across builds like [`FeatureKey`], and several times faster
/// than hashing byte by byte, which matters at a hundred features per transition).
fn key(template: u16, parts: &[u32]) -> u32 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = (u64::from(template) + 1).wrapping_mul(K);
    for &p in parts {
        h = (h ^ u64::from(p)).wrapping_mul(K);
        h ^= h >> 29;
    }
    (h ^ (h >> 32)) as u32
}

fn set_key(template: u16, set: u128, parts: &[u32]) -> u32 {
    let halves = [
        set as u32,
        (set >> 32) as u32,
        (set >> 64) as u32,
        (set >> 96) as u32,
    ];
    key(template, &[key(template, &halves), key(template, parts)])
}

fn child(slots: &[[usize; 2]], i: usize, which: usize) -> usize {
    if i == NONE {
        NONE
    } else {
        slots[i][which]
    }
}

/// The features of the next transition decision, written into `out`.
pub fn transition(cx: &Context, st: &State, out: &mut Vec<u32>) {
    out.clear();
    let s0 = st.stack_item(0).unwrap_or(NONE);
    let s1 = st.stack_item(1).unwrap_or(NONE);
    let s2 = st.stack_item(2).unwrap_or(NONE);
    let pos = |i: usize| if i <= st.n { i } else { NONE };
    let b0 = pos(st.next);
    let b1 = pos(st.next + 1);
    let b2 = pos(st.next + 2);
    let (s0w, s0t, s1w, s1t, s2w, s2t) =
        (cx.w(s0), cx.t(s0), cx.w(s1), cx.t(s1), cx.w(s2), cx.t(s2));
    let (b0w, b0t, b1w, b1t, b2w, b2t) =
        (cx.w(b0), cx.t(b0), cx.w(b1), cx.t(b1), cx.w(b2), cx.t(b2));
    let s0l = child(&st.left, s0, 0);
    let s0l2 = child(&st.left, s0, 1);
    let s0r = child(&st.right, s0, 0);
    let s0r2 = child(&st.right, s0, 1);
    let s1l = child(&st.left, s1, 0);
    let s1r = child(&st.right, s1, 0);
    let b0l = child(&st.left, b0, 0);
    let b0l2 = child(&st.left, b0, 1);
    let d = distance(s0, b0);
    let d1 = distance(s1, s0);
    let val = |i: usize, side: usize| {
        if i == NONE {
            99
        } else {
            u32::from(st.valency[i][side])
        }
    };
    let set = |i: usize, side: usize| {
        if i == NONE {
            u128::MAX
        } else {
            st.label_set[i][side]
        }
    };

    let mut f = |t: u16, parts: &[u32]| out.push(key(t, parts));
    f(0, &[]);
    // Single positions.
    f(1, &[s0w]);
    f(2, &[s0t]);
    f(3, &[s0w, s0t]);
    f(4, &[b0w]);
    f(5, &[b0t]);
    f(6, &[b0w, b0t]);
    f(7, &[b1w]);
    f(8, &[b1t]);
    f(9, &[b1w, b1t]);
    f(10, &[b2w]);
    f(11, &[b2t]);
    f(12, &[b2w, b2t]);
    f(13, &[s1w]);
    f(14, &[s1t]);
    f(15, &[s1w, s1t]);
    f(16, &[s2t]);
    f(17, &[s2w]);
    // Pairs.
    f(20, &[s0w, s0t, b0w, b0t]);
    f(21, &[s0w, s0t, b0w]);
    f(22, &[s0w, b0w, b0t]);
    f(23, &[s0w, s0t, b0t]);
    f(24, &[s0t, b0w, b0t]);
    f(25, &[s0w, b0w]);
    f(26, &[s0t, b0t]);
    f(27, &[b0t, b1t]);
    f(28, &[s1w, s1t, s0w, s0t]);
    f(29, &[s1w, s0w]);
    f(30, &[s1t, s0t]);
    f(31, &[s1w, s1t, s0t]);
    f(32, &[s1t, s0w, s0t]);
    f(33, &[s1w, b0w]);
    f(34, &[s1t, b0t]);
    // Triples.
    f(40, &[b0t, b1t, b2t]);
    f(41, &[s0t, b0t, b1t]);
    f(42, &[s1t, s0t, b0t]);
    f(43, &[s0t, cx.t(s0l), b0t]);
    f(44, &[s0t, cx.t(s0r), b0t]);
    f(45, &[s0t, b0t, cx.t(b0l)]);
    f(46, &[s2t, s1t, s0t]);
    f(47, &[s1t, cx.t(s1r), s0t]);
    f(48, &[s1t, cx.t(s1l), s0t]);
    f(49, &[s1t, s0t, cx.t(s0l)]);
    f(50, &[s1t, s0t, cx.t(s0r)]);
    f(51, &[s1w, s0t, b0t]);
    f(52, &[s1t, s0w, b0t]);
    f(53, &[s1t, s0t, b0w]);
    // Distances.
    f(60, &[s0w, d]);
    f(61, &[s0t, d]);
    f(62, &[b0w, d]);
    f(63, &[b0t, d]);
    f(64, &[s0w, b0w, d]);
    f(65, &[s0t, b0t, d]);
    f(66, &[s1t, s0t, d1]);
    f(67, &[s1w, s0w, d1]);
    // Valencies.
    f(70, &[s0w, val(s0, 0)]);
    f(71, &[s0t, val(s0, 0)]);
    f(72, &[s0w, val(s0, 1)]);
    f(73, &[s0t, val(s0, 1)]);
    f(74, &[b0w, val(b0, 0)]);
    f(75, &[b0t, val(b0, 0)]);
    f(76, &[s1t, val(s1, 1)]);
    f(77, &[s1w, val(s1, 1)]);
    f(78, &[s1t, val(s1, 0)]);
    // Outermost children.
    f(80, &[cx.w(s0l)]);
    f(81, &[cx.t(s0l)]);
    f(82, &[label(st, s0l)]);
    f(83, &[cx.w(s0r)]);
    f(84, &[cx.t(s0r)]);
    f(85, &[label(st, s0r)]);
    f(86, &[cx.w(b0l)]);
    f(87, &[cx.t(b0l)]);
    f(88, &[label(st, b0l)]);
    f(89, &[cx.w(s1r)]);
    f(90, &[cx.t(s1r)]);
    f(91, &[label(st, s1r)]);
    f(92, &[cx.t(s1l)]);
    f(93, &[label(st, s1l)]);
    // The next children in.
    f(100, &[cx.w(s0l2)]);
    f(101, &[cx.t(s0l2)]);
    f(102, &[label(st, s0l2)]);
    f(103, &[cx.w(s0r2)]);
    f(104, &[cx.t(s0r2)]);
    f(105, &[label(st, s0r2)]);
    f(106, &[cx.w(b0l2)]);
    f(107, &[cx.t(b0l2)]);
    f(108, &[label(st, b0l2)]);
    f(109, &[s0t, cx.t(s0l), cx.t(s0l2)]);
    f(110, &[s0t, cx.t(s0r), cx.t(s0r2)]);
    f(111, &[b0t, cx.t(b0l), cx.t(b0l2)]);
    f(112, &[s0t, label(st, s0l), label(st, s0r)]);
    f(113, &[b0t, label(st, b0l), label(st, b0l2)]);
    // Label sets of the children so far.
    out.push(set_key(120, set(s0, 0), &[s0w]));
    out.push(set_key(121, set(s0, 0), &[s0t]));
    out.push(set_key(122, set(s0, 1), &[s0w]));
    out.push(set_key(123, set(s0, 1), &[s0t]));
    out.push(set_key(124, set(b0, 0), &[b0w]));
    out.push(set_key(125, set(b0, 0), &[b0t]));
    out.push(set_key(126, set(s1, 1), &[s1t]));
    out.push(set_key(127, set(s1, 0), &[s1t]));
    if !cx.extended {
        return;
    }
    // Version 3: the same positions seen through the coarse tag and the suffix, so that a
    // wrong fine tag does not silence the whole context.
    let (s0u, s1u, b0u, b1u) = (cx.u(s0), cx.u(s1), cx.u(b0), cx.u(b1));
    let (s0x, s1x, b0x, b1x) = (cx.sf(s0), cx.sf(s1), cx.sf(b0), cx.sf(b1));
    let mut f = |t: u16, parts: &[u32]| out.push(key(t, parts));
    f(130, &[s0x]);
    f(131, &[b0x]);
    f(132, &[b1x]);
    f(133, &[s1x]);
    f(134, &[s0x, b0x]);
    f(135, &[s1x, s0x]);
    f(136, &[s0u, b0u]);
    f(137, &[s1u, s0u]);
    f(138, &[s0u, b0u, b1u]);
    f(139, &[s1u, s0u, b0u]);
    f(140, &[s0w, b0u]);
    f(141, &[s0u, b0w]);
    f(142, &[s0x, b0u]);
    f(143, &[s0u, b0x]);
    f(144, &[s0u, cx.u(s0l), b0u]);
    f(145, &[s0u, cx.u(s0r), b0u]);
    f(146, &[s0u, b0u, cx.u(b0l)]);
    f(147, &[s1u, cx.u(s1r), s0u]);
    f(148, &[s0u, b0u, d]);
}

/// The features of the label decision for the arc `head` → `dep` that the transition about to
/// be applied makes (`dep` has all its own dependents by then; `head` has some).
pub fn label_features(cx: &Context, st: &State, head: usize, dep: usize, out: &mut Vec<u32>) {
    out.clear();
    let dir = u32::from(dep > head);
    let d = distance(head, dep);
    let (hw, ht, dw, dt) = (cx.w(head), cx.t(head), cx.w(dep), cx.t(dep));
    let around = |i: usize, delta: isize| {
        let j = i as isize + delta;
        if j < 1 || j as usize > st.n {
            ABSENT
        } else {
            cx.t(j as usize)
        }
    };
    let marker = st.marker[dep];
    let (dl, dr) = (st.left[dep][0], st.right[dep][0]);
    let b0 = if st.next <= st.n { st.next } else { NONE };
    let mut f = |t: u16, parts: &[u32]| out.push(key(t, parts));
    f(200, &[dir]);
    f(201, &[dir, hw]);
    f(202, &[dir, ht]);
    f(203, &[dir, dw]);
    f(204, &[dir, dt]);
    f(205, &[dir, hw, dw]);
    f(206, &[dir, ht, dt]);
    f(207, &[dir, hw, dt]);
    f(208, &[dir, ht, dw]);
    f(209, &[dir, hw, ht, dw, dt]);
    f(210, &[dir, dt, d]);
    f(211, &[dir, ht, dt, d]);
    f(212, &[cx.w(marker)]);
    f(213, &[dir, cx.w(marker), ht]);
    f(214, &[dir, cx.w(marker), ht, dt]);
    f(215, &[dir, cx.w(marker), dw]);
    f(216, &[label(st, dl), cx.w(dl), dt]);
    f(217, &[label(st, dr), cx.w(dr), dt]);
    f(218, &[dir, dt, around(dep, 1)]);
    f(219, &[dir, dt, around(dep, -1)]);
    f(220, &[dir, ht, around(head, 1)]);
    f(221, &[dir, ht, around(head, -1)]);
    f(222, &[dir, ht, dt, cx.t(b0)]);
    f(223, &[dir, ht, dt, u32::from(head == 0)]);
    f(
        224,
        &[
            dir,
            dt,
            u32::from(st.valency[dep][0]),
            u32::from(st.valency[dep][1]),
        ],
    );
    f(225, &[dir, dw, cx.w(b0)]);
    out.push(set_key(230, st.label_set[dep][0], &[dir, dt]));
    out.push(set_key(231, st.label_set[dep][1], &[dir, dt]));
    out.push(set_key(232, st.label_set[head][0], &[dir, dt, ht]));
    out.push(set_key(233, st.label_set[head][1], &[dir, dt, ht]));
    if !cx.extended {
        return;
    }
    // Version 3: coarse tags and suffixes of head and dependent (see [`transition`]).
    let (hu, du, hx, dx) = (cx.u(head), cx.u(dep), cx.sf(head), cx.sf(dep));
    let mut f = |t: u16, parts: &[u32]| out.push(key(t, parts));
    f(240, &[dir, dx]);
    f(241, &[dir, hx]);
    f(242, &[dir, hu, du]);
    f(243, &[dir, hx, dx]);
    f(244, &[dir, hw, du]);
    f(245, &[dir, hu, dw]);
    f(246, &[dir, hu, du, cx.w(marker)]);
}
