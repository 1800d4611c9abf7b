//! Body extraction on pages the team wrote (fictional outlets and events), one furniture or
//! keep-case each, plus a page shaped like a typical wire story with its `Read more` line and
//! comment footer.

use super::*;

/// Extracts the body the way `extract_html` does (metadata hints included).
fn body_of(html: &str) -> Body {
    let dom = Dom::parse(html);
    let meta = crate::meta::page_metadata(&dom, None);
    extract(&dom, &Hints::from_metadata(&meta))
}

fn paragraphs(html: &str) -> Vec<String> {
    body_of(html)
        .text
        .split("\n\n")
        .map(str::to_string)
        .collect()
}

/// A long, plain paragraph of article prose about the fictional Harbour Bridge talks.
fn prose(n: usize) -> String {
    format!(
        "<p>Delegates from the two port authorities met for the {n} time on Thursday at the old \
         customs house, officials said, and agreed to keep the night ferries running while the \
         engineers finish their survey of the cracked bridge piers.</p>"
    )
}

fn page(article: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><title>Harbour talks resume | Coastline Ledger</title>
<meta property="og:title" content="Harbour talks resume"></head><body>
<header class="site-header"><a href="/">Coastline Ledger</a><nav><ul><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article class="story">{article}</article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Tide tables for the week ahead</a></li>
<li><a href="/b">Council approves new fish market hall</a></li></ul></aside></main>
<footer class="site-footer"><p>Copyright 2025 Coastline Ledger. All rights reserved.</p></footer>
</body></html>"#
    )
}

#[test]
fn wire_story_with_read_more_line_and_comment_footer() {
    let article = format!(
        "<h1>Harbour talks resume</h1><p class=byline>By Mara Quint</p>\
         <p>PORTLOW: The harbour talks resumed on Thursday after a two-week pause, with both \
         sides saying they hoped to settle the ferry dispute before the winter timetable.</p>\
         {}{}<p>Read more: Why the ferry contract collapsed</p>{}\
         <p>The next round is set for Monday.</p>\
         <div class=share-tools><a href=#>Share on Facebook</a> <a href=#>Share on X</a></div>\
         <div id=comments><h3>Comments</h3><p>Comments are closed, but trackbacks and pingbacks \
         are open.</p></div>",
        prose(1),
        prose(2),
        prose(3)
    );
    let body = body_of(&page(&article));
    let paras: Vec<&str> = body.text.split("\n\n").collect();
    assert!(
        paras[0].starts_with("PORTLOW: The harbour talks"),
        "{paras:?}"
    );
    assert_eq!(
        paras.last().copied(),
        Some("The next round is set for Monday.")
    );
    assert!(!body.text.contains("Read more"));
    assert!(!body.text.contains("trackbacks"));
    assert!(!body.text.contains("Share on"));
    assert!(!body.text.contains("Most read"));
    assert!(!body.text.contains("Copyright"));
    assert!(!body.text.contains("By Mara Quint"));
    assert!(
        !body.text.contains("Harbour talks resume"),
        "headline is not body text"
    );
    assert_eq!(paras.len(), 5, "{paras:?}");
    assert_eq!(body.verdict, None);
}

#[test]
fn subheadings_lists_and_short_paragraphs_are_kept() {
    let article = format!(
        "{}<h2>What the engineers found</h2>{}<p>Nobody was hurt.</p>\
         <ul><li>Two piers show fresh cracks along the waterline.</li>\
         <li>The east ramp needs new bearings before the spring tides.</li></ul>{}",
        prose(1),
        prose(2),
        prose(3)
    );
    let paras = paragraphs(&page(&article));
    assert!(
        paras.contains(&"What the engineers found".to_string()),
        "{paras:?}"
    );
    assert!(paras.contains(&"Nobody was hurt.".to_string()));
    assert!(paras.contains(&"Two piers show fresh cracks along the waterline.".to_string()));
    assert!(
        paras.contains(&"The east ramp needs new bearings before the spring tides.".to_string())
    );
}

#[test]
fn article_split_over_two_containers_comes_out_whole() {
    let article = format!(
        "<div class=story-part>{}{}</div><div class=ad-slot>Advertisement</div>\
         <div class=story-part>{}{}</div>",
        prose(1),
        prose(2),
        prose(3),
        prose(4)
    );
    let paras = paragraphs(&page(&article));
    assert_eq!(paras.len(), 4, "{paras:?}");
}

