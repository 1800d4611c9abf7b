//! What extraction makes of a page.

use serde::{Deserialize, Serialize};

/// A news article: metadata plus the body text, as extraction found them.
///
/// Dates are RFC 3339 strings: `2025-10-30T14:05:00+05:00` when the time zone is known,
/// `2025-10-30T14:05:00` when it is not, `2025-10-30` when only the day is known.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Article {
    /// Canonical URL (`<link rel=canonical>`, `og:url`, or the URL the caller gave).
    pub url: Option<String>,
    /// The outlet: `og:site_name`, publisher name, or the host of the URL.
    pub site: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The dek or subheading printed right under the headline.
    pub standfirst: Option<String>,
    /// Authors, in page order, without "By" prefixes.
    pub bylines: Vec<String>,
    /// First publication time.
    pub published: Option<String>,
    /// Last modification time, kept apart from `published`.
    pub modified: Option<String>,
    /// The place that opens the body ("ISLAMABAD:" gives "Islamabad").
    pub dateline: Option<String>,
    /// ISO 639-1 language code of the body.
    pub language: Option<String>,
    /// The article body only: paragraphs separated by one blank line. Every [`crate::Span`]
    /// points into this text, which no stage rewrites after extraction.
    pub text: String,
}

impl Article {
    /// The paragraphs of the body, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.text.split("\n\n").filter(|p| !p.trim().is_empty())
    }
}

/// Why a page is not an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotArticleReason {
    /// The input held no text at all.
    Empty,
    /// The page is an error page (404, "page not found", access denied).
    ErrorPage,
    /// The page lists many articles (a home page, section front or search results).
    IndexPage,
    /// Some text was found, but too little to be a news article.
    TooLittleText,
    /// The bytes are not a text document (an image, PDF, archive...).
    NotText,
}

impl NotArticleReason {
    /// A short human explanation.
    pub fn describe(self) -> &'static str {
        match self {
            NotArticleReason::Empty => "the input is empty",
            NotArticleReason::ErrorPage => "the page is an error page",
            NotArticleReason::IndexPage => "the page lists other articles rather than being one",
            NotArticleReason::TooLittleText => "too little body text for an article",
            NotArticleReason::NotText => "the input is binary, not a text document",
        }
    }
}

/// The outcome of extracting one page.
// One `Extraction` lives per page and is consumed at once, so the common `Article` variant is
// kept inline (no allocation); only the rarer `NotArticle` is boxed.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extraction {
    /// The page holds an article.
    Article(Article),
    /// The page is not an article; `article` keeps whatever metadata was still found.
    NotArticle {
        /// Why not.
        reason: NotArticleReason,
        /// Metadata found anyway (title, URL...), with whatever text there was.
        article: Box<Article>,
    },
}

impl Extraction {
    /// The article, whether or not the page qualified as one.
    pub fn article(&self) -> &Article {
        match self {
            Extraction::Article(a) => a,
            Extraction::NotArticle { article, .. } => article,
        }
    }

    /// The article, only when the page is one.
    pub fn into_article(self) -> Option<Article> {
        match self {
            Extraction::Article(a) => Some(a),
            Extraction::NotArticle { .. } => None,
        }
    }
}
