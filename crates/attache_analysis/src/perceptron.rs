//! The averaged multi-class perceptron that every model of this crate is made of.
//!
//! A model scores each class as the sum, over the active features of a decision, of that
//! feature's weight for the class. Features are 32-bit keys hashed from strings by
//! [`FeatureKey`] (a collision merely shares a weight between two rare features). Training
//! adds the features to the right class and takes them from the guessed one whenever the
//! guess is wrong; the final weights are the average over every training step, which keeps a
//! late lucky update from dominating (Collins 2002; Freund & Schapire 1999).
//!
//! Weights are stored per feature as one dense row over the classes, so scoring a decision is
//! a handful of contiguous vector additions. In the file they are quantised to 16-bit integers
//! with one scale per model and written sparsely (only non-zero entries), sorted by key with
//! delta-coded keys, which keeps a model a few megabytes.

use rustc_hash::FxHashMap;

use crate::model_file::{Reader, Writer};
use crate::AnalysisError;

/// Builds a stable 32-bit feature key from a template number and string parts (FNV-1a, so
/// keys stay the same across builds, platforms and runs: the model file relies on it).
#[derive(Debug, Clone, Copy)]
pub struct FeatureKey(u32);

impl FeatureKey {
    const PRIME: u32 = 0x0100_0193;

    /// Start a key for feature template `template`.
    pub fn new(template: u16) -> Self {
        let mut k = FeatureKey(0x811c_9dc5);
        k.bytes(&template.to_le_bytes());
        k
    }

    /// Add bytes.
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        for &byte in b {
            self.0 ^= u32::from(byte);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
        self
    }

    /// Add a string part (with a separator, so ("ab","c") and ("a","bc") differ).
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes()).bytes(&[0x1f])
    }

    /// Add a small number (a tag or label index, a distance).
    pub fn num(&mut self, n: u32) -> &mut Self {
        self.bytes(&n.to_le_bytes())
    }

    /// The key.
    pub fn finish(&self) -> u32 {
        self.0
    }
}

/// Trained weights, ready to score.
///
/// Held sparsely: each feature's row lists only its non-zero classes. Averaged-perceptron
/// rows are sparse (an update touches two classes), so this keeps a loaded model a fraction
/// of the dense size and scoring adds only the weights that exist.
///
/// Rows are found through an open-addressing table of (key, first entry, entry count) slots,
/// and each entry holds its class and weight side by side, so a feature costs two memory
/// reads (its slot, its entries); scoring first touches every feature's slot, then every
/// found row, before adding, so the processor overlaps those cache misses instead of waiting
/// for each in turn (a model of a million features does not fit in cache).
#[derive(Debug, Clone, Default)]
pub struct Weights {
    classes: usize,
    /// Open-addressing slots (a power of two of them, at most half full); empty when
    /// `count` is 0.
    slots: Vec<Slot>,
    /// How many slots hold a feature.
    count: usize,
    /// Every row's entries, row after row.
    entries: Vec<Entry>,
}

/// One slot of [`Weights`]: a feature key and where its row is (`len` 0 marks an empty slot:
/// rows with no entry are never stored).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Slot {
    key: u32,
    start: u32,
    len: u32,
}

/// One non-zero weight of a row.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    value: f32,
    class: u32,
}

