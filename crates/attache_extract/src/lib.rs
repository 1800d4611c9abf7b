//! Page bytes (+ URL) to a clean [`attache_model::Article`], or a reasoned rejection.
//!
//! [`extract`] is the entry point. It refuses inputs over [`Settings::max_bytes`], decodes the
//! bytes ([`encoding`]: BOM, HTTP charset, `<meta charset>`, then a guess), tells HTML from
//! plain text from binary ([`encoding::sniff`]), and then:
//!
//! - plain text goes to [`text_article::extract_text`] (title on the first line, standfirst,
//!   dateline, furniture lines dropped);
//! - HTML is parsed once into a [`html::Dom`]; [`meta::page_metadata`] reads the metadata
//!   (JSON-LD, meta tags, `<time>`, visible bylines, URL dates) and [`body::extract`] finds
//!   the article body (main-content container, page furniture pruned, paragraphs separated by
//!   a blank line) and judges whether the page is an article at all.
//!
//! The crate never fetches anything and never panics on input; a page that is not an article
//! is an [`Extraction::NotArticle`] outcome with a reason, not an error.
//!
//! ```
//! use attache_extract::{extract, Settings};
//! let page = br#"<html lang="en"><head><title>Ceasefire talks resume | Daily Ledger</title></head>
//! <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
//! <article><h1>Ceasefire talks resume</h1>
//! <p>ISTANBUL: Negotiators from both sides met again on Thursday in a hotel overlooking the
//! Bosphorus, officials said, after a week in which the truce had nearly collapsed.</p>
//! <p>The talks are expected to last three days and will focus on prisoner exchanges, the
//! reopening of two border crossings and the return of displaced families.</p>
//! <p>Read more: Why the last truce failed</p></article></body></html>"#;
//! let outcome = extract(page, Some("https://ledger.example/world/talks"), &Settings::default())
//!     .unwrap();
//! let article = outcome.article();
//! assert!(article.text.starts_with("ISTANBUL: Negotiators"));
//! assert!(!article.text.contains("Read more"));
//! assert_eq!(article.paragraphs().count(), 2);
//! ```
//!
//! Module owners while the first version is written:
//! - `html`, `body`, `lib.rs`: the HTML parser, main-content extraction, the `extract` entry point.
//! - `encoding`, `meta`, `text_article`, `furniture`: decoding, metadata, plain-text articles,
//!   line-level page furniture rules.

pub mod body;
pub mod encoding;
pub mod furniture;
pub mod html;
pub mod meta;
pub mod text_article;

use attache_model::{Article, Extraction, NotArticleReason};

/// Default input size cap: 20 MB, far above any real article page (the largest pages in the
/// benchmark sets are a few MB) and low enough to bound memory per page.
pub const DEFAULT_MAX_BYTES: usize = 20 * 1024 * 1024;

/// What the caller can tune.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Inputs longer than this many bytes are refused with [`ExtractError::TooLarge`].
    pub max_bytes: usize,
    /// The HTTP `Content-Type` header the page came with, if any (its charset is honoured).
    pub content_type: Option<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            max_bytes: DEFAULT_MAX_BYTES,
            content_type: None,
        }
    }
}

/// Why extraction could not be done at all. A page that is not an article is not an error.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    /// The input is over the size cap.
    #[error("input is {size} bytes, over the {limit}-byte size cap")]
    TooLarge {
        /// The input size in bytes.
        size: usize,
        /// The cap in force.
        limit: usize,
    },
}

/// Extract the article from page bytes; `url` is where the page came from, if known.
pub fn extract(
    bytes: &[u8],
    url: Option<&str>,
    settings: &Settings,
) -> Result<Extraction, ExtractError> {
    if bytes.len() > settings.max_bytes {
        return Err(ExtractError::TooLarge {
            size: bytes.len(),
            limit: settings.max_bytes,
        });
    }
    let kind = encoding::sniff(bytes);
    if kind == encoding::InputKind::Binary {
        let article = Article {
            url: url.map(str::to_string),
            ..Article::default()
        };
        return Ok(Extraction::NotArticle {
            reason: NotArticleReason::NotText,
            article: Box::new(article),
        });
    }
    let text = encoding::decode(bytes, settings.content_type.as_deref());
    match kind {
        encoding::InputKind::PlainText => Ok(text_article::extract_text(&text, url)),
        _ => Ok(extract_html(&text, url)),
    }
}

/// Extract the article from an already decoded HTML page.
pub fn extract_html(html: &str, url: Option<&str>) -> Extraction {
    let dom = html::Dom::parse(html);
    let meta = meta::page_metadata(&dom, url);
    let body = body::extract(&dom, &body::Hints::from_metadata(&meta));
    // The DOM is done with; free it before the body-sized work below (big pages).
    drop(dom);

    // A lead paragraph (a standfirst printed inside the body) may come before the one that
    // opens with the dateline, so the dateline is looked for in the first few paragraphs.
    let opening = meta::dateline::opening_dateline(body.text.split("\n\n"));
    // A date in the dateline ("RAJSHAHI, Dec 20, 2025 (BSS) -") dates the article when the
    // page names no publication (nothing, or only its modification time).
    let dateline_date = opening.as_ref().and_then(|d| d.date.clone());
    let published = match meta.published_source {
        None | Some(meta::DateSource::Modified) => dateline_date.or_else(|| meta.published.clone()),
        _ => meta.published.clone(),
    };
    let dateline = opening.map(|d| d.place);
    let article = Article {
        url: meta.url.clone().or_else(|| url.map(str::to_string)),
        site: meta.site.clone(),
        title: meta.title.clone(),
        standfirst: meta.standfirst_for(&body.text),
        bylines: meta.bylines.clone(),
        published,
        modified: meta.modified.clone(),
        dateline,
        language: meta::detect_language(&body.text, meta.language.as_deref()),
        text: body.text,
    };
    match body.verdict {
        None => Extraction::Article(article),
        Some(reason) => Extraction::NotArticle {
            reason,
            article: Box::new(article),
        },
    }
}

/// The article body alone, for benchmarks of the main-content step.
pub fn extract_html_body(html: &str) -> String {
    let dom = html::Dom::parse(html);
    let meta = meta::page_metadata(&dom, None);
    body::extract(&dom, &body::Hints::from_metadata(&meta)).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversized_input_is_refused() {
        let settings = Settings {
            max_bytes: 10,
            ..Settings::default()
        };
        assert_eq!(
            extract(b"<p>eleven bytes or more</p>", None, &settings),
            Err(ExtractError::TooLarge {
                size: 27,
                limit: 10
            })
        );
    }

    #[test]
    fn binary_input_is_not_text() {
        let outcome = extract(b"%PDF-1.7\n\x00\x01\x02binary", None, &Settings::default());
        assert!(matches!(
            outcome,
            Ok(Extraction::NotArticle {
                reason: NotArticleReason::NotText,
                ..
            })
        ));
    }

    #[test]
    fn empty_input_is_not_an_article() {
        let outcome = extract(b"", None, &Settings::default());
        assert!(matches!(outcome, Ok(Extraction::NotArticle { .. })));
    }
}
