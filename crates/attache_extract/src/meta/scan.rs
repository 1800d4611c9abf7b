//! One pass over the DOM collecting everything metadata reads: `<meta>` and `<link>` tags,
//! JSON-LD scripts, `<title>`, `<h1>`s, `<time>`s, microdata, and elements whose class or id
//! names a byline, a date or a standfirst.

use crate::html::{Dom, NodeId};

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
    "footer",
    "respond",
];

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
}

/// Scan a DOM; see the module documentation.
pub fn scan(dom: &Dom) -> Scan {
    let mut s = Scan::default();
    for id in 0..dom.len() {
        let Some(tag) = dom.tag(id) else { continue };
        match tag {
            "meta" => {
                let key = dom
                    .attr(id, "property")
                    .or_else(|| dom.attr(id, "name"))
                    .or_else(|| dom.attr(id, "itemprop"))
                    .or_else(|| dom.attr(id, "http-equiv"));
                let value = dom.attr(id, "content").or_else(|| dom.attr(id, "value"));
                if let (Some(k), Some(v)) = (key, value) {
                    let v = v.trim();
                    if !v.is_empty() {
                        s.meta.push((k.trim().to_ascii_lowercase(), v.to_string()));
                    }
                }
                continue;
            }
            "link" => {
                let is_canonical = dom.attr(id, "rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                });
                if is_canonical && s.canonical.is_none() {
                    s.canonical = dom.attr(id, "href").map(|h| h.trim().to_string());
                }
                continue;
            }
            "html" => {
                if s.html_lang.is_none() {
                    s.html_lang = dom
                        .attr(id, "lang")
                        .or_else(|| dom.attr(id, "xml:lang"))
                        .map(str::to_string);
                }
            }
            "title" => {
                if s.title_tag.is_none() && !dom.ancestors(id).any(|a| dom.tag(a) == Some("svg")) {
                    let t = collapse(dom.raw_text(id));
                    if !t.is_empty() {
                        s.title_tag = Some(t);
                    }
                }
                continue;
            }
            "script" => {
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
            "h1" if s.h1.len() < MAX_H1 => s.h1.push(id),
            "time" if s.times.len() < MAX_CANDIDATES => s.times.push(id),
            _ => {}
        }
        if let Some(prop) = dom.attr(id, "itemprop") {
            if s.itemprops.len() < MAX_CANDIDATES * 4 {
                s.itemprops.push((id, prop.trim().to_ascii_lowercase()));
            }
        }
        let class = dom.attr(id, "class").unwrap_or("");
        let idattr = dom.attr(id, "id").unwrap_or("");
        let rel_author = dom
            .attr(id, "rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"));
        if class.is_empty() && idattr.is_empty() && !rel_author {
            continue;
        }
        let parts = word_parts(class, idattr);
        let has = |set: &[&str]| parts.iter().any(|p| set.contains(&p.as_str()));
        if (rel_author || has(BYLINE_PARTS))
            && !has(BYLINE_EXCLUDED_PARTS)
            && s.bylines.len() < MAX_CANDIDATES
        {
            s.bylines.push(id);
        }
        if has(DATE_PARTS) && !has(DATE_EXCLUDED_PARTS) && s.dates.len() < MAX_CANDIDATES {
            s.dates.push(id);
        }
        if has(DEK_PARTS) && s.deks.len() < MAX_CANDIDATES {
            s.deks.push(id);
        }
    }
    s
}

/// Lower-cased word parts of class and id values: `"c-article__dek js-x"` gives
/// `c`, `article`, `dek`, `js`, `x`, plus each whole token (`c-article__dek`).
fn word_parts(class: &str, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in class.split_whitespace().chain(id.split_whitespace()) {
        for part in token.split(['-', '_']).filter(|p| !p.is_empty()) {
            // camelCase parts too: "postDate" gives "post" and "date".
            let mut start = 0;
            let bytes = part.as_bytes();
            for i in 1..bytes.len() {
                if bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase() {
                    out.push(part[start..i].to_ascii_lowercase());
                    start = i;
                }
            }
            if start > 0 {
                out.push(part[start..].to_ascii_lowercase());
            }
            out.push(part.to_ascii_lowercase());
        }
        out.push(token.to_ascii_lowercase());
    }
    out
}

/// Whether a node sits inside a region about other pages (comments, related links...).
pub fn in_foreign_region(dom: &Dom, id: NodeId) -> bool {
    dom.ancestors(id).any(|a| {
        match dom.tag(a) {
            Some("footer" | "nav") => return true,
            // Page-wide wrappers carry state classes ("comments-open", "has-sidebar") that
            // say nothing about where a node sits.
            Some("html" | "body" | "main" | "article") | None => return false,
            _ => {}
        }
        let class = dom.attr(a, "class").unwrap_or("");
        let idattr = dom.attr(a, "id").unwrap_or("");
        if class.is_empty() && idattr.is_empty() {
            return false;
        }
        word_parts(class, idattr)
            .iter()
            .any(|p| FOREIGN_REGION_PARTS.contains(&p.as_str()))
    })
}

/// Collapse runs of whitespace to one space and trim.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
