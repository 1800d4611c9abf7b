//! Metadata printed on the page rather than declared: microdata, `<time>` elements, date
//! lines and bylines found by class name, and the standfirst under the headline.

use super::bylines::split_byline;
use super::dates::parse_date;
use super::scan::{has_part, Scan};
use super::{squash, MAX_DEK_DISTANCE, MAX_STANDFIRST_WORDS, MIN_STANDFIRST_WORDS};
use crate::html::{Dom, NodeId};

/// Longest text of a date element worth parsing; longer ones are whole article headers
/// where the first date may be anything.
const MAX_DATE_TEXT_CHARS: usize = 120;

/// Longest text of a byline element worth splitting (see `bylines::MAX_BYLINE_CHARS`).
const MAX_BYLINE_TEXT_CHARS: usize = 200;

/// Markers of an update rather than a first publication, in class names, itemprops and
/// the text itself (lower case).
const UPDATE_MARKERS: &[&str] = &["updat", "modif", "edited", "revised", "lastmod", "last-mod"];

/// Most nodes a standfirst element holds (a paragraph with some links and emphasis).
const MAX_DEK_NODES: usize = 30;

/// A date from microdata (`itemprop="datePublished"` on an element) with one of `props`.
pub fn microdata_date(dom: &Dom, scan: &Scan, props: &[&str]) -> Option<String> {
    scan.itemprops
        .iter()
        .filter(|(_, p)| props.contains(&p.as_str()))
        .filter(|(id, _)| !scan.in_foreign(*id))
        .find_map(|(id, _)| {
            dom.attr(*id, "content")
                .or_else(|| dom.attr(*id, "datetime"))
                .and_then(parse_date)
                .or_else(|| short_text(dom, *id, MAX_DATE_TEXT_CHARS).and_then(|t| parse_date(&t)))
        })
}

/// Whether an element (or its two nearest ancestors) is marked as an update.
fn marked_as_update(dom: &Dom, id: NodeId) -> bool {
    std::iter::once(id)
        .chain(dom.ancestors(id).take(2))
        .any(|n| {
            ["class", "itemprop", "id"].iter().any(|a| {
                dom.attr(n, a).is_some_and(|v| {
                    let v = v.to_ascii_lowercase();
                    UPDATE_MARKERS.iter().any(|m| v.contains(m))
                })
            })
        })
}

fn text_says_update(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    lower.starts_with("updated")
        || lower.starts_with("last updated")
        || lower.starts_with("modified")
        || lower.starts_with("last modified")
}

/// The first `<time>` outside comment and related-link regions that is (or, for
/// `want_update == false`, is not) marked as an update.
pub fn time_element(
    dom: &Dom,
    scan: &Scan,
    anchor: Option<NodeId>,
    want_update: bool,
) -> Option<String> {
    by_distance(&scan.times, anchor)
        .into_iter()
        .filter(|&id| !scan.in_foreign(id))
        .find_map(|id| {
            let text = dom.text(id);
            let is_update = marked_as_update(dom, id)
                || text_says_update(&text)
                || parent_text_says_update(dom, id);
            if is_update != want_update {
                return None;
            }
            dom.attr(id, "datetime").and_then(parse_date).or_else(|| {
                (text.chars().count() <= MAX_DATE_TEXT_CHARS)
                    .then(|| parse_date(&text))
                    .flatten()
            })
        })
}

/// How much farther a candidate before the headline counts than one after it: the
/// article's own date line usually follows its headline, while dates above it are often
/// from navigation or listings.
const BEFORE_HEADLINE_PENALTY: usize = 3;

/// Candidates ordered by closeness to the headline (document order without one).
fn by_distance(ids: &[NodeId], anchor: Option<NodeId>) -> Vec<NodeId> {
    let mut out = ids.to_vec();
    if let Some(a) = anchor {
        out.sort_by_key(|&id| {
            if id > a {
                id - a
            } else {
                (a - id) * BEFORE_HEADLINE_PENALTY
            }
        });
    }
    out
}

/// "Updated <time>...</time>": the label sits in the parent, before the time element.
fn parent_text_says_update(dom: &Dom, id: NodeId) -> bool {
    let Some(parent) = dom.parent(id) else {
        return false;
    };
    let before: String = dom
        .children(parent)
        .take_while(|&c| c != id)
        .filter(|&c| dom.is_text(c))
        .map(|c| dom.text_content(c))
        .collect();
    let lower = before.to_lowercase();
    UPDATE_MARKERS.iter().any(|m| lower.contains(m))
}

