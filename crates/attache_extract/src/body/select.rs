//! Choosing the article container: paragraph-driven candidate scores (the method Arc90's
//! Readability made standard), refined by a climb to the common ancestor of near-equal
//! candidates and by collecting sibling blocks of the winner, so an article split over
//! several containers comes out whole.

use std::collections::HashSet;

use super::blocks::{Block, BlockKind, Blocks, Stats};
use super::classify::Signs;
use crate::html::{Dom, NodeId, Tag};

/// Shortest block (in characters) that scores its ancestors: shorter text is labels,
/// buttons and bylines, which say nothing about where the article is.
const MIN_SCORING_CHARS: u32 = 25;

/// Characters per extra point of a scoring block, and the cap on those points: long
/// paragraphs count more, but one huge block (a comment dump) cannot outweigh many.
const CHARS_PER_POINT: f64 = 100.0;
const MAX_LENGTH_POINTS: f64 = 3.0;

/// How many ancestors of a paragraph receive its score (parent fully, grandparent half,
/// then a third of the level).
const SCORED_ANCESTORS: usize = 5;

/// Other candidates scoring at least this share of the best one are "near-equal": when
/// enough of them share an ancestor with it, the article spans them all.
const ALTERNATIVE_SHARE: f64 = 0.75;

/// How many near-equal candidates must share an ancestor for the climb to it.
const MIN_ALTERNATIVES: usize = 3;

/// Candidates considered for the near-equal test.
const TOP_CANDIDATES: usize = 5;

/// A parent whose score falls under this share of the best one stops the upward climb.
const CLIMB_FLOOR_SHARE: f64 = 1.0 / 3.0;

/// A sibling container joins the winner when it scores this share of it (or at least
/// [`MIN_SIBLING_SCORE`]); a sibling with the winner's class gets this share as a bonus.
const SIBLING_SHARE: f64 = 0.2;
const MIN_SIBLING_SCORE: f64 = 10.0;

/// A sibling paragraph joins when longer than this and nearly link-free...
const SIBLING_PARAGRAPH_CHARS: u32 = 80;
const SIBLING_MAX_LINK_DENSITY: f64 = 0.25;

/// Candidate scores per node (NaN: not a candidate), stored as `f32` to halve the memory of
/// big pages; the arithmetic is done in `f64`.
struct Scores(Vec<f32>);

impl Scores {
    fn get(&self, id: NodeId) -> f64 {
        self.0.get(id).map_or(f64::NAN, |&v| f64::from(v))
    }

    fn set(&mut self, id: NodeId, v: f64) {
        if let Some(slot) = self.0.get_mut(id) {
            *slot = v as f32;
        }
    }
}

/// The body: subtrees (in document order) whose blocks make up the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The chosen container.
    pub top: NodeId,
    /// Roots of the selected subtrees: the container and the siblings that joined it.
    pub roots: Vec<NodeId>,
}

fn tag_bonus(tag: Tag) -> f64 {
    use Tag::*;
    match tag {
        Div | Article | Main | Section => 5.0,
        Pre | Td | Blockquote => 3.0,
        Address | Ol | Ul | Dl | Dd | Dt | Li | Form => -3.0,
        H1 | H2 | H3 | H4 | H5 | H6 | Th => -5.0,
        _ => 0.0,
    }
}

fn block_score(text: &str, b: &Block) -> f64 {
    let commas = text
        .chars()
        .filter(|&c| matches!(c, ',' | '，' | '、' | '،'))
        .count() as f64;
    1.0 + commas
        + (f64::from(b.chars) / CHARS_PER_POINT)
            .floor()
            .min(MAX_LENGTH_POINTS)
}

