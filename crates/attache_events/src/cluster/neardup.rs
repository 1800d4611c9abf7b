//! Near-duplicate search over SimHashes, with memory bounded by a window of recent articles.
//!
//! Two hashes at most [`NEAR_DUP_MAX_HAMMING`] bits apart share, by the pigeonhole principle,
//! at least one of [`BANDS`] disjoint bit bands exactly; each band is a hash-map key, so a
//! lookup only compares the few hashes that share a band instead of every stored one.

use std::collections::HashMap;

use super::codec::{Dec, Enc};

/// Largest Hamming distance (of 64 bits) at which two texts count as near-copies. SimHash's
/// expected distance is 64·θ/π for texts at angle θ: 6 bits is a cosine of about 0.96 over
/// three-word shingles (a wire story with a rewritten intro or a corrected paragraph), while
/// two outlets writing their own reports of one event stay 15+ bits apart.
pub const NEAR_DUP_MAX_HAMMING: u32 = 6;

/// Bands: one more than the largest distance, so a near copy matches at least one exactly.
pub const BANDS: usize = NEAR_DUP_MAX_HAMMING as usize + 1;

/// Texts shorter than this many words are only matched exactly: a few words of agency
/// boilerplate would otherwise make unrelated briefs near-copies.
pub const NEAR_DUP_MIN_WORDS: usize = 60;

/// How many recent articles are searched. Copies of a story appear within days of it; 100,000
/// articles is several days of a large news crawl, at about 200 bytes each.
pub const NEAR_DUP_WINDOW: usize = 100_000;

/// The largest ring a saved state may ask for: a hundred times the default window.
const MAX_DECODED_CAPACITY: usize = 100 * NEAR_DUP_WINDOW;

/// A recent article, as near-duplicate search remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remembered {
    /// Article id.
    pub id: String,
    /// SimHash.
    pub simhash: u64,
    /// Outlet.
    pub site: Option<String>,
    /// Story id.
    pub story_id: String,
}

/// A near copy found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMatch {
    /// The earlier article.
    pub original: Remembered,
    /// Bits apart.
    pub distance: u32,
}

/// The near-duplicate index: a ring of the last `capacity` articles plus one map per band.
#[derive(Debug)]
pub struct NearDupIndex {
    capacity: usize,
    slots: Vec<Option<Remembered>>,
    next: usize,
    bands: Vec<HashMap<u16, Vec<u32>>>,
}

impl Default for NearDupIndex {
    fn default() -> Self {
        NearDupIndex::with_capacity(NEAR_DUP_WINDOW)
    }
}

/// Bit range of band `b` (bands of 9 or 10 bits covering all 64).
fn band_bits(b: usize) -> (u32, u32) {
    let start = (b * 64 / BANDS) as u32;
    let end = ((b + 1) * 64 / BANDS) as u32;
    (start, end - start)
}

fn band_key(hash: u64, b: usize) -> u16 {
    let (start, len) = band_bits(b);
    ((hash >> start) & ((1u64 << len) - 1)) as u16
}

impl NearDupIndex {
    /// An index remembering at most `capacity` articles (at least one).
    pub fn with_capacity(capacity: usize) -> NearDupIndex {
        NearDupIndex {
            capacity: capacity.max(1),
            slots: Vec::new(),
            next: 0,
            bands: vec![HashMap::new(); BANDS],
        }
    }

