//! Plain-text articles: a scraped or pasted story with its title on the first line.
//!
//! Layout understood: the first non-empty line is the title; byline and date lines may
//! follow ("By Jane Doe", "October 30, 2025"); then an optional standfirst (a short paragraph
//! before the first real body paragraph); then body paragraphs separated by blank lines. A
//! text without any blank lines is read one paragraph per line. Furniture lines
//! ([`crate::furniture::is_furniture_line`]) are dropped wherever they are; a leading
//! `CITY:` on one of the opening body paragraphs (the first, or the one after a short lead,
//! read by [`dateline::opening_dateline`] as on the HTML path) gives the dateline, and the
//! paragraph keeps it; a date in the dateline ("PORTHAVEN, Dec 20, 2025 (CCN) -") dates the
//! article when neither front matter nor the URL does.
//!
//! A saved article may open with a front-matter block of `key: value` lines (as scrapers
//! write them), for example:
//!
//! ```text
//! url: https://frontier-ledger.example/2025/10/27/border-warning
//! published: 2025-10-27T09:10:00+05:00
//! ```
//!
//! The keys are those of [`FRONT_MATTER_KEYS`]; the block is read only when every one of its
//! lines has such a key, so an opening `ISLAMABAD: ...` paragraph is never taken for one.

use std::borrow::Cow;

use attache_model::{Article, Extraction, NotArticleReason};

use crate::furniture::is_furniture_line;
use crate::meta::{bylines, dateline, detect_language, parse_date, url};

/// Longest first line accepted as a title, in words. A longer first line is a paragraph and
/// the text has no title.
const MAX_TITLE_WORDS: usize = 30;

/// Standfirst length bounds, in words: shorter is a label, longer a body paragraph.
const MIN_STANDFIRST_WORDS: usize = 5;
const MAX_STANDFIRST_WORDS: usize = 60;

/// A standfirst is shorter than the paragraph after it: at most this share of its length
/// (unless that paragraph opens with a dateline, which settles it).
const MAX_STANDFIRST_SHARE: f64 = 0.8;

/// Fewest body words for an article; below this a text is a note, a caption or a stub.
/// Wire briefs run to about 50 words, so the bar sits just under them.
pub const MIN_BODY_WORDS: usize = 40;

/// Fewest body words when front matter declares the text an article: whoever saved it with
/// a URL and a date has already judged it one, so only a wire flash of a sentence or two is
/// let through, not an empty shell.
pub const MIN_DECLARED_BODY_WORDS: usize = 12;

/// How many header lines (bylines, dates) may sit between the title and the body.
const MAX_HEADER_LINES: usize = 4;

/// Longest date line in the header, in words ("Published: Thursday, October 30, 2025,
/// 10:05 PKT" has seven).
const MAX_DATE_LINE_WORDS: usize = 12;

/// Front-matter keys and the article field each fills (`byline` and `author` may repeat).
pub const FRONT_MATTER_KEYS: &[&str] = &[
    "url",
    "site",
    "title",
    "standfirst",
    "byline",
    "author",
    "published",
    "date",
    "modified",
    "updated",
    "language",
];

/// How many opening blocks are read before the body streams: front matter, the title
/// block, up to [`MAX_HEADER_LINES`] header blocks, and the two paragraphs the standfirst
/// test compares.
const HEAD_BLOCKS: usize = 2 + MAX_HEADER_LINES + 2;

