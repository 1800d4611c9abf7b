//! The file format of every trained model: a small container with a header naming what the
//! model is and how it was made, named binary sections, and a checksum.
//!
//! Layout (all integers little-endian or LEB128 varints):
//! ```text
//! "ATTACHE-MODEL\n"        magic
//! varint  format version   (FORMAT_VERSION)
//! string  kind             ("tagger", "parser", "ner", "coref")
//! string  info             free text: training command, data, scores, licence
//! varint  section count
//!   string name, varint length, bytes      (per section)
//! u64     FNV-1a checksum of everything above
//! ```
//! A file that is truncated, altered, of another kind or of another format version is refused
//! with an error that says which, never read half-way.

use crate::AnalysisError;

const MAGIC: &[u8] = b"ATTACHE-MODEL\n";
/// The container format this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// A model file's content: its kind, its description, and named sections of bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModelFile {
    /// What the model is ("tagger", "parser", "ner", "coref").
    pub kind: String,
    /// Free text: training command, data and its licence, scores.
    pub info: String,
    /// Named sections, in the order written.
    pub sections: Vec<(String, Vec<u8>)>,
}

impl ModelFile {
    /// An empty model file of this kind.
    pub fn new(kind: &str, info: &str) -> Self {
        ModelFile {
            kind: kind.to_string(),
            info: info.to_string(),
            sections: Vec::new(),
        }
    }

    /// Add a section.
    pub fn push(&mut self, name: &str, bytes: Vec<u8>) {
        self.sections.push((name.to_string(), bytes));
    }

    /// The bytes of section `name`; an error naming the model when it is absent.
    pub fn section(&self, name: &str, what: &str) -> Result<&[u8], AnalysisError> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
            .ok_or_else(|| AnalysisError::Model {
                what: what.to_string(),
                problem: format!("no `{name}` section"),
            })
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes_raw(MAGIC);
        w.varint(FORMAT_VERSION);
        w.string(&self.kind);
        w.string(&self.info);
        w.varint(self.sections.len() as u64);
        for (name, bytes) in &self.sections {
            w.string(name);
            w.varint(bytes.len() as u64);
            w.bytes_raw(bytes);
        }
        let sum = fnv64(&w.buf);
        w.buf.extend_from_slice(&sum.to_le_bytes());
        w.buf
    }

    /// Read a model file's bytes. `what` names it in errors (a path or "built-in tagger");
    /// `kind` is the kind the caller expects.
    pub fn from_bytes(bytes: &[u8], what: &str, kind: &str) -> Result<ModelFile, AnalysisError> {
        let bad = |problem: String| AnalysisError::Model {
            what: what.to_string(),
            problem,
        };
        if !bytes.starts_with(MAGIC) {
            return Err(bad(
                "not an attache model file (no ATTACHE-MODEL header)".into()
            ));
        }
        if bytes.len() < MAGIC.len() + 8 {
            return Err(bad("truncated".into()));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let mut sum_bytes = [0u8; 8];
        sum_bytes.copy_from_slice(sum);
        if fnv64(body) != u64::from_le_bytes(sum_bytes) {
            return Err(bad(
                "checksum mismatch: the file is corrupt or truncated; retrain it or restore it from the repository"
                    .into(),
            ));
        }
        let mut r = Reader::new(&body[MAGIC.len()..], what);
        let version = r.varint()?;
        if version != FORMAT_VERSION {
            return Err(bad(format!(
                "format version {version}, this build reads version {FORMAT_VERSION}"
            )));
        }
        let file_kind = r.string()?;
        if file_kind != kind {
            return Err(bad(format!(
                "is a {file_kind} model, expected a {kind} model"
            )));
        }
        let info = r.string()?;
        let count = r.varint()?;
        let mut sections = Vec::new();
        for _ in 0..count {
            let name = r.string()?;
            let len = r.len()?;
            sections.push((name, r.take(len)?.to_vec()));
        }
        if !r.is_empty() {
            return Err(bad("bytes after the last section".into()));
        }
        Ok(ModelFile {
            kind: file_kind,
            info,
            sections,
        })
    }

    /// Read a model file from disk.
    pub fn read(path: &std::path::Path, kind: &str) -> Result<ModelFile, AnalysisError> {
        let bytes = std::fs::read(path).map_err(|source| AnalysisError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        ModelFile::from_bytes(&bytes, &path.display().to_string(), kind)
    }

    /// Write a model file to disk (through a temporary file, so a crash never leaves half a
    /// model behind).
    pub fn write(&self, path: &std::path::Path) -> Result<(), AnalysisError> {
        let io = |source| AnalysisError::Io {
            path: path.to_path_buf(),
            source,
        };
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, self.to_bytes()).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }
}

/// FNV-1a, 64 bits: a checksum that is stable across builds and platforms.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    /// What has been written so far.
    pub buf: Vec<u8>,
}

