//! Tests of `title`.
use super::*;

fn keys(site: &str, host: &str) -> Vec<String> {
    site_keys(&TitleCandidates {
        site_names: vec![site.to_string()],
        host: Some(host.to_string()),
        ..Default::default()
    })
}

#[test]
fn curled_quotes_of_the_heading_give_way_to_the_typed_title() {
    assert!(is_typeset_from(
        "The Miller\u{2019}s \u{201c}Quiet\u{201d} Year\u{2026}",
        "The Miller's \"Quiet\" Year..."
    ));
    // A declared title that is itself typeset, or words that differ, decide nothing.
    assert!(!is_typeset_from(
        "The Miller\u{2019}s Year",
        "The Miller\u{2019}s Year"
    ));
    assert!(!is_typeset_from(
        "The Miller\u{2019}s Year",
        "The Millers' Year"
    ));
    // Spaced dashes are the author's own choice of dash, not a filter's.
    assert!(!is_typeset_from("Mill \u{2013} Year", "Mill - Year"));
    let c = TitleCandidates {
        h1: vec!["The Miller\u{2019}s Year".into()],
        declared: vec!["The Miller's Year".into()],
        ..Default::default()
    };
    assert_eq!(choose_title(&c).0.as_deref(), Some("The Miller's Year"));
}

#[test]
fn site_suffixes_and_prefixes_are_cut() {
    let k = keys("Valley Ledger", "valleyledger.example");
    assert_eq!(
        strip_site_segments("Mill Reopens After Flood | Valley Ledger", &k),
        "Mill Reopens After Flood"
    );
    assert_eq!(
        strip_site_segments("Valley Ledger - Mill Reopens After Flood", &k),
        "Mill Reopens After Flood"
    );
    assert_eq!(
        strip_site_segments("Mill Reopens | Opinion | Valley Ledger", &k),
        "Mill Reopens"
    );
    assert_eq!(
        strip_site_segments("Flood Damage Along the River - Infographic", &k),
        "Flood Damage Along the River"
    );
    assert_eq!(
        strip_site_segments("Valley Ledger: Mill Reopens After Flood", &k),
        "Mill Reopens After Flood"
    );
}

#[test]
fn host_words_identify_the_site_without_a_site_name() {
    let k = keys("", "blog.coastferries.example");
    assert_eq!(
        strip_site_segments("Night Routes Explained – Coast Ferries", &k),
        "Night Routes Explained"
    );
}

#[test]
fn trailing_segment_opening_with_the_site_name_is_the_site() {
    let k = keys("", "news.valleyledger.example");
    assert_eq!(
        strip_site_segments(
            "Mill Reopens After Flood | Valley Ledger Children's Health Desk",
            &k
        ),
        "Mill Reopens After Flood"
    );
    // At the start the site's name may be the story's subject: kept.
    let t = "Valley Ledger Wins Press Award | Town Meets";
    assert_eq!(strip_site_segments(t, &k), t);
}

#[test]
fn a_trailing_segment_opening_with_a_word_the_site_is_named_after_is_kept() {
    let k = keys("", "time.com");
    let t = "Ukraine Talks – Time Running Out For Deal";
    assert_eq!(strip_site_segments(t, &k), t);
    // A word that merely begins like the name is not the name.
    let t = "Ukraine Talks – Timeline of the Talks";
    assert_eq!(strip_site_segments(t, &k), t);
    let k = keys("", "nation.africa");
    let t = "Budget Row – National Assembly Votes";
    assert_eq!(strip_site_segments(t, &k), t);
    // Nor does a short segment that only contains the letters of a host word.
    let k = keys("", "news.com.au");
    let t = "Wildfires Spread – Newsom Signs Bill";
    assert_eq!(strip_site_segments(t, &k), t);
    let k = keys("Valley Ledger", "valleyledger.example");
    assert_eq!(
        strip_site_segments("Mill Reopens – The Valley Ledger Online", &k),
        "Mill Reopens"
    );
}

#[test]
fn an_h1_is_not_cut_at_a_segment_opening_with_the_site_name() {
    let c = TitleCandidates {
        h1: vec!["Mill Reopens – Valley Ledger Staff Celebrate".into()],
        site_names: vec!["Valley Ledger".into()],
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c).0.as_deref(),
        Some("Mill Reopens – Valley Ledger Staff Celebrate")
    );
}

