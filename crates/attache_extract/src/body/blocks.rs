//! The page as numbers and blocks: per-node text statistics, the furniture subtrees to drop,
//! and the page's text cut into blocks (one per paragraph, heading, list item, cell, line).

use super::classify::{is_chrome_tag, is_hidden, names_not_judged, signs_cached, NameCache, Signs};
use crate::html::{Dom, NodeId, Tag};

/// Share of the page's paragraph text above which an element is never dropped for its tag or
/// names: a `<form>` wrapping a whole ASP.NET page, an `<article class="post has-comments">`
/// or a `<div class="sidebar-layout">` around the story hold the article, not furniture.
pub const PROTECT_SHARE: f64 = 0.6;

/// Fewest paragraph characters on a page for the protection above to apply: on pages with
/// next to no prose, every element holds "most of it".
pub const PROTECT_MIN_CHARS: u32 = 400;

/// Text statistics per node, summed over the subtree (hidden elements count nothing).
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Visible characters, whitespace excluded.
    pub chars: Vec<u32>,
    /// Of those, characters inside links.
    pub link_chars: Vec<u32>,
    /// Of those, characters inside `<p>` elements and not inside links.
    pub para_chars: Vec<u32>,
}

impl Stats {
    /// Link density of a subtree: link characters over all characters.
    pub fn link_density(&self, id: NodeId) -> f64 {
        let c = self.chars.get(id).copied().unwrap_or(0);
        if c == 0 {
            return 0.0;
        }
        f64::from(self.link_chars.get(id).copied().unwrap_or(0)) / f64::from(c)
    }
}

/// Visible characters in a text run: every byte that starts a character, minus ASCII
/// whitespace (a byte loop, much faster than decoding).
pub fn count_chars(text: &str) -> u32 {
    text.bytes()
        .filter(|&b| (b & 0xC0) != 0x80 && !b.is_ascii_whitespace())
        .count() as u32
}

/// Computes [`Stats`] for every node in two linear passes.
pub fn stats(dom: &Dom) -> Stats {
    let n = dom.len();
    let mut s = Stats {
        chars: vec![0; n],
        link_chars: vec![0; n],
        para_chars: vec![0; n],
    };
    let (mut link_end, mut p_end) = (0usize, 0usize);
    let mut i = 1;
    while i < n {
        if dom.is_text(i) {
            let c = count_chars(dom.text_content(i));
            s.chars[i] = c;
            if i < link_end {
                s.link_chars[i] = c;
            } else if i < p_end {
                s.para_chars[i] = c;
            }
            i += 1;
            continue;
        }
        let tag = dom.tag_of(i);
        if tag.is_hidden_text() {
            i = dom.subtree_end(i);
            continue;
        }
        match tag {
            Tag::A => link_end = link_end.max(dom.subtree_end(i)),
            Tag::P => p_end = p_end.max(dom.subtree_end(i)),
            _ => {}
        }
        i += 1;
    }
    for i in (1..n).rev() {
        if let Some(p) = dom.parent(i) {
            s.chars[p] += s.chars[i];
            s.link_chars[p] += s.link_chars[i];
            s.para_chars[p] += s.para_chars[i];
        }
    }
    s
}

/// How hard to prune.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pruning {
    /// Drop chrome tags, hidden elements and elements named as furniture.
    Full,
    /// Drop only what is never text (scripts, hidden elements, forms controls): the retry
    /// when full pruning left too little.
    Light,
}