#[test]
fn cookie_newsletter_and_related_boxes_are_dropped() {
    let article = format!(
        "{}<div class=newsletter-signup><p>Sign up for our morning briefing and never miss a \
         story from the harbour.</p></div>{}<section class=related-stories><h3>Related</h3>\
         <p>Ferry fares to rise in March as fuel costs climb for the island operators.</p>\
         </section>{}<div id=cookie-banner><p>We use cookies to improve your experience on our \
         site.</p></div>",
        prose(1),
        prose(2),
        prose(3)
    );
    let body = body_of(&page(&article));
    assert!(!body.text.contains("Sign up"));
    assert!(!body.text.contains("Ferry fares"));
    assert!(!body.text.contains("cookies"));
    assert_eq!(body.text.split("\n\n").count(), 3);
}

#[test]
fn captions_and_image_credits_are_dropped() {
    let article = format!(
        "{}<figure><img src=pier.jpg><figcaption>The cracked pier at low tide. Photo: Coastline \
         Ledger</figcaption></figure>{}{}",
        prose(1),
        prose(2),
        prose(3)
    );
    let body = body_of(&page(&article));
    assert!(!body.text.contains("low tide"));
}

#[test]
fn author_bio_and_tag_list_are_dropped() {
    let article = format!(
        "{}{}{}<div class=author-bio><p>Mara Quint covers shipping and the ports for the Ledger. \
         She previously reported from the northern fisheries.</p></div>\
         <ul class=tags><li><a href=/t/ferries>Ferries</a></li><li><a href=/t/ports>Ports</a></li></ul>",
        prose(1),
        prose(2),
        prose(3)
    );
    let body = body_of(&page(&article));
    assert!(!body.text.contains("covers shipping"));
    assert!(!body.text.contains("Ferries"));
}

#[test]
fn link_lists_inside_the_article_are_dropped() {
    let article = format!(
        "{}{}<ul><li><a href=/x>Ferry strike: what we know</a></li>\
         <li><a href=/y>Timeline of the bridge repairs</a></li></ul>{}",
        prose(1),
        prose(2),
        prose(3)
    );
    let body = body_of(&page(&article));
    assert!(!body.text.contains("what we know"));
}

#[test]
fn an_empty_page_is_not_an_article() {
    assert_eq!(body_of("").verdict, Some(NotArticleReason::Empty));
}

#[test]
fn a_section_front_is_an_index_page() {
    let items: String = (0..30)
        .map(|i| format!("<li><a href=/story/{i}>Harbour story number {i} of the week</a></li>"))
        .collect();
    let html = format!("<html><body><h1>News</h1><ul>{items}</ul></body></html>");
    assert_eq!(body_of(&html).verdict, Some(NotArticleReason::IndexPage));
}

#[test]
fn text_loose_in_a_div_with_line_breaks_is_found() {
    let text = "The harbour master said the ferries would keep running through the night, \
                and that the engineers expected to finish their survey of the piers by Friday."
        .repeat(2);
    let html = format!(
        "<html><body><div class=menu><a href=/>Home</a> <a href=/n>News</a></div>\
         <div class=col>{text}<br><br>{text}<br>{text}</div></body></html>"
    );
    let body = body_of(&html);
    assert_eq!(body.text.split("\n\n").count(), 3, "{}", body.text);
}

#[test]
fn a_card_that_pops_up_over_a_name_is_left_out_and_the_name_kept() {
    let article = format!(
        "<h1>Harbour talks resume</h1>\
         <p>The talks were led by Harbourmaster <span class=\"rollover-people\">\
         <a href=\"/people/mara-quint\">Mara Quint</a><span class=\"rollover-people-block\">\
         <span class=\"rollover-block\"><img src=\"/q.jpg\" alt=\"\"><a href=\"/people/mara-quint\">\
         Mara Quint</a><a href=\"/x\">Ferry fares to rise in spring</a> <a href=\"/y\">Pier \
         repairs delayed again</a></span></span></span> on Thursday, the port said.</p>{}{}",
        prose(1),
        prose(2)
    );
    let text = body_of(&page(&article)).text;
    assert!(
        text.contains("led by Harbourmaster Mara Quint on Thursday"),
        "{text}"
    );
    assert!(!text.contains("Ferry fares"), "{text}");
}