    /// Number of articles remembered.
    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    /// True when nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(Option::is_none)
    }

    /// The closest remembered article within [`NEAR_DUP_MAX_HAMMING`] bits, earliest first
    /// on ties.
    pub fn find(&self, simhash: u64) -> Option<NearMatch> {
        self.find_where(simhash, |_| true)
    }

    /// As [`Self::find`], among the remembered articles `keep` accepts (those of one outlet).
    pub fn find_where(
        &self,
        simhash: u64,
        keep: impl Fn(&Remembered) -> bool,
    ) -> Option<NearMatch> {
        let mut best: Option<(u32, u32)> = None;
        for b in 0..BANDS {
            let Some(slots) = self.bands[b].get(&band_key(simhash, b)) else {
                continue;
            };
            for &slot in slots {
                let Some(Some(r)) = self.slots.get(slot as usize) else {
                    continue;
                };
                let d = (r.simhash ^ simhash).count_ones();
                if d <= NEAR_DUP_MAX_HAMMING
                    && keep(r)
                    && best.is_none_or(|(bd, bs)| (d, slot) < (bd, bs))
                {
                    best = Some((d, slot));
                }
            }
        }
        best.and_then(|(distance, slot)| {
            self.slots[slot as usize]
                .clone()
                .map(|original| NearMatch { original, distance })
        })
    }

    /// Remember an article, forgetting the oldest when full.
    pub fn insert(&mut self, r: Remembered) {
        let slot = self.next;
        self.next = (self.next + 1) % self.capacity;
        if slot == self.slots.len() {
            self.slots.push(None);
        }
        if let Some(old) = self.slots[slot].take() {
            for b in 0..BANDS {
                if let Some(v) = self.bands[b].get_mut(&band_key(old.simhash, b)) {
                    v.retain(|&s| s as usize != slot);
                    if v.is_empty() {
                        self.bands[b].remove(&band_key(old.simhash, b));
                    }
                }
            }
        }
        for b in 0..BANDS {
            self.bands[b]
                .entry(band_key(r.simhash, b))
                .or_default()
                .push(slot as u32);
        }
        self.slots[slot] = Some(r);
    }
}

impl NearDupIndex {
    /// Write the ring as it is (each slot, the next to fill, the capacity): which copy is
    /// found first on ties, and which article is forgotten next, follow the slots.
    pub(crate) fn encode(&self, e: &mut Enc) {
        e.len(self.capacity);
        e.len(self.next);
        e.len(self.slots.len());
        for slot in &self.slots {
            match slot {
                Some(r) => {
                    e.u8(1);
                    e.str(&r.id);
                    e.u64(r.simhash);
                    e.opt_str(r.site.as_deref());
                    e.str(&r.story_id);
                }
                None => e.u8(0),
            }
        }
    }

    /// The index [`Self::encode`] wrote (the band maps rebuilt), or `None`.
    pub(crate) fn decode(d: &mut Dec<'_>) -> Option<NearDupIndex> {
        let capacity = usize::try_from(d.u64()?).ok()?;
        let next = usize::try_from(d.u64()?).ok()?;
        let n = d.len(1)?;
        // A capacity beyond any window a writer sets is a damaged state, not an allocation
        // to attempt.
        if capacity == 0
            || capacity > MAX_DECODED_CAPACITY
            || n > capacity
            || next >= capacity
            || next > n
        {
            return None;
        }
        let mut index = NearDupIndex::with_capacity(capacity);
        for slot in 0..n {
            let r = match d.u8()? {
                0 => None,
                1 => Some(Remembered {
                    id: d.string()?,
                    simhash: d.u64()?,
                    site: d.opt_string()?,
                    story_id: d.string()?,
                }),
                _ => return None,
            };
            if let Some(r) = &r {
                for b in 0..BANDS {
                    index.bands[b]
                        .entry(band_key(r.simhash, b))
                        .or_default()
                        .push(slot as u32);
                }
            }
            index.slots.push(r);
        }
        index.next = next;
        Some(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rem(id: &str, simhash: u64) -> Remembered {
        Remembered {
            id: id.into(),
            simhash,
            site: None,
            story_id: id.into(),
        }
    }

    #[test]
    fn bands_cover_all_64_bits_once() {
        let total: u32 = (0..BANDS).map(|b| band_bits(b).1).sum();
        assert_eq!(total, 64);
    }

    #[test]
    fn finds_a_copy_within_the_threshold_and_not_beyond() {
        let mut idx = NearDupIndex::with_capacity(10);
        let h = 0x0123_4567_89ab_cdef_u64;
        idx.insert(rem("a", h));
        // Six bits flipped, one in each of six bands.
        let six = h ^ (1 | 1 << 10 | 1 << 19 | 1 << 28 | 1 << 37 | 1 << 46);
        assert_eq!(idx.find(six).map(|m| m.distance), Some(6));
        let seven = six ^ (1 << 55);
        assert_eq!(idx.find(seven), None);
    }

    #[test]
    fn the_oldest_article_is_forgotten_when_full() {
        let mut idx = NearDupIndex::with_capacity(2);
        idx.insert(rem("a", 1));
        idx.insert(rem("b", 1 << 40 | 0xffff));
        idx.insert(rem("c", u64::MAX));
        assert_eq!(idx.len(), 2);
        assert_eq!(idx.find(1), None);
        assert_eq!(
            idx.find(u64::MAX).map(|m| m.original.id),
            Some("c".to_string())
        );
    }
}