/// A date printed in an element whose class names a date ("posted-on", "article-date").
pub fn date_line(
    dom: &Dom,
    scan: &Scan,
    anchor: Option<NodeId>,
    want_update: bool,
) -> Option<String> {
    by_distance(&scan.dates, anchor)
        .into_iter()
        .filter(|&id| !scan.in_foreign(id))
        .find_map(|id| {
            let from_attr = dom
                .attr(id, "datetime")
                .or_else(|| dom.attr(id, "content"))
                .and_then(parse_date);
            let text = short_text(dom, id, MAX_DATE_TEXT_CHARS);
            let lower = text.as_deref().map(str::to_lowercase).unwrap_or_default();
            if want_update {
                // "Published Oct 1, 2025 · Updated Oct 3, 2025": read after the marker.
                if let Some(pos) = lower.find("updated").or_else(|| lower.find("modified")) {
                    let tail = text.as_deref().and_then(|t| t.get(pos..)).unwrap_or("");
                    return parse_date(tail);
                }
                return marked_as_update(dom, id).then_some(from_attr).flatten();
            }
            if marked_as_update(dom, id) && !lower.contains("publish") && !lower.contains("posted")
            {
                return None;
            }
            if text_says_update(&lower) {
                return None;
            }
            from_attr.or_else(|| parse_date(text.as_deref()?))
        })
}

/// Names from the first byline element outside foreign regions, plus other byline elements
/// close to it (several `rel=author` links in one header).
pub fn visible_bylines(dom: &Dom, scan: &Scan) -> Vec<String> {
    let mut candidates: Vec<NodeId> = scan.bylines.clone();
    candidates.extend(
        scan.itemprops
            .iter()
            .filter(|(_, p)| p == "author" || p == "creator")
            .map(|(id, _)| *id),
    );
    candidates.sort_unstable();
    candidates.dedup();
    let mut names: Vec<String> = Vec::new();
    let mut region: Option<(NodeId, NodeId)> = None;
    for id in candidates {
        if let Some((start, end)) = region {
            if id < start || id >= end {
                continue;
            }
        }
        if scan.in_foreign(id) {
            continue;
        }
        let text = name_text(dom, id);
        let Some(text) = text else { continue };
        let found = split_byline(&text);
        if found.is_empty() {
            continue;
        }
        for n in found {
            if !names.iter().any(|x| x.eq_ignore_ascii_case(&n)) {
                names.push(n);
            }
        }
        if region.is_none() {
            // Other bylines count only inside the grandparent of the first one.
            let scope = dom.ancestors(id).nth(1).unwrap_or(id);
            region = Some((scope, dom.subtree_end(scope)));
        }
    }
    names
}

