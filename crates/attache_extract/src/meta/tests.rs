//! Page-level metadata tests on small pages written for the purpose (fictional outlets).

use super::*;

fn meta(html: &str, url: Option<&str>) -> PageMetadata {
    page_metadata(&Dom::parse(html), url)
}

const NEWS_PAGE: &str = r#"<!doctype html><html lang="en-GB"><head>
<title>Harbour Board Approves Night Ferries | Coast Courier</title>
<link rel="canonical" href="/news/2025/03/04/night-ferries">
<meta property="og:site_name" content="Coast Courier">
<meta property="og:title" content="Harbour Board Approves Night Ferries">
<meta property="og:type" content="article">
<meta property="og:description" content="Residents of the outer islands won a decade-long campaign for late boats.">
<meta property="article:published_time" content="2025-03-04T08:00:00+01:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Harbour Board Approves Night Ferries","datePublished":"2025-03-04T07:55:00+01:00",
 "dateModified":"2025-03-04T10:15:00+01:00",
 "author":[{"@type":"Person","name":"Mira Holt"}],"publisher":{"@type":"Organization","name":"Coast Courier"}}</script>
</head><body>
<nav><h1>Coast Courier</h1></nav>
<article><h1 class="headline">Harbour Board Approves Night Ferries</h1>
<p class="standfirst">Residents of the outer islands won a decade-long campaign for late boats.</p>
<div class="byline">By <a rel="author" href="/mira">Mira Holt</a></div>
<p>PORTHAVEN: The harbour board voted 5-2 on Tuesday.</p></article>
<aside class="related"><span class="author">By Someone Else</span><time datetime="2020-01-01">Jan 1</time></aside>
</body></html>"#;

#[test]
fn json_ld_wins_for_dates_and_authors() {
    let m = meta(
        NEWS_PAGE,
        Some("https://courier.example/news/2025/03/04/night-ferries?utm=x"),
    );
    assert_eq!(m.published.as_deref(), Some("2025-03-04T07:55:00+01:00"));
    assert_eq!(m.published_source, Some(DateSource::JsonLd));
    assert_eq!(m.modified.as_deref(), Some("2025-03-04T10:15:00+01:00"));
    assert_eq!(m.bylines, ["Mira Holt"]);
    assert!(m.schema_article);
    assert_eq!(m.declares_article(), Some(true));
}

#[test]
fn canonical_url_site_title_language_and_standfirst() {
    let m = meta(
        NEWS_PAGE,
        Some("https://courier.example/news/2025/03/04/night-ferries?utm=x"),
    );
    assert_eq!(
        m.url.as_deref(),
        Some("https://courier.example/news/2025/03/04/night-ferries")
    );
    assert_eq!(m.site.as_deref(), Some("Coast Courier"));
    assert_eq!(
        m.title.as_deref(),
        Some("Harbour Board Approves Night Ferries")
    );
    assert!(m.title_node.is_some());
    assert_eq!(
        m.standfirst.as_deref(),
        Some("Residents of the outer islands won a decade-long campaign for late boats.")
    );
}

#[test]
fn meta_tags_are_used_without_json_ld() {
    let html = r#"<html><head><title>Mill Reopens - Valley Ledger</title>
    <meta name="author" content="By Ana Ruiz and Tom Ek">
    <meta name="pubdate" content="20241102">
    <meta property="article:modified_time" content="2024-11-03T09:00:00Z">
    </head><body><h1>Mill Reopens</h1><p>Text.</p></body></html>"#;
    let m = meta(html, Some("https://www.valleyledger.example/mill"));
    assert_eq!(m.published.as_deref(), Some("2024-11-02"));
    assert_eq!(m.published_source, Some(DateSource::MetaTag));
    assert_eq!(m.modified.as_deref(), Some("2024-11-03T09:00:00+00:00"));
    assert_eq!(m.bylines, ["Ana Ruiz", "Tom Ek"]);
    assert_eq!(m.site.as_deref(), Some("valleyledger.example"));
    assert_eq!(m.title.as_deref(), Some("Mill Reopens"));
}

#[test]
fn time_elements_keep_published_and_updated_apart() {
    let html = r#"<html><body><article><h1>Bridge Closed for Repairs</h1>
    <p class="meta">Updated <time datetime="2025-06-02T18:00:00-04:00">June 2</time></p>
    <p class="meta">Published <time datetime="2025-06-01T07:30:00-04:00">June 1</time></p>
    <p>The bridge will stay closed.</p></article></body></html>"#;
    let m = meta(html, None);
    assert_eq!(m.published.as_deref(), Some("2025-06-01T07:30:00-04:00"));
    assert_eq!(m.published_source, Some(DateSource::TimeElement));
    assert_eq!(m.modified.as_deref(), Some("2025-06-02T18:00:00-04:00"));
}

