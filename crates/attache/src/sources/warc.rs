//! A WARC reader built for damaged archives: `.warc` or `.warc.gz` as Common Crawl publishes
//! them (one gzip member per record), plus whole-file gzip.
//!
//! Each gzip member is decoded on its own, so a corrupt or truncated member costs only its
//! records: the reader scans forward to the next gzip header and goes on. Records with bad
//! headers are skipped up to the next `WARC/` line. Every problem is an item with a reason,
//! never an abort; memory stays bounded by the record size cap.

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;

/// The gzip magic number and deflate method byte that start every member.
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Longest WARC or HTTP header line kept; longer lines are malformed (a binary blob where a
/// header should be).
const MAX_HEADER_LINE: usize = 64 * 1024;

/// Most header lines in one WARC record header.
const MAX_HEADER_LINES: usize = 256;

/// One item read from a WARC file.
#[derive(Debug)]
pub enum WarcItem {
    /// A `response` record.
    Response(WarcResponse),
    /// A record of another type (`request`, `metadata`, `warcinfo`...), not an article.
    Other {
        /// The WARC-Type.
        kind: String,
    },
    /// A record that could not be used.
    Bad {
        /// Why.
        reason: WarcProblem,
    },
}

/// A response record's useful parts.
#[derive(Debug, Default)]
pub struct WarcResponse {
    /// WARC-Target-URI.
    pub uri: Option<String>,
    /// WARC-Date.
    pub date: Option<String>,
    /// The whole HTTP response (status line, headers, body), as stored.
    pub http: Vec<u8>,
}

/// Why a record was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarcProblem {
    /// A record header that does not parse (no `WARC/` version line, no Content-Length...).
    MalformedHeader,
    /// The record ends before its Content-Length (a cut file or member).
    Truncated,
    /// A gzip member that does not decode.
    CorruptGzip,
    /// A record larger than the size cap.
    Oversized,
}

impl WarcProblem {
    /// Name used in run reports.
    pub fn name(self) -> &'static str {
        match self {
            WarcProblem::MalformedHeader => "warc_malformed_header",
            WarcProblem::Truncated => "warc_truncated_record",
            WarcProblem::CorruptGzip => "warc_corrupt_gzip",
            WarcProblem::Oversized => "oversized",
        }
    }
}

/// Reads a WARC stream, calling `emit` for every item in order. `emit` returns `false` to stop.
/// I/O errors of the underlying file end the read (they are returned); format problems never do.
pub fn read_warc<R: Read>(
    input: R,
    max_record: usize,
    emit: &mut dyn FnMut(WarcItem) -> bool,
) -> io::Result<()> {
    let mut raw = Replay::new(BufReader::with_capacity(256 * 1024, input));
    let head = raw.fill_buf()?;
    if !head.starts_with(&GZIP_MAGIC[..2]) {
        return read_records(&mut raw, max_record, emit).map(|_| ());
    }
    // The compressed bytes of the member being decoded are kept (up to this many), so that
    // when it turns out damaged the scan for the next member starts right after its first
    // byte, not after whatever the inflater read past a cut: a truncated member's inflater
    // reads on into the next member and would otherwise take its header with it.
    let keep = max_record.saturating_mul(2).max(1 << 20);
    loop {
        if raw.fill_buf()?.is_empty() {
            return Ok(());
        }
        raw.record(keep);
        let mut member = BufReader::new(GzDecoder::new(&mut raw));
        let outcome = read_records(&mut member, max_record, emit);
        drop(member);
        let consumed = raw.stop_recording();
        match outcome {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            // A decoding error and a read error look alike through the decoder; a real read
            // error shows up again when scanning the raw file below and is returned there.
            Err(_) => {
                // The member is damaged: report it and resynchronise on the next gzip header.
                if !emit(WarcItem::Bad {
                    reason: WarcProblem::CorruptGzip,
                }) {
                    return Ok(());
                }
                if let Some(bytes) = consumed {
                    raw.unread(bytes);
                }
                if !skip_to_gzip_header(&mut raw)? {
                    return Ok(());
                }
            }
        }
    }
}