/// The text naming an author: a nested `itemprop=name` when there is one.
fn name_text(dom: &Dom, id: NodeId) -> Option<String> {
    let named = dom.descendants(id).find(|&d| {
        dom.attr(d, "itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("name"))
    });
    let target = named.unwrap_or(id);
    let text = dom
        .attr(target, "content")
        .map(str::to_string)
        .unwrap_or_else(|| dom.text(target));
    (!text.is_empty() && text.chars().count() <= MAX_BYLINE_TEXT_CHARS).then_some(text)
}

fn short_text(dom: &Dom, id: NodeId, max_chars: usize) -> Option<String> {
    // Cheap bound before building the text: a node with many descendants is a container.
    if dom.subtree_end(id) - id > 40 {
        return None;
    }
    let t = dom.text(id);
    (!t.is_empty() && t.chars().count() <= max_chars).then_some(t)
}

/// The standfirst printed under the headline: an element marked as one (class `dek`,
/// `standfirst`, `subtitle`...) or one repeating the declared description, starting within
/// [`MAX_DEK_DISTANCE`] nodes after the headline.
pub fn printed_standfirst(
    dom: &Dom,
    scan: &Scan,
    headline: Option<NodeId>,
    description: Option<&str>,
    title: Option<&str>,
) -> Option<(NodeId, String)> {
    let anchor = headline?;
    let window = (anchor + 1)..(anchor + 1 + MAX_DEK_DISTANCE).min(dom.len());
    let title_key = title.map(squash).unwrap_or_default();
    let acceptable = |id: NodeId| -> Option<(NodeId, String)> {
        if scan.in_foreign(id) || dom.subtree_end(id) - id > MAX_DEK_NODES {
            return None;
        }
        let text = dom.text(id);
        let words = text.split_whitespace().count();
        let key = squash(&text);
        let ok = (MIN_STANDFIRST_WORDS..=MAX_STANDFIRST_WORDS).contains(&words)
            && key != title_key
            && !(words <= 12 && parse_date(&text).is_some())
            && split_byline(&text).is_empty();
        ok.then_some((id, text))
    };
    let mut marked_ids: Vec<NodeId> = scan
        .deks
        .iter()
        .chain(
            scan.itemprops
                .iter()
                .filter(|(_, p)| p == "description" || p == "alternativeheadline")
                .map(|(id, _)| id),
        )
        .copied()
        .filter(|id| window.contains(id))
        .collect();
    marked_ids.sort_unstable();
    let marked = marked_ids.into_iter().find_map(acceptable);
    if marked.is_some() {
        return marked;
    }
    let desc_key = squash(description?);
    if desc_key.len() < 20 {
        return None;
    }
    window
        .filter(|&id| {
            matches!(
                dom.tag(id),
                Some("p" | "h2" | "h3" | "div" | "span" | "strong" | "em")
            )
        })
        // Containers holding the whole article are skipped before their text is built.
        .filter(|&id| dom.subtree_end(id) - id <= MAX_DEK_NODES)
        .find(|&id| squash(&dom.text(id)) == desc_key)
        .and_then(acceptable)
}

/// Keys under which JavaScript state blobs (Next.js, Nuxt, headless CMSs) keep the
/// publication date, quoted or not.
const SCRIPT_DATE_KEYS: &[&str] = &[
    "datePublished",
    "publishedDate",
    "publishDate",
    "published_at",
    "publishedAt",
    "first_publication_date",
    "date_published",
    "publicationDate",
    "publication_date",
    "postDate",
    "pubDate",
];

/// Most script bytes searched for dates: state blobs put the page's own record first, and
/// multi-megabyte bundles are not worth reading.
const MAX_SCRIPT_BYTES: usize = 2_000_000;

/// The first publication date found under a known key in the page's inline scripts.
pub fn script_date(dom: &Dom, scan: &Scan) -> Option<String> {
    let mut budget = MAX_SCRIPT_BYTES;
    for &id in &scan.scripts {
        let text = dom.raw_text(id);
        let text = &text[..floor_char_boundary(text, budget.min(text.len()))];
        budget = budget.saturating_sub(text.len());
        let mut best: Option<(usize, String)> = None;
        for key in SCRIPT_DATE_KEYS {
            let finder = memchr::memmem::Finder::new(key.as_bytes());
            for pos in finder.find_iter(text.as_bytes()) {
                if best.as_ref().is_some_and(|(b, _)| *b < pos) {
                    break;
                }
                if let Some(date) = value_after_key(&text[pos + key.len()..]) {
                    best = Some((pos, date));
                    break;
                }
            }
        }
        if let Some((_, date)) = best {
            return Some(date);
        }
        if budget == 0 {
            break;
        }
    }
    None
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `": "2025-10-30T..."` or `:"2025-10-30"` right after a key: the date, if it parses.
fn value_after_key(rest: &str) -> Option<String> {
    let rest = rest
        .strip_prefix('"')
        .or_else(|| rest.strip_prefix("\\\""))
        .unwrap_or(rest);
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let rest = rest
        .strip_prefix("\\\"")
        .or_else(|| rest.strip_prefix('"'))?;
    let end = rest.find(['"', '\\'])?;
    if end > 40 {
        return None;
    }
    parse_date(&rest[..end])
}

/// Nodes after the headline searched for a printed date, and nodes before it (some
/// templates print "Last updated" above the headline).
const HEADLINE_DATE_AFTER: usize = 150;
const HEADLINE_DATE_BEFORE: usize = 40;

/// Longest text node read as a printed date ("Published on Thursday, October 30, 2025 at
/// 10:05 a.m. EDT" fits).
const MAX_PRINTED_DATE_CHARS: usize = 80;

/// The dates printed as their own short texts near the headline (after it, then just
/// before it), outside foreign regions, found in one walk: the page's date choice asks for
/// each of them, and reading the window once keeps that to one pass per page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeadlineDates {
    /// The first one, whatever its label: the date a reader sees with the article.
    pub shown: Option<String>,
    /// The first one not labelled as an update.
    pub published: Option<String>,
    /// The first one labelled as an update ("Updated", "Last updated").
    pub updated: Option<String>,
}

/// Read [`HeadlineDates`]; all empty without a headline.
pub fn headline_dates(dom: &Dom, scan: &Scan, headline: Option<NodeId>) -> HeadlineDates {
    let mut found = HeadlineDates::default();
    let Some(anchor) = headline else {
        return found;
    };
    let after = (anchor + 1)..(anchor + 1 + HEADLINE_DATE_AFTER).min(dom.len());
    let before = (anchor.saturating_sub(HEADLINE_DATE_BEFORE)..anchor).rev();
    for id in after.chain(before).filter(|&id| dom.is_text(id)) {
        let text = dom.text_content(id).trim();
        let n = text.chars().count();
        if !(6..=MAX_PRINTED_DATE_CHARS).contains(&n) || !text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // Comment and related-link regions are skipped before the date is parsed and its
        // label looked for in the DOM.
        if scan.in_foreign(id) {
            continue;
        }
        let Some(date) = parse_date(text) else {
            continue;
        };
        let label_is_update = text_says_update(text)
            || previous_text_says_update(dom, id)
            || dom.parent(id).is_some_and(|p| marked_as_update(dom, p));
        let slot = if label_is_update {
            &mut found.updated
        } else {
            &mut found.published
        };
        if slot.is_none() {
            *slot = Some(date.clone());
        }
        if found.shown.is_none() {
            found.shown = Some(date);
        }
        if found.published.is_some() && found.updated.is_some() {
            break;
        }
    }
    found
}

/// "Last updated:" in the text node just before (within the parent's previous sibling).
fn previous_text_says_update(dom: &Dom, id: NodeId) -> bool {
    let start = id.saturating_sub(4);
    (start..id)
        .rev()
        .filter(|&p| dom.is_text(p))
        .take(1)
        .any(|p| {
            let lower = dom.text_content(p).to_lowercase();
            UPDATE_MARKERS.iter().any(|m| lower.contains(m))
        })
}

/// Openings of a printed publication line ("Published on Oct 21, 2025").
const PUBLISHED_CUES: &[&str] = &[
    "published",
    "posted",
    "first published",
    "date published",
    "publication date",
    "publish date",
    "released",
];

/// Longest cued line read ("Published on Thursday, 30 October 2025, 10:05 a.m. PKT").
const MAX_CUED_DATE_CHARS: usize = 100;

/// A text anywhere on the page that opens with a publication cue and holds a date.
pub fn cued_date(dom: &Dom, scan: &Scan) -> Option<String> {
    (0..dom.len()).filter(|&id| dom.is_text(id)).find_map(|id| {
        let text = dom.text_content(id).trim();
        if text.len() < 8 || text.len() > MAX_CUED_DATE_CHARS * 4 {
            return None;
        }
        let opens_with_cue = PUBLISHED_CUES.iter().any(|c| {
            text.get(..c.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(c))
        });
        if !opens_with_cue || text.chars().count() > MAX_CUED_DATE_CHARS {
            return None;
        }
        if scan.in_foreign(id) {
            return None;
        }
        // The cue may sit alone in its node with the date in the next one.
        parse_date(text).or_else(|| {
            let next = ((id + 1)..(id + 4).min(dom.len())).find(|&n| dom.is_text(n))?;
            let t = dom.text_content(next).trim();
            (t.chars().count() <= MAX_CUED_DATE_CHARS)
                .then(|| parse_date(t))
                .flatten()
        })
    })
}

/// The first heading (h2, h3) or title-classed element whose text is `title`: the headline
/// of a page whose `<h1>` is the site name, or that has none.
pub fn element_with_text(dom: &Dom, title: &str) -> Option<NodeId> {
    let key = squash(title);
    if key.len() < 8 {
        return None;
    }
    (0..dom.len()).find(|&id| {
        let heading = matches!(dom.tag(id), Some("h2" | "h3"));
        let titled = !heading
            && dom
                .attr(id, "class")
                .is_some_and(|c| has_part(c, "", &["title", "headline"]));
        (heading || titled) && dom.subtree_end(id) - id <= 12 && squash(&dom.text(id)) == key
    })
}

/// Labels printed on their own before an author's name ("Written by" / "Jane Doe").
const BYLINE_LABELS: &[&str] = &[
    "by",
    "written by",
    "author",
    "authors",
    "posted by",
    "words by",
    "story by",
];

/// Nodes after (and before) the headline searched for a labelled byline.
const BYLINE_LABEL_AFTER: usize = 300;
const BYLINE_LABEL_BEFORE: usize = 60;

/// Names after a byline label that sits alone in its text node, near the headline.
pub fn labelled_byline(dom: &Dom, scan: &Scan, headline: Option<NodeId>) -> Vec<String> {
    let Some(anchor) = headline else {
        return Vec::new();
    };
    let after = (anchor + 1)..(anchor + 1 + BYLINE_LABEL_AFTER).min(dom.len());
    let before = (anchor.saturating_sub(BYLINE_LABEL_BEFORE)..anchor).rev();
    for id in after.chain(before).filter(|&id| dom.is_text(id)) {
        let label = dom.text_content(id).trim().trim_end_matches(':').trim();
        if label.len() > 12 || !BYLINE_LABELS.iter().any(|l| l.eq_ignore_ascii_case(label)) {
            continue;
        }
        if scan.in_foreign(id) {
            continue;
        }
        let next = ((id + 1)..(id + 6).min(dom.len()))
            .filter(|&n| dom.is_text(n))
            .map(|n| dom.text_content(n).trim())
            .find(|t| !t.is_empty());
        if let Some(names) = next.map(split_byline).filter(|n| !n.is_empty()) {
            return names;
        }
    }
    Vec::new()
}
