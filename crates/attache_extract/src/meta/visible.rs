//! Metadata printed on the page rather than declared: microdata, `<time>` elements, date
//! lines and bylines found by class name, and the standfirst under the headline.

use super::bylines::split_byline;
use super::dates::parse_date;
use super::scan::{in_foreign_region, Scan};
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

/// A date from microdata (`itemprop="datePublished"` on an element) with one of `props`.
pub fn microdata_date(dom: &Dom, scan: &Scan, props: &[&str]) -> Option<String> {
    scan.itemprops
        .iter()
        .filter(|(_, p)| props.contains(&p.as_str()))
        .filter(|(id, _)| !in_foreign_region(dom, *id))
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
pub fn time_element(dom: &Dom, scan: &Scan, want_update: bool) -> Option<String> {
    scan.times
        .iter()
        .copied()
        .filter(|&id| !in_foreign_region(dom, id))
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
pub fn date_line(dom: &Dom, scan: &Scan, want_update: bool) -> Option<String> {
    scan.dates
        .iter()
        .copied()
        .filter(|&id| !in_foreign_region(dom, id))
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
        if in_foreign_region(dom, id) {
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
) -> Option<String> {
    let anchor = headline?;
    let window = (anchor + 1)..(anchor + 1 + MAX_DEK_DISTANCE).min(dom.len());
    let title_key = title.map(squash).unwrap_or_default();
    let acceptable = |id: NodeId| -> Option<String> {
        if in_foreign_region(dom, id) || dom.subtree_end(id) - id > 30 {
            return None;
        }
        let text = dom.text(id);
        let words = text.split_whitespace().count();
        let key = squash(&text);
        let ok = (MIN_STANDFIRST_WORDS..=MAX_STANDFIRST_WORDS).contains(&words)
            && key != title_key
            && !(words <= 12 && parse_date(&text).is_some())
            && split_byline(&text).is_empty();
        ok.then_some(text)
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
        .find(|&id| squash(&dom.text(id)) == desc_key)
        .and_then(acceptable)
}