/// Where a key's probe sequence starts (keys are hashes already, but the low bits of keys of
/// one template may be correlated).
fn home(key: u32, mask: usize) -> usize {
    (u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
}

/// Features scored per pass of [`Weights::score`] (the rows found are kept on the stack).
const SCORE_CHUNK: usize = 64;

impl PartialEq for Weights {
    /// The same classes and the same (feature, class, weight) entries, however laid out.
    fn eq(&self, other: &Weights) -> bool {
        self.classes == other.classes
            && self.count == other.count
            && self.occupied().all(|s| {
                other
                    .find(s.key)
                    .is_some_and(|o| self.row_of(s) == other.row_of(o))
            })
    }
}

impl Weights {
    /// How many classes each decision chooses among.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// How many features have weights.
    pub fn features(&self) -> usize {
        self.count
    }

    /// How many (feature, class) weights are held.
    pub fn entries(&self) -> usize {
        self.entries.len()
    }

    /// Every feature with its non-zero (class, weight) pairs, in no particular order (for
    /// building a faster or smaller layout of the same weights).
    pub fn rows(&self) -> impl Iterator<Item = (u32, Vec<(usize, f32)>)> + '_ {
        self.occupied()
            .map(move |s| (s.key, self.pairs(s).collect()))
    }

    fn occupied(&self) -> impl Iterator<Item = &Slot> + '_ {
        self.slots.iter().filter(|s| s.len > 0)
    }

    fn row_of(&self, slot: &Slot) -> &[Entry] {
        let start = slot.start as usize;
        &self.entries[start..start + slot.len as usize]
    }

    fn pairs<'a>(&'a self, slot: &Slot) -> impl Iterator<Item = (usize, f32)> + 'a {
        self.row_of(slot)
            .iter()
            .map(|e| (e.class as usize, e.value))
    }

    /// The slot holding `key`, if any.
    fn find(&self, key: u32) -> Option<&Slot> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = home(key, mask);
        loop {
            let slot = &self.slots[at];
            if slot.len == 0 {
                return None;
            }
            if slot.key == key {
                return Some(slot);
            }
            at = (at + 1) & mask;
        }
    }

    /// Make room for `more` rows (keeping the table at most half full).
    fn reserve(&mut self, more: usize) {
        let want = ((self.count + more) * 2).next_power_of_two().max(16);
        if want <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); want]);
        for slot in old.into_iter().filter(|s| s.len > 0) {
            let at = self.free_slot(slot.key);
            self.slots[at] = slot;
        }
    }

    /// The slot where `key` is or would go.
    fn free_slot(&self, key: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = home(key, mask);
        while self.slots[at].len > 0 && self.slots[at].key != key {
            at = (at + 1) & mask;
        }
        at
    }

    /// Add a row (its zero weights left out; a row of only zeros is not stored). A key given
    /// twice keeps its last row.
    fn push_row(&mut self, key: u32, row: impl Iterator<Item = (usize, f32)>) {
        let start = self.entries.len();
        for (class, v) in row {
            if v != 0.0 {
                self.entries.push(Entry {
                    value: v,
                    class: class as u32,
                });
            }
        }
        let len = self.entries.len() - start;
        if len == 0 {
            return;
        }
        self.reserve(1);
        let at = self.free_slot(key);
        if self.slots[at].len == 0 {
            self.count += 1;
        }
        self.slots[at] = Slot {
            key,
            start: start as u32,
            len: len as u32,
        };
    }

    /// The non-zero weights of one feature, as (class, weight).
    fn row(&self, key: u32) -> impl Iterator<Item = (usize, f32)> + '_ {
        let slot = self.find(key).copied().unwrap_or_default();
        self.pairs(&slot).collect::<Vec<_>>().into_iter()
    }

    /// Scores of every class for a decision with these active features, written into
    /// `scores` (resized to the class count). Each class's score is the sum of its weights
    /// in the order of `features`.
    pub fn score(&self, features: &[u32], scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(self.classes, 0.0);
        if self.slots.is_empty() {
            return;
        }
        for chunk in features.chunks(SCORE_CHUNK) {
            // 1. Touch every feature's home slot: independent loads the processor overlaps.
            let mut touched = self.touch_slots(chunk);
            // 2. Find each row and touch its first entry.
            let mut found = [(0u32, 0u32); SCORE_CHUNK];
            for (&f, out) in chunk.iter().zip(found.iter_mut()) {
                if let Some(slot) = self.find(f) {
                    *out = (slot.start, slot.len);
                    touched ^= self.entries[slot.start as usize].class;
                }
            }
            std::hint::black_box(touched);
            // 3. Add, feature by feature in order.
            for &(start, len) in &found[..chunk.len()] {
                let start = start as usize;
                for e in &self.entries[start..start + len as usize] {
                    if let Some(s) = scores.get_mut(e.class as usize) {
                        *s += e.value;
                    }
                }
            }
        }
    }

    fn touch_slots(&self, features: &[u32]) -> u32 {
        let mask = self.slots.len().wrapping_sub(1);
        let mut touched = 0u32;
        if !self.slots.is_empty() {
            for &f in features {
                touched ^= self.slots[home(f, mask)].key;
            }
        }
        touched
    }

    /// Read where these features' rows are without scoring them, so that scoring them soon
    /// after (in several small lists, as a decoder does for each previous label) finds them
    /// in cache: the loads of one call overlap, those of many small calls would not.
    pub fn prefetch(&self, features: &[u32]) {
        let mut touched = self.touch_slots(features);
        for &f in features {
            if let Some(slot) = self.find(f) {
                touched ^= self.entries[slot.start as usize].class;
            }
        }
        std::hint::black_box(touched);
    }

    /// The best-scoring class among those `allowed` accepts (None when it accepts none).
    pub fn best(
        &self,
        features: &[u32],
        scratch: &mut Vec<f32>,
        allowed: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        self.score(features, scratch);
        argmax(scratch, allowed)
    }

    /// Write the weights (quantised to 16 bits, sparse rows, delta-coded sorted keys).
    pub fn write(&self, w: &mut Writer) {
        let max = self.entries.iter().fold(0f32, |m, e| m.max(e.value.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        w.varint(self.classes as u64);
        w.f32(scale);
        let mut keys: Vec<u32> = self.occupied().map(|s| s.key).collect();
        keys.sort_unstable();
        let rows: Vec<(u32, Vec<(usize, i64)>)> = keys
            .into_iter()
            .map(|key| {
                let entries = self
                    .row(key)
                    .map(|(c, v)| (c, (v / scale).round() as i64))
                    .filter(|(_, q)| *q != 0)
                    .collect();
                (key, entries)
            })
            .filter(|(_, entries): &(u32, Vec<(usize, i64)>)| !entries.is_empty())
            .collect();
        w.varint(rows.len() as u64);
        let mut last_key = 0u32;
        for (key, entries) in rows {
            w.varint(u64::from(key - last_key));
            last_key = key;
            w.varint(entries.len() as u64);
            let mut last_class = 0usize;
            for (class, q) in entries {
                w.varint((class - last_class) as u64);
                last_class = class;
                w.signed(q);
            }
        }
    }

    /// Read weights written by [`Weights::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Weights, AnalysisError> {
        let classes = r.varint()? as usize;
        if classes == 0 || classes > 65_536 {
            return Err(r.error(format!("implausible class count {classes}")));
        }
        let scale = r.f32()?;
        if !scale.is_finite() || scale <= 0.0 {
            return Err(r.error("bad weight scale"));
        }
        let count = r.len()?;
        let mut weights = Weights {
            classes,
            ..Weights::default()
        };
        weights.reserve(count);
        let mut key = 0u32;
        let mut row = Vec::new();
        for n in 0..count {
            let delta = u32::try_from(r.varint()?).map_err(|_| r.error("feature key overflow"))?;
            key = key
                .checked_add(delta)
                .ok_or_else(|| r.error("feature keys out of order"))?;
            if n > 0 && delta == 0 {
                return Err(r.error("a feature key is written twice"));
            }
            let entries = r.len()?;
            row.clear();
            let mut class = 0usize;
            for k in 0..entries {
                let step = r.varint()? as usize;
                if k > 0 && step == 0 {
                    return Err(r.error("a class is written twice in one row"));
                }
                class = class.saturating_add(step);
                if class >= classes {
                    return Err(r.error(format!("class {class} beyond the {classes} classes")));
                }
                row.push((class, r.signed()? as f32 * scale));
            }
            weights.push_row(key, row.iter().copied());
        }
        Ok(weights)
    }
}