/// A buffered reader that can record the bytes consumed since [`Replay::record`] (up to a
/// cap) and put bytes back in front of the stream ([`Replay::unread`]).
struct Replay<R> {
    inner: BufReader<R>,
    /// Bytes put back, served before `inner`'s, from `back_at`.
    back: Vec<u8>,
    back_at: usize,
    /// Bytes consumed while recording; `None` when not recording or over the cap.
    recorded: Option<Vec<u8>>,
    cap: usize,
}

impl<R: Read> Replay<R> {
    fn new(inner: BufReader<R>) -> Self {
        Replay {
            inner,
            back: Vec::new(),
            back_at: 0,
            recorded: None,
            cap: 0,
        }
    }

    /// Start recording consumed bytes, keeping at most `cap` (beyond it, nothing is kept).
    fn record(&mut self, cap: usize) {
        self.recorded = Some(Vec::new());
        self.cap = cap;
    }

    /// Stop recording; the bytes consumed since [`Replay::record`], unless over the cap.
    fn stop_recording(&mut self) -> Option<Vec<u8>> {
        self.recorded.take()
    }

    /// Put `bytes` back in front of what is still unread.
    fn unread(&mut self, mut bytes: Vec<u8>) {
        bytes.extend_from_slice(&self.back[self.back_at..]);
        self.back = bytes;
        self.back_at = 0;
    }

    fn keep(&mut self, consumed: &[u8]) {
        if let Some(r) = &mut self.recorded {
            if r.len() + consumed.len() <= self.cap {
                r.extend_from_slice(consumed);
            } else {
                self.recorded = None;
            }
        }
    }
}

