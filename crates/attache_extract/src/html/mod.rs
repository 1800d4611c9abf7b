//! A fast, forgiving HTML parser into an arena DOM.
//!
//! [`Dom::parse`] reads a page in one pass (see `parser` for the tokenizer and tree-building
//! rules) into a flat vector of nodes. Text and attribute values are byte ranges into the
//! page; only values that held a character reference (or an uppercase name) are copied,
//! decoded, into a side buffer.
//!
//! Invariant: node ids are in document order (preorder), and the descendants of node `n` are
//! exactly the ids `n + 1 .. end(n)`. Walking a subtree is a range, the next sibling of `n` is
//! `end(n)` when that is still inside the parent, and nothing is ever moved after insertion.
//!
//! ```
//! use attache_extract::html::Dom;
//! let dom = Dom::parse("<p class=lead>Talks resume in <b>Istanbul</b> &amp; Ankara<p>Second");
//! let p = dom.elements("p").next().unwrap();
//! assert_eq!(dom.attr(p, "class"), Some("lead"));
//! assert_eq!(dom.text(p), "Talks resume in Istanbul & Ankara");
//! assert_eq!(dom.elements("p").count(), 2);
//! ```

mod parser;
pub mod tags;
mod text;

pub use tags::Tag;
pub use text::Collapser;

use std::borrow::Cow;

/// The id of a node in a [`Dom`]: its index in document order.
pub type NodeId = usize;

/// "No node" in the compact `u32` links.
const NONE: u32 = u32::MAX;

/// Bit set in [`Str::start`] when the range points into the side buffer, not the page.
const EXTRA_BIT: u32 = 1 << 31;

/// The largest page the `u32` offsets can address (the top bit marks side-buffer ranges);
/// longer input is cut at the last character boundary below it. The extractor's size cap
/// (20 MB by default) is far below.
const MAX_INPUT: usize = (EXTRA_BIT - 1) as usize;

/// A string held by the DOM: a byte range of the page, or of the side buffer when the
/// top bit of `start` is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Str {
    start: u32,
    end: u32,
}

impl Str {
    const EMPTY: Str = Str { start: 0, end: 0 };

    fn src(start: usize, end: usize) -> Str {
        Str {
            start: start as u32,
            end: end as u32,
        }
    }

    fn is_extra(self) -> bool {
        self.start & EXTRA_BIT != 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Element,
    Text,
}

/// One node: 24 bytes, so a 20 MB page of a million nodes stays small.
#[derive(Debug, Clone)]
struct Node {
    parent: u32,
    /// One past the last descendant.
    end: u32,
    /// Text content for text nodes; the lowercase name for [`Tag::Other`] elements.
    data: Str,
    attr_start: u32,
    attr_len: u16,
    tag: Tag,
    kind: Kind,
}

#[derive(Debug, Clone)]
struct Attr {
    name: Str,
    value: Str,
}

/// A parsed HTML page. It borrows the page text ([`Dom::parse`]) or owns it
/// ([`Dom::parse_owned`]); either way the page is never copied.
#[derive(Debug, Clone)]
pub struct Dom<'a> {
    src: Cow<'a, str>,
    extra: String,
    nodes: Vec<Node>,
    attrs: Vec<Attr>,
}

impl<'a> Dom<'a> {
    /// Parses a page. Never fails: malformed markup is repaired the way browsers do for the
    /// cases that matter on real pages (see the module overview).
    pub fn parse(html: &'a str) -> Dom<'a> {
        let mut cut = html.len().min(MAX_INPUT);
        while !html.is_char_boundary(cut) {
            cut -= 1;
        }
        Dom::build(Cow::Borrowed(&html[..cut]))
    }

    /// Parses a page, taking ownership of its text.
    pub fn parse_owned(mut html: String) -> Dom<'static> {
        let mut cut = html.len().min(MAX_INPUT);
        while !html.is_char_boundary(cut) {
            cut -= 1;
        }
        html.truncate(cut);
        Dom::build(Cow::Owned(html))
    }

    fn build(src: Cow<'a, str>) -> Dom<'a> {
        // Pages have about one node per two `<` (start and end tags, text between): one
        // allocation of about the right size instead of repeated doubling, which sets the
        // peak memory of big pages. The rare page that needs more grows once.
        let lt = memchr::memchr_iter(b'<', src.as_bytes()).count();
        let mut nodes = Vec::with_capacity(lt / 2 + lt / 8 + 16);
        nodes.push(Node {
            parent: NONE,
            end: 1,
            data: Str::EMPTY,
            attr_start: 0,
            attr_len: 0,
            tag: Tag::Other,
            kind: Kind::Document,
        });
        let dom = Dom {
            src: Cow::Borrowed(""),
            extra: String::new(),
            nodes,
            attrs: Vec::with_capacity(lt / 4 + 16),
        };
        let mut dom = parser::Builder::new(&src, dom).run();
        dom.nodes.shrink_to_fit();
        dom.attrs.shrink_to_fit();
        dom.src = src;
        dom
    }
}

impl Dom<'_> {
    /// The number of nodes (ids are `0 .. len()`).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the DOM holds only the document node.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// The document node.
    pub fn root(&self) -> NodeId {
        0
    }

    /// The `<body>` element, when the page has content.
    pub fn body(&self) -> Option<NodeId> {
        self.nodes.iter().position(|n| n.tag == Tag::Body)
    }