#[test]
fn real_titles_with_separators_are_never_cut() {
    let k = keys("Valley Ledger", "valleyledger.example");
    let t = "Top 10 Ferries of 2025 | The Best Night Routes on the Coast";
    assert_eq!(strip_site_segments(t, &k), t);
    assert_eq!(
        strip_site_segments("Talks - What Comes Next", &k),
        "Talks - What Comes Next"
    );
    assert_eq!(strip_site_segments("Valley Ledger", &k), "Valley Ledger");
}

#[test]
fn headline_section_site_chain_keeps_the_first_segment() {
    let k = keys("Valley Ledger", "valleyledger.example");
    assert_eq!(
        strip_site_segments(
            "Mill Reopens After Flood | Local Business | Valley Ledger",
            &k
        ),
        "Mill Reopens After Flood"
    );
    // A short first segment is a label that needs the rest.
    assert_eq!(
        strip_site_segments("Live | Mill Reopens After Flood | Valley Ledger", &k),
        "Live | Mill Reopens After Flood"
    );
    // Without a site cut off the end nothing says the rest is a section.
    let t = "Mill Reopens After Flood | Owners Count Costs | Town Meets";
    assert_eq!(strip_site_segments(t, &k), t);
}

#[test]
fn h1_subtitle_is_cut_when_the_title_chain_marks_it() {
    let c = TitleCandidates {
        h1: vec!["Mill Reopens After Flood – What Owners Say".into()],
        title_tag: Some("Mill Reopens After Flood - What Owners Say - Valley Ledger".into()),
        site_names: vec!["Valley Ledger".into()],
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c),
        (Some("Mill Reopens After Flood".into()), Some(0))
    );
    // A two-part title with the site gives no such mark: the h1 stays whole.
    let c = TitleCandidates {
        h1: vec!["Mill Reopens After Flood – What Owners Say".into()],
        title_tag: Some("Mill Reopens After Flood - What Owners Say".into()),
        site_names: vec!["Valley Ledger".into()],
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c).0.as_deref(),
        Some("Mill Reopens After Flood – What Owners Say")
    );
}

#[test]
fn confirmed_h1_wins_and_keeps_its_spelling() {
    let c = TitleCandidates {
        h1: vec!["Mill Reopens After Flood".into()],
        declared: vec!["Mill reopens after flood | Valley Ledger".into()],
        site_names: vec!["Valley Ledger".into()],
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c).0.as_deref(),
        Some("Mill Reopens After Flood")
    );
}

#[test]
fn all_caps_h1_takes_the_declared_case() {
    let c = TitleCandidates {
        h1: vec!["MILL REOPENS AFTER FLOOD".into()],
        declared: vec!["Mill Reopens After Flood".into()],
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c).0.as_deref(),
        Some("Mill Reopens After Flood")
    );
}

#[test]
fn site_name_or_section_h1_gives_way_to_declared_title() {
    let c = TitleCandidates {
        h1: vec!["Valley Ledger".into()],
        declared: vec!["Mill Reopens After Flood - Valley Ledger".into()],
        site_names: vec!["Valley Ledger".into()],
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c),
        (Some("Mill Reopens After Flood".into()), None)
    );
    let c = TitleCandidates {
        h1: vec!["Blog".into()],
        title_tag: Some("Mill Reopens After Flood".into()),
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c).0.as_deref(),
        Some("Mill Reopens After Flood")
    );
}

#[test]
fn widget_and_call_to_action_headings_are_not_headlines() {
    let k = keys("Valley Ledger", "valleyledger.example");
    let names = ["Valley Ledger".to_string()];
    let is_headline_like =
        |h: &str, k: &[String]| is_headline_like(h, k) && !is_furniture_heading(h, k, &names);
    assert!(!is_headline_like("Select Your Location", &k));
    assert!(!is_headline_like("Follow Us", &k));
    // The furniture lists' labels and prompts, with their punctuation.
    assert!(!is_headline_like("Related Articles", &k));
    assert!(!is_headline_like("Share this:", &k));
    assert!(!is_headline_like("Join our WhatsApp channel", &k));
    assert!(!is_headline_like(
        "Subscribe to The Valley Ledger Morning Briefing",
        &k
    ));
    assert!(!is_headline_like("Return to Valley Ledger Website", &k));
    assert!(!is_headline_like("Back to top", &k));
    assert!(is_headline_like("Back to School Costs Rise Again", &k));
    // Only the opening decides: a headline about subscriptions stays one.
    assert!(is_headline_like("Why Readers Subscribe to Local News", &k));
    let c = TitleCandidates {
        h1: vec![
            "Mill Reopens After Flood".into(),
            "Sign up for our weekly newsletter".into(),
        ],
        declared: vec!["Flood-hit mill back in business".into()],
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c),
        (Some("Mill Reopens After Flood".into()), Some(0))
    );
}

