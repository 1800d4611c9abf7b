//! Page metadata: URL, site, title, standfirst, bylines, dates and declared language.
//!
//! Sources are read in order of trust (issue 2): JSON-LD ([`jsonld`]), then `<meta>` tags
//! ([`keys`] lists which), then microdata and `<time>` elements, then visible bylines and
//! date lines found by class names, then dates in the URL path. Each field takes the first
//! source that yields a usable value, so a page with good JSON-LD is never second-guessed by
//! its sidebar. Published and modified times are kept apart at every level.
//!
//! [`page_metadata`] needs only the DOM; the body-dependent parts (standfirst vs first
//! paragraph, dateline, detected language) are finished by the caller with
//! [`PageMetadata::standfirst_for`], [`dateline`] and [`detect_language`].

pub mod bylines;
mod choose_date;
pub mod dateline;
pub mod dates;
pub mod jsonld;
pub mod keys;
pub mod language;
pub mod scan;
pub mod title;
pub mod url;
mod visible;
pub mod zones;

pub use dateline::dateline;
pub use dates::parse_date;
pub use language::detect_language;

use crate::body::clean::squash;
use crate::html::{Dom, NodeId};
use jsonld::JsonLd;
use scan::{collapse, Scan};

/// Shortest description worth calling a standfirst, in words: shorter ones are labels.
const MIN_STANDFIRST_WORDS: usize = 5;

/// Longest standfirst, in words: news deks run 15-40 words; longer "descriptions" are whole
/// paragraphs or SEO blurbs.
const MAX_STANDFIRST_WORDS: usize = 50;

/// How many nodes after the headline a standfirst element may start: it sits right under
/// the headline, before the body, so it is close in document order.
const MAX_DEK_DISTANCE: usize = 80;

/// Where the published date came from, for diagnostics and evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// JSON-LD `datePublished` / `dateModified`.
    JsonLd,
    /// A `<meta>` tag.
    MetaTag,
    /// Microdata (`itemprop=datePublished` on an element).
    Microdata,
    /// A `<time>` element.
    TimeElement,
    /// A visible element whose class names a date.
    Visible,
    /// The URL path.
    Url,
    /// A date key in an inline script's state data.
    Script,
    /// The modification time, for a page that names no publication (see
    /// `choose_date`).
    Modified,
}

/// Everything the page says about its article, before the body is known.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMetadata {
    /// Canonical URL: `<link rel=canonical>`, `og:url`, JSON-LD, else the caller's URL.
    pub url: Option<String>,
    /// The outlet: `og:site_name`, publisher name, else the host without `www.`.
    pub site: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The `<h1>` the title was taken from, when it was (the body starts after it).
    pub title_node: Option<NodeId>,
    /// A standfirst printed under the headline (an element marked as such, or one
    /// repeating the description).
    pub standfirst: Option<String>,
    /// The element holding `standfirst`, so that body extraction can leave it out.
    pub standfirst_node: Option<NodeId>,
    /// The declared description (`og:description`, `description`...), a standfirst candidate.
    pub description: Option<String>,
    /// Author names, in order.
    pub bylines: Vec<String>,
    /// First publication time, RFC 3339.
    pub published: Option<String>,
    /// Where `published` came from.
    pub published_source: Option<DateSource>,
    /// Last modification time, RFC 3339.
    pub modified: Option<String>,
    /// The declared language, ISO 639-1 (`<html lang>`, JSON-LD, `og:locale`...).
    pub language: Option<String>,
    /// JSON-LD `articleBody`, when the page gives one.
    pub article_body: Option<String>,
    /// `og:type` (e.g. `article`, `website`).
    pub og_type: Option<String>,
    /// JSON-LD `@type`s of the main object (e.g. `NewsArticle`, `WebPage`).
    pub schema_types: Vec<String>,
    /// Whether the JSON-LD holds an article-type object.
    pub schema_article: bool,
}

impl PageMetadata {
    /// Whether the page declares itself an article (JSON-LD article type or `og:type`
    /// article); `None` when it declares nothing either way.
    pub fn declares_article(&self) -> Option<bool> {
        if self.schema_article {
            return Some(true);
        }
        match self
            .og_type
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("article" | "news" | "blog" | "post") => Some(true),
            Some("website" | "profile" | "product" | "video.other" | "book") => Some(false),
            _ => None,
        }
    }

    /// The standfirst given the extracted body: the printed one when found, else the
    /// declared description unless it merely repeats (or truncates) the body's opening or
    /// any of its paragraphs.
    pub fn standfirst_for(&self, body: &str) -> Option<String> {
        if let Some(s) = &self.standfirst {
            // A "dek" that the body also holds is its lead paragraph (descriptions are often
            // copied from it); the body keeps it, once.
            let key = squash(s);
            return (!squashed_contains(body, &key)).then(|| s.clone());
        }
        let d = self.description.as_deref()?;
        let words = d.split_whitespace().count();
        if !(MIN_STANDFIRST_WORDS..=MAX_STANDFIRST_WORDS).contains(&words) {
            return None;
        }
        let key = squash(d.trim_end_matches(['.', '…']).trim_end_matches("..."));
        if key.is_empty() {
            return None;
        }
        if let Some(title) = &self.title {
            if squash(title) == key {
                return None;
            }
        }
        // A description made from the body (whole, or cut with an ellipsis) is not a dek.
        if squashed_contains(body, &key) {
            return None;
        }
        Some(d.to_string())
    }
}