    /// The known-tag enum of an element ([`Tag::Other`] for unknown names, text and document).
    pub fn tag_of(&self, id: NodeId) -> Tag {
        self.nodes.get(id).map_or(Tag::Other, |n| n.tag)
    }

    /// Lowercase element name; `None` for text and the document.
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        let n = self.nodes.get(id)?;
        if n.kind != Kind::Element {
            return None;
        }
        Some(if n.tag == Tag::Other {
            self.get(n.data)
        } else {
            n.tag.as_str()
        })
    }

    /// Whether the node is an element.
    pub fn is_element(&self, id: NodeId) -> bool {
        self.nodes.get(id).is_some_and(|n| n.kind == Kind::Element)
    }

    /// Whether the node is a text node.
    pub fn is_text(&self, id: NodeId) -> bool {
        self.nodes.get(id).is_some_and(|n| n.kind == Kind::Text)
    }

    /// Decoded value of an attribute (`name` in lowercase); the first one wins on duplicates.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.attrs(id).find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// All attributes of an element as (lowercase name, decoded value), in source order.
    pub fn attrs(&self, id: NodeId) -> impl Iterator<Item = (&str, &str)> {
        let slice = match self.nodes.get(id) {
            Some(n) if n.kind == Kind::Element => {
                let s = n.attr_start as usize;
                self.attrs.get(s..s + n.attr_len as usize).unwrap_or(&[])
            }
            _ => &[],
        };
        slice.iter().map(|a| (self.get(a.name), self.get(a.value)))
    }

    /// The parent node; `None` for the document.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let p = self.nodes.get(id)?.parent;
        (p != NONE).then_some(p as usize)
    }

    /// One past the last descendant of `id`: descendants are `id + 1 .. subtree_end(id)`.
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        self.nodes.get(id).map_or(id, |n| n.end as usize)
    }

    /// The children of a node, in order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let end = self.subtree_end(id);
        let mut next = id + 1;
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let c = next;
            next = self.nodes[c].end as usize;
            Some(c)
        })
    }

    /// All descendants of a node in document order (preorder), excluding the node itself.
    pub fn descendants(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        (id + 1)..self.subtree_end(id)
    }

    /// The ancestors of a node, nearest first, ending with the document.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut cur = self.parent(id);
        std::iter::from_fn(move || {
            let c = cur?;
            cur = self.parent(c);
            Some(c)
        })
    }

    /// All elements with the given lowercase name, in document order.
    pub fn elements<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        let known = Tag::from_lowercase(tag.as_bytes());
        self.nodes.iter().enumerate().filter_map(move |(i, n)| {
            let hit = n.kind == Kind::Element
                && n.tag == known
                && (known != Tag::Other || self.get(n.data) == tag);
            hit.then_some(i)
        })
    }

    /// The text of a text node (entities decoded, whitespace as in the page); "" otherwise.
    pub fn text_content(&self, id: NodeId) -> &str {
        match self.nodes.get(id) {
            Some(n) if n.kind == Kind::Text => self.get(n.data),
            _ => "",
        }
    }

    /// Raw contents of an element whose content is raw text (`script`, `style`, `title`,
    /// `textarea`, `noscript`); for other elements, the concatenated text of its direct text
    /// children. `title` and `textarea` contents are entity-decoded, as in browsers.
    pub fn raw_text(&self, id: NodeId) -> &str {
        let mut children = self.children(id).filter(|&c| self.is_text(c));
        match (children.next(), children.next()) {
            (Some(c), None) => self.text_content(c),
            (None, _) => "",
            // Several text runs (not a raw-text element): the first one.
            (Some(c), Some(_)) => self.text_content(c),
        }
    }

    /// Source byte range of a `Str` resolved to text.
    fn get(&self, s: Str) -> &str {
        self.str(&self.src, s)
    }

    fn str<'a>(&'a self, src: &'a str, s: Str) -> &'a str {
        if s.is_extra() {
            let a = (s.start & !EXTRA_BIT) as usize;
            self.extra.get(a..s.end as usize).unwrap_or("")
        } else {
            src.get(s.start as usize..s.end as usize).unwrap_or("")
        }
    }

    fn push_extra(&mut self, text: &str) -> Str {
        let start = self.extra.len();
        self.extra.push_str(text);
        Str {
            start: start as u32 | EXTRA_BIT,
            end: self.extra.len() as u32,
        }
    }

    /// A name from the page, lowercased into the side buffer if it has uppercase letters.
    fn lowercase_str(&mut self, src: &str, start: usize, end: usize, upper: bool) -> Str {
        if !upper {
            return Str::src(start, end);
        }
        let lower = src.get(start..end).unwrap_or("").to_ascii_lowercase();
        self.push_extra(&lower)
    }

    /// A text or attribute value, decoded into the side buffer only when it holds an `&`.
    fn decoded_str(&mut self, src: &str, start: usize, end: usize, attribute: bool) -> Str {
        let raw = src.get(start..end).unwrap_or("");
        if memchr::memchr(b'&', raw.as_bytes()).is_none() {
            return Str::src(start, end);
        }
        let decoded: Cow<str> = if attribute {
            htmlize::unescape_attribute(raw)
        } else {
            htmlize::unescape(raw)
        };
        match decoded {
            Cow::Borrowed(_) => Str::src(start, end),
            Cow::Owned(s) => self.push_extra(&s),
        }
    }
}

#[cfg(test)]
mod tests;