#[test]
fn visible_byline_and_date_line_are_read_by_class() {
    let html = r#"<html><body><div class="post-header"><h1>Orchard Festival Returns</h1>
    <div class="entry-meta"><span class="posted-on">Posted on March 9, 2025</span>
    <span class="author vcard">by Lena Park</span></div></div>
    <div class="comments"><span class="comment-author">Troll McTroll</span></div>
    <p>Text.</p></body></html>"#;
    let m = meta(html, None);
    assert_eq!(m.published.as_deref(), Some("2025-03-09"));
    assert_eq!(m.published_source, Some(DateSource::Visible));
    assert_eq!(m.bylines, ["Lena Park"]);
}

#[test]
fn an_update_date_alone_under_the_headline_dates_the_article() {
    let html = r#"<html><body><article><h1>Choosing a Rain Barrel</h1>
    <p>By Ada Quill</p><p>Last updated: <span>Nov 4, 2025</span></p>
    <p>A barrel under the downpipe catches more than you think.</p></article></body></html>"#;
    let m = meta(html, None);
    assert_eq!(m.published.as_deref(), Some("2025-11-04"));
    assert_eq!(m.modified.as_deref(), Some("2025-11-04"));
}

#[test]
fn a_named_publication_keeps_the_update_out_of_published() {
    let html = r#"<html><body><article><h1>Choosing a Rain Barrel</h1>
    <p>Published March 2, 2024</p><p>Updated Nov 4, 2025</p>
    <p>A barrel under the downpipe catches more than you think.</p></article></body></html>"#;
    let m = meta(html, None);
    assert_eq!(m.published.as_deref(), Some("2024-03-02"));
    assert_eq!(m.modified.as_deref(), Some("2025-11-04"));
}

#[test]
fn the_printed_date_beats_a_schema_only_publication() {
    let page = |extra_meta: &str| {
        format!(
            r#"<html><head>{extra_meta}<script type="application/ld+json">{{"@type":"BlogPosting",
            "headline":"Choosing a Rain Barrel","datePublished":"2019-04-02T10:00:00+00:00",
            "dateModified":"2025-11-04T09:00:00+00:00"}}</script></head><body><article>
            <h1>Choosing a Rain Barrel</h1><p>Updated Nov 4, 2025</p>
            <p>A barrel under the downpipe catches more than you think.</p></article></body></html>"#
        )
    };
    // Schema.org alone: the page shows its readers the 2025 date.
    let m = meta(&page(""), None);
    assert_eq!(m.published.as_deref(), Some("2025-11-04"));
    assert_eq!(m.published_source, Some(DateSource::Visible));
    // An Open Graph publication time confirms the declared date.
    let m = meta(
        &page(r#"<meta property="article:published_time" content="2019-04-02T10:00:00+00:00">"#),
        None,
    );
    assert_eq!(m.published.as_deref(), Some("2019-04-02T10:00:00+00:00"));
}

#[test]
fn url_path_date_is_the_last_resort() {
    let m = meta(
        "<html><body><h1>Quiet Day</h1></body></html>",
        Some("https://a.example/2023/07/14/quiet-day/"),
    );
    assert_eq!(m.published.as_deref(), Some("2023-07-14"));
    assert_eq!(m.published_source, Some(DateSource::Url));
}

#[test]
fn microdata_dates_and_authors() {
    let html = r#"<html><body><div itemscope itemtype="https://schema.org/Article">
    <h1 itemprop="headline">Library Extends Hours</h1>
    <span itemprop="author" itemscope><span itemprop="name">Omar Aziz</span></span>
    <span itemprop="datePublished" content="2025-01-15">15 January</span></div></body></html>"#;
    let m = meta(html, None);
    assert_eq!(m.published.as_deref(), Some("2025-01-15"));
    assert_eq!(m.published_source, Some(DateSource::Microdata));
    assert_eq!(m.bylines, ["Omar Aziz"]);
}

#[test]
fn home_page_canonical_on_an_article_url_is_ignored() {
    let html = r#"<html><head><link rel="canonical" href="https://a.example/"></head><body></body></html>"#;
    let m = meta(html, Some("https://a.example/story/42"));
    assert_eq!(m.url.as_deref(), Some("https://a.example/story/42"));
}

#[test]
fn standfirst_from_description_only_when_not_the_body_opening() {
    let mut m = PageMetadata {
        description: Some(
            "The harbour board voted 5-2 on Tuesday to extend ferry services...".into(),
        ),
        ..PageMetadata::default()
    };
    let body = "The harbour board voted 5-2 on Tuesday to extend ferry services into the night.";
    assert_eq!(m.standfirst_for(body), None);
    m.description = Some("Islanders won their decade-long campaign for late boats.".into());
    assert_eq!(
        m.standfirst_for(body).as_deref(),
        Some("Islanders won their decade-long campaign for late boats.")
    );
}

#[test]
fn description_printed_under_the_headline_is_the_standfirst() {
    let html = r#"<html><head><meta name="description" content="Islanders won their decade-long campaign for late boats."></head>
    <body><h1>Night Ferries Approved</h1><h2>Islanders won their decade-long campaign for late boats.</h2>
    <p>The board voted.</p></body></html>"#;
    let m = meta(html, None);
    assert_eq!(
        m.standfirst.as_deref(),
        Some("Islanders won their decade-long campaign for late boats.")
    );
}

