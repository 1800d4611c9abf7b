//! What an element's tag, class, id, role and attributes say about it, using the lists in
//! [`super::patterns`].

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::patterns::{
    CONTENT_COMPOUNDS, CONTENT_ITEMPROPS, CONTENT_WORDS, EMBED_COMPOUNDS, FURNITURE_CLASSES,
    FURNITURE_COMPOUNDS, FURNITURE_ITEMPROPS, FURNITURE_ROLES, FURNITURE_WORDS,
    STRONG_FURNITURE_COMPOUNDS,
};
use crate::html::{Dom, NodeId, Tag};

/// Class-name weight added to a container's score per content or furniture sign, as in
/// Readability: large enough to break ties between similar containers, small next to the
/// score of a real article (one long paragraph scores about 4).
pub const CLASS_WEIGHT: f64 = 25.0;

/// Bits of what a name matched.
const FURNITURE: u8 = 1;
const STRONG: u8 = 2;
const CONTENT: u8 = 4;
const CONTENT_WORD: u8 = 8;

const EMBED: u8 = 32;

/// Marks a pattern that must match a whole word: bounded by non-alphanumerics, the ends of
/// the value, or lower-to-upper case humps (`postShare__bar` holds the word `share`).
const WHOLE_WORD: u8 = 16;

struct Matchers {
    /// Compounds and words in one automaton (ASCII case-insensitive); `bits[pattern]`.
    automaton: AhoCorasick,
    bits: Vec<u8>,
}

static MATCHERS: LazyLock<Option<Matchers>> = LazyLock::new(|| {
    let mut patterns: Vec<&str> = Vec::new();
    let mut bits = Vec::new();
    for (list, b) in [
        (FURNITURE_COMPOUNDS, FURNITURE),
        (STRONG_FURNITURE_COMPOUNDS, FURNITURE | STRONG),
        (CONTENT_COMPOUNDS, CONTENT),
        (EMBED_COMPOUNDS, EMBED),
        (FURNITURE_WORDS, FURNITURE | WHOLE_WORD),
        (CONTENT_WORDS, CONTENT_WORD | WHOLE_WORD),
    ] {
        for p in list {
            patterns.push(p);
            bits.push(b);
        }
    }
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&patterns)
        .ok()?;
    Some(Matchers { automaton, bits })
});

/// Whether a word may start at byte `i` of `v` (a non-alphanumeric before it, or a
/// lower-to-upper case hump).
fn word_starts(v: &[u8], i: usize) -> bool {
    i == 0
        || !v[i - 1].is_ascii_alphanumeric()
        || (v[i].is_ascii_uppercase()
            && (v[i - 1].is_ascii_lowercase() || v[i - 1].is_ascii_digit()))
}

/// Whether a word may end just before byte `i` of `v`.
fn word_ends(v: &[u8], i: usize) -> bool {
    i >= v.len()
        || !v[i].is_ascii_alphanumeric()
        || (v[i].is_ascii_uppercase()
            && (v[i - 1].is_ascii_lowercase() || v[i - 1].is_ascii_digit()))
}

impl Matchers {
    /// Bits of a class or id value: compounds, words, whole class tokens.
    fn value_bits(&self, value: &str) -> u8 {
        let v = value.as_bytes();
        let mut bits = 0;
        for m in self.automaton.find_overlapping_iter(value) {
            let b = self.bits[m.pattern().as_usize()];
            if b & WHOLE_WORD == 0 || (word_starts(v, m.start()) && word_ends(v, m.end())) {
                bits |= b & !WHOLE_WORD;
            }
        }
        if bits & FURNITURE == 0 {
            for token in value.split_ascii_whitespace() {
                if FURNITURE_CLASSES
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(token))
                {
                    bits |= FURNITURE;
                }
            }
        }
        bits
    }
}

/// What the names on an element say: one byte of flags (pages have up to millions of
/// elements, and one of these is kept per node).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signs(u8);

impl Signs {
    /// A furniture word or compound in class/id, a furniture role or itemprop.
    pub fn furniture(self) -> bool {
        self.0 & FURNITURE != 0
    }

    /// A furniture name that outweighs size (comments, related links, sharing, sign-up).
    pub fn strong_furniture(self) -> bool {
        self.0 & STRONG != 0
    }

    /// A content compound in class/id, or an article-text itemprop.
    pub fn content(self) -> bool {
        self.0 & CONTENT != 0
    }

    /// A content-leaning word (weaker than `content`).
    pub fn content_word(self) -> bool {
        self.0 & CONTENT_WORD != 0
    }

    /// Named as an embedded social post.
    pub fn embed(self) -> bool {
        self.0 & EMBED != 0
    }