/// The index of the highest score among the classes `allowed` accepts (the first on ties,
/// so decoding is deterministic).
pub fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// Learns [`Weights`] by averaged-perceptron updates.
#[derive(Debug, Clone)]
pub struct Trainer {
    classes: usize,
    rows: FxHashMap<u32, u32>,
    weights: Vec<f32>,
    /// Sum of each weight over the steps before its last change.
    totals: Vec<f32>,
    /// The step at which each weight last changed.
    stamps: Vec<u32>,
    step: u32,
}

impl Trainer {
    /// A trainer choosing among `classes` classes.
    pub fn new(classes: usize) -> Self {
        Trainer {
            classes,
            rows: FxHashMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            step: 0,
        }
    }

    /// How many classes each decision chooses among.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Scores with the current (not averaged) weights, as [`Weights::score`].
    pub fn score(&self, features: &[u32], scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(self.classes, 0.0);
        for f in features {
            if let Some(&row) = self.rows.get(f) {
                let start = row as usize * self.classes;
                for (s, w) in scores
                    .iter_mut()
                    .zip(&self.weights[start..start + self.classes])
                {
                    *s += w;
                }
            }
        }
    }

    /// Learn from one decision: when `guess` is not `truth`, move the features' weights
    /// towards `truth` and away from `guess`. Call [`Trainer::tick`] once per decision.
    pub fn update(&mut self, features: &[u32], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in features {
            let row = self.row(f);
            self.add(row * self.classes + truth, 1.0);
            self.add(row * self.classes + guess, -1.0);
        }
    }

