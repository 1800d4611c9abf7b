//! The parser's weights laid out for speed: an open-addressing hash table whose slots hold a
//! feature key and its row of 16-bit weights side by side, so scoring a feature touches one
//! place in memory (one cache line for the three transitions) instead of a hash map bucket
//! and then a separate row. Scores are summed as integers; only their order matters.
//!
//! Invariant: built from [`Weights`] through the model file's form (16-bit quantisation, one
//! scale per model), so a freshly trained parser and its file give the same trees.

use crate::model_file::{Reader, Writer};
use crate::perceptron::Weights;
use crate::AnalysisError;

/// Keys are stored as-is; 0 marks an empty slot, so a feature whose key is 0 is stored as 1.
const EMPTY: u32 = 0;

/// A read-only table of quantised weight rows.
#[derive(Debug, Clone)]
pub struct Table {
    classes: usize,
    /// Slot count minus one (the slot count is a power of two).
    mask: usize,
    /// Per slot: the key's two halves, then `classes` weights.
    slots: Vec<i16>,
    /// What one unit of a stored weight is worth (kept for writing).
    unit: f32,
}

fn stored(key: u32) -> u32 {
    if key == EMPTY {
        1
    } else {
        key
    }
}

/// Spread a key over the slots (keys are hashes already, but low bits of nearby templates
/// may be correlated).
fn home(key: u32, mask: usize) -> usize {
    (u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
}

impl Table {
    /// Lay out these weights (through their file form, so the table holds exactly what a
    /// model file written from them would).
    pub fn new(weights: &Weights) -> Result<Table, AnalysisError> {
        let mut w = Writer::default();
        weights.write(&mut w);
        Table::read(&mut Reader::new(&w.buf, "trained weights"))
    }

    pub fn empty(classes: usize, rows: usize, unit: f32) -> Table {
        let size = (rows * 2).next_power_of_two().max(16);
        Table {
            classes,
            mask: size - 1,
            slots: vec![0; size * (classes + 2)],
            unit,
        }
    }

    /// The slot of `key` (claimed if new); returns where its weights start.
    fn insert(&mut self, key: u32) -> usize {
        let key = stored(key);
        let mut slot = home(key, self.mask);
        loop {
            let found = self.key_at(slot);
            if found == key || found == EMPTY {
                break;
            }
            slot = (slot + 1) & self.mask;
        }
        let at = slot * (self.classes + 2);
        self.slots[at] = key as u16 as i16;
        self.slots[at + 1] = (key >> 16) as u16 as i16;
        at + 2
    }

    /// The same table without the features whose every weight is below `min_abs` in
    /// magnitude (in the trainer's units: one perceptron update is 1).
    pub fn pruned(&self, min_abs: f32) -> Table {
        let stride = self.classes + 2;
        let floor = (min_abs / self.unit).round() as i32;
        let kept: Vec<usize> = (0..=self.mask)
            .filter(|&slot| {
                let at = slot * stride;
                self.key_at(slot) != EMPTY
                    && self.slots[at + 2..at + stride]
                        .iter()
                        .any(|&q| i32::from(q).abs() >= floor.max(1))
            })
            .collect();
        let mut table = Table::empty(self.classes, kept.len(), self.unit);
        for slot in kept {
            let at = slot * stride;
            let to = table.insert(self.key_at(slot));
            let row = self.slots[at + 2..at + stride].to_vec();
            table.slots[to..to + self.classes].copy_from_slice(&row);
        }
        table
    }

    /// How many classes each decision chooses among.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Write in the format of [`Weights::write`] (so either can read it).
    pub fn write(&self, w: &mut Writer) {
        let stride = self.classes + 2;
        let mut keys: Vec<(u32, usize)> = (0..=self.mask)
            .map(|slot| (self.key_at(slot), slot * stride + 2))
            .filter(|&(k, at)| {
                k != EMPTY && self.slots[at..at + self.classes].iter().any(|&q| q != 0)
            })
            .collect();
        keys.sort_unstable();
        w.varint(self.classes as u64);
        w.f32(self.unit);
        w.varint(keys.len() as u64);
        let mut last_key = 0u32;
        for (key, at) in keys {
            w.varint(u64::from(key - last_key));
            last_key = key;
            let row = &self.slots[at..at + self.classes];
            w.varint(row.iter().filter(|&&q| q != 0).count() as u64);
            let mut last_class = 0;
            for (class, &q) in row.iter().enumerate().filter(|(_, &q)| q != 0) {
                w.varint((class - last_class) as u64);
                last_class = class;
                w.signed(i64::from(q));
            }
        }
    }

    /// Read weights written by [`Table::write`] or [`Weights::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Table, AnalysisError> {
        let classes = r.varint()? as usize;
        if classes == 0 || classes > 1024 {
            return Err(r.error(format!("implausible class count {classes}")));
        }
        let unit = r.f32()?;
        if !unit.is_finite() || unit <= 0.0 {
            return Err(r.error("bad weight scale"));
        }
        let count = r.len()?;
        let mut table = Table::empty(classes, count, unit);
        let mut key = 0u32;
        for row in 0..count {
            let delta = u32::try_from(r.varint()?).map_err(|_| r.error("feature key overflow"))?;
            if row > 0 && delta == 0 {
                return Err(r.error("a feature key is written twice"));
            }
            key = key
                .checked_add(delta)
                .ok_or_else(|| r.error("feature keys out of order"))?;
            let at = table.insert(key);
            let entries = r.len()?;
            let mut class = 0usize;
            for _ in 0..entries {
                class += r.varint()? as usize;
                if class >= classes {
                    return Err(r.error(format!("class {class} beyond the {classes} classes")));
                }
                let q = r.signed()?;
                table.slots[at + class] =
                    i16::try_from(q).map_err(|_| r.error(format!("weight {q} beyond 16 bits")))?;
            }
        }
        Ok(table)
    }

    fn key_at(&self, slot: usize) -> u32 {
        let at = slot * (self.classes + 2);
        u32::from(self.slots[at] as u16) | (u32::from(self.slots[at + 1] as u16) << 16)
    }

    /// How many features have a row.
    pub fn rows(&self) -> usize {
        (0..=self.mask).filter(|&s| self.key_at(s) != EMPTY).count()
    }

    /// Sum the rows of these features into `scores` (resized to the class count).
    pub fn score(&self, features: &[u32], scores: &mut Vec<i32>) {
        scores.clear();
        scores.resize(self.classes, 0);
        let stride = self.classes + 2;
        // First touch every feature's home slot in one pass of independent loads, so the
        // processor overlaps the cache misses instead of waiting for each in turn.
        let mut touched = 0u32;
        for &f in features {
            touched ^= u32::from(self.slots[home(stored(f), self.mask) * stride] as u16);
        }
        std::hint::black_box(touched);
        for &f in features {
            let key = stored(f);
            let mut slot = home(key, self.mask);
            loop {
                let found = self.key_at(slot);
                if found == key {
                    let at = slot * stride + 2;
                    for (s, &w) in scores.iter_mut().zip(&self.slots[at..at + self.classes]) {
                        *s += i32::from(w);
                    }
                    break;
                }
                if found == EMPTY {
                    break;
                }
                slot = (slot + 1) & self.mask;
            }
        }
    }
}

