//! From the chosen subtrees to the article text: which blocks of the container are article
//! paragraphs, and which are furniture that sits inside it (bylines, captions, link lists,
//! cross-links, sign-up prompts).

use super::blocks::{Block, BlockKind, Blocks};
use super::select::Selection;
use super::Hints;
use crate::furniture::is_furniture_line;
use crate::html::Dom;

/// A block with more than this share of its characters inside links is navigation (a
/// teaser, a "more on this" line), not prose. Real paragraphs link a few words each.
const MAX_BLOCK_LINK_DENSITY: f64 = 0.5;

/// Blocks at least this long survive the link-density test anyway: a long paragraph full of
/// linked sources is still the article.
const LONG_BLOCK_CHARS: u32 = 400;

/// The blocks of the selection that make up the article, in document order.
pub fn article_blocks<'b>(
    dom: &Dom,
    blocks: &'b Blocks,
    selection: &Selection,
    hints: &Hints,
) -> Vec<&'b Block> {
    let inside = |b: &Block| {
        selection
            .roots
            .iter()
            .any(|&r| b.first >= r && b.first < dom.subtree_end(r))
    };
    let title_key = hints.title.as_deref().map(squash);
    blocks
        .list
        .iter()
        .filter(|b| inside(b))
        .filter(|b| {
            let text = blocks.text_of(b);
            if b.kind == BlockKind::Heading(1) {
                return false;
            }
            if b.link_density() > MAX_BLOCK_LINK_DENSITY && b.chars < LONG_BLOCK_CHARS {
                return false;
            }
            if title_key
                .as_deref()
                .is_some_and(|t| !t.is_empty() && squash(text) == t)
            {
                return false;
            }
            !is_furniture_line(text)
        })
        .collect()
}

/// Joins blocks into the article text: one paragraph per block, separated by a blank line.
pub fn join(blocks: &Blocks, chosen: &[&Block]) -> String {
    let mut out = String::with_capacity(chosen.iter().map(|b| b.end - b.start + 2).sum());
    for b in chosen {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(blocks.text_of(b));
    }
    out
}

/// Lowercase letters and digits only, for comparing texts that differ in spacing and marks.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