/// Marks the roots of subtrees left out of the body: `dropped[id]` is true for such a root
/// (its descendants are not marked; walks skip the whole range).
///
/// An element is protected from being dropped for its tag or names when it holds the
/// headline (`title_node`: a layout wrapper named `with-sidebar` around the story), holds an
/// element named as the article text, or, on pages without a known headline, holds most of
/// the page's prose. A comment section holding more prose than a short post is not protected
/// by its size when the headline is known, since it does not hold the headline.
pub fn dropped(
    dom: &Dom,
    stats: &Stats,
    root: NodeId,
    title_node: Option<NodeId>,
    pruning: Pruning,
) -> Pruned {
    let mut out = vec![false; dom.len()];
    let para_total = stats.para_chars.get(root).copied().unwrap_or(0);
    let end = dom.subtree_end(root);
    // Signs of every element, and which elements hold a content-named descendant.
    let mut signs_of = vec![Signs::default(); dom.len()];
    let mut holds_content = vec![false; dom.len()];
    let mut cache = NameCache::default();
    for (i, slot) in signs_of.iter_mut().enumerate().take(end).skip(root + 1) {
        // Elements without text change nothing whether kept or dropped: skip their names.
        if stats.chars[i] > 0 && dom.is_element(i) && dom.attrs(i).next().is_some() {
            *slot = signs_cached(dom, i, &mut cache);
            if slot.content() {
                for a in dom.ancestors(i) {
                    if holds_content[a] {
                        break;
                    }
                    holds_content[a] = true;
                }
            }
        }
    }
    let holds_key = |id: NodeId| {
        title_node.is_some_and(|t| t > id && t < dom.subtree_end(id))
            || holds_content[id]
            || signs_of[id].content()
    };
    let big = |id: NodeId| {
        para_total >= PROTECT_MIN_CHARS
            && f64::from(stats.para_chars[id]) >= PROTECT_SHARE * f64::from(para_total)
    };
    let protected = |id: NodeId| holds_key(id) || (!signs_of[id].strong_furniture() && big(id));
    let mut i = root + 1;
    while i < end {
        if !dom.is_element(i) {
            i += 1;
            continue;
        }
        let tag = dom.tag_of(i);
        let drop = if tag.is_hidden_text() || matches!(tag, Tag::Button | Tag::Input) {
            true
        } else if is_hidden(dom, i) {
            // Hidden copies of the article (microdata blocks, half the page's prose) are
            // dropped; a hidden wrapper around the whole page (anti-flicker) holds the
            // headline, and streamed server-rendered content waits in a hidden element
            // holding most of the prose.
            !(title_node.is_some_and(|t| t > i && t < dom.subtree_end(i)) || big(i))
        } else if pruning == Pruning::Light {
            false
        } else if is_chrome_tag(tag) {
            // Semantic chrome (`footer`, `nav`, `aside`) is not rescued by its size: a footer
            // of legal text can outweigh a short article. A `<form>` is, since whole pages
            // sit in one on some platforms.
            if tag == Tag::Form {
                !protected(i)
            } else {
                !holds_key(i)
            }
        } else if tag == Tag::Figure || names_not_judged(tag) {
            tag == Tag::Figure && has_media(dom, i) && !protected(i)
        } else {
            let s = signs_of[i];
            let embedded_post = s.embed() && has_quote(dom, i);
            s.furniture() && !s.content() && !protected(i) && !embedded_post
        };
        if drop {
            out[i] = true;
            i = dom.subtree_end(i);
        } else {
            i += 1;
        }
    }
    Pruned {
        dropped: out,
        signs: signs_of,
    }
}

/// The outcome of pruning.
#[derive(Debug, Clone, Default)]
pub struct Pruned {
    /// `dropped[id]`: the subtree at `id` is left out.
    pub dropped: Vec<bool>,
    /// What the names of each element say (default for elements without attributes).
    pub signs: Vec<Signs>,
}

fn has_quote(dom: &Dom, id: NodeId) -> bool {
    dom.descendants(id)
        .any(|d| dom.tag_of(d) == Tag::Blockquote)
}

fn has_media(dom: &Dom, id: NodeId) -> bool {
    dom.descendants(id).any(|d| {
        matches!(
            dom.tag_of(d),
            Tag::Img | Tag::Picture | Tag::Video | Tag::Iframe
        )
    })
}

/// What kind of element a block of text sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A `<p>`.
    Paragraph,
    /// A heading `<h1>`..`<h6>` with its level.
    Heading(u8),
    /// A list item (`li`, `dd`, `dt`).
    ListItem,
    /// Preformatted text.
    Pre,
    /// A table cell.
    Cell,
    /// Text directly in another element (a `<div>` without paragraphs, a `<br>`-split line).
    Loose,
}

/// One block of text: a paragraph, heading, list item, cell or line. Kept compact (28
/// bytes): big pages have hundreds of thousands.
#[derive(Debug, Clone)]
pub struct Block {
    owner: u32,
    first: u32,
    /// Byte range of the block's text in [`Blocks::text`].
    start: u32,
    end: u32,
    /// Visible characters.
    pub chars: u32,
    /// Of those, characters inside links.
    pub link_chars: u32,
    /// What the owner is.
    pub kind: BlockKind,
    /// Whether the text sits inside a `<blockquote>`.
    pub quote: bool,
}