impl<R: Read> Read for Replay<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Replay<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.back_at < self.back.len() {
            return Ok(&self.back[self.back_at..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.back_at < self.back.len() {
            let n = n.min(self.back.len() - self.back_at);
            let (from, to) = (self.back_at, self.back_at + n);
            if self.recorded.is_some() {
                let consumed = self.back[from..to].to_vec();
                self.keep(&consumed);
            }
            self.back_at = to;
            if self.back_at == self.back.len() {
                self.back.clear();
                self.back_at = 0;
            }
        } else {
            let n = n.min(self.inner.buffer().len());
            if self.recorded.is_some() {
                let consumed = self.inner.buffer()[..n].to_vec();
                self.keep(&consumed);
            }
            self.inner.consume(n);
        }
    }
}

/// Advance `raw` to the next gzip member header (skipping at least one byte). `false` at EOF.
fn skip_to_gzip_header<R: BufRead>(raw: &mut R) -> io::Result<bool> {
    let available = raw.fill_buf()?.len();
    raw.consume(1.min(available));
    loop {
        let buf = raw.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        if let Some(i) = memchr::memchr(GZIP_MAGIC[0], buf) {
            let candidate = &buf[i..buf.len().min(i + GZIP_MAGIC.len())];
            // A candidate cut by the buffer's end is accepted on its visible prefix: if it is
            // a false start, decoding fails and the scan resumes one byte later.
            if GZIP_MAGIC.starts_with(candidate) {
                raw.consume(i);
                return Ok(true);
            }
            raw.consume(i + 1);
        } else {
            let n = buf.len();
            raw.consume(n);
        }
    }
}

/// Read records until EOF of `r`. `Ok(false)` when `emit` asked to stop. Decoding errors of a
/// gzip member surface as `Err` (the caller resynchronises).
fn read_records<R: BufRead>(
    r: &mut R,
    max_record: usize,
    emit: &mut dyn FnMut(WarcItem) -> bool,
) -> io::Result<bool> {
    let mut line = Vec::new();
    loop {
        // Find the version line, skipping blank lines between records and, after a bad
        // record, everything up to the next `WARC/` line.
        let mut skipped_garbage = false;
        loop {
            line.clear();
            if read_line(r, &mut line)? == 0 {
                if skipped_garbage && !emit(bad(WarcProblem::MalformedHeader)) {
                    return Ok(false);
                }
                return Ok(true);
            }
            if line.starts_with(b"WARC/") {
                break;
            }
            if !trim(&line).is_empty() {
                skipped_garbage = true;
            }
        }
        if skipped_garbage && !emit(bad(WarcProblem::MalformedHeader)) {
            return Ok(false);
        }
        let mut kind = None;
        let mut uri = None;
        let mut date = None;
        let mut length: Option<Result<u64, ()>> = None;
        let mut malformed = false;
        let mut lines = 0;
        loop {
            line.clear();
            if read_line(r, &mut line)? == 0 {
                return Ok(emit(bad(WarcProblem::Truncated)));
            }
            let l = trim(&line);
            if l.is_empty() {
                break;
            }
            lines += 1;
            if lines > MAX_HEADER_LINES || line.len() > MAX_HEADER_LINE {
                malformed = true;
                continue;
            }
            let Some(colon) = l.iter().position(|&b| b == b':') else {
                malformed = true;
                continue;
            };
            let name = String::from_utf8_lossy(&l[..colon])
                .trim()
                .to_ascii_lowercase();
            let value = String::from_utf8_lossy(&l[colon + 1..]).trim().to_string();
            match name.as_str() {
                "warc-type" => kind = Some(value),
                "warc-target-uri" => {
                    uri = Some(
                        value
                            .trim_start_matches('<')
                            .trim_end_matches('>')
                            .to_string(),
                    )
                }
                "warc-date" => date = Some(value),
                "content-length" => length = Some(value.parse::<u64>().map_err(|_| ())),
                _ => {}
            }
        }
        let Some(Ok(length)) = length else {
            // Without a length the record's end is unknown: resynchronise on the next one.
            if !emit(bad(WarcProblem::MalformedHeader)) {
                return Ok(false);
            }
            continue;
        };
        if malformed || kind.is_none() {
            let (got, _) = skip(r, length)?;
            let problem = if got < length {
                WarcProblem::Truncated
            } else {
                WarcProblem::MalformedHeader
            };
            if !emit(bad(problem)) {
                return Ok(false);
            }
            continue;
        }
        let kind = kind.unwrap_or_default();
        if kind != "response" {
            let (got, _) = skip(r, length)?;
            let item = if got < length {
                bad(WarcProblem::Truncated)
            } else {
                WarcItem::Other { kind }
            };
            if !emit(item) {
                return Ok(false);
            }
            continue;
        }
        if length > max_record as u64 {
            let (got, _) = skip(r, length)?;
            let problem = if got < length {
                WarcProblem::Truncated
            } else {
                WarcProblem::Oversized
            };
            if !emit(bad(problem)) {
                return Ok(false);
            }
            continue;
        }
        let mut http = Vec::with_capacity(length as usize);
        let got = r.take(length).read_to_end(&mut http)? as u64;
        if got < length {
            return Ok(emit(bad(WarcProblem::Truncated)));
        }
        if !emit(WarcItem::Response(WarcResponse { uri, date, http })) {
            return Ok(false);
        }
    }
}

fn bad(reason: WarcProblem) -> WarcItem {
    WarcItem::Bad { reason }
}

/// Read one line (through `\n`), keeping at most [`MAX_HEADER_LINE`] + 1 bytes of it so a
/// binary blob without newlines cannot exhaust memory. Returns bytes consumed.
fn read_line<R: BufRead>(r: &mut R, out: &mut Vec<u8>) -> io::Result<usize> {
    let mut total = 0;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(total);
        }
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let room = (MAX_HEADER_LINE + 1).saturating_sub(out.len());
        out.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let n = chunk.len();
        r.consume(n);
        total += n;
        if done {
            return Ok(total);
        }
    }
}