/// The index of the highest score among the classes `allowed` accepts (the first on ties).
pub fn best(scores: &[i32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, i32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::perceptron::Trainer;

    #[test]
    fn the_table_ranks_classes_as_the_weights_do() {
        let mut t = Trainer::new(3);
        let keys: Vec<u32> = (0..200u32).map(|i| i.wrapping_mul(2_654_435_761)).collect();
        for (i, &k) in keys.iter().enumerate() {
            t.update(&[k, 0], i % 3, (i + 1) % 3);
            t.tick();
        }
        let w = t.finish(0.0);
        let table = Table::new(&w).unwrap();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for k in keys.chunks(3) {
            w.score(k, &mut a);
            table.score(k, &mut b);
            let wa = crate::perceptron::argmax(&a, |_| true);
            assert_eq!(wa, best(&b, |_| true), "{a:?} vs {b:?}");
        }
        table.score(&[12345], &mut b);
        assert_eq!(b, [0, 0, 0]);

        let mut out = Writer::default();
        table.write(&mut out);
        let back = Table::read(&mut Reader::new(&out.buf, "t")).unwrap();
        let mut c = Vec::new();
        for k in keys.chunks(3) {
            table.score(k, &mut b);
            back.score(k, &mut c);
            assert_eq!(b, c);
        }
    }
}