/// Scores containers and chooses the article's subtrees; `None` when no block scores.
pub fn select(
    dom: &Dom,
    stats: &Stats,
    signs: &[Signs],
    blocks: &Blocks,
    root: NodeId,
) -> Option<Selection> {
    let n = dom.len();
    let mut score = Scores(vec![f32::NAN; n]);
    let mut scored: Vec<NodeId> = Vec::new();
    for b in &blocks.list {
        if b.chars < MIN_SCORING_CHARS
            || matches!(b.kind, BlockKind::Heading(_) | BlockKind::ListItem)
        {
            continue;
        }
        let s = block_score(blocks.text_of(b), b);
        // Text loose in a `<div>` scores the div as the parent of a paragraph (Readability
        // wraps such text in a `<p>` first); a real paragraph scores its ancestors.
        let first = if b.kind == BlockKind::Loose {
            Some(b.owner())
        } else {
            dom.parent(b.owner())
        };
        let chain = std::iter::successors(first, |&a| dom.parent(a));
        for (level, anc) in chain.take(SCORED_ANCESTORS).enumerate() {
            if anc < root || anc == 0 {
                break;
            }
            if score.get(anc).is_nan() {
                score.set(
                    anc,
                    tag_bonus(dom.tag_of(anc))
                        + signs.get(anc).copied().unwrap_or_default().weight(),
                );
                scored.push(anc);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score.set(anc, score.get(anc) + s / divider);
        }
    }
    if scored.is_empty() {
        return None;
    }
    for &id in &scored {
        score.set(id, score.get(id) * (1.0 - stats.link_density(id)));
    }
    scored.sort_by(|&a, &b| score.get(b).total_cmp(&score.get(a)).then(a.cmp(&b)));
    let mut top = scored[0];
    let top_score = score.get(top);

    // Near-equal candidates sharing an ancestor: the article spans them.
    let alternatives: Vec<NodeId> = scored
        .iter()
        .skip(1)
        .take(TOP_CANDIDATES - 1)
        .copied()
        .filter(|&c| score.get(c) >= ALTERNATIVE_SHARE * top_score)
        .collect();
    if alternatives.len() >= MIN_ALTERNATIVES {
        let mut anc = dom.parent(top);
        while let Some(a) = anc.filter(|&a| a > root) {
            let holding = alternatives
                .iter()
                .filter(|&&c| is_ancestor(dom, a, c))
                .count();
            if holding >= MIN_ALTERNATIVES {
                top = a;
                break;
            }
            anc = dom.parent(a);
        }
    }

    // Climb while a parent scores better (the text is spread over the parent's children).
    let mut last = score_or_zero(&score, top);
    let floor = last * CLIMB_FLOOR_SHARE;
    let mut anc = dom.parent(top);
    while let Some(a) = anc.filter(|&a| a > root) {
        if score.get(a).is_nan() {
            anc = dom.parent(a);
            continue;
        }
        if score.get(a) < floor {
            break;
        }
        if score.get(a) > last {
            top = a;
            break;
        }
        last = score.get(a);
        anc = dom.parent(a);
    }
    // An only child stands for its parent.
    while let Some(p) = dom.parent(top).filter(|&p| p > root) {
        if dom.children(p).filter(|&c| dom.is_element(c)).count() != 1 {
            break;
        }
        top = p;
    }

    top = expand(dom, stats, blocks, top, root);
    let roots = siblings(dom, stats, &score, top, root);
    Some(Selection { top, roots })
}

/// Prose blocks: at least this long (characters) and nearly link-free count as article-like
/// text when deciding how far the article reaches.
const PROSE_MIN_CHARS: u32 = 60;
const PROSE_MAX_LINK_DENSITY: f64 = 0.3;

/// An ancestor replaces the container when it adds at least this share of the container's
/// prose (a listicle's other sections, the second half of a split article)...
const EXPAND_MIN_GAIN: f64 = 0.5;

/// ...and adds at most this much link text per character of added prose (a page wrapper
/// adds menus and teaser lists, and the climb stops there).
const EXPAND_MAX_LINKY: f64 = 0.35;

/// The climb stops at an ancestor that adds more link text than it then holds prose: from
/// there up it is the page's navigation, not the article.
const EXPAND_STOP_LINKS: f64 = 1.0;

/// Climbs from the paragraph-score winner to the ancestor that holds the whole article:
/// Readability's winner is often one section of a listicle or one half of a split article.
/// Added prose is counted on the pruned blocks; added link text on the whole page (pruned
/// parts included), since the headline links of a teaser list often sit in dropped
/// `<header>`s and would otherwise leave the teasers looking like prose.
fn expand(dom: &Dom, stats: &Stats, blocks: &Blocks, top: NodeId, root: NodeId) -> NodeId {
    let ancestors: Vec<NodeId> = std::iter::successors(Some(top), |&a| dom.parent(a))
        .take_while(|&a| a >= root)
        .collect();
    let mut prose = vec![0u32; ancestors.len()];
    let end = dom.subtree_end(root);
    let is_prose =
        |b: &Block| b.chars >= PROSE_MIN_CHARS && b.link_density() <= PROSE_MAX_LINK_DENSITY;
    // Prose repeating the winner's own blocks (a hidden microdata copy, a mobile duplicate)
    // is no gain.
    let own: HashSet<&str> = blocks
        .list
        .iter()
        .filter(|b| is_ancestor(dom, top, b.first()) && is_prose(b))
        .map(|b| blocks.text_of(b))
        .collect();
    for b in blocks
        .list
        .iter()
        .filter(|b| b.first() > root && b.first() < end)
    {
        if !is_prose(b) || (!is_ancestor(dom, top, b.first()) && own.contains(blocks.text_of(b))) {
            continue;
        }
        for (k, &a) in ancestors.iter().enumerate() {
            if b.first() > a && b.first() < dom.subtree_end(a) {
                prose[k] += b.chars;
            }
        }
    }
    let mut best = 0;
    for k in 1..ancestors.len() {
        let gain = f64::from(prose[k].saturating_sub(prose[best]));
        let added_links = f64::from(
            stats.link_chars[ancestors[k]].saturating_sub(stats.link_chars[ancestors[best]]),
        );
        if added_links > EXPAND_STOP_LINKS * f64::from(prose[k]) {
            break;
        }
        if gain > 0.0
            && gain >= EXPAND_MIN_GAIN * f64::from(prose[best])
            && added_links <= EXPAND_MAX_LINKY * gain
        {
            best = k;
        }
    }
    ancestors[best]
}

fn score_or_zero(score: &Scores, id: NodeId) -> f64 {
    let s = score.get(id);
    if s.is_nan() {
        0.0
    } else {
        s
    }
}

fn is_ancestor(dom: &Dom, a: NodeId, d: NodeId) -> bool {
    d > a && d < dom.subtree_end(a)
}

/// The winner plus the siblings that belong to the same article.
fn siblings(dom: &Dom, stats: &Stats, score: &Scores, top: NodeId, root: NodeId) -> Vec<NodeId> {
    let Some(parent) = dom.parent(top).filter(|&p| p >= root) else {
        return vec![top];
    };
    let top_score = score_or_zero(score, top);
    let threshold = MIN_SIBLING_SCORE.max(top_score * SIBLING_SHARE);
    let top_class = dom.attr(top, "class").filter(|c| !c.is_empty());
    let mut roots = Vec::new();
    for sib in dom.children(parent) {
        if sib == top {
            roots.push(sib);
            continue;
        }
        if !dom.is_element(sib) {
            continue;
        }
        let mut bonus = 0.0;
        if top_class.is_some() && dom.attr(sib, "class") == top_class {
            bonus = top_score * SIBLING_SHARE;
        }
        if !score.get(sib).is_nan() && score.get(sib) + bonus >= threshold {
            roots.push(sib);
            continue;
        }
        if dom.tag_of(sib) == Tag::P {
            let chars = stats.chars[sib];
            let ld = stats.link_density(sib);
            let sentence = || ends_sentence(&dom.text(sib));
            if (chars > SIBLING_PARAGRAPH_CHARS && ld < SIBLING_MAX_LINK_DENSITY)
                || (chars > 0 && ld == 0.0 && sentence())
            {
                roots.push(sib);
            }
        }
    }
    roots
}

/// Whether text contains a sentence end (a full stop followed by a space or the end).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['.', '!', '?', '"', '\u{201d}', '。', ')']) || t.contains(". ")
}