/// Whether `squash(haystack)` contains `needle` (itself squashed), read in one pass
/// (Knuth-Morris-Pratt) without building the squashed haystack: the haystack is a whole
/// article body, the needle a sentence. Measured (callgrind, the 805 WCXB and ScrapingHub
/// pages): `squash(body).contains(needle)` in its place costs 3.1 times the instructions
/// in `standfirst_for` (686 M against 218 M, 5.5 % of the whole extraction).
fn squashed_contains(haystack: &str, needle: &str) -> bool {
    let needle: Vec<char> = needle.chars().collect();
    if needle.is_empty() {
        return true;
    }
    // fail[i]: length of the longest proper prefix of needle[..=i] that is also its suffix.
    let mut fail = vec![0usize; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle[i] != needle[k] {
            k = fail[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        fail[i] = k;
    }
    let mut q = 0;
    let mut feed = |c: char| -> bool {
        while q > 0 && c != needle[q] {
            q = fail[q - 1];
        }
        if c == needle[q] {
            q += 1;
        }
        q == needle.len()
    };
    for c in haystack.chars() {
        // ASCII first: most bodies are mostly ASCII, and its case folding is a table look-up.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() && feed(c.to_ascii_lowercase()) {
                return true;
            }
        } else if c.is_alphanumeric() && c.to_lowercase().any(&mut feed) {
            return true;
        }
    }
    false
}

/// Read a page's metadata; `url` is the address the caller fetched it from, if known.
pub fn page_metadata(dom: &Dom, url: Option<&str>) -> PageMetadata {
    let mut scan = scan::scan(dom);
    let ld = JsonLd::from_blocks(scan.ld_blocks.iter().map(|&id| dom.raw_text(id)));
    let meta_pairs = std::mem::take(&mut scan.meta);
    let meta = MetaLookup::new(&meta_pairs);

    let page_url = canonical_url(&scan, &meta, &ld, url);
    let host = page_url
        .as_deref()
        .and_then(url::host)
        .or_else(|| url.and_then(url::host));

    let site_names: Vec<String> = keys::SITE_NAMES
        .iter()
        .filter_map(|k| meta.first(k))
        .map(|s| collapse(&jsonld::clean_text(s)))
        .chain(ld.publisher.clone())
        .filter_map(|s| tidy_site_name(&s))
        .collect();
    let site = site_names.first().cloned().or_else(|| host.clone());

    let h1_texts: Vec<String> = scan.h1.iter().map(|&id| dom.text(id)).collect();
    let candidates = title::TitleCandidates {
        h1: h1_texts,
        headline: ld.headline.clone(),
        declared: keys::TITLES
            .iter()
            .filter_map(|k| meta.first(k))
            .map(|s| collapse(&jsonld::clean_text(s)))
            .collect(),
        title_tag: scan.title_tag.clone(),
        site_names: site_names.clone(),
        host: host.clone(),
    };
    let (title, h1_index) = title::choose_title(&candidates);
    let title_node = h1_index.and_then(|i| scan.h1.get(i).copied());

    let anchor = title_node
        .or_else(|| {
            title
                .as_deref()
                .and_then(|t| visible::element_with_text(dom, t))
        })
        .or_else(|| scan.h1.first().copied());
    if let Some(a) = anchor {
        scan.keep_headline_region(a);
    }
    let headline_dates = visible::headline_dates(dom, &scan, anchor);
    let page_dates = choose_date::PageDates {
        dom,
        scan: &scan,
        meta: &meta,
        ld: &ld,
        headline: anchor,
        headline_dates: &headline_dates,
    };
    let modified = choose_date::modified(&page_dates);
    let (published, published_source) = choose_date::published(
        &page_dates,
        page_url.as_deref().or(url),
        modified.as_deref(),
    );

    let mut bylines = bylines(dom, &scan, &meta, &ld, anchor);
    // The outlet credited next to its writers ("Jane Doe, Valley Ledger") is not an author.
    if bylines.len() > 1 {
        bylines.retain(|b| !site_names.iter().any(|s| squash(s) == squash(b)));
    }

    let description = keys::DESCRIPTIONS
        .iter()
        .filter_map(|k| meta.first(k))
        .map(|s| collapse(&jsonld::clean_text(s)))
        .find(|s| !s.is_empty())
        .or_else(|| ld.description.clone());
    let (standfirst_node, standfirst) =
        visible::printed_standfirst(dom, &scan, anchor, description.as_deref(), title.as_deref())
            .unzip();

    let language = scan
        .html_lang
        .as_deref()
        .and_then(language::normalise_declared)
        .or_else(|| {
            ld.language
                .as_deref()
                .and_then(language::normalise_declared)
        })
        .or_else(|| {
            keys::LANGUAGES
                .iter()
                .filter_map(|k| meta.first(k))
                .find_map(language::normalise_declared)
        });

    PageMetadata {
        url: page_url,
        site,
        title,
        title_node,
        standfirst,
        standfirst_node,
        description,
        bylines,
        published,
        published_source,
        modified,
        language,
        article_body: ld.article_body.clone().filter(|b| !b.trim().is_empty()),
        og_type: keys::PAGE_TYPES
            .iter()
            .find_map(|k| meta.first(k))
            .map(str::to_string),
        schema_types: ld.types.clone(),
        schema_article: ld.is_article,
    }
}

