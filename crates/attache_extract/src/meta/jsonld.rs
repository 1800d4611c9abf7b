//! Schema.org JSON-LD: the most trusted metadata a page carries.
//!
//! Pages put one or more `<script type="application/ld+json">` blocks in their head; a block
//! may hold one object, a list, or an `@graph` of linked objects that refer to each other by
//! `@id` (the article's `author` is often just `{"@id": "#/person/1"}`). [`JsonLd::from_blocks`]
//! reads all blocks, flattens them, resolves those references and picks the article object.

use serde_json::{Map, Value};

/// Most authors read from one JSON-LD block. A real byline names a handful; a hostile page
/// listing 300,000 would otherwise be carried into every byline check after it.
const MAX_AUTHORS: usize = 64;

/// Largest JSON-LD block parsed; larger ones are skipped. Real blocks are a few KB (a long
/// `@graph` tens of KB); a parsed JSON value takes about 20 times its text, so a 12.5 MB block
/// of 300,000 authors took the page's peak memory to 261 MiB.
const MAX_BLOCK_BYTES: usize = 1024 * 1024;

/// `@type`s that describe an article (schema.org `Article` and its subtypes used by news
/// sites and blogs), in no particular order.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "askpublicnewsarticle",
    "satiricalarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "advertisercontentarticle",
    "medicalscholarlyarticle",
];

/// `@type`s of page-level objects that often carry dates when no article object does.
const PAGE_TYPES: &[&str] = &[
    "webpage",
    "itempage",
    "aboutpage",
    "faqpage",
    "qapage",
    "medicalwebpage",
    "collectionpage",
    "profilepage",
];

/// How many objects are read from a page's JSON-LD at most; pages with product feeds can hold
/// thousands, and the article object is always among the first.
const MAX_OBJECTS: usize = 400;

/// What the JSON-LD of a page says about its article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonLd {
    /// `@type`s of the chosen object, as written (`NewsArticle`).
    pub types: Vec<String>,
    /// `headline` (or `name` of an article object).
    pub headline: Option<String>,
    /// `description` / `abstract`.
    pub description: Option<String>,
    /// `datePublished` (else `dateCreated`), as written.
    pub published: Option<String>,
    /// `dateModified`, as written.
    pub modified: Option<String>,
    /// Author names, in order.
    pub authors: Vec<String>,
    /// `publisher.name`, else the `WebSite` / `Organization` name.
    pub publisher: Option<String>,
    /// `inLanguage`.
    pub language: Option<String>,
    /// `url` or `mainEntityOfPage`.
    pub url: Option<String>,
    /// `articleBody`.
    pub article_body: Option<String>,
    /// Whether the chosen object is an article type (rather than a web page).
    pub is_article: bool,
}

impl JsonLd {
    /// Read the contents of every JSON-LD script of a page. Blocks that are not valid JSON
    /// even after the usual repairs are skipped.
    pub fn from_blocks<'a>(blocks: impl IntoIterator<Item = &'a str>) -> JsonLd {
        let mut objects: Vec<Map<String, Value>> = Vec::new();
        for block in blocks {
            if let Some(value) = parse_block(block) {
                flatten(value, &mut objects, 0);
            }
        }
        Self::from_objects(&objects)
    }

    fn from_objects(objects: &[Map<String, Value>]) -> JsonLd {
        let resolve = |v: &Value| -> Option<Map<String, Value>> {
            let map = v.as_object()?;
            match (map.len(), map.get("@id").and_then(Value::as_str)) {
                (1, Some(id)) => objects
                    .iter()
                    .find(|o| o.get("@id").and_then(Value::as_str) == Some(id) && o.len() > 1)
                    .cloned(),
                _ => Some(map.clone()),
            }
        };
        let article = objects
            .iter()
            .filter(|o| has_type(o, ARTICLE_TYPES))
            .max_by_key(|o| article_score(o));
        let page = objects.iter().find(|o| has_type(o, PAGE_TYPES));
        let site_name = objects
            .iter()
            .find(|o| has_type(o, &["website"]))
            .and_then(|o| string_of(o.get("name")?))
            .or_else(|| {
                objects
                    .iter()
                    .find(|o| has_type(o, &["organization", "newsmediaorganization"]))
                    .and_then(|o| string_of(o.get("name")?))
            });
        let Some(main) = article.or(page) else {
            return JsonLd {
                publisher: site_name,
                ..JsonLd::default()
            };
        };
        let is_article = article.is_some();
        let field = |name: &str| -> Option<String> {
            main.get(name)
                .and_then(string_of)
                .or_else(|| page.and_then(|p| p.get(name)).and_then(string_of))
        };
        let mut authors = Vec::new();
        let mut seen = std::collections::HashSet::new();
        if let Some(author) = main.get("author").or_else(|| main.get("creator")) {
            for a in as_list(author) {
                if authors.len() >= MAX_AUTHORS {
                    break;
                }
                let name = match a {
                    Value::String(s) => Some(s.clone()),
                    other => resolve(other).and_then(|m| m.get("name").and_then(string_of)),
                };
                if let Some(name) = name.map(|n| clean_text(&n)) {
                    if !name.is_empty() && seen.insert(name.clone()) {
                        authors.push(name);
                    }
                }
            }
        }
        let publisher = main
            .get("publisher")
            .and_then(|p| as_list(p).into_iter().next().cloned())
            .and_then(|p| match p {
                Value::String(s) => Some(s),
                other => resolve(&other).and_then(|m| m.get("name").and_then(string_of)),
            })
            .or(site_name);
        let language = main.get("inLanguage").and_then(|l| match l {
            Value::Object(m) => m
                .get("alternateName")
                .or_else(|| m.get("name"))
                .and_then(string_of),
            other => string_of(other),
        });
        let url = main
            .get("mainEntityOfPage")
            .and_then(|m| match m {
                Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(string_of),
                other => string_of(other),
            })
            .or_else(|| main.get("url").and_then(string_of))
            .filter(|u| u.starts_with("http"));
        let headline = main
            .get("headline")
            .and_then(string_of)
            .or_else(|| {
                is_article
                    .then(|| main.get("name").and_then(string_of))
                    .flatten()
            })
            .map(|h| clean_text(&h));
        JsonLd {
            types: types_of(main),
            headline,
            description: field("description").map(|d| clean_text(&d)),
            published: field("datePublished").or_else(|| field("dateCreated")),
            modified: field("dateModified"),
            authors,
            publisher: publisher.map(|p| clean_text(&p)),
            language,
            url,
            article_body: main.get("articleBody").and_then(string_of),
            is_article,
        }
    }
}