    /// Move the weights of `features` for `class` by `delta`: the one-sided update of a
    /// structured perceptron, where the right and the guessed label sequences have different
    /// history features at a word.
    pub fn adjust(&mut self, features: &[u32], class: usize, delta: f32) {
        for &f in features {
            let row = self.row(f);
            self.add(row * self.classes + class, delta);
        }
    }

    /// One decision has been made (the unit the weights are averaged over).
    pub fn tick(&mut self) {
        self.step += 1;
    }

    fn row(&mut self, feature: u32) -> usize {
        let next = self.rows.len() as u32;
        let row = *self.rows.entry(feature).or_insert(next) as usize;
        if row == next as usize {
            let len = self.weights.len() + self.classes;
            self.weights.resize(len, 0.0);
            self.totals.resize(len, 0.0);
            self.stamps.resize(len, self.step);
        }
        row
    }

    fn add(&mut self, i: usize, delta: f32) {
        self.totals[i] += (self.step - self.stamps[i]) as f32 * self.weights[i];
        self.stamps[i] = self.step;
        self.weights[i] += delta;
    }

    /// The averaged weights. Features whose every averaged weight is below `min_abs` in
    /// magnitude are dropped (they barely move a score and cost space).
    pub fn finish(&self, min_abs: f32) -> Weights {
        let steps = self.step.max(1) as f32;
        let mut weights = Weights {
            classes: self.classes,
            ..Weights::default()
        };
        let mut keys: Vec<(u32, u32)> = self.rows.iter().map(|(k, r)| (*k, *r)).collect();
        keys.sort_unstable();
        for (key, row) in keys {
            let start = row as usize * self.classes;
            let averaged: Vec<f32> = (start..start + self.classes)
                .map(|i| {
                    let total =
                        self.totals[i] + (self.step - self.stamps[i]) as f32 * self.weights[i];
                    total / steps
                })
                .collect();
            if averaged.iter().any(|w| w.abs() >= min_abs && *w != 0.0) {
                weights.push_row(key, averaged.into_iter().enumerate());
            }
        }
        weights
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> u32 {
        FeatureKey::new(1).str(s).finish()
    }

    /// Two classes told apart by one word each, with a shared bias feature.
    fn train_toy() -> Weights {
        let mut t = Trainer::new(2);
        let data = [
            (vec![key("bias"), key("good")], 0),
            (vec![key("bias"), key("bad")], 1),
        ];
        let mut scores = Vec::new();
        for _ in 0..5 {
            for (features, truth) in &data {
                t.score(features, &mut scores);
                let guess = argmax(&scores, |_| true).unwrap_or(0);
                t.update(features, *truth, guess);
                t.tick();
            }
        }
        t.finish(0.0)
    }

    #[test]
    fn the_perceptron_learns_a_separable_toy_problem() {
        let w = train_toy();
        let mut scratch = Vec::new();
        assert_eq!(
            w.best(&[key("bias"), key("good")], &mut scratch, |_| true),
            Some(0)
        );
        assert_eq!(
            w.best(&[key("bias"), key("bad")], &mut scratch, |_| true),
            Some(1)
        );
    }

    #[test]
    fn written_weights_score_the_same_after_reading() {
        let w = train_toy();
        let mut out = Writer::default();
        w.write(&mut out);
        let back = Weights::read(&mut Reader::new(&out.buf, "toy")).unwrap();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for f in [key("good"), key("bad"), key("bias")] {
            w.score(&[f], &mut a);
            back.score(&[f], &mut b);
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() < 1e-3, "{x} vs {y}");
            }
        }
    }

    #[test]
    fn allowed_classes_restrict_the_choice() {
        assert_eq!(argmax(&[3.0, 1.0, 2.0], |c| c != 0), Some(2));
        assert_eq!(argmax(&[3.0], |_| false), None);
    }

    #[test]
    fn feature_keys_are_stable_across_builds() {
        // The model files depend on these exact values: changing the hash invalidates them.
        assert_eq!(FeatureKey::new(0).finish(), 0x1176_97cd);
        assert_ne!(
            FeatureKey::new(1).str("ab").str("c").finish(),
            FeatureKey::new(1).str("a").str("bc").finish()
        );
    }
}