#[test]
fn a_headline_about_going_back_to_the_site_s_city_is_not_a_link() {
    let k = keys("", "boston.com");
    assert!(!is_furniture_heading("Back to Boston", &k, &[]));
    assert!(is_furniture_heading("Back to Boston Homepage", &k, &[]));
    let c = TitleCandidates {
        h1: vec!["Back to Boston".into()],
        declared: vec!["Why the Marathon Returns Home".into()],
        host: Some("boston.com".into()),
        ..Default::default()
    };
    assert_eq!(choose_title(&c), (Some("Back to Boston".into()), Some(0)));
    // The short form of a declared name links back only on whole words.
    let names = ["Harbor Media Group".to_string()];
    let k = keys(&names[0], "harborgroup.example");
    assert!(is_furniture_heading("Return to Harbor Website", &k, &names));
    assert!(!is_furniture_heading("Return to Harbo Website", &k, &names));
}

#[test]
fn a_call_to_action_heading_the_declared_title_repeats_is_the_headline() {
    let c = TitleCandidates {
        h1: vec!["Sign Up for Flu Shots Opens Monday".into()],
        declared: vec!["Sign up for flu shots opens Monday | Valley Ledger".into()],
        title_tag: Some("Clinics Ready for Flu Season".into()),
        site_names: vec!["Valley Ledger".into()],
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c),
        (Some("Sign Up for Flu Shots Opens Monday".into()), Some(0))
    );
    // Unconfirmed, the same heading is a newsletter box.
    let c = TitleCandidates {
        h1: vec!["Sign Up for Flu Shots Opens Monday".into()],
        declared: vec!["Clinics Ready for Flu Season".into()],
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c),
        (Some("Clinics Ready for Flu Season".into()), None)
    );
}

#[test]
fn lone_unconfirmed_h1_is_still_the_headline() {
    let c = TitleCandidates {
        h1: vec!["Mill Reopens After Flood".into()],
        declared: vec!["Flood-hit mill back in business, owners say".into()],
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c),
        (Some("Mill Reopens After Flood".into()), Some(0))
    );
}

#[test]
fn a_heading_printed_twice_is_one_headline() {
    let c = TitleCandidates {
        h1: vec![
            "Mill Reopens After Flood".into(),
            "Mill reopens after flood".into(),
        ],
        declared: vec!["Flood-hit mill back in business".into()],
        ..Default::default()
    };
    assert_eq!(
        choose_title(&c),
        (Some("Mill Reopens After Flood".into()), Some(0))
    );
}

#[test]
fn fullwidth_punctuation_of_a_latin_headline_is_made_plain() {
    let c = TitleCandidates {
        h1: vec!["Will the Mill Reopen\u{ff1f}".into()],
        ..Default::default()
    };
    assert_eq!(choose_title(&c).0.as_deref(), Some("Will the Mill Reopen?"));
    // A CJK headline keeps its own punctuation.
    assert_eq!(
        fullwidth_to_ascii("\u{5de5}\u{5382}\u{91cd}\u{5f00}\u{ff1f}"),
        "\u{5de5}\u{5382}\u{91cd}\u{5f00}\u{ff1f}"
    );
}

#[test]
fn every_cjk_script_counts_as_cjk() {
    for c in [
        '\u{4e2d}',  // 中, unified ideograph
        '\u{20bb7}', // 𠮷, extension B
        '\u{3105}',  // ㄅ, Bopomofo
        '\u{1100}',  // ᄀ, Hangul Jamo
        '\u{d55c}',  // 한, Hangul syllable
        '\u{3072}',  // ひ, Hiragana
        '\u{30ab}',  // カ, Katakana
    ] {
        assert!(is_cjk(c), "{c:?}");
    }
    assert!(!is_cjk('a'));
    // A Taiwanese headline written with Bopomofo keeps its fullwidth marks.
    assert_eq!(fullwidth_to_ascii("ㄅ？"), "ㄅ？");
}

#[test]
fn nothing_gives_none() {
    assert_eq!(choose_title(&TitleCandidates::default()), (None, None));
}
