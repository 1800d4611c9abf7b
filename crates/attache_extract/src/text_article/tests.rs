//! Plain-text article tests on stories written for the purpose (fictional places and people),
//! plus one check against the reference article in `../shared` when it is present.

#![allow(clippy::expect_used)] // a failed expectation is the test failing

use super::*;

/// Shaped like a scraped news page: title, standfirst, dateline, a cross-link line in the
/// middle and a comment footer at the end.
const FERRY_STORY: &str = "Harbour Board Approves Night Ferries After Decade of Campaigning

Islanders won their long fight for late boats, but the operator warns fares may rise.

PORTHAVEN: The harbour board voted five to two on Tuesday to extend ferry services to the outer islands past midnight, ending a campaign that residents began ten years ago.

Board chair Mira Holt said the first night crossings would run from May, once crews had been hired and trained. \"We listened, and the numbers finally work,\" she said.

Read more: Ferry operator says night routes will pay for themselves

The operator, Coast Lines, said it would need a subsidy for the first two years and that fares could rise by up to a tenth. Islanders' groups said they would oppose any increase.

Comments are closed, but trackbacks and pingbacks are open.
";

fn article(e: &Extraction) -> &Article {
    e.article()
}

#[test]
fn title_standfirst_dateline_and_body_are_separated() {
    let e = extract_text(
        FERRY_STORY,
        Some("https://courier.example/2025/03/04/ferries"),
    );
    assert!(matches!(e, Extraction::Article(_)), "{e:?}");
    let a = article(&e);
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour Board Approves Night Ferries After Decade of Campaigning")
    );
    assert_eq!(
        a.standfirst.as_deref(),
        Some(
            "Islanders won their long fight for late boats, but the operator warns fares may rise."
        )
    );
    assert_eq!(a.dateline.as_deref(), Some("Porthaven"));
    assert!(a.text.starts_with("PORTHAVEN: The harbour board voted"));
    assert_eq!(a.paragraphs().count(), 3);
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(a.site.as_deref(), Some("courier.example"));
    assert_eq!(a.published.as_deref(), Some("2025-03-04"));
}

#[test]
fn read_more_line_and_comment_footer_are_dropped() {
    let e = extract_text(FERRY_STORY, None);
    let a = article(&e);
    assert!(!a.text.contains("Read more"));
    assert!(!a.text.contains("Comments are closed"));
    assert!(a.text.ends_with("they would oppose any increase."));
}

#[test]
fn byline_and_date_lines_under_the_title_are_metadata() {
    let text = "Mill Reopens After Flood\nBy Ana Ruiz and Tom Ek\nMarch 9, 2025\n\n\
        VALLEYFORD — The old wool mill reopened on Saturday, eight months after the river \
        burst its banks and filled the ground floor with mud. Owners said every loom had been \
        stripped, cleaned and rebuilt by hand over the winter.\n\nAbout forty workers returned.";
    let e = extract_text(text, None);
    let a = article(&e);
    assert_eq!(a.bylines, ["Ana Ruiz", "Tom Ek"]);
    assert_eq!(a.published.as_deref(), Some("2025-03-09"));
    assert_eq!(a.dateline.as_deref(), Some("Valleyford"));
    assert_eq!(a.standfirst, None);
    assert!(a.text.starts_with("VALLEYFORD —"));
}

#[test]
fn hard_wrapped_paragraphs_are_joined_and_lists_kept() {
    let text = "Budget Passes\n\nThe council passed the budget on Monday after a\nlong debate that ran \
        past midnight, with three members\nvoting against it and one abstaining on the final count.\n\n\
        - roads: 4 million\n- schools: 6 million\n\nThe mayor called it a fair compromise for the whole town.";
    let e = extract_text(text, None);
    let a = article(&e);
    assert!(a.text.contains("after a long debate"));
    assert!(a.text.contains("- roads: 4 million\n- schools: 6 million"));
}

#[test]
fn text_without_blank_lines_reads_one_paragraph_per_line() {
    let text = "Storm Closes Schools\nSchools across the district will stay closed on Friday as the storm \
        moves inland, officials said.\nBus services are suspended until further notice, and parents are \
        asked to keep children at home.\nThe weather office expects winds to ease by Saturday evening.";
    let a = extract_text(text, None).into_article().expect("an article");
    assert_eq!(a.title.as_deref(), Some("Storm Closes Schools"));
    assert_eq!(a.paragraphs().count(), 3);
}

#[test]
fn empty_and_tiny_texts_are_not_articles_with_reasons() {
    assert!(matches!(
        extract_text("  \n\n \r\n", None),
        Extraction::NotArticle {
            reason: NotArticleReason::Empty,
            ..
        }
    ));
    match extract_text("Closed Today\n\nThe museum is closed today.", None) {
        Extraction::NotArticle { reason, article } => {
            assert_eq!(reason, NotArticleReason::TooLittleText);
            assert_eq!(article.title.as_deref(), Some("Closed Today"));
        }
        other => panic!("expected not an article, got {other:?}"),
    }
}

#[test]
fn long_first_line_is_body_not_title() {
    let first = "The harbour board voted five to two on Tuesday to extend ferry services to the outer \
        islands past midnight, ending a campaign that residents began ten years ago and that many had given up on.";
    let text = format!("{first}\n\n{first}");
    let a = extract_text(&text, None)
        .into_article()
        .expect("an article");
    assert_eq!(a.title, None);
    assert_eq!(a.paragraphs().count(), 2);
}