impl Block {
    /// The innermost block element holding the text.
    pub fn owner(&self) -> NodeId {
        self.owner as NodeId
    }

    /// The first node that gave text to the block (its place in document order).
    pub fn first(&self) -> NodeId {
        self.first as NodeId
    }

    /// Link characters over all characters.
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            f64::from(self.link_chars) / f64::from(self.chars)
        }
    }
}

/// The text blocks of a subtree, in document order, with their text in one buffer: each
/// block's text followed by a blank line, so the chosen blocks can be joined in place.
#[derive(Debug, Clone, Default)]
pub struct Blocks {
    /// All block texts, each followed by `\n\n`.
    pub text: String,
    /// The blocks.
    pub list: Vec<Block>,
}

/// What separates paragraphs in the article text.
pub const PARAGRAPH_BREAK: &str = "\n\n";

impl Blocks {
    /// The text of a block.
    pub fn text_of(&self, b: &Block) -> &str {
        self.text
            .get(b.start as usize..b.end as usize)
            .unwrap_or("")
    }

    /// The article text made of the blocks whose indexes are given (ascending), built in
    /// place in the buffer, paragraphs separated by [`PARAGRAPH_BREAK`].
    pub fn into_text(self, chosen: &[usize]) -> String {
        let mut buf = self.text.into_bytes();
        let mut write = 0usize;
        for (n, &i) in chosen.iter().enumerate() {
            let Some(b) = self.list.get(i) else { continue };
            let (start, end) = (b.start as usize, b.end as usize);
            if n > 0 {
                // Blocks sit in the buffer in order, each followed by two bytes of break, so
                // the write position never passes the next block's start.
                buf[write..write + 2].copy_from_slice(PARAGRAPH_BREAK.as_bytes());
                write += 2;
            }
            buf.copy_within(start..end, write);
            write += end - start;
        }
        buf.truncate(write);
        buf.shrink_to_fit();
        // Only whole blocks (each valid UTF-8) and ASCII breaks were copied.
        String::from_utf8(buf).unwrap_or_default()
    }
}

/// Elements whose start and end break the flow of text into separate blocks.
fn breaks_block(tag: Tag) -> bool {
    use Tag::*;
    tag.closes_p()
        || matches!(
            tag,
            Li | Dd
                | Dt
                | Td
                | Th
                | Tr
                | Caption
                | Body
                | Html
                | Table
                | Tbody
                | Thead
                | Tfoot
                | Option
                | Legend
                | Br
                | Hr
                | Blockquote
                | Pre
                | Figure
                | Figcaption
                | Center
        )
}

fn kind_of(tag: Tag) -> BlockKind {
    use Tag::*;
    match tag {
        P => BlockKind::Paragraph,
        H1 => BlockKind::Heading(1),
        H2 => BlockKind::Heading(2),
        H3 => BlockKind::Heading(3),
        H4 => BlockKind::Heading(4),
        H5 => BlockKind::Heading(5),
        H6 => BlockKind::Heading(6),
        Li | Dd | Dt => BlockKind::ListItem,
        Pre => BlockKind::Pre,
        Td | Th => BlockKind::Cell,
        _ => BlockKind::Loose,
    }
}

struct Segmenter<'a> {
    dom: &'a Dom<'a>,
    out: Blocks,
    cur: Option<Block>,
    pending_space: bool,
}

impl Segmenter<'_> {
    fn flush(&mut self) {
        if let Some(b) = self.cur.take() {
            if b.chars > 0 && b.end > b.start {
                self.out.text.push_str(PARAGRAPH_BREAK);
                self.out.list.push(b);
            } else {
                self.out.text.truncate(b.start as usize);
            }
        }
        self.pending_space = false;
    }

    fn push_text(&mut self, id: NodeId, owner: NodeId, link: bool, quote: bool) {
        let text = self.dom.text_content(id);
        let chars = count_chars(text);
        if chars == 0 {
            if !text.is_empty() {
                self.pending_space = true;
            }
            return;
        }
        let start = self.out.text.len() as u32;
        let b = self.cur.get_or_insert(Block {
            owner: owner as u32,
            first: id as u32,
            start,
            end: start,
            chars: 0,
            link_chars: 0,
            kind: kind_of(self.dom.tag_of(owner)),
            quote,
        });
        b.chars += chars;
        if link {
            b.link_chars += chars;
        }
        let buf = &mut self.out.text;
        let mut first = true;
        for word in text.split(char::is_whitespace) {
            if !first {
                self.pending_space = true;
            }
            first = false;
            if word.is_empty() {
                continue;
            }
            if self.pending_space && buf.len() > b.start as usize {
                buf.push(' ');
            }
            self.pending_space = false;
            buf.push_str(word);
        }
        b.end = buf.len() as u32;
    }
}

