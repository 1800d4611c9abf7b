//! One pass over the DOM collecting everything metadata reads: `<meta>` and `<link>` tags,
//! JSON-LD scripts, `<title>`, `<h1>`s, `<time>`s, microdata, and elements whose class or id
//! names a byline, a date or a standfirst.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use crate::html::{Dom, NodeId, Tag};

/// Class/id word parts that mark an element as a byline.
const BYLINE_PARTS: &[&str] = &[
    "byline",
    "author",
    "authors",
    "byl",
    "writer",
    "contributor",
    "postedby",
];

/// Class/id word parts that disqualify a byline-looking element (author boxes, avatars).
const BYLINE_EXCLUDED_PARTS: &[&str] = &[
    "bio",
    "avatar",
    "image",
    "img",
    "photo",
    "pic",
    "picture",
    "description",
    "desc",
    "about",
    "social",
    "follow",
    "twitter",
    "email",
    "more",
    "other",
    "list",
    "link",
    "links",
    "url",
];

/// Class/id word parts that mark an element as holding the date.
const DATE_PARTS: &[&str] = &[
    "date",
    "dated",
    "published",
    "publish",
    "pubdate",
    "posted",
    "timestamp",
    "dateline",
    "time",
    "datetime",
    "updated",
    "modified",
    "posted-on",
    "entry-date",
];

/// Class/id word parts that disqualify a date-looking element.
const DATE_EXCLUDED_PARTS: &[&str] = &[
    "reading", "read", "event", "events", "picker", "select", "form", "input", "range", "expiry",
    "today", "todays", "current", "now", "clock", "weather", "review", "next",
];

/// Class/id word parts that mark a standfirst (dek) element.
const DEK_PARTS: &[&str] = &[
    "standfirst",
    "dek",
    "deck",
    "subtitle",
    "subheadline",
    "subhead",
    "summary",
    "excerpt",
    "lede",
    "strapline",
    "intro",
    "sapo",
    "chapo",
    "kicker-text",
    "description",
    "tagline",
];

/// Class/id word parts of regions whose contents describe other pages: their bylines and
/// dates are not the article's. Generic words ("widget", "card", "next", "more") are left
/// out: page builders wrap whole articles in `elementor-widget`, Next.js in `__next`.
const FOREIGN_REGION_PARTS: &[&str] = &[
    "comment",
    "comments",
    "related",
    "sidebar",
    "recommended",
    "recommendations",
    "popular",
    "trending",
    "newsletter",
    "outbrain",
    "taboola",
    "carousel",
    "respond",
];

/// Class/id word parts of footers: foreign at page level, but an `<article>`'s own footer
/// holds its byline and date.
const FOOTER_PARTS: &[&str] = &["footer"];

/// How many `<h1>` elements are read; pages with more are listing pages anyway.
const MAX_H1: usize = 5;

/// How many candidates of each kind are kept.
const MAX_CANDIDATES: usize = 24;

/// What one pass over a page found.
#[derive(Debug, Default)]
pub struct Scan {
    /// `<meta>` key (property/name/itemprop/http-equiv, lower case) and content, page order.
    pub meta: Vec<(String, String)>,
    /// `href` of the first `<link rel=canonical>`.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub html_lang: Option<String>,
    /// Text of the first `<title>` outside SVG.
    pub title_tag: Option<String>,
    /// JSON-LD script contents.
    pub ld_blocks: Vec<NodeId>,
    /// Other inline scripts (state blobs of JavaScript-rendered pages carry dates).
    pub scripts: Vec<NodeId>,
    /// `<h1>` elements.
    pub h1: Vec<NodeId>,
    /// `<time>` elements.
    pub times: Vec<NodeId>,
    /// Non-meta elements with an `itemprop`, and its value (lower case).
    pub itemprops: Vec<(NodeId, String)>,
    /// Elements marked as bylines (class, id or `rel=author`).
    pub bylines: Vec<NodeId>,
    /// Elements marked as dates.
    pub dates: Vec<NodeId>,
    /// Elements marked as standfirsts.
    pub deks: Vec<NodeId>,
    /// Subtrees (`start .. end` node ids) of regions about other pages: `<footer>`, `<nav>`,
    /// and elements whose class or id names comments, related links, sidebars...
    pub foreign: Vec<(NodeId, NodeId)>,
    /// Subtrees of `<article>` elements.
    pub articles: Vec<(NodeId, NodeId)>,
}

impl Scan {
    /// Whether a node sits inside a region about other pages, whose bylines and dates are
    /// not the article's.
    pub fn in_foreign(&self, id: NodeId) -> bool {
        self.foreign
            .iter()
            .any(|&(start, end)| start < id && id < end)
    }

    fn in_article(&self, id: NodeId) -> bool {
        self.articles
            .iter()
            .any(|&(start, end)| start < id && id < end)
    }

