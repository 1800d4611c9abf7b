//! Page bytes to text: which encoding a page is in, and whether it is a page at all.
//!
//! [`decode`] follows the order a browser uses (WHATWG HTML "determining the character
//! encoding"): a byte order mark wins, then the HTTP `Content-Type` charset, then a
//! `<meta charset>` / `<meta http-equiv=Content-Type>` found by a prescan of the first bytes,
//! then a guess: UTF-8 when the bytes are valid UTF-8, else windows-1252 (what browsers use for
//! undeclared Western pages). Labels are resolved with the WHATWG label table
//! ([`encoding_rs::Encoding::for_label`]), so `latin1`, `iso-8859-1` and `ascii` all mean
//! windows-1252, as they do in browsers. Invalid bytes become U+FFFD; nothing here panics.
//!
//! [`sniff`] tells HTML from plain text from binary files (images, PDFs, archives) before any
//! decoding is attempted.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How many bytes the `<meta charset>` prescan reads. The standard says 1024; many real pages
/// put kilobytes of inline scripts and link tags before their charset declaration, and a wrong
/// guess costs more than reading a few more bytes.
const META_PRESCAN_BYTES: usize = 8192;

/// How many bytes [`sniff`] looks at: enough to pass a long doctype, comments and a BOM.
const SNIFF_BYTES: usize = 2048;

/// Share of control characters (other than tab, newline, carriage return, form feed and
/// escape) above which a byte string is binary. Text files have none; a few stray ones come
/// from bad conversions, so one in twenty is still text.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// Where the encoding of a decoded page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte order mark at the start of the bytes.
    ByteOrderMark,
    /// The `charset` parameter of the HTTP `Content-Type` header.
    ContentType,
    /// A `<meta charset>` or `<meta http-equiv=Content-Type>` declaration in the page.
    MetaTag,
    /// No usable declaration: guessed from the bytes themselves.
    Guessed,
}

/// A decoded page: its text and how the encoding was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, borrowed when the bytes were already valid UTF-8 without a BOM.
    pub text: Cow<'a, str>,
    /// The WHATWG name of the encoding used, e.g. `UTF-8`, `windows-1252`, `ISO-8859-2`.
    pub encoding: &'static str,
    /// Where that encoding came from.
    pub source: EncodingSource,
    /// Whether some bytes were invalid in that encoding and became U+FFFD.
    pub had_errors: bool,
}

/// Decode page bytes to text; see the module documentation for the order of evidence.
///
/// `content_type` is the HTTP `Content-Type` header value when there was one, e.g.
/// `text/html; charset=ISO-8859-1`.
pub fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    decode_detailed(bytes, content_type).text
}

/// [`decode`], also saying which encoding was used and why.
pub fn decode_detailed<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Decoded<'a> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return run(encoding, rest, EncodingSource::ByteOrderMark);
    }
    if let Some(encoding) = content_type
        .and_then(charset_parameter)
        .and_then(usable_label)
    {
        return run(encoding, bytes, EncodingSource::ContentType);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return run(encoding, bytes, EncodingSource::Guessed);
    }
    if let Some(declared) = prescan_meta_charset(bytes) {
        // A page cannot declare UTF-16 in an ASCII-compatible <meta>: if we could read the tag,
        // the page is not UTF-16. Browsers read it as UTF-8 then (WHATWG "prescan", step 2.11).
        let declared = if declared == UTF_16LE || declared == UTF_16BE {
            UTF_8
        } else {
            declared
        };
        // Pages labelled Latin-1 that are really UTF-8 are common (CMS templates keep an old
        // header). Valid multi-byte UTF-8 is almost never produced by chance from Latin-1 text,
        // so trusting the bytes over the label is the safer error.
        if declared != UTF_8 && is_western_single_byte(declared) && is_non_ascii_utf8(bytes) {
            return run(UTF_8, bytes, EncodingSource::Guessed);
        }
        return run(declared, bytes, EncodingSource::MetaTag);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return run(UTF_8, bytes, EncodingSource::Guessed);
    }
    run(WINDOWS_1252, bytes, EncodingSource::Guessed)
}

