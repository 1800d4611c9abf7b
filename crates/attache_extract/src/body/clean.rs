//! From the chosen subtrees to the article text: which blocks of the container are article
//! paragraphs, and which are furniture that sits inside it (bylines, captions, link lists,
//! cross-links, sign-up prompts).

use super::blocks::{count_chars, Block, BlockKind, Blocks};
use super::select::Selection;
use super::Hints;
use crate::furniture::is_furniture_line;
use crate::html::Dom;

/// A block with more than this share of its characters inside links is navigation (a
/// teaser, a "more on this" line), not prose. Real paragraphs link a few words each.
const MAX_BLOCK_LINK_DENSITY: f64 = 0.5;

/// Blocks at least this long (a sentence or two after a linked headline: the items of a
/// "10 things to know" list) may carry more links...
const MEDIUM_BLOCK_CHARS: u32 = 120;

/// ...up to this share of their characters; so may a paragraph that ends a sentence
/// ("Jane Roe has been named to the cabinet." with the name linked), which a cross-link
/// headline does not.
const MAX_MEDIUM_BLOCK_LINK_DENSITY: f64 = 0.7;

/// Blocks at least this long survive the link-density test anyway: a long paragraph full of
/// linked sources is still the article.
const LONG_BLOCK_CHARS: u32 = 400;

/// Blocks with more words than this are never judged as furniture lines: the longest line
/// the rules condemn has 60 words (a footer phrase), and skipping long paragraphs keeps
/// extraction fast.
const MAX_FURNITURE_LINE_WORDS: usize = 60;

/// Blocks longer than this (characters; 60 words of 12) are past the word bound too, and
/// the length is free to check.
const MAX_FURNITURE_LINE_CHARS: u32 = 60 * 12;

/// Whether a block sits in one of the selected subtrees. Roots are disjoint and in document
/// order, and blocks come in document order, so one sweep serves all blocks.
struct Inside<'a> {
    dom: &'a Dom<'a>,
    roots: &'a [usize],
    next: usize,
}

impl Inside<'_> {
    fn contains(&mut self, b: &Block) -> bool {
        while let Some(&r) = self.roots.get(self.next) {
            if b.first() < r {
                return false;
            }
            if b.first() < self.dom.subtree_end(r) {
                return true;
            }
            self.next += 1;
        }
        false
    }
}

/// The blocks of the selection that make up the article, as indexes into `blocks.list`, in
/// document order.
pub fn article_blocks(
    dom: &Dom,
    blocks: &Blocks,
    selection: &Selection,
    hints: &Hints,
) -> Vec<usize> {
    let mut inside = Inside {
        dom,
        roots: &selection.roots,
        next: 0,
    };
    let title_key = hints.title.as_deref().map(squash).filter(|t| !t.is_empty());
    let title_chars = hints.title.as_deref().map_or(0, count_chars);
    blocks
        .list
        .iter()
        .enumerate()
        .filter(|(_, b)| inside.contains(b))
        .filter(|(_, b)| {
            let text = blocks.text_of(b);
            if b.kind == BlockKind::Heading(1)
                || !text.chars().any(|c| c.is_alphanumeric() || c == '_')
            {
                // The headline is metadata; a block without a letter or digit is a bullet,
                // an icon or an invisible joiner (wire copy's `___` separators stay).
                return false;
            }
            let sentence = b.kind == BlockKind::Paragraph && ends_with_full_stop(text);
            let max_density = if b.chars >= MEDIUM_BLOCK_CHARS || sentence {
                MAX_MEDIUM_BLOCK_LINK_DENSITY
            } else {
                MAX_BLOCK_LINK_DENSITY
            };
            if b.link_density() > max_density && b.chars < LONG_BLOCK_CHARS {
                return false;
            }
            // The headline repeated in the body (only blocks of about its length can be).
            if let Some(t) = &title_key {
                if b.chars.abs_diff(title_chars) <= title_chars / 4 + 2 && squash(text) == *t {
                    return false;
                }
            }
            if b.chars > MAX_FURNITURE_LINE_CHARS
                || text
                    .split_whitespace()
                    .nth(MAX_FURNITURE_LINE_WORDS)
                    .is_some()
            {
                return true;
            }
            !is_furniture_line(text)
        })
        .map(|(i, _)| i)
        .collect()
}

