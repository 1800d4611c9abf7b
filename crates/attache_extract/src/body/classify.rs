//! What an element's tag, class, id, role and attributes say about it, using the lists in
//! [`super::patterns`].

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::patterns::{
    CONTENT_COMPOUNDS, CONTENT_ITEMPROPS, CONTENT_WORDS, FURNITURE_COMPOUNDS, FURNITURE_ITEMPROPS,
    FURNITURE_CLASSES, FURNITURE_ROLES, FURNITURE_WORDS, STRONG_FURNITURE_COMPOUNDS,
};
use crate::html::{Dom, NodeId, Tag};

/// Class-name weight added to a container's score per content or furniture sign, as in
/// Readability: large enough to break ties between similar containers, small next to the
/// score of a real article (one long paragraph scores about 4).
pub const CLASS_WEIGHT: f64 = 25.0;

struct Matchers {
    furniture_words: HashSet<&'static str>,
    content_words: HashSet<&'static str>,
    furniture: AhoCorasick,
    strong: AhoCorasick,
    content: AhoCorasick,
}

static MATCHERS: LazyLock<Option<Matchers>> = LazyLock::new(|| {
    Some(Matchers {
        furniture_words: FURNITURE_WORDS.iter().copied().collect(),
        content_words: CONTENT_WORDS.iter().copied().collect(),
        furniture: AhoCorasick::new(FURNITURE_COMPOUNDS).ok()?,
        strong: AhoCorasick::new(STRONG_FURNITURE_COMPOUNDS).ok()?,
        content: AhoCorasick::new(CONTENT_COMPOUNDS).ok()?,
    })
});

/// What the names on an element say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signs {
    /// A furniture word or compound in class/id, a furniture role or itemprop.
    pub furniture: bool,
    /// A furniture name that outweighs size (comments, related links, sharing, sign-up).
    pub strong_furniture: bool,
    /// A content compound in class/id, or an article-text itemprop.
    pub content: bool,
    /// A content-leaning word (weaker than `content`).
    pub content_word: bool,
}

impl Signs {
    /// Readability-style class weight.
    pub fn weight(self) -> f64 {
        let mut w = 0.0;
        if self.furniture {
            w -= CLASS_WEIGHT;
        }
        if self.content || self.content_word {
            w += CLASS_WEIGHT;
        }
        w
    }
}

/// Splits a class/id value into lowercase words at non-alphanumerics and camel-case humps.
fn for_each_word(value: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    let mut word = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !word.is_empty() {
                if f(&word) {
                    return true;
                }
                word.clear();
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            word.extend(c.to_lowercase());
        } else {
            if !word.is_empty() && f(&word) {
                return true;
            }
            word.clear();
            prev_lower = false;
        }
    }
    !word.is_empty() && f(&word)
}

/// Reads the naming attributes of an element.
pub fn signs(dom: &Dom, id: NodeId) -> Signs {
    let Some(m) = MATCHERS.as_ref() else {
        return Signs::default();
    };
    let mut s = Signs::default();
    for (name, value) in dom.attrs(id) {
        match name {
            "class" | "id" => {
                if value.is_empty() {
                    continue;
                }
                let lower = value.to_ascii_lowercase();
                if lower.split_ascii_whitespace().any(|t| FURNITURE_CLASSES.contains(&t)) {
                    s.furniture = true;
                }
                if m.strong.is_match(&lower) {
                    s.furniture = true;
                    s.strong_furniture = true;
                }
                if m.content.is_match(&lower) {
                    s.content = true;
                }
                if m.furniture.is_match(&lower)
                    || for_each_word(value, |w| m.furniture_words.contains(w))
                {
                    s.furniture = true;
                }
                if for_each_word(value, |w| m.content_words.contains(w)) {
                    s.content_word = true;
                }
            }
            "role" => {
                let v = value.trim().to_ascii_lowercase();
                if FURNITURE_ROLES.contains(&v.as_str()) {
                    s.furniture = true;
                }
                if v == "main" || v == "article" {
                    s.content_word = true;
                }
            }
            "itemprop" => {
                let v = value.trim().to_ascii_lowercase();
                if CONTENT_ITEMPROPS.contains(&v.as_str()) {
                    s.content = true;
                } else if FURNITURE_ITEMPROPS
                    .iter()
                    .any(|p| v.split_whitespace().any(|w| w == *p))
                {
                    s.furniture = true;
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
        "style" => {
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
        let dom = Dom::parse(&format!("<div {attrs}>x</div>"));
        let id = dom.elements("div").next().unwrap_or(0);
        signs(&dom, id)
    }

    #[test]
    fn camel_case_and_separators_split_words() {
        let mut words = Vec::new();
        for_each_word("postShare__bar related-2", |w| {
            words.push(w.to_string());
            false
        });
        assert_eq!(words, ["post", "share", "bar", "related", "2"]);
    }

    #[test]
    fn share_bar_is_furniture() {
        assert!(signs_of(r#"class="post__share-bar""#).furniture);
        assert!(signs_of(r#"id="relatedArticles""#).furniture);
    }

    #[test]
    fn article_body_is_content_even_with_a_furniture_word() {
        let s = signs_of(r#"class="article-body has-comments""#);
        assert!(s.content && s.furniture);
    }

    #[test]
    fn ordinary_words_are_not_furniture() {
        assert!(!signs_of(r#"class="paragraph first""#).furniture);
        assert!(!signs_of(r#"class="shadow heading""#).furniture);
    }

    #[test]
    fn inline_display_none_hides() {
        let dom = Dom::parse(r#"<div style="display: none">x</div><div style="color:red">y</div>"#);
        let ids: Vec<_> = dom.elements("div").collect();
        assert!(is_hidden(&dom, ids[0]));
        assert!(!is_hidden(&dom, ids[1]));
    }
}