fn skip<R: BufRead>(r: &mut R, length: u64) -> io::Result<(u64, ())> {
    let got = io::copy(&mut r.take(length), &mut io::sink())?;
    Ok((got, ()))
}

fn trim(line: &[u8]) -> &[u8] {
    let mut end = line.len();
    while end > 0 && (line[end - 1] == b'\n' || line[end - 1] == b'\r') {
        end -= 1;
    }
    &line[..end]
}

/// What a stored HTTP response says about its body.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct HttpParts<'a> {
    /// Status code (0 when the status line does not parse).
    pub status: u16,
    /// Content-Type value.
    pub content_type: Option<String>,
    /// Transfer-Encoding or X-Crawler-Transfer-Encoding says chunked and the body still is.
    pub chunked: bool,
    /// Content-Encoding (gzip, deflate, br...), when the body is still encoded.
    pub content_encoding: Option<String>,
    /// The body.
    pub body: &'a [u8],
}

/// Split a stored HTTP response into status, headers and body. `None` when there is no HTTP
/// status line at all.
pub fn parse_http(bytes: &[u8]) -> Option<HttpParts<'_>> {
    if !bytes.starts_with(b"HTTP/") {
        return None;
    }
    let end = memchr::memmem::find(bytes, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(bytes, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&bytes[..end.0]);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut parts = HttpParts {
        status,
        body: &bytes[end.1..],
        ..HttpParts::default()
    };
    for l in lines {
        let Some((name, value)) = l.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => parts.content_type = Some(value.to_string()),
            "transfer-encoding" => parts.chunked |= value.eq_ignore_ascii_case("chunked"),
            "content-encoding" if !value.eq_ignore_ascii_case("identity") => {
                parts.content_encoding = Some(value.to_ascii_lowercase())
            }
            _ => {}
        }
    }
    Some(parts)
}