#[test]
fn empty_and_garbage_pages_give_empty_metadata() {
    for html in [
        "",
        "<html>",
        "<<<>>>",
        "<meta content>",
        "<script type=application/ld+json>{</script>",
    ] {
        let m = meta(html, None);
        assert_eq!(m.title, None);
        assert!(m.bylines.is_empty());
    }
}

#[test]
fn site_falls_back_to_publisher_then_host() {
    let html = r#"<html><head><script type="application/ld+json">{"@type":"BlogPosting","headline":"H",
      "publisher":{"@type":"Organization","name":"Delta Post"}}</script></head></html>"#;
    assert_eq!(meta(html, None).site.as_deref(), Some("Delta Post"));
    assert_eq!(
        meta("<html></html>", Some("https://www.delta.example/x"))
            .site
            .as_deref(),
        Some("delta.example")
    );
}
#[test]
fn html_lang_is_the_declared_language() {
    let m = meta(NEWS_PAGE, None);
    assert_eq!(m.language.as_deref(), Some("en"));
    let m = meta(
        r#"<html><head><meta property="og:locale" content="fr_FR"></head></html>"#,
        None,
    );
    assert_eq!(m.language.as_deref(), Some("fr"));
}

#[test]
fn byline_printed_after_a_written_by_label() {
    let html = r#"<html><body><h1>Orchard Festival Returns</h1>
    <div><p>Written by</p><p>Lena Park</p></div><p>The festival opens on Friday.</p></body></html>"#;
    assert_eq!(meta(html, None).bylines, ["Lena Park"]);
}

#[test]
fn listing_dates_before_the_headline_lose_to_the_article_date() {
    let html = r#"<html><body><ul class="views"><li><time datetime="2025-01-31">Jan 31</time></li></ul>
    <h1>Ferry Timetable Changes</h1><p class="meta"><time datetime="2017-03-01">March 1, 2017</time></p>
    <p>Text.</p></body></html>"#;
    assert_eq!(meta(html, None).published.as_deref(), Some("2017-03-01"));
}

#[test]
fn printed_standfirst_that_the_body_repeats_is_left_to_the_body() {
    let m = PageMetadata {
        standfirst: Some("Islanders won their decade-long campaign for late boats.".into()),
        ..PageMetadata::default()
    };
    let body = "Islanders won their decade-long campaign for late boats.\n\nThe board voted.";
    assert_eq!(m.standfirst_for(body), None);
    assert!(m.standfirst_for("The board voted.").is_some());
}

/// Pseudo-random strings over a pool of awkward characters (multi-byte letters whose case
/// mappings change length, separators, digits, markup) through every text function: none
/// may panic.
#[test]
fn text_functions_never_panic_on_odd_input() {
    let pool: Vec<char> =
        "aZ09 :,.-–—()|/@#&;\n\t\"'’İıKſßﬁ日本語عربي\u{200b}\u{feff}<>by BY Oct 2025 T+Z"
            .chars()
            .collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 60) as usize;
        let s: String = (0..len)
            .map(|_| pool[(next() % pool.len() as u64) as usize])
            .collect();
        let _ = parse_date(&s);
        let _ = dateline(&s);
        let _ = bylines::split_byline(&s);
        let _ = bylines::clean_author(&s);
        let _ = crate::furniture::is_furniture_line(&s);
        let _ = detect_language(&s, Some(&s));
        let _ = url::date_from_url(&s);
        let _ = url::resolve(Some("https://a.example/x/y"), &s);
        let _ = title::strip_site_segments(&s, &["example".to_string()]);
        let _ = crate::text_article::extract_text(&s, None);
        let _ = page_metadata(&Dom::parse(&s), Some(&s));
    }
}

#[test]
fn site_names_that_are_urls_or_section_lists_are_tidied() {
    let html = r#"<html><head><meta property="og:site_name" content="https://www.delta.example"></head></html>"#;
    assert_eq!(meta(html, None).site.as_deref(), Some("delta.example"));
    let html = r#"<html><head><meta property="og:site_name" content="Delta Post | Ferries | Weather"></head></html>"#;
    assert_eq!(meta(html, None).site.as_deref(), Some("Delta Post"));
}

#[test]
fn outlet_listed_among_authors_is_dropped() {
    let html = r#"<html><head><meta property="og:site_name" content="Valley Ledger">
    <script type="application/ld+json">{"@type":"NewsArticle","headline":"H",
    "author":[{"name":"Valley Ledger"},{"name":"Ana Ruiz"}]}</script></head></html>"#;
    assert_eq!(meta(html, None).bylines, ["Ana Ruiz"]);
}

#[test]
fn squashed_search_matches_the_squashed_text() {
    let body = "The Harbour board voted — on Tuesday — to extend services.\n\nAbab abac.";
    assert!(squashed_contains(body, "harbourboardvotedontuesday"));
    assert!(squashed_contains(body, "ababac"));
    assert!(squashed_contains(body, ""));
    assert!(!squashed_contains(body, "harbourboardvotedonmonday"));
    for needle in ["abab", "babac", "servicesabab", "x"] {
        assert_eq!(
            squashed_contains(body, needle),
            squash(body).contains(needle),
            "{needle}"
        );
    }
}