    /// Forget foreign regions that hold the headline: a class such as `has-sidebar` or
    /// `penci_sidebar` on the container of the whole article is a layout flag, not a
    /// sidebar.
    pub fn keep_headline_region(&mut self, headline: NodeId) {
        self.foreign
            .retain(|&(start, end)| !(start < headline && headline < end));
    }
}

/// Scan a DOM; see the module documentation.
pub fn scan(dom: &Dom) -> Scan {
    let mut s = Scan::default();
    for id in 0..dom.len() {
        if !dom.is_element(id) {
            continue;
        }
        let tag = dom.tag_of(id);
        match tag {
            Tag::Meta => {
                read_meta(dom, id, &mut s);
                continue;
            }
            Tag::Link => {
                let is_canonical = dom.attr(id, "rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                });
                if is_canonical && s.canonical.is_none() {
                    s.canonical = dom.attr(id, "href").map(|h| h.trim().to_string());
                }
                continue;
            }
            Tag::Html if s.html_lang.is_none() => {
                s.html_lang = dom
                    .attr(id, "lang")
                    .or_else(|| dom.attr(id, "xml:lang"))
                    .map(str::to_string);
            }
            Tag::Title => {
                if s.title_tag.is_none() && !dom.ancestors(id).any(|a| dom.tag_of(a) == Tag::Svg) {
                    let t = collapse(dom.raw_text(id));
                    if !t.is_empty() {
                        s.title_tag = Some(t);
                    }
                }
                continue;
            }
            Tag::Script => {
                let is_ld = dom
                    .attr(id, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_ld {
                    s.ld_blocks.push(id);
                } else if dom.attr(id, "src").is_none() {
                    s.scripts.push(id);
                }
                continue;
            }
            Tag::Nav if !s.in_foreign(id) => s.foreign.push((id, dom.subtree_end(id))),
            Tag::Footer if !s.in_foreign(id) && !s.in_article(id) => {
                s.foreign.push((id, dom.subtree_end(id)));
            }
            Tag::Article => s.articles.push((id, dom.subtree_end(id))),
            Tag::H1 if s.h1.len() < MAX_H1 => s.h1.push(id),
            Tag::Time if s.times.len() < MAX_CANDIDATES => s.times.push(id),
            _ => {}
        }
        // One pass over the attributes instead of a lookup per name: this loop runs on
        // every element of the page.
        let (mut class, mut idattr, mut rel_author) = ("", "", false);
        for (name, value) in dom.attrs(id) {
            match name {
                "class" => class = value,
                "id" => idattr = value,
                "rel" => rel_author = value.eq_ignore_ascii_case("author"),
                "itemprop" if s.itemprops.len() < MAX_CANDIDATES * 4 => {
                    s.itemprops.push((id, value.trim().to_ascii_lowercase()));
                }
                _ => {}
            }
        }
        if class.is_empty() && idattr.is_empty() && !rel_author {
            continue;
        }
        let flags = part_flags(class, idattr);
        let has = |flag: u8| flags & flag != 0;
        // Page-wide wrappers carry state classes ("comments-open", "has-sidebar") that say
        // nothing about where a node sits.
        let wrapper = matches!(tag, Tag::Html | Tag::Body | Tag::Main | Tag::Article);
        let foreign = has(FOREIGN) || (has(FOOTER) && !s.in_article(id));
        if foreign && !wrapper && !s.in_foreign(id) && tag != Tag::Footer {
            s.foreign.push((id, dom.subtree_end(id)));
        }
        if (rel_author || has(BYLINE)) && !has(BYLINE_EXCLUDED) && s.bylines.len() < MAX_CANDIDATES
        {
            s.bylines.push(id);
        }
        if has(DATE) && !has(DATE_EXCLUDED) && s.dates.len() < MAX_CANDIDATES {
            s.dates.push(id);
        }
        if has(DEK) && s.deks.len() < MAX_CANDIDATES {
            s.deks.push(id);
        }
    }
    s
}

/// A `<meta>`'s key (property, name, itemprop or http-equiv) and content.
fn read_meta(dom: &Dom, id: NodeId, s: &mut Scan) {
    let (mut key, mut key_rank, mut value) = (None, usize::MAX, None);
    for (name, v) in dom.attrs(id) {
        let rank = match name {
            "property" => 0,
            "name" => 1,
            "itemprop" => 2,
            "http-equiv" => 3,
            "content" => {
                value = Some(v);
                continue;
            }
            "value" => {
                value = value.or(Some(v));
                continue;
            }
            _ => continue,
        };
        if rank < key_rank {
            key = Some(v);
            key_rank = rank;
        }
    }
    if let (Some(k), Some(v)) = (key, value) {
        let v = v.trim();
        if !v.is_empty() {
            s.meta.push((k.trim().to_ascii_lowercase(), v.to_string()));
        }
    }
}

/// The words of the lists with their flags, and a filter that rejects almost every other
/// part (Tailwind-style pages give dozens of parts per element) from its length, first and
/// last letters, before any hashing.
struct PartTable {
    words: FxHashMap<&'static str, u8>,
    filter: [u64; 64],
}

impl Default for PartTable {
    fn default() -> Self {
        PartTable {
            words: FxHashMap::default(),
            filter: [0; 64],
        }
    }
}

impl PartTable {
    fn filter_bit(len: usize, first: u8, last: u8) -> usize {
        (len * 7919
            + usize::from(first.to_ascii_lowercase()) * 31
            + usize::from(last.to_ascii_lowercase()))
            % 4096
    }

    fn insert(&mut self, word: &'static str, flag: u8) {
        *self.words.entry(word).or_default() |= flag;
        let b = word.as_bytes();
        if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
            let bit = Self::filter_bit(b.len(), f, l);
            self.filter[bit / 64] |= 1 << (bit % 64);
        }
    }

    fn may_contain(&self, part: &[u8]) -> bool {
        match (part.first(), part.last()) {
            (Some(&f), Some(&l)) => {
                let bit = Self::filter_bit(part.len(), f, l);
                self.filter[bit / 64] & (1 << (bit % 64)) != 0
            }
            _ => false,
        }
    }
}

const BYLINE: u8 = 1;
const BYLINE_EXCLUDED: u8 = 2;
const DATE: u8 = 4;
const DATE_EXCLUDED: u8 = 8;
const DEK: u8 = 16;
const FOREIGN: u8 = 32;
const FOOTER: u8 = 64;

/// Word part (lower case) to the flags of the lists above it appears in, built once.
fn part_table() -> &'static PartTable {
    static TABLE: OnceLock<PartTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = PartTable::default();
        for (list, flag) in [
            (BYLINE_PARTS, BYLINE),
            (BYLINE_EXCLUDED_PARTS, BYLINE_EXCLUDED),
            (DATE_PARTS, DATE),
            (DATE_EXCLUDED_PARTS, DATE_EXCLUDED),
            (DEK_PARTS, DEK),
            (FOREIGN_REGION_PARTS, FOREIGN),
            (FOOTER_PARTS, FOOTER),
        ] {
            for word in list {
                t.insert(word, flag);
            }
        }
        t
    })
}