#[test]
fn windows_line_endings_and_bom_are_handled() {
    let text = format!("\u{feff}{}", FERRY_STORY.replace('\n', "\r\n"));
    let a = extract_text(&text, None)
        .into_article()
        .expect("an article");
    assert_eq!(a.dateline.as_deref(), Some("Porthaven"));
    assert!(!a.text.contains('\r'));
}

/// The reference article from the issue, read at run time from `../shared` (never copied).
#[test]
fn reference_article_istanbul_talks() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/examples/istanbul-talks.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping: reference article {path} is absent");
        return;
    };
    let e = extract_text(&text, None);
    let a = e.into_article().expect("the reference is an article");
    assert_eq!(
        a.title.as_deref(),
        Some("Pakistan Ready to Resume Talks with Afghanistan Amid Istanbul Dialogue")
    );
    assert!(a
        .standfirst
        .as_deref()
        .is_some_and(|s| s.starts_with("The previous round of talks ended")));
    assert_eq!(a.dateline.as_deref(), Some("Islamabad"));
    assert!(a.text.starts_with("ISLAMABAD: Pakistan has signaled"));
    assert!(!a.text.contains("Read more"));
    assert!(!a.text.contains("Comments are closed"));
    // Seven body paragraphs: the standfirst, the cross-link and the footer are not body.
    assert_eq!(a.paragraphs().count(), 7);
    assert!(a
        .text
        .ends_with("national security and regional stability."));
    assert_eq!(a.language.as_deref(), Some("en"));
}

#[test]
fn front_matter_block_gives_the_metadata_and_is_not_body() {
    let text = "url: https://ledger.example/2025/10/27/border\nsite: The Ledger\npublished: 2025-10-27T09:10:00+05:00\ntitle: Pakistan warns Kabul over raids\nbyline: Saima Qureshi\n\nISLAMABAD: Pakistan warned Afghanistan on Monday that it would respond to any further raids launched from Afghan soil, after militants attacked a checkpoint in Kurram district overnight and officials met in the capital to weigh a reply.\n\nThe foreign ministry accused the Taliban government of sheltering fighters and urged Kabul to act against them before the next round of talks.\n";
    let a = extract_text(text, None).into_article().expect("an article");
    assert_eq!(
        a.url.as_deref(),
        Some("https://ledger.example/2025/10/27/border")
    );
    assert_eq!(a.site.as_deref(), Some("The Ledger"));
    assert_eq!(a.published.as_deref(), Some("2025-10-27T09:10:00+05:00"));
    assert_eq!(a.title.as_deref(), Some("Pakistan warns Kabul over raids"));
    assert_eq!(a.bylines, vec!["Saima Qureshi".to_string()]);
    assert_eq!(a.dateline.as_deref(), Some("Islamabad"));
    assert!(
        a.text.starts_with("ISLAMABAD: Pakistan warned"),
        "{}",
        a.text
    );
}

#[test]
fn a_dateline_paragraph_is_not_front_matter() {
    let text = "Talks resume\n\nKABUL: Afghan and Pakistani officials met again on Tuesday in the capital, the foreign ministry said, after a week in which both sides traded accusations over the border and the closure of the main crossing at Torkham.\n\nTraders said hundreds of lorries were still waiting on both sides of the border for the crossing to reopen.\n";
    let a = extract_text(text, None).into_article().expect("an article");
    assert_eq!(a.title.as_deref(), Some("Talks resume"));
    assert!(a.text.starts_with("KABUL: Afghan"), "{}", a.text);
}

#[test]
fn a_short_wire_brief_with_front_matter_is_an_article_and_without_it_is_not() {
    let body = "KABUL: Police arrested three men suspected of planning attacks on the city's airport road, a spokesman for the interior ministry said on Sunday.";
    let declared =
        format!("url: https://wire.example/2025/11/02/arrests\npublished: 2025-11-02\n\n{body}\n");
    assert!(extract_text(&declared, None).into_article().is_some());
    let bare = format!("Arrests in Kabul\n\n{body}\n");
    assert!(extract_text(&bare, None).into_article().is_none());
}

#[test]
fn a_text_dated_only_by_its_dateline_takes_that_date() {
    let story = "Harbour Board Backs Night Ferries

PORTHAVEN, Dec 20, 2025 (CCN) - The harbour board voted five to two on Saturday to extend ferry services to the outer islands past midnight, ending a campaign that residents began ten years ago.

Board chair Mira Holt said the first night crossings would run from May, once crews had been hired and trained, and that fares would be reviewed in the autumn.
";
    let e = extract_text(story, None);
    let a = article(&e);
    assert_eq!(a.dateline.as_deref(), Some("Porthaven"));
    assert_eq!(a.published.as_deref(), Some("2025-12-20"));
    // A date the URL gives comes first, as on the HTML path.
    let e = extract_text(story, Some("https://courier.example/2025/12/21/ferries"));
    assert_eq!(article(&e).published.as_deref(), Some("2025-12-21"));
}

#[test]
fn a_dateline_in_the_second_paragraph_is_read_as_on_the_html_path() {
    let text = "Harbour Board Approves Night Ferries

The vote came late.

PORTHAVEN, Dec 20, 2025 (CCN) - The harbour board voted five to two on Tuesday to extend ferry services past midnight.
";
    let e = extract_text(text, None);
    let a = article(&e);
    assert_eq!(a.dateline.as_deref(), Some("Porthaven"));
    assert_eq!(a.published.as_deref(), Some("2025-12-20"));
}
