//! One small, fast hasher for the crate's word and class-name tables.
//!
//! Class-name caches and class-word lookups run for every element of every page; a
//! multiply-rotate hash (the "Fx" hash of rustc) is several times cheaper than the default
//! SipHash on such short keys, and neither table needs SipHash's protection against chosen
//! keys (one is per page, the other holds our own words).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Multiplier with good bit dispersion (an odd constant from the golden-ratio family).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher state: one rotate, xor and multiply per eight bytes.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` hashed with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