/// Extract an article from plain text; `url` is where it came from, if known.
///
/// Lines are borrowed from the input and the body is written paragraph by paragraph, so
/// memory stays near twice the input (input and body) however the text is cut into lines.
pub fn extract_text(text: &str, url: Option<&str>) -> Extraction {
    let mut article = Article {
        url: url.map(str::to_string),
        site: url.and_then(url::host),
        ..Article::default()
    };
    let text = text.trim_start_matches('\u{feff}');
    let normalised: Cow<str> = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    if normalised.trim().is_empty() {
        return not_article(NotArticleReason::Empty, article);
    }
    let mut rest = Blocks::new(&normalised);
    let mut blocks: Vec<Vec<&str>> = rest.by_ref().take(HEAD_BLOCKS).collect();
    let had_front_matter = read_front_matter(&mut blocks, &mut article);
    if had_front_matter {
        // Keep the head as long as without front matter.
        blocks.extend(rest.next());
    }

    // Title: the first line of the first block, when it reads like one.
    if article.title.is_none() {
        if let Some(first) = blocks.first_mut() {
            let candidate = first[0];
            if is_title_like(candidate) {
                article.title = Some(collapse(candidate));
                first.remove(0);
            }
        }
    }
    blocks.retain(|b| !b.is_empty());

    // Header lines between title and body: bylines and dates.
    if article.title.is_some() && !had_front_matter {
        read_header(&mut blocks, &mut article);
    }

    // Furniture goes before anything else is judged, so "Read more" lines never become
    // the standfirst or the dateline paragraph.
    let mut paragraphs = blocks
        .into_iter()
        .chain(rest)
        .filter_map(|b| join_block(&b))
        .filter(|p| !is_furniture_line(p));
    let mut first = paragraphs.next();
    let mut second = paragraphs.next();
    if article.title.is_some() && article.standfirst.is_none() {
        if let (Some(a), Some(b)) = (&first, &second) {
            if is_standfirst(a, b) {
                article.standfirst = first.take();
                first = second.take();
                second = paragraphs.next();
            }
        }
    }
    let opening = dateline::opening_dateline(first.iter().chain(second.iter()).map(String::as_str));
    let mut body = String::new();
    let mut words = 0;
    for p in first.into_iter().chain(second).chain(paragraphs) {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        words += p.split_whitespace().count();
        body.push_str(&p);
    }
    article.text = body;
    article.language = detect_language(&article.text, article.language.as_deref());
    if article.published.is_none() {
        article.published = url
            .and_then(url::date_from_url)
            .or_else(|| opening.as_ref().and_then(|d| d.date.clone()));
    }
    article.dateline = opening.map(|d| d.place);
    if words == 0 && article.title.is_none() {
        return not_article(NotArticleReason::Empty, article);
    }
    let min_words = if had_front_matter {
        MIN_DECLARED_BODY_WORDS
    } else {
        MIN_BODY_WORDS
    };
    if words < min_words {
        return not_article(NotArticleReason::TooLittleText, article);
    }
    Extraction::Article(article)
}

/// Read a leading front-matter block into `article`; true when there was one.
fn read_front_matter(blocks: &mut Vec<Vec<&str>>, article: &mut Article) -> bool {
    let Some(first) = blocks.first() else {
        return false;
    };
    let pairs: Vec<(String, String)> = first
        .iter()
        .filter_map(|line| {
            let (key, value) = line.split_once(':')?;
            let key = key.trim().to_ascii_lowercase();
            FRONT_MATTER_KEYS
                .contains(&key.as_str())
                .then(|| (key, value.trim().to_string()))
        })
        .collect();
    if pairs.len() != first.len() {
        return false;
    }
    for (key, value) in pairs {
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "url" => {
                article.site = article.site.take().or_else(|| url::host(&value));
                article.url = Some(value);
            }
            "site" => article.site = Some(value),
            "title" => article.title = Some(collapse(&value)),
            "standfirst" => article.standfirst = Some(collapse(&value)),
            "byline" | "author" => article.bylines.push(collapse(&value)),
            "published" | "date" => article.published = parse_date(&value),
            "modified" | "updated" => article.modified = parse_date(&value),
            "language" => article.language = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    blocks.remove(0);
    true
}

fn not_article(reason: NotArticleReason, article: Article) -> Extraction {
    Extraction::NotArticle {
        reason,
        article: Box::new(article),
    }
}

/// Blocks of non-blank lines, borrowed from the text. A text with no blank line at all but
/// several lines is read one paragraph per line.
struct Blocks<'a> {
    lines: std::str::Lines<'a>,
    one_per_line: bool,
}

