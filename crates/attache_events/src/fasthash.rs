//! A small, fast, non-cryptographic hasher for the coder's word tables.
//!
//! The coder looks words up several times per token (trigger index, cue lists, pattern
//! vocabulary); the standard library's SipHash guards against hash flooding, which these
//! tables, built from the team's own dictionaries, do not need, and it cost a sixth of the
//! coding time. This is the multiply-rotate scheme used by compilers for the same job
//! (one rotate, xor and multiply per eight bytes).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Multiplier with good bit dispersion (an odd constant from the golden ratio family).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher state.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_differ_in_their_tail_hash_apart() {
        let mut m: FastMap<String, u32> = FastMap::default();
        for (i, w) in ["negotiations", "negotiationz", "a", "b", "ab"]
            .iter()
            .enumerate()
        {
            m.insert((*w).to_string(), i as u32);
        }
        assert_eq!(m.get("negotiationz"), Some(&1));
        assert_eq!(m.get("ab"), Some(&4));
        assert_eq!(m.len(), 5);
    }
}
