//! A small binary form for the story stage's saved state (the settle's checkpoints): fixed
//! little-endian integers, floats by their bits (so a weight comes back with the same bits and
//! a decision at a threshold does not change across a save), strings with their byte length.
//! Decoding returns `None` on anything short or malformed; the caller then starts afresh.

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub(crate) struct Enc(pub(crate) Vec<u8>);

impl Enc {
    pub(crate) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }

    pub(crate) fn f32(&mut self, v: f32) {
        self.u32(v.to_bits());
    }

    pub(crate) fn opt_i32(&mut self, v: Option<i32>) {
        match v {
            Some(d) => {
                self.u8(1);
                self.u32(d as u32);
            }
            None => self.u8(0),
        }
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    pub(crate) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
}

/// Reads values back in the order [`Enc`] wrote them.
#[derive(Debug)]
pub(crate) struct Dec<'a> {
    bytes: &'a [u8],
}

impl<'a> Dec<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Dec<'a> {
        Dec { bytes }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.bytes.len() < n {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }

    /// A count, refused when it could not fit in what is left (each item takes at least
    /// `min_item` bytes), so a corrupt length cannot ask for a huge allocation.
    pub(crate) fn len(&mut self, min_item: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(min_item.max(1))? <= self.bytes.len()).then_some(n)
    }

    pub(crate) fn f32(&mut self) -> Option<f32> {
        self.u32().map(f32::from_bits)
    }

    pub(crate) fn opt_i32(&mut self) -> Option<Option<i32>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.u32()? as i32)),
            _ => None,
        }
    }

    pub(crate) fn string(&mut self) -> Option<String> {
        let n = self.len(1)?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    pub(crate) fn opt_string(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.string()?)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_as_written_and_a_short_buffer_gives_none() {
        let mut e = Enc::default();
        e.u8(7);
        e.u64(u64::MAX - 3);
        e.f32(0.1);
        e.opt_i32(Some(-20_300));
        e.opt_i32(None);
        e.str("Ünïcode");
        e.opt_str(None);
        let bytes = e.0;
        let mut d = Dec::new(&bytes);
        assert_eq!(d.u8(), Some(7));
        assert_eq!(d.u64(), Some(u64::MAX - 3));
        assert_eq!(d.f32().map(f32::to_bits), Some(0.1f32.to_bits()));
        assert_eq!(d.opt_i32(), Some(Some(-20_300)));
        assert_eq!(d.opt_i32(), Some(None));
        assert_eq!(d.string().as_deref(), Some("Ünïcode"));
        assert_eq!(d.opt_string(), Some(None));
        assert!(d.is_empty());
        let mut short = Dec::new(&bytes[..bytes.len() - 3]);
        short.u8();
        short.u64();
        short.f32();
        short.opt_i32();
        short.opt_i32();
        assert_eq!(short.string(), None);
    }

    #[test]
    fn a_length_larger_than_the_rest_is_refused() {
        let mut e = Enc::default();
        e.len(1 << 40);
        assert_eq!(Dec::new(&e.0).len(1), None);
    }
}