/// Prefer the article object with the most of the fields we use: a page's own article
/// carries a body and dates; teaser objects for related articles carry a headline only.
fn article_score(o: &Map<String, Value>) -> usize {
    [
        "headline",
        "datePublished",
        "author",
        "articleBody",
        "publisher",
        "dateModified",
    ]
    .iter()
    .filter(|k| o.contains_key(**k))
    .count()
}

/// Parse one script's contents, repairing what CMSs commonly break: HTML comment or CDATA
/// wrappers, trailing semicolons, raw control characters inside strings.
fn parse_block(block: &str) -> Option<Value> {
    if block.len() > MAX_BLOCK_BYTES {
        return None;
    }
    let trimmed = block
        .trim()
        .trim_start_matches("<!--")
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("-->")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim()
        .trim_end_matches(';');
    if let Ok(v) = serde_json::from_str(trimmed) {
        return Some(v);
    }
    // Raw newlines and tabs inside strings are the most common breakage; outside strings they
    // are whitespace, so replacing them everywhere is safe.
    let repaired: String = trimmed
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    serde_json::from_str(&repaired).ok()
}

/// Collect every object of a JSON-LD value: top-level lists, `@graph`s, and the article
/// nested as `mainEntity` of a web page.
fn flatten(value: Value, out: &mut Vec<Map<String, Value>>, depth: usize) {
    if depth > 4 || out.len() >= MAX_OBJECTS {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                flatten(item, out, depth + 1);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            for key in ["mainEntity", "itemListElement"] {
                if let Some(inner) = map.get(key) {
                    if inner.is_object() || inner.is_array() {
                        flatten(inner.clone(), out, depth + 1);
                    }
                }
            }
            if map.contains_key("@type") || map.contains_key("@id") {
                out.push(map);
            }
        }
        _ => {}
    }
}

fn types_of(o: &Map<String, Value>) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

fn has_type(o: &Map<String, Value>, wanted: &[&str]) -> bool {
    types_of(o).iter().any(|t| {
        let t = t
            .rsplit(['/', ':'])
            .next()
            .unwrap_or(t)
            .to_ascii_lowercase();
        wanted.contains(&t.as_str())
    })
}