/// `<meta>` values by key, first occurrence wins.
struct MetaLookup<'a> {
    pairs: &'a [(String, String)],
}

impl<'a> MetaLookup<'a> {
    fn new(pairs: &'a [(String, String)]) -> Self {
        MetaLookup { pairs }
    }

    fn first(&self, key: &str) -> Option<&'a str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn all(&self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

fn canonical_url(
    scan: &Scan,
    meta: &MetaLookup,
    ld: &JsonLd,
    given: Option<&str>,
) -> Option<String> {
    let candidates = scan
        .canonical
        .iter()
        .map(String::as_str)
        .chain(keys::URLS.iter().filter_map(|k| meta.first(k)))
        .chain(ld.url.as_deref());
    for c in candidates {
        let Some(abs) = url::resolve(given, c) else {
            continue;
        };
        // A canonical pointing at the home page of a deeper URL is a template mistake.
        let is_home = url::path(&abs).trim_matches('/').is_empty();
        let given_deeper = given.is_some_and(|g| !url::path(g).trim_matches('/').is_empty());
        if is_home && given_deeper {
            continue;
        }
        if url::host(&abs).is_some() {
            return Some(abs);
        }
    }
    given.map(str::to_string)
}

fn bylines(
    dom: &Dom,
    scan: &Scan,
    meta: &MetaLookup,
    ld: &JsonLd,
    headline: Option<NodeId>,
) -> Vec<String> {
    let from_ld: Vec<String> = ld
        .authors
        .iter()
        .filter_map(|a| bylines::clean_author(a))
        .collect();
    if !from_ld.is_empty() {
        return dedupe(from_ld);
    }
    for key in keys::AUTHORS {
        let names: Vec<String> = meta
            .all(key)
            .filter(|v| !v.contains("://") && !v.starts_with('@') && !v.starts_with("www."))
            .flat_map(|v| {
                let split = bylines::split_byline(&jsonld::clean_text(v));
                if split.is_empty() {
                    bylines::clean_author(v).into_iter().collect()
                } else {
                    split
                }
            })
            .collect();
        if !names.is_empty() {
            return dedupe(names);
        }
    }
    // WordPress SEO plugins: twitter:label1 "Written by", twitter:data1 "Jane Doe".
    if meta
        .first("twitter:label1")
        .is_some_and(|l| l.eq_ignore_ascii_case("written by"))
    {
        if let Some(name) = meta.first("twitter:data1").and_then(bylines::clean_author) {
            return vec![name];
        }
    }
    if let Some(author) = parsely_page(meta, "author") {
        let names = bylines::split_byline(&author);
        if !names.is_empty() {
            return names;
        }
    }
    let names = visible::visible_bylines(dom, scan);
    if !names.is_empty() {
        return names;
    }
    visible::labelled_byline(dom, scan, headline)
}

/// Longest site name kept; longer `og:site_name` values are slogans.
const MAX_SITE_NAME_CHARS: usize = 60;

/// A usable site name: a URL becomes its host, and a list of sections
/// ("Autoracing | F1 | Indy") its first entry.
fn tidy_site_name(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.starts_with("http://") || s.starts_with("https://") {
        return url::host(s);
    }
    let s = s.split(" | ").next().unwrap_or(s).trim();
    (!s.is_empty() && s.chars().count() <= MAX_SITE_NAME_CHARS).then(|| s.to_string())
}

fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if seen.insert(n.to_ascii_lowercase()) {
            out.push(n);
        }
    }
    out
}

/// A field of the JSON blob some sites put in `<meta name="parsely-page">`.
fn parsely_page(meta: &MetaLookup, field: &str) -> Option<String> {
    let blob = meta.first("parsely-page")?;
    let value: serde_json::Value = serde_json::from_str(blob).ok()?;
    match value.get(field)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Array(items) => items.first()?.as_str().map(str::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
