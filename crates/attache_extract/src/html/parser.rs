//! One pass over the page: an HTML5-style tokenizer feeding a tree builder.
//!
//! The tokenizer follows HTML5 tokenization where real pages need it: comments, doctype and
//! processing instructions (skipped), CDATA (text inside SVG/MathML, skipped elsewhere),
//! quoted and unquoted attributes, raw-text elements found with `memchr`, and character
//! references decoded only when an `&` is present.
//!
//! The tree builder keeps a stack of open elements and applies the implied-end-tag rules that
//! shape real pages (`<p>` closed by block starts, `li`/`dt`/`dd`/`option`/`tr`/`td`/`th`
//! auto-closing, void elements, stray end tags ignored, scope boundaries at tables). It never
//! moves a node once inserted (no adoption agency, no foster parenting), which keeps the
//! invariant the DOM relies on: node ids are in document order and each subtree is one
//! contiguous id range.

mod tree;

use super::tags::Tag;
use super::{Attr, Dom, Kind, Node, Str, NONE};
use memchr::{memchr, memmem};

/// Longest known tag name ("blockquote", "figcaption"): longer names are never known tags.
const MAX_KNOWN_TAG_LEN: usize = 10;

/// Deepest element nesting kept, as browsers cap it: deeper elements are inserted empty and
/// their content goes to the ancestor at this depth. Bounds every stack walk, so pathological
/// nesting (100k unclosed `<div>`s) parses in linear time.
const MAX_DEPTH: usize = 512;

/// Most nodes a page may have: beyond this the rest of the markup is ignored. A long real
/// article page has tens of thousands; this cap (about 24 MB of nodes) keeps the peak memory
/// of adversarial 20 MB pages made of tiny tags within bounds.
pub const MAX_NODES: usize = 1_000_000;

/// Most attributes kept over a whole page (16 bytes each); later ones are skipped.
pub const MAX_ATTRS: usize = 1_000_000;

/// Most attributes kept on one element; later ones are parsed past but not kept. Real
/// elements carry a few dozen at most. The cap bounds the duplicate-name check (each new
/// attribute is compared with the element's kept ones), which would otherwise be quadratic
/// in a hostile tag of 80,000 attributes (12.7 s before the cap).
pub const MAX_ELEMENT_ATTRS: usize = 256;

/// Elements that may sit in `<head>`; any other start tag (or non-blank text) opens the body.
fn is_head_content(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Meta | Link | Title | Script | Style | Base | Noscript | Template | Basefont | Bgsound
    )
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// A start or end tag as the tokenizer read it.
struct TagToken {
    tag: Tag,
    /// Lowercase name, only filled for [`Tag::Other`].
    name: Str,
    attr_start: u32,
    self_closing: bool,
}

pub(super) struct Builder<'s> {
    src: &'s str,
    bytes: &'s [u8],
    pos: usize,
    dom: Dom<'static>,
    /// Open elements, as node ids; `stack[0]` is the document node.
    stack: Vec<u32>,
    /// How many `<svg>`/`<math>` are open: inside them `/>` closes an element and CDATA is text.
    foreign_depth: u32,
    /// How many elements of each known tag are open, to skip stack walks that cannot hit.
    open: [u32; 256],
    html: u32,
    head: u32,
    body: u32,
}