/// Cuts the text under `root` into blocks, skipping dropped subtrees.
pub fn segment(dom: &Dom, root: NodeId, dropped: &[bool]) -> Blocks {
    let mut seg = Segmenter {
        dom,
        out: Blocks::default(),
        cur: None,
        pending_space: false,
    };
    // Open block elements as (end, id); the innermost owns the text.
    let mut open: Vec<(usize, NodeId)> = vec![(dom.subtree_end(root), root)];
    let (mut link_end, mut quote_end) = (0usize, 0usize);
    let end = dom.subtree_end(root);
    let mut i = root + 1;
    while i < end {
        while open.len() > 1 && open.last().is_some_and(|&(e, _)| e <= i) {
            open.pop();
            seg.flush();
        }
        if dom.is_text(i) {
            let owner = open.last().map_or(root, |&(_, id)| id);
            seg.push_text(i, owner, i < link_end, i < quote_end);
            i += 1;
            continue;
        }
        if dropped.get(i).copied().unwrap_or(false) || !dom.is_element(i) {
            i = dom.subtree_end(i).max(i + 1);
            continue;
        }
        let tag = dom.tag_of(i);
        if tag.is_hidden_text() {
            i = dom.subtree_end(i);
            continue;
        }
        match tag {
            Tag::A => link_end = link_end.max(dom.subtree_end(i)),
            Tag::Blockquote => quote_end = quote_end.max(dom.subtree_end(i)),
            _ => {}
        }
        if breaks_block(tag) {
            seg.flush();
            if !tag.is_void() {
                open.push((dom.subtree_end(i), i));
            }
        } else if matches!(tag, Tag::Img | Tag::Wbr) {
            // An image or a soft break inside a line separates words but not blocks.
            seg.pending_space |= tag == Tag::Img;
        }
        i += 1;
    }
    seg.flush();
    seg.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_of(html: &str) -> Vec<String> {
        let dom = Dom::parse(html);
        let root = dom.body().unwrap_or(0);
        let st = stats(&dom);
        let d = dropped(&dom, &st, root, None, Pruning::Full);
        let b = segment(&dom, root, &d.dropped);
        b.list.iter().map(|x| b.text_of(x).to_string()).collect()
    }

    #[test]
    fn paragraphs_headings_and_items_are_blocks() {
        let got = blocks_of("<h2>Sub</h2><p>One <b>bold</b> two</p><ul><li>a</li><li>b</li></ul>");
        assert_eq!(got, ["Sub", "One bold two", "a", "b"]);
    }

    #[test]
    fn line_breaks_split_blocks() {
        assert_eq!(
            blocks_of("<div>first line<br>second line</div>"),
            ["first line", "second line"]
        );
    }

    #[test]
    fn inline_images_do_not_split_paragraphs() {
        assert_eq!(blocks_of("<p>left<img src=x>right</p>"), ["left right"]);
    }

    #[test]
    fn chrome_and_named_furniture_are_dropped() {
        let got = blocks_of(
            "<nav>Home</nav><div class=share-bar>Share</div><p>Story</p>\
             <div style='display:none'>Hidden</div><footer>Copyright</footer>",
        );
        assert_eq!(got, ["Story"]);
    }

    #[test]
    fn stats_count_links_and_paragraphs() {
        let dom = Dom::parse("<div><p>ab <a href=x>cd</a></p>ef</div>");
        let s = stats(&dom);
        let div = dom.elements("div").next().unwrap_or(0);
        assert_eq!(
            (s.chars[div], s.link_chars[div], s.para_chars[div]),
            (6, 2, 2)
        );
    }

    #[test]
    fn a_form_holding_the_article_is_kept() {
        let para = "<p>".to_string() + &"word ".repeat(100) + "</p>";
        let got = blocks_of(&format!("<form>{para}{para}</form><p>tail</p>"));
        assert_eq!(got.len(), 3);
    }
}