fn as_list(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

/// A string value, or the first string of a list, or a number (Unix times); empty gives None.
fn string_of(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => return items.iter().find_map(string_of),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// Decode entities some CMSs leave in JSON strings (`&#8217;`, `&amp;`) and collapse spaces.
pub(crate) fn clean_text(s: &str) -> String {
    let decoded = if s.contains('&') {
        htmlize::unescape(s).into_owned()
    } else {
        s.to_string()
    };
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_article_fields_are_read() {
        let ld = JsonLd::from_blocks([r#"{
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Harbour Board Approves Night Ferries",
            "description": "The board voted 5-2.",
            "datePublished": "2025-03-04T08:00:00+01:00", "dateModified": "2025-03-04T09:30:00+01:00",
            "author": [{"@type": "Person", "name": "Mira Holt"}, {"@type": "Person", "name": "Tom Ek"}],
            "publisher": {"@type": "Organization", "name": "Coast Courier"},
            "inLanguage": "en-GB", "mainEntityOfPage": {"@id": "https://courier.example/ferries"},
            "articleBody": "Night ferries will run from May."
        }"#]);
        assert!(ld.is_article);
        assert_eq!(
            ld.headline.as_deref(),
            Some("Harbour Board Approves Night Ferries")
        );
        assert_eq!(ld.authors, ["Mira Holt", "Tom Ek"]);
        assert_eq!(ld.publisher.as_deref(), Some("Coast Courier"));
        assert_eq!(ld.published.as_deref(), Some("2025-03-04T08:00:00+01:00"));
        assert_eq!(ld.modified.as_deref(), Some("2025-03-04T09:30:00+01:00"));
        assert_eq!(ld.url.as_deref(), Some("https://courier.example/ferries"));
        assert_eq!(ld.language.as_deref(), Some("en-GB"));
        assert_eq!(
            ld.article_body.as_deref(),
            Some("Night ferries will run from May.")
        );
    }

    #[test]
    fn graph_references_to_authors_and_publishers_are_resolved() {
        let ld = JsonLd::from_blocks([r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"#site","name":"Valley Ledger"},
            {"@type":"Person","@id":"#p1","name":"Ana Ruiz"},
            {"@type":"WebPage","@id":"#page","datePublished":"2024-11-02"},
            {"@type":["Article","BlogPosting"],"headline":"Mill Reopens","author":{"@id":"#p1"},
             "publisher":{"@id":"#site"}}
        ]}"##]);
        assert_eq!(ld.authors, ["Ana Ruiz"]);
        assert_eq!(ld.publisher.as_deref(), Some("Valley Ledger"));
        // The article has no date of its own: the web page's is used.
        assert_eq!(ld.published.as_deref(), Some("2024-11-02"));
        assert_eq!(ld.types, ["Article", "BlogPosting"]);
    }

    #[test]
    fn hostile_author_lists_are_capped_and_deduplicated_in_linear_time() {
        // Issue 15: 300,000 authors took 64 s through a linear `contains` per name.
        let names: Vec<String> = (0..60_000)
            .map(|i| format!("\"Author {}\"", i % 30_000))
            .collect();
        let block = format!(
            r#"{{"@type":"NewsArticle","headline":"H","author":[{}]}}"#,
            names.join(",")
        );
        let ld = JsonLd::from_blocks([block.as_str()]);
        assert_eq!(ld.authors.len(), MAX_AUTHORS);
        assert_eq!(ld.authors[0], "Author 0");
        let repeated = JsonLd::from_blocks([
            r#"{"@type":"NewsArticle","headline":"H","author":["A B","A B","C D"]}"#,
        ]);
        assert_eq!(repeated.authors, ["A B", "C D"]);
    }

    #[test]
    fn blocks_over_the_size_cap_are_skipped() {
        let filler = "x".repeat(MAX_BLOCK_BYTES);
        let block = format!(r#"{{"@type":"NewsArticle","headline":"H","description":"{filler}"}}"#);
        assert_eq!(JsonLd::from_blocks([block.as_str()]).headline, None);
    }

    #[test]
    fn author_as_plain_string_or_list_of_strings() {
        let ld =
            JsonLd::from_blocks([r#"{"@type":"BlogPosting","headline":"H","author":"Li Wen"}"#]);
        assert_eq!(ld.authors, ["Li Wen"]);
        let ld = JsonLd::from_blocks([
            r#"[{"@type":"Article","headline":"H","author":["A B","C D","A B"]}]"#,
        ]);
        assert_eq!(ld.authors, ["A B", "C D"]);
    }

    #[test]
    fn page_own_article_beats_teaser_objects() {
        let ld = JsonLd::from_blocks([
            r#"{"@type":"ItemList","itemListElement":[{"@type":"NewsArticle","headline":"Other story"}]}"#,
            r#"{"@type":"NewsArticle","headline":"This story","datePublished":"2025-01-02","author":"X Y"}"#,
        ]);
        assert_eq!(ld.headline.as_deref(), Some("This story"));
    }

    #[test]
    fn broken_blocks_are_repaired_or_skipped() {
        let ld = JsonLd::from_blocks([
            "{not json",
            "<!--\n{\"@type\":\"NewsArticle\",\"headline\":\"Line\nbreak &amp; more\"};\n-->",
        ]);
        assert_eq!(ld.headline.as_deref(), Some("Line break & more"));
    }

    #[test]
    fn no_article_object_still_gives_the_site_name() {
        let ld = JsonLd::from_blocks([r#"{"@type":"Organization","name":"Delta Post"}"#]);
        assert!(!ld.is_article);
        assert_eq!(ld.publisher.as_deref(), Some("Delta Post"));
        assert_eq!(ld.headline, None);
    }
}