impl<'s> Builder<'s> {
    pub(super) fn new(src: &'s str, dom: Dom<'static>) -> Builder<'s> {
        Builder {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            dom,
            stack: vec![0],
            foreign_depth: 0,
            open: [0; 256],
            html: NONE,
            head: NONE,
            body: NONE,
        }
    }

    pub(super) fn run(mut self) -> Dom<'static> {
        let len = self.bytes.len();
        while self.pos < len && self.dom.nodes.len() < MAX_NODES {
            match memchr(b'<', &self.bytes[self.pos..]) {
                None => {
                    self.text(self.pos, len, false);
                    self.pos = len;
                }
                Some(i) => {
                    if i > 0 {
                        self.text(self.pos, self.pos + i, false);
                    }
                    self.pos += i;
                    self.markup();
                }
            }
        }
        while self.stack.len() > 1 {
            self.pop();
        }
        let n = self.dom.nodes.len() as u32;
        if let Some(root) = self.dom.nodes.first_mut() {
            root.end = n;
        }
        self.dom
    }

    // ---- tokenizer -------------------------------------------------------------------

    /// At a `<`: dispatch on what follows.
    fn markup(&mut self) {
        let p = self.pos;
        let b = self.bytes;
        match b.get(p + 1).copied() {
            Some(b'!') => {
                if b[p..].starts_with(b"<!--") {
                    self.comment(p + 4);
                } else if b[p..].starts_with(b"<![CDATA[") && self.foreign_depth > 0 {
                    let start = p + 9;
                    let end = memmem::find(&b[start..], b"]]>").map_or(b.len(), |i| start + i);
                    self.text(start, end, true);
                    self.pos = (end + 3).min(b.len());
                } else {
                    self.skip_past(b'>', p + 2);
                }
            }
            Some(b'?') => self.skip_past(b'>', p + 2),
            Some(b'/') => match b.get(p + 2).copied() {
                Some(c) if c.is_ascii_alphabetic() => self.end_tag(),
                Some(b'>') => self.pos = p + 3,
                Some(_) => self.skip_past(b'>', p + 2),
                None => {
                    self.text(p, b.len(), false);
                    self.pos = b.len();
                }
            },
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(),
            _ => {
                // A lone `<` ("a < b") is text.
                self.text(p, p + 1, false);
                self.pos = p + 1;
            }
        }
    }

    fn comment(&mut self, from: usize) {
        let b = self.bytes;
        // `<!-->` and `<!--->` are complete (empty) comments.
        if b[from..].starts_with(b">") {
            self.pos = from + 1;
        } else if b[from..].starts_with(b"->") {
            self.pos = from + 2;
        } else {
            self.pos = memmem::find(&b[from..], b"-->").map_or(b.len(), |i| from + i + 3);
        }
    }

    fn skip_past(&mut self, byte: u8, from: usize) {
        let b = self.bytes;
        self.pos = memchr(byte, &b[from.min(b.len())..]).map_or(b.len(), |i| from + i + 1);
    }

    /// Reads a tag name at `self.pos`, leaves `self.pos` after it.
    fn tag_name(&mut self) -> (Tag, Str) {
        let b = self.bytes;
        let start = self.pos;
        let mut end = start;
        let mut upper = false;
        while end < b.len() && !is_ws(b[end]) && b[end] != b'/' && b[end] != b'>' {
            upper |= b[end].is_ascii_uppercase();
            end += 1;
        }
        self.pos = end;
        let raw = &b[start..end];
        let tag = if raw.len() > MAX_KNOWN_TAG_LEN {
            Tag::Other
        } else if upper {
            let mut buf = [0u8; MAX_KNOWN_TAG_LEN];
            buf[..raw.len()].copy_from_slice(raw);
            buf[..raw.len()].make_ascii_lowercase();
            Tag::from_lowercase(&buf[..raw.len()])
        } else {
            Tag::from_lowercase(raw)
        };
        let name = if tag == Tag::Other {
            self.dom.lowercase_str(self.src, start, end, upper)
        } else {
            Str::EMPTY
        };
        (tag, name)
    }

    /// Reads attributes up to and including `>`. Returns `None` at end of input (the
    /// unfinished tag is dropped, as HTML5 does) and `Some(self_closing)` otherwise.
    fn attributes(&mut self, keep: bool) -> Option<bool> {
        let b = self.bytes;
        let first_attr = self.dom.attrs.len();
        loop {
            let mut slash = false;
            while self.pos < b.len() && (is_ws(b[self.pos]) || b[self.pos] == b'/') {
                slash = b[self.pos] == b'/';
                self.pos += 1;
            }
            if self.pos >= b.len() {
                return None;
            }
            if b[self.pos] == b'>' {
                self.pos += 1;
                return Some(slash);
            }
            // Attribute name; a leading `=` belongs to the name.
            let name_start = self.pos;
            let mut upper = false;
            self.pos += 1;
            while self.pos < b.len()
                && !matches!(b[self.pos], b'/' | b'>' | b'=')
                && !is_ws(b[self.pos])
            {
                upper |= b[self.pos].is_ascii_uppercase();
                self.pos += 1;
            }
            upper |= b[name_start].is_ascii_uppercase();
            let name_end = self.pos;
            while self.pos < b.len() && is_ws(b[self.pos]) {
                self.pos += 1;
            }
            let (mut vs, mut ve) = (self.pos, self.pos);
            if self.pos < b.len() && b[self.pos] == b'=' {
                self.pos += 1;
                while self.pos < b.len() && is_ws(b[self.pos]) {
                    self.pos += 1;
                }
                match b.get(self.pos).copied() {
                    Some(q @ (b'"' | b'\'')) => {
                        vs = self.pos + 1;
                        ve = vs + memchr(q, &b[vs..])?;
                        self.pos = ve + 1;
                    }
                    _ => {
                        vs = self.pos;
                        while self.pos < b.len() && !is_ws(b[self.pos]) && b[self.pos] != b'>' {
                            self.pos += 1;
                        }
                        ve = self.pos;
                    }
                }
            }
            if keep && self.dom.attrs.len() - first_attr < MAX_ELEMENT_ATTRS {
                let name = self
                    .dom
                    .lowercase_str(self.src, name_start, name_end, upper);
                let duplicate = self.dom.attrs[first_attr..]
                    .iter()
                    .any(|a| self.dom.str(self.src, a.name) == self.dom.str(self.src, name));
                if !duplicate {
                    let value = self.dom.decoded_str(self.src, vs, ve, true);
                    self.dom.attrs.push(Attr { name, value });
                }
            }
        }
    }

    fn start_tag(&mut self) {
        self.pos += 1;
        let (tag, name) = self.tag_name();
        let attr_start = self.dom.attrs.len() as u32;
        let keep = self.dom.attrs.len() < MAX_ATTRS;
        let Some(self_closing) = self.attributes(keep) else {
            self.dom.attrs.truncate(attr_start as usize);
            self.pos = self.bytes.len();
            return;
        };
        self.insert_start(TagToken {
            tag,
            name,
            attr_start,
            self_closing,
        });
    }

    fn end_tag(&mut self) {
        self.pos += 2;
        let (tag, name) = self.tag_name();
        if self.attributes(false).is_none() {
            self.pos = self.bytes.len();
            return;
        }
        self.insert_end(tag, name);
    }

    /// After a raw-text start tag: everything up to `</name` is one text child.
    fn raw_text(&mut self, tag: Tag, element: u32) {
        let b = self.bytes;
        let name = tag.as_str().as_bytes();
        let start = self.pos;
        let mut end = b.len();
        let mut after = b.len();
        if tag != Tag::Plaintext {
            for i in memmem::find_iter(&b[start..], b"</") {
                let at = start + i + 2;
                let Some(candidate) = b.get(at..at + name.len()) else {
                    break;
                };
                if candidate.eq_ignore_ascii_case(name)
                    && b.get(at + name.len())
                        .is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>')
                {
                    end = start + i;
                    after = memchr(b'>', &b[at..]).map_or(b.len(), |j| at + j + 1);
                    break;
                }
            }
        }
        if end > start {
            let decode = tag.is_rcdata();
            let data = if decode {
                self.dom.decoded_str(self.src, start, end, false)
            } else {
                Str::src(start, end)
            };
            self.dom.nodes.push(Node {
                parent: element,
                end: self.dom.nodes.len() as u32 + 1,
                data,
                attr_start: 0,
                attr_len: 0,
                tag: Tag::Other,
                kind: Kind::Text,
            });
        }
        self.pos = after;
    }
}