/// Flags of every word part of the class and id values. Parts of
/// `"c-article__dek postDate"` are each token, its `-`/`_` pieces (`c`, `article`, `dek`)
/// and camelCase pieces (`post`, `date`). Runs on every element: one table lookup per part,
/// lower-casing into a small stack buffer.
fn part_flags(class: &str, id: &str) -> u8 {
    let table = part_table();
    let mut flags = 0;
    let mut look = |p: &str| {
        let mut buf = [0u8; 32];
        if p.len() > buf.len() || !table.may_contain(p.as_bytes()) {
            return;
        }
        let lower = &mut buf[..p.len()];
        lower.copy_from_slice(p.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(key) = std::str::from_utf8(lower) {
            flags |= table.words.get(key).copied().unwrap_or(0);
        }
    };
    for token in class.split_whitespace().chain(id.split_whitespace()) {
        look(token);
        for part in token.split(['-', '_']).filter(|p| !p.is_empty()) {
            if part.len() != token.len() {
                look(part);
            }
            let bytes = part.as_bytes();
            let mut start = 0;
            for i in 1..bytes.len() {
                if bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase() {
                    look(&part[start..i]);
                    start = i;
                }
            }
            if start > 0 {
                look(&part[start..]);
            }
        }
    }
    flags
}

/// Whether a word part of the class or id values is in `set` (lower case). Parts of
/// `"c-article__dek postDate"` are each token, its `-`/`_` pieces (`c`, `article`, `dek`)
/// and camelCase pieces (`post`, `date`). Runs on every element, so it allocates nothing.
pub fn has_part(class: &str, id: &str, set: &[&str]) -> bool {
    let hit = |p: &str| set.iter().any(|w| w.eq_ignore_ascii_case(p));
    for token in class.split_whitespace().chain(id.split_whitespace()) {
        if hit(token) {
            return true;
        }
        for part in token.split(['-', '_']).filter(|p| !p.is_empty()) {
            if hit(part) {
                return true;
            }
            let bytes = part.as_bytes();
            let mut start = 0;
            for i in 1..bytes.len() {
                if bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase() {
                    if hit(&part[start..i]) {
                        return true;
                    }
                    start = i;
                }
            }
            if start > 0 && hit(&part[start..]) {
                return true;
            }
        }
    }
    false
}

/// Collapse runs of whitespace to one space and trim.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