fn run<'a>(encoding: &'static Encoding, bytes: &'a [u8], source: EncodingSource) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding: encoding.name(),
        source,
        had_errors,
    }
}

/// An encoding for a label, refusing the `replacement` encoding (which decodes any input to a
/// single U+FFFD: a page labelled that way is better read with the fallback guess).
fn usable_label(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    if encoding == encoding_rs::REPLACEMENT {
        return None;
    }
    Some(encoding)
}

fn is_western_single_byte(encoding: &'static Encoding) -> bool {
    encoding == WINDOWS_1252 || encoding == encoding_rs::ISO_8859_15
}

/// Valid UTF-8 that holds at least one multi-byte sequence.
fn is_non_ascii_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// UTF-16 without a BOM, recognised by markup or text whose every other byte is zero
/// (`<\0h\0t\0` is UTF-16LE, `\0<\0h` UTF-16BE).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(64)];
    if head.len() < 8 {
        return None;
    }
    let even_zero = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    // Nearly all of one parity zero and none of the other: ASCII text in 16-bit units.
    if odd_zero * 10 >= half * 9 && even_zero == 0 {
        Some(UTF_16LE)
    } else if even_zero * 10 >= half * 9 && odd_zero == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The `charset` parameter of a `Content-Type` value (`text/html; charset="utf-8"`).
pub fn charset_parameter(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content_type.get(at + "charset".len()..)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    let value = &rest[..end];
    (!value.is_empty()).then_some(value)
}

/// The encoding declared by a `<meta>` tag in the first [`META_PRESCAN_BYTES`] bytes, in the
/// manner of the WHATWG prescan: comments are skipped, the first usable declaration wins.
pub fn prescan_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let mut i = 0;
    while i < head.len() {
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            i += find(rest, b"-->").map_or(head.len(), |end| end + 3);
            continue;
        }
        if rest.len() > 5 && rest[0] == b'<' && rest[1..5].eq_ignore_ascii_case(b"meta") {
            let after = rest[5];
            if after.is_ascii_whitespace() || after == b'/' {
                let (attrs, consumed) = tag_attributes(&rest[5..]);
                if let Some(encoding) = meta_declaration(&attrs) {
                    return Some(encoding);
                }
                i += 5 + consumed;
                continue;
            }
        }
        i += 1;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// The charset a `<meta>` tag's attributes declare, if any.
fn meta_declaration(attrs: &[(String, String)]) -> Option<&'static Encoding> {
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    if let Some(label) = get("charset") {
        return usable_label(label);
    }
    let is_content_type = get("http-equiv")
        .map(|v| v.trim().eq_ignore_ascii_case("content-type"))
        .unwrap_or(false);
    if is_content_type {
        return get("content")
            .and_then(charset_parameter)
            .and_then(usable_label);
    }
    None
}

/// Attributes of a tag starting right after its name, with lower-cased names; also how many
/// bytes were read, up to and including the closing `>`.
fn tag_attributes(bytes: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let mut i = 0;
    let skip_space = |i: &mut usize| {
        while *i < bytes.len() && (bytes[*i].is_ascii_whitespace() || bytes[*i] == b'/') {
            *i += 1;
        }
    };
    loop {
        skip_space(&mut i);
        if i >= bytes.len() {
            return (attrs, i);
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let name = String::from_utf8_lossy(&bytes[name_start..i]).to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let start = i + 1;
                let end = bytes[start..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(bytes.len(), |p| start + p);
                value = String::from_utf8_lossy(&bytes[start..end]).into_owned();
                i = (end + 1).min(bytes.len());
            } else {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = String::from_utf8_lossy(&bytes[start..i]).into_owned();
            }
        }
        if !name.is_empty() && !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, value));
        }
    }
}

/// What kind of document some bytes hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// An HTML (or XHTML) page.
    Html,
    /// Plain text, such as a scraped article.
    PlainText,
    /// Not a text document: an image, PDF, archive, executable...
    Binary,
}