/// Undo chunked transfer encoding; `None` when the body is not validly chunked (crawlers
/// often store the decoded body under the original header, so the caller keeps it as is).
pub fn dechunk(body: &[u8], max: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = body;
    loop {
        let nl = memchr::memchr(b'\n', rest)?;
        let size_text = std::str::from_utf8(&rest[..nl]).ok()?.trim();
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        if rest.len() < size || out.len() + size > max {
            return None;
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, uri: &str, payload: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-10-30T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
            payload.len()
        )
        .into_bytes();
        r.extend_from_slice(payload);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = e.write_all(bytes);
        e.finish().unwrap_or_default()
    }

    fn read_all(bytes: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        let r = read_warc(bytes, 1 << 20, &mut |item| {
            out.push(match item {
                WarcItem::Response(r) => format!("response {}", r.uri.unwrap_or_default()),
                WarcItem::Other { kind } => kind,
                WarcItem::Bad { reason } => reason.name().to_string(),
            });
            true
        });
        assert!(r.is_ok(), "{r:?}");
        out
    }

    const PAGE: &[u8] =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html>hi</html>";

    #[test]
    fn reads_plain_and_per_record_gzip_archives() {
        let mut plain = record("warcinfo", "", b"software: test");
        plain.extend(record("response", "<https://a.example/1>", PAGE));
        assert_eq!(
            read_all(&plain),
            ["warcinfo", "response https://a.example/1"]
        );
        let mut members = gz(&record(
            "request",
            "https://a.example/1",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        members.extend(gz(&record("response", "https://a.example/2", PAGE)));
        assert_eq!(
            read_all(&members),
            ["request", "response https://a.example/2"]
        );
        assert_eq!(
            read_all(&gz(&plain)),
            ["warcinfo", "response https://a.example/1"]
        );
    }

    #[test]
    fn a_corrupt_member_costs_only_its_record() {
        let first = gz(&record("response", "https://a.example/1", PAGE));
        let mut broken = gz(&record("response", "https://a.example/2", PAGE));
        let mid = broken.len() / 2;
        broken[mid..mid + 8].copy_from_slice(b"garbage!");
        let third = gz(&record("response", "https://a.example/3", PAGE));
        let all = [first, broken, third].concat();
        let got = read_all(&all);
        assert_eq!(
            got.first().map(String::as_str),
            Some("response https://a.example/1")
        );
        assert_eq!(
            got.last().map(String::as_str),
            Some("response https://a.example/3")
        );
        assert!(got.iter().any(|g| g == "warc_corrupt_gzip"), "{got:?}");
    }

    /// Issue 15: a member cut short lost the next record too (the inflater read on into the
    /// next member and took its header).
    #[test]
    fn a_truncated_member_does_not_cost_the_next_record() {
        let first = gz(&record("response", "https://a.example/1", PAGE));
        let cut = gz(&record("response", "https://a.example/2", PAGE));
        let third = gz(&record("response", "https://a.example/3", PAGE));
        let fourth = gz(&record("response", "https://a.example/4", PAGE));
        let all = [first, cut[..cut.len() / 2].to_vec(), third, fourth].concat();
        let got = read_all(&all);
        assert!(
            got.iter().any(|g| g == "response https://a.example/3"),
            "{got:?}"
        );
        assert!(
            got.iter().any(|g| g == "response https://a.example/4"),
            "{got:?}"
        );
        assert!(got.iter().any(|g| g == "warc_corrupt_gzip"), "{got:?}");
    }

    /// Issue 15: a damaged first member; every later record is still read.
    #[test]
    fn a_damaged_first_member_costs_only_its_record() {
        let mut first = gz(&record("response", "https://a.example/1", PAGE));
        let mid = first.len() / 2;
        first[mid..mid + 8].copy_from_slice(b"garbage!");
        let second = gz(&record("response", "https://a.example/2", PAGE));
        let got = read_all(&[first, second].concat());
        assert_eq!(
            got.last().map(String::as_str),
            Some("response https://a.example/2"),
            "{got:?}"
        );
    }

    #[test]
    fn a_cut_archive_reports_a_truncated_record() {
        let mut all = gz(&record("response", "https://a.example/1", PAGE));
        let second = gz(&record("response", "https://a.example/2", PAGE));
        all.extend_from_slice(&second[..second.len() / 2]);
        let got = read_all(&all);
        assert_eq!(got[0], "response https://a.example/1");
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn malformed_headers_are_skipped_to_the_next_record() {
        let mut bytes = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: banana\r\n\r\n<html>x</html>\r\n\r\n".to_vec();
        bytes.extend(b"\x00\x01binary junk\r\n");
        bytes.extend(record("response", "https://a.example/ok", PAGE));
        let got = read_all(&bytes);
        assert_eq!(
            got.last().map(String::as_str),
            Some("response https://a.example/ok")
        );
        assert!(got.iter().any(|g| g == "warc_malformed_header"), "{got:?}");
    }

    #[test]
    fn oversized_records_are_skipped_without_being_held() {
        let big = vec![b'a'; 4096];
        let bytes = [
            record("response", "https://a.example/big", &big),
            record("response", "https://a.example/ok", PAGE),
        ]
        .concat();
        let mut out = Vec::new();
        let _ = read_warc(&bytes[..], 1024, &mut |item| {
            out.push(matches!(
                item,
                WarcItem::Bad {
                    reason: WarcProblem::Oversized
                }
            ));
            true
        });
        assert_eq!(out, [true, false]);
    }

    #[test]
    fn http_parts_and_chunked_bodies_are_read() {
        let parts = parse_http(PAGE).unwrap_or_default();
        assert_eq!(parts.status, 200);
        assert_eq!(
            parts.content_type.as_deref(),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(parts.body, b"<html>hi</html>");
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", 100).as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"<html>", 100), None);
        assert_eq!(parse_http(b"garbage"), None);
    }
}