impl Writer {
    /// An unsigned LEB128 varint.
    pub fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(byte);
                return;
            }
            self.buf.push(byte | 0x80);
        }
    }

    /// A signed varint (zig-zag encoded, so small negative numbers stay short).
    pub fn signed(&mut self, v: i64) {
        self.varint(((v << 1) ^ (v >> 63)) as u64);
    }

    /// An `f32`, little-endian.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// A length-prefixed UTF-8 string.
    pub fn string(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// Bytes as they are.
    pub fn bytes_raw(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }
}

/// Reads values back from a byte slice; every read checks the bounds and names the model.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    what: &'a str,
}

impl<'a> Reader<'a> {
    /// A reader over `bytes`; `what` names the model in errors.
    pub fn new(bytes: &'a [u8], what: &'a str) -> Self {
        Reader {
            bytes,
            pos: 0,
            what,
        }
    }

    /// True when everything has been read.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn truncated(&self) -> AnalysisError {
        AnalysisError::Model {
            what: self.what.to_string(),
            problem: format!("truncated at byte {}", self.pos),
        }
    }

    /// An error naming the model, for checks the caller makes.
    pub fn error(&self, problem: impl Into<String>) -> AnalysisError {
        AnalysisError::Model {
            what: self.what.to_string(),
            problem: problem.into(),
        }
    }

    /// An unsigned varint.
    pub fn varint(&mut self) -> Result<u64, AnalysisError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let Some(&byte) = self.bytes.get(self.pos) else {
                return Err(self.truncated());
            };
            self.pos += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.error("varint longer than 64 bits"))
    }

    /// A varint used as a length or count: refused when larger than what is left to read,
    /// so a corrupt length cannot make the reader allocate without bound.
    pub fn len(&mut self) -> Result<usize, AnalysisError> {
        let v = self.varint()?;
        let left = (self.bytes.len() - self.pos) as u64;
        if v > left {
            return Err(self.error(format!("length {v} is beyond the {left} bytes left")));
        }
        Ok(v as usize)
    }

    /// A signed (zig-zag) varint.
    pub fn signed(&mut self) -> Result<i64, AnalysisError> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// An `f32`.
    pub fn f32(&mut self) -> Result<f32, AnalysisError> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A length-prefixed UTF-8 string.
    pub fn string(&mut self) -> Result<String, AnalysisError> {
        let len = self.len()?;
        let b = self.take(len)?;
        String::from_utf8(b.to_vec()).map_err(|_| self.error("a string is not UTF-8"))
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], AnalysisError> {
        let end = self.pos.checked_add(n).ok_or_else(|| self.truncated())?;
        let b = self
            .bytes
            .get(self.pos..end)
            .ok_or_else(|| self.truncated())?;
        self.pos = end;
        Ok(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ModelFile {
        let mut f = ModelFile::new("tagger", "trained by a test");
        f.push("weights", vec![1, 2, 3]);
        f.push("labels", b"NOUN\nVERB".to_vec());
        f
    }

    #[test]
    fn a_model_file_reads_back_what_was_written() {
        let f = sample();
        let back = ModelFile::from_bytes(&f.to_bytes(), "sample", "tagger").unwrap();
        assert_eq!(back, f);
        assert_eq!(back.section("weights", "sample").unwrap(), &[1, 2, 3]);
    }

    #[test]
    fn a_flipped_byte_is_a_checksum_error() {
        let mut bytes = sample().to_bytes();
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x40;
        let err = ModelFile::from_bytes(&bytes, "m.bin", "tagger")
            .unwrap_err()
            .to_string();
        assert!(err.contains("m.bin") && err.contains("checksum"), "{err}");
    }

    #[test]
    fn every_truncation_is_an_error_never_a_panic() {
        let bytes = sample().to_bytes();
        for cut in 0..bytes.len() {
            assert!(ModelFile::from_bytes(&bytes[..cut], "m", "tagger").is_err());
        }
    }

    #[test]
    fn a_model_of_another_kind_is_refused_by_name() {
        let err = ModelFile::from_bytes(&sample().to_bytes(), "m", "parser")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("is a tagger model, expected a parser model"),
            "{err}"
        );
    }

    #[test]
    fn varints_and_signed_values_round_trip() {
        let mut w = Writer::default();
        for v in [0u64, 1, 127, 128, 300, u64::MAX] {
            w.varint(v);
        }
        for v in [0i64, -1, 1, -300, i64::MIN, i64::MAX] {
            w.signed(v);
        }
        let mut r = Reader::new(&w.buf, "t");
        for v in [0u64, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.varint().unwrap(), v);
        }
        for v in [0i64, -1, 1, -300, i64::MIN, i64::MAX] {
            assert_eq!(r.signed().unwrap(), v);
        }
        assert!(r.is_empty());
    }

    #[test]
    fn a_huge_length_is_refused_before_allocating() {
        let mut w = Writer::default();
        w.varint(1 << 40);
        let mut r = Reader::new(&w.buf, "t");
        assert!(r.string().is_err());
    }
}
