//! Main-content extraction: the article body of a parsed page, without page furniture.
//!
//! The method, in order:
//! 1. [`blocks::stats`]: per-node counts of visible, link and paragraph characters.
//! 2. [`blocks::dropped`]: subtrees left out: scripts and hidden elements, chrome tags
//!    (`nav`, `aside`, `footer`, `header`, captions), elements whose class/id/role name them
//!    as furniture ([`patterns`], read by [`classify`]). An element holding the headline or
//!    named as the article text is never dropped, nor (unless named as a comment thread,
//!    related links or the like) one holding most of the page's prose.
//! 3. [`blocks::segment`]: the rest cut into blocks (paragraphs, headings, list items, lines).
//! 4. [`select::select`]: paragraph-driven container scores (Readability's method) choose a
//!    container; it is widened to the ancestor holding the whole article when that adds much
//!    prose and little link text (listicles, articles split over several containers), and
//!    joined by sibling blocks that belong to it.
//! 5. [`clean`]: the container's blocks minus the furniture inside it: the headline,
//!    link-heavy blocks, blocks without letters, lines judged by
//!    [`crate::furniture::is_furniture_line`] (cross-links, prompts, comment footers), and in
//!    the head of the article the byline, the printed standfirst and date lines.
//!
//! When full pruning leaves almost nothing, the steps are rerun with light pruning and the
//! longer result wins. [`verdict`] then decides whether the page is an article at all.
//!
//! Every threshold is a named constant next to the step that uses it; the lists of names are
//! data in [`patterns`].

pub mod blocks;
pub mod classify;
pub mod clean;
pub mod patterns;
pub mod select;
pub mod verdict;

use attache_model::NotArticleReason;

use crate::html::{Dom, NodeId};
use crate::meta::PageMetadata;
use blocks::{count_chars, Pruning};

/// A body shorter than this (visible characters) after full pruning triggers the retry with
/// light pruning: about two short paragraphs. (Readability retries below 500, but with the
/// headline protecting its container, a short result is usually a short post, and the retry
/// would trade it for the comment thread under it.)
const RETRY_BELOW_CHARS: u32 = 250;

/// What the page's metadata tells the body extractor.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// The headline: a block repeating it is not body text.
    pub title: Option<String>,
    /// The `<h1>` holding the headline.
    pub title_node: Option<NodeId>,
    /// A printed standfirst: not body text either.
    pub standfirst: Option<String>,
    /// JSON-LD `articleBody`, when the page declares one.
    pub article_body: Option<String>,
    /// Whether the page declares itself an article (`None`: no declaration).
    pub declares_article: Option<bool>,
}

impl Hints {
    /// Hints taken from the page metadata.
    pub fn from_metadata(meta: &PageMetadata) -> Hints {
        Hints {
            title: meta.title.clone(),
            title_node: meta.title_node,
            standfirst: meta.standfirst.clone(),
            article_body: meta.article_body.clone(),
            declares_article: meta.declares_article(),
        }
    }
}

/// The extracted body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// Paragraphs separated by one blank line.
    pub text: String,
    /// `Some(reason)` when the page is not an article.
    pub verdict: Option<NotArticleReason>,
    /// The chosen container, when one was found.
    pub container: Option<NodeId>,
}

/// Extracts the article body of a parsed page.
pub fn extract(dom: &Dom, hints: &Hints) -> Body {
    let root = dom.body().unwrap_or_else(|| dom.root());
    let stats = blocks::stats(dom);
    let mut best = Body::default();
    let mut best_chars = 0;
    for pruning in [Pruning::Full, Pruning::Light] {
        let dropped = blocks::dropped(dom, &stats, root, hints.title_node, pruning);
        let all = blocks::segment(dom, root, &dropped.dropped);
        let Some(selection) = select::select(dom, &stats, &dropped.signs, &all, root) else {
            continue;
        };
        let mut chosen = clean::article_blocks(dom, &all, &selection, hints);
        clean::trim_head(dom, &all, &mut chosen, hints);
        drop(dropped);
        let text = all.into_text(&chosen);
        let chars = count_chars(&text);
        if chars > best_chars {
            best_chars = chars;
            best = Body {
                text,
                verdict: None,
                container: Some(selection.top),
            };
        }
        if chars >= RETRY_BELOW_CHARS {
            break;
        }
    }
    best.verdict = verdict::judge(dom, &stats, root, &best.text, hints);
    best
}

#[cfg(test)]
mod tests;