/// A block this long (characters), nearly link-free, is article prose: the blocks before the
/// first one are the article's head zone (byline, date, standfirst).
const LEAD_PROSE_CHARS: u32 = 150;

/// Longest date line, in words ("Last updated on September 16th, 2023 at 09:27 am").
const MAX_DATE_LINE_WORDS: usize = 10;

/// Longest byline in the head zone, in words ("By Jane Doe and John Roe, Staff Writers").
const MAX_BYLINE_WORDS: usize = 15;

/// No date line is longer than this (bytes), checked before counting words.
const MAX_DATE_LINE_BYTES: usize = 240;

fn is_date_line(text: &str) -> bool {
    let t = text.trim();
    if t.len() > MAX_DATE_LINE_BYTES {
        return false;
    }
    t.split_whitespace().nth(MAX_DATE_LINE_WORDS).is_none()
        && !t.ends_with(['.', '!', '?'])
        && crate::meta::parse_date(t).is_some()
}

fn is_byline(text: &str) -> bool {
    let t = text.trim_start();
    let lower_start = t.get(..3).map(str::to_ascii_lowercase);
    lower_start.as_deref() == Some("by ")
        && t.split_whitespace().nth(MAX_BYLINE_WORDS).is_none()
        && !t.ends_with(['.', '!', '?'])
}

/// Drops the furniture of the article's head and lines that are only a date: bylines and the
/// printed standfirst before the first prose paragraph, and date lines anywhere.
///
/// A standfirst sitting next to the body's paragraphs (same parent) is the lead paragraph
/// that the description repeats, and stays.
pub fn trim_head(dom: &Dom, blocks: &Blocks, chosen: &mut Vec<usize>, hints: &Hints) {
    let standfirst = hints
        .standfirst
        .as_deref()
        .map(squash)
        .filter(|s| !s.is_empty());
    let standfirst_chars = hints.standfirst.as_deref().map_or(0, count_chars);
    // Only blocks of about the standfirst's length can be it; comparing lengths first keeps
    // the squashing off every paragraph.
    let is_standfirst = |b: &Block| {
        b.chars.abs_diff(standfirst_chars) <= standfirst_chars / 4 + 2
            && standfirst
                .as_deref()
                .is_some_and(|s| squash(blocks.text_of(b)) == s)
    };
    let block = |i: usize| blocks.list.get(i);
    let first_prose = chosen
        .iter()
        .position(|&i| {
            block(i).is_some_and(|b| {
                b.chars >= LEAD_PROSE_CHARS
                    && b.link_density() <= MAX_BLOCK_LINK_DENSITY
                    && !is_standfirst(b)
            })
        })
        .unwrap_or(0);
    let prose_parent = chosen
        .get(first_prose)
        .and_then(|&i| block(i))
        .and_then(|b| dom.parent(b.owner()));
    let apart = |b: &Block| dom.parent(b.owner()) != prose_parent;
    let mut index = 0;
    chosen.retain(|&i| {
        let Some(b) = block(i) else { return false };
        let text = blocks.text_of(b);
        let head = index < first_prose;
        index += 1;
        if head && (is_byline(text) || (is_standfirst(b) && apart(b))) {
            return false;
        }
        // Quoted posts end with their date ("— Name (@handle) November 18, 2019").
        b.quote || !is_date_line(text)
    });
}

/// Whether a text ends like a sentence: a full stop, question or exclamation mark, possibly
/// inside closing quotes or brackets.
fn ends_with_full_stop(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']']);
    t.ends_with(['.', '!', '?'])
}

/// Lowercase letters and digits only, for comparing texts that differ in spacing and marks.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
