//! Whether a page is an article at all: empty pages, error pages, index pages and stubs are
//! outcomes with a reason, not errors.

use attache_model::NotArticleReason;

use super::blocks::Stats;
use super::Hints;
use crate::html::{Dom, NodeId};
use crate::text_article::MIN_BODY_WORDS;

/// Longest body (in words) an error page may have: a 404 page explains itself in a few lines;
/// an article that merely mentions "not found" in its headline is longer.
const MAX_ERROR_PAGE_WORDS: usize = 120;

/// Phrases of error-page titles and headings, lowercase.
const ERROR_TITLES: &[&str] = &[
    "404",
    "page not found",
    "not found",
    "error 404",
    "page cannot be found",
    "page could not be found",
    "access denied",
    "403 forbidden",
    "forbidden",
    "server error",
    "500 internal",
    "page unavailable",
    "no longer available",
    "this page doesn't exist",
    "this page does not exist",
    "oops",
];

/// Share of the page's visible text inside links above which a page is a list of links.
const INDEX_LINK_DENSITY: f64 = 0.5;

/// An index page's body is short next to its links: pages whose body has fewer words than
/// this and whose text is mostly links are indexes (unless they declare an article).
const MAX_INDEX_BODY_WORDS: usize = 250;

/// Judges the page; `None` means it is an article.
pub fn judge(
    dom: &Dom,
    stats: &Stats,
    root: NodeId,
    body: &str,
    hints: &Hints,
) -> Option<NotArticleReason> {
    // Text anywhere on the page (the document node sums every text node), not only under
    // the judged root: a page of table cells has text but no body.
    let page_chars = stats
        .chars
        .get(root)
        .copied()
        .unwrap_or(0)
        .max(stats.chars.first().copied().unwrap_or(0));
    if page_chars == 0 && body.trim().is_empty() {
        return Some(NotArticleReason::Empty);
    }
    // Only counts below the largest threshold matter.
    let words = body
        .split_whitespace()
        .take(MAX_INDEX_BODY_WORDS + 1)
        .count();
    let title = hints.title.as_deref().unwrap_or("").to_lowercase();
    let head_title = dom
        .elements("title")
        .next()
        .map(|t| dom.raw_text(t).to_lowercase())
        .unwrap_or_default();
    let error_title = ERROR_TITLES
        .iter()
        .any(|p| title.starts_with(p) || head_title.starts_with(p))
        || ERROR_TITLES.iter().any(|p| title == *p);
    if error_title && words <= MAX_ERROR_PAGE_WORDS {
        return Some(NotArticleReason::ErrorPage);
    }
    if hints.declares_article != Some(true)
        && words < MAX_INDEX_BODY_WORDS
        && stats.link_density(root) > INDEX_LINK_DENSITY
    {
        return Some(NotArticleReason::IndexPage);
    }
    if words < MIN_BODY_WORDS {
        // "Empty" only when the page has no text at all; a page of 900,000 table cells has
        // plenty, none of it an article body.
        return Some(if words == 0 && page_chars == 0 {
            NotArticleReason::Empty
        } else {
            NotArticleReason::TooLittleText
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::blocks::stats;

    fn judge_page(html: &str, body: &str, title: Option<&str>) -> Option<NotArticleReason> {
        let dom = Dom::parse(html);
        let st = stats(&dom);
        let root = dom.body().unwrap_or(0);
        let hints = Hints {
            title: title.map(str::to_string),
            ..Hints::default()
        };
        judge(&dom, &st, root, body, &hints)
    }

    #[test]
    fn empty_page_is_empty() {
        assert_eq!(judge_page("", "", None), Some(NotArticleReason::Empty));
    }

    /// Issue 15: a page that is one big table (900,000 cells) was "the input is empty".
    #[test]
    fn a_page_of_table_cells_is_too_little_text_not_empty() {
        let cells: String = (0..2_000).map(|i| format!("<td>{i}</td>")).collect();
        let html = format!("<table><tr>{cells}</tr></table>");
        assert_eq!(
            judge_page(&html, "", None),
            Some(NotArticleReason::TooLittleText)
        );
    }

    #[test]
    fn not_found_page_is_an_error_page() {
        let html = "<title>Page not found | Ledger</title><p>Sorry, we could not find it.</p>";
        assert_eq!(
            judge_page(html, "Sorry, we could not find it.", None),
            Some(NotArticleReason::ErrorPage)
        );
    }

    #[test]
    fn a_page_of_links_is_an_index() {
        let links: String = (0..40)
            .map(|i| format!("<li><a href=/a{i}>Headline number {i} here</a></li>"))
            .collect();
        let html = format!("<ul>{links}</ul><p>Welcome to our front page.</p>");
        assert_eq!(
            judge_page(&html, "Welcome to our front page.", None),
            Some(NotArticleReason::IndexPage)
        );
    }

    #[test]
    fn a_short_note_is_too_little_text() {
        let html = "<p>Back soon with more news from the talks.</p>";
        assert_eq!(
            judge_page(html, "Back soon with more news from the talks.", None),
            Some(NotArticleReason::TooLittleText)
        );
    }
}