    /// Readability-style class weight.
    pub fn weight(self) -> f64 {
        let mut w = 0.0;
        if self.furniture() {
            w -= CLASS_WEIGHT;
        }
        if self.content() || self.content_word() {
            w += CLASS_WEIGHT;
        }
        w
    }
}

/// Reads the naming attributes of an element.
pub fn signs(dom: &Dom, id: NodeId) -> Signs {
    signs_cached(dom, id, &mut NameCache::default())
}

/// What each distinct class or id value of a page said: pages repeat the same values on
/// hundreds of elements, and matching them is the costly part of reading names.
pub type NameCache<'a> = FxHashMap<&'a str, u8>;

/// [`signs`], remembering class and id values in `cache`.
pub fn signs_cached<'a>(dom: &'a Dom, id: NodeId, cache: &mut NameCache<'a>) -> Signs {
    let Some(m) = MATCHERS.as_ref() else {
        return Signs::default();
    };
    let mut s = Signs::default();
    for (name, value) in dom.attrs(id) {
        match name {
            "class" | "id" => {
                s.0 |= *cache.entry(value).or_insert_with(|| m.value_bits(value));
            }
            "role" => {
                let v = value.trim().to_ascii_lowercase();
                if FURNITURE_ROLES.contains(&v.as_str()) {
                    s.0 |= FURNITURE;
                }
                if v == "main" || v == "article" {
                    s.0 |= CONTENT_WORD;
                }
            }
            "itemprop" => {
                let v = value.trim().to_ascii_lowercase();
                if CONTENT_ITEMPROPS.contains(&v.as_str()) {
                    s.0 |= CONTENT;
                } else if FURNITURE_ITEMPROPS
                    .iter()
                    .any(|p| v.split_whitespace().any(|w| w == *p))
                {
                    s.0 |= FURNITURE;
                }
            }
            _ => {}
        }
    }
    s
}

/// Whether the element is hidden from readers by its attributes (`hidden`, `aria-hidden`,
/// an inline `display:none` / `visibility:hidden`).
pub fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    dom.attrs(id).any(|(name, value)| match name {
        "hidden" => true,
        "aria-hidden" => value.eq_ignore_ascii_case("true"),
        "style" if value.contains("none") || value.contains("hidden") => {
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_lowercase();
            v.contains("display:none") || v.contains("visibility:hidden")
        }
        _ => false,
    })
}

/// Elements that are never article text, whatever their names.
pub fn is_chrome_tag(tag: Tag) -> bool {
    use Tag::*;
    tag.is_hidden_text()
        || matches!(
            tag,
            Nav | Aside
                | Footer
                | Header
                | Figcaption
                | Dialog
                | Menu
                | Button
                | Input
                | Textarea
                | Label
                | Form
                | Address
                | Video
                | Audio
                | Map
                | Noscript
                | Iframe
        )
}

/// Containers whose names are never judged: their classes describe the whole page
/// (`<body class="single-post has-comments">`) or a post as a whole (WordPress puts
/// `tag-...` and `category-...` classes on `<article>`).
pub fn names_not_judged(tag: Tag) -> bool {
    matches!(tag, Tag::Html | Tag::Body | Tag::Article | Tag::Main)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signs_of(attrs: &str) -> Signs {
        let dom = Dom::parse_owned(format!("<div {attrs}>x</div>"));
        let id = dom.elements("div").next().unwrap_or(0);
        signs(&dom, id)
    }

    #[test]
    fn words_are_bounded_by_separators_and_camel_humps() {
        assert!(signs_of(r#"class="postShare__bar""#).furniture());
        assert!(signs_of(r#"class="x-ad-slot""#).furniture());
        assert!(!signs_of(r#"class="shadow""#).furniture());
        assert!(!signs_of(r#"class="loader""#).furniture());
    }

    #[test]
    fn share_bar_is_furniture() {
        assert!(signs_of(r#"class="post__share-bar""#).furniture());
        assert!(signs_of(r#"id="relatedArticles""#).furniture());
    }

    #[test]
    fn article_body_is_content_even_with_a_furniture_word() {
        let s = signs_of(r#"class="article-body has-comments""#);
        assert!(s.content() && s.furniture());
    }

    #[test]
    fn ordinary_words_are_not_furniture() {
        assert!(!signs_of(r#"class="paragraph first""#).furniture());
        assert!(!signs_of(r#"class="shadow heading""#).furniture());
    }

    #[test]
    fn inline_display_none_hides() {
        let dom = Dom::parse(r#"<div style="display: none">x</div><div style="color:red">y</div>"#);
        let ids: Vec<_> = dom.elements("div").collect();
        assert!(is_hidden(&dom, ids[0]));
        assert!(!is_hidden(&dom, ids[1]));
    }
}