/// File signatures of binary formats a crawler commonly saves next to pages.
const BINARY_MAGIC: &[&[u8]] = &[
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x28\xb5\x2f\xfd",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"fLaC",
    b"\x7fELF",
    b"MZ",
    b"wOFF",
    b"wOF2",
    b"\x00\x00\x01\x00",
    b"II*\x00",
    b"MM\x00*",
    b"%!PS",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\x1a\x45\xdf\xa3",
    b"SQLite format 3\x00",
];

/// Tags whose presence near the start makes a document HTML. The strong ones are enough on
/// their own; the weak ones need the document to open with markup.
const STRONG_HTML_MARKERS: &[&[u8]] = &[b"<!doctype html", b"<html", b"<head", b"<body"];
const WEAK_HTML_MARKERS: &[&[u8]] = &[
    b"<meta",
    b"<title",
    b"<div",
    b"<p>",
    b"<p ",
    b"<article",
    b"<section",
    b"<main",
    b"<script",
    b"<link",
    b"<style",
    b"<h1",
    b"<h2",
    b"<span",
    b"<table",
    b"<ul",
    b"<br",
    b"<a ",
    b"<img",
    b"<header",
    b"<nav",
    b"<!--",
    b"<?xml",
];

/// How many distinct weak markers make a document HTML even when it does not open with one
/// (a fragment after some leading text). Two rules out a lone `<3` or a quoted tag in prose.
const MIN_WEAK_MARKERS: usize = 3;

/// Tell HTML from plain text from binary, looking only at the first [`SNIFF_BYTES`] bytes.
pub fn sniff(bytes: &[u8]) -> InputKind {
    // Text in UTF-16 is full of zero bytes: look at it decoded instead.
    let utf16 = match Encoding::for_bom(bytes) {
        Some((enc, _)) if enc == UTF_16LE || enc == UTF_16BE => Some(enc),
        _ => utf16_without_bom(bytes),
    };
    if let Some(encoding) = utf16 {
        let head = &bytes[..bytes.len().min(SNIFF_BYTES * 2) & !1];
        let (text, _) = encoding.decode_with_bom_removal(head);
        return sniff_text(text.as_bytes());
    }
    if BINARY_MAGIC.iter().any(|magic| bytes.starts_with(magic)) {
        // "MZ", "ID3" and "BZh" are also plausible starts of a text; require a control byte
        // nearby before calling those binary.
        let weak = [&b"MZ"[..], b"ID3", b"BZh"];
        let is_weak = weak.iter().any(|m| bytes.starts_with(m));
        if !is_weak || has_control_bytes(&bytes[..bytes.len().min(64)]) {
            return InputKind::Binary;
        }
    }
    // MP4 / MOV / HEIC: the box type sits at offset 4.
    if bytes.len() > 12 && &bytes[4..8] == b"ftyp" {
        return InputKind::Binary;
    }
    sniff_text(bytes)
}

fn has_control_bytes(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| is_binary_control(b))
}

fn is_binary_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)
}

fn sniff_text(bytes: &[u8]) -> InputKind {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return InputKind::Binary;
    }
    let controls = head.iter().filter(|&&b| is_binary_control(b)).count();
    if !head.is_empty() && controls as f64 / head.len() as f64 > MAX_CONTROL_SHARE {
        return InputKind::Binary;
    }
    let lower = head.to_ascii_lowercase();
    if STRONG_HTML_MARKERS
        .iter()
        .any(|m| find(&lower, m).is_some())
    {
        return InputKind::Html;
    }
    let opens_with_markup = lower
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<');
    let weak = WEAK_HTML_MARKERS
        .iter()
        .filter(|m| find(&lower, m).is_some())
        .count();
    if (opens_with_markup && weak >= 1) || weak >= MIN_WEAK_MARKERS {
        return InputKind::Html;
    }
    InputKind::PlainText
}

#[cfg(test)]
mod tests;
