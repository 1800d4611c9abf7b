//! Stable hashes for ids and fingerprints.
//!
//! Ids must not change between runs, machines or Rust releases (std's `DefaultHasher` promises
//! none of that), so the hashes are written out here: FNV-1a (Fowler, Noll, Vo) in its 64- and
//! 128-bit forms, the 64-bit one followed by MurmurHash3's `fmix64` finaliser so every input bit
//! reaches every output bit (SimHash needs well-spread bits). These are not cryptographic: a
//! hostile page can be crafted to collide, which at worst makes it look like a copy of another.

const FNV64_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV64_PRIME: u64 = 0x0000_0100_0000_01b3;
const FNV128_OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const FNV128_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// 64-bit FNV-1a of `bytes`, finalised with `fmix64`.
pub fn hash64(bytes: &[u8]) -> u64 {
    fmix64(fnv1a64(bytes))
}

/// Plain 64-bit FNV-1a of `bytes` (no finaliser), for rules that must keep their values
/// (the real-news held-aside pages).
pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = FNV64_OFFSET;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV64_PRIME);
    }
    h
}

/// 128-bit FNV-1a of `bytes`.
pub fn hash128(bytes: &[u8]) -> u128 {
    let mut h = FNV128_OFFSET;
    for &b in bytes {
        h ^= u128::from(b);
        h = h.wrapping_mul(FNV128_PRIME);
    }
    h
}

/// Incremental [`hash128`]: writing parts one after the other equals hashing them joined.
#[derive(Debug, Clone, Copy)]
pub struct Fnv128(u128);

impl Fnv128 {
    /// A fresh hasher.
    pub fn new() -> Fnv128 {
        Fnv128(FNV128_OFFSET)
    }

    /// Add bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u128::from(b);
            self.0 = self.0.wrapping_mul(FNV128_PRIME);
        }
    }

    /// The hash so far.
    pub fn finish(&self) -> u128 {
        self.0
    }
}

impl Default for Fnv128 {
    fn default() -> Self {
        Fnv128::new()
    }
}

/// 32 lower-case hex digits of [`hash128`].
pub fn hex128(bytes: &[u8]) -> String {
    format!("{:032x}", hash128(bytes))
}

/// MurmurHash3's 64-bit finaliser: a bijection with full avalanche.
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv128_matches_the_published_empty_and_short_values() {
        // The offset basis is FNV-1a's hash of the empty input.
        assert_eq!(hash128(b""), FNV128_OFFSET);
        assert_eq!(hex128(b"a").len(), 32);
        assert_ne!(hash128(b"a"), hash128(b"b"));
    }

    #[test]
    fn ids_are_pinned_so_stored_databases_stay_valid() {
        // Computed independently (Python, FNV-1a 128 by its published constants). If this
        // changes, every article id in every existing store changes with it.
        assert_eq!(
            hex128(b"url:example.org/a"),
            "6b21e92a646cebbc44f1b13c0216d422"
        );
    }

    #[test]
    fn one_bit_of_input_flips_about_half_the_output() {
        let d = (hash64(b"word one") ^ hash64(b"word onf")).count_ones();
        assert!((16..=48).contains(&d), "{d}");
    }
}