impl<'a> Blocks<'a> {
    fn new(text: &'a str) -> Self {
        let mut non_blank = text.lines().filter(|l| !l.trim().is_empty());
        let several = non_blank.nth(2).is_some();
        let any_blank = text.trim().lines().any(|l| l.trim().is_empty());
        Blocks {
            lines: text.lines(),
            one_per_line: several && !any_blank,
        }
    }
}

impl<'a> Iterator for Blocks<'a> {
    type Item = Vec<&'a str>;

    fn next(&mut self) -> Option<Vec<&'a str>> {
        let mut current: Vec<&'a str> = Vec::new();
        for line in self.lines.by_ref() {
            if line.trim().is_empty() {
                if !current.is_empty() {
                    return Some(current);
                }
            } else {
                current.push(line.trim_end());
                if self.one_per_line {
                    return Some(current);
                }
            }
        }
        (!current.is_empty()).then_some(current)
    }
}

/// A block as one paragraph: hard-wrapped lines joined with spaces, list items kept on
/// their own lines; furniture lines inside the block dropped.
fn join_block(block: &[&str]) -> Option<String> {
    let lines: Vec<&str> = block
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && (block.len() == 1 || !is_furniture_line(l)))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let is_list = lines.len() > 1 && lines.iter().all(|l| is_list_item(l));
    let sep = if is_list { "\n" } else { " " };
    Some(
        lines
            .iter()
            .map(|l| collapse(l))
            .collect::<Vec<_>>()
            .join(sep),
    )
}

fn is_list_item(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with(['-', '*', '•', '–']) || {
        let digits = l.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && l[digits..].starts_with(['.', ')'])
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_title_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=MAX_TITLE_WORDS).contains(&words)
        && !is_furniture_line(line)
        && dateline(line).is_none()
        && !(words > 20 && line.trim_end().ends_with('.'))
}

/// Consume byline and date lines right after the title.
fn read_header(blocks: &mut Vec<Vec<&str>>, article: &mut Article) {
    let mut consumed = 0;
    while consumed < MAX_HEADER_LINES {
        let Some(block) = blocks.first_mut() else {
            return;
        };
        let Some(line) = block.first().copied() else {
            blocks.remove(0);
            continue;
        };
        if !absorb_header_line(line, article) {
            return;
        }
        block.remove(0);
        if block.is_empty() {
            blocks.remove(0);
        }
        consumed += 1;
    }
}

/// Take a header line into the article if it is a byline or a date line.
fn absorb_header_line(line: &str, article: &mut Article) -> bool {
    let lower = line.trim().to_lowercase();
    let words = lower.split_whitespace().count();
    let opens_byline = ["by ", "by:", "written by", "author:", "reporting by"]
        .iter()
        .any(|p| lower.starts_with(p));
    if opens_byline && words <= 20 {
        let names = bylines::split_byline(line);
        if !names.is_empty() {
            article.bylines.extend(names);
            // "By Jane Doe | October 30, 2025": the date rides along.
            if article.published.is_none() {
                article.published = parse_date(line);
            }
            return true;
        }
    }
    if words <= MAX_DATE_LINE_WORDS {
        if let Some(date) = parse_date(line) {
            let is_update = lower.starts_with("updated")
                || lower.starts_with("last updated")
                || lower.starts_with("modified");
            if is_update {
                article.modified.get_or_insert(date);
            } else if article.published.is_none() {
                article.published = Some(date);
            } else {
                article.modified.get_or_insert(date);
            }
            return true;
        }
    }
    false
}

/// Whether `candidate` is a standfirst given the paragraph after it.
fn is_standfirst(candidate: &str, next: &str) -> bool {
    let words = candidate.split_whitespace().count();
    if !(MIN_STANDFIRST_WORDS..=MAX_STANDFIRST_WORDS).contains(&words)
        || dateline(candidate).is_some()
    {
        return false;
    }
    if dateline(next).is_some() {
        return true;
    }
    let next_words = next.split_whitespace().count();
    (words as f64) <= MAX_STANDFIRST_SHARE * next_words as f64
}

#[cfg(test)]
mod tests;
