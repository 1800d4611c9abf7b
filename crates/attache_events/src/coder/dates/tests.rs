use super::*;
use crate::coder::tests::doc_with;
use crate::cues::Cues;
use attache_model::ActorKind;

/// 2019-11-19, a Tuesday.
fn base() -> i32 {
    day_number("2019-11-19").unwrap_or_default()
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// The first expression of `s` as (its words, first day, background).
fn first(s: &str) -> Option<(String, String, bool)> {
    let w = words(s);
    let refs: Vec<&str> = w.iter().map(String::as_str).collect();
    let x = *find(&refs, base()).first()?;
    Some((
        refs[x.first..=x.last].join(" "),
        format_day(x.day(base())),
        x.is_background(base()),
    ))
}

fn expect(s: &str, text: &str, day: &str, background: bool) {
    assert_eq!(
        first(s),
        Some((text.to_string(), day.to_string(), background)),
        "{s}"
    );
}

#[test]
fn relative_days_and_weekdays_resolve_against_the_article_day() {
    expect("police said yesterday", "yesterday", "2019-11-18", false);
    expect("talks held last week", "last week", "2019-11-12", false);
    expect("the vote on Monday", "on monday", "2019-11-18", false);
    expect("the vote on Tuesday", "on tuesday", "2019-11-19", false);
    expect("met last Tuesday", "last tuesday", "2019-11-12", false);
    expect(
        "will meet next Tuesday",
        "next tuesday",
        "2019-11-26",
        false,
    );
    expect("two weeks ago", "two weeks ago", "2019-11-05", false);
    expect("a war decades ago", "decades ago", "1999-01-01", true);
}

#[test]
fn years_months_and_month_days_resolve_and_old_ones_are_background() {
    expect("the coup in 1990", "in 1990", "1990-01-01", true);
    expect("fighting since 2014", "since 2014", "2014-01-01", true);
    expect("elected in 2019", "in 2019", "2019-11-19", false);
    expect("protests since June", "since june", "2019-06-01", true);
    expect(
        "the raid on November 15",
        "november 15",
        "2019-11-15",
        false,
    );
    expect("signed on 3 March 2001", "3 march 2001", "2001-03-03", true);
    expect("Nov 15 , 2018 ruling", "nov 15 , 2018", "2018-11-15", true);
    // Without a year a date far ahead is last year's; a near one stays ahead.
    expect(
        "the summit on December 3",
        "december 3",
        "2019-12-03",
        false,
    );
    expect("the ruling of June 3", "june 3", "2019-06-03", true);
    expect("in March", "in march", "2019-03-01", true);
    expect(
        "the session starts in early January",
        "early january",
        "2020-01-01",
        false,
    );
    expect("last year", "last year", "2018-01-01", true);
    // A period that holds the article's day dates the event on that day.
    expect("arrests this year", "this year", "2019-11-19", false);
    // A deadline dates no act.
    assert_eq!(first("pledged to double it by 2022"), None);
    expect("last month", "last month", "2019-10-01", false);
}

#[test]
fn verbs_and_numbers_that_look_like_dates_are_not_dates() {
    assert_eq!(first("the protesters may march on the capital"), None);
    assert_eq!(first("he had 1990 votes"), None);
    assert_eq!(first("in 12 cities"), None);
}

#[test]
fn an_event_takes_the_expression_of_its_own_clause_and_an_undated_article_its_first_seen_day() {
    let text = "Ruritania attacked Elbonia on Monday, while Elbonia had attacked it in 1990.";
    let mut doc = doc_with(
        text,
        &[
            ("Ruritania", "RUR", ActorKind::Country),
            ("Elbonia", "ELB", ActorKind::Country),
        ],
    );
    doc.article.published = Some("2019-11-19T10:00:00Z".into());
    let cues = Cues::parse("cues", crate::coder::CUES).unwrap_or_default();
    let view = View::of_span(&doc, 0, doc.sentences[0].span, &cues, false);
    let w = view.words();
    let attacked = w.iter().position(|x| *x == "attacked").unwrap_or(0);
    let (date, dating) = date_event(&doc, &view, &w, attacked, &Default::default());
    assert_eq!(date.as_deref(), Some("2019-11-18"));
    assert_eq!(dating.basis, DateBasis::Text);
    assert_eq!(dating.text.as_deref(), Some("on Monday"));
    assert!(!dating.background);
    let second = w.iter().rposition(|x| *x == "attacked").unwrap_or(0);
    let (date, dating) = date_event(&doc, &view, &w, second, &Default::default());
    assert_eq!(
        (date.as_deref(), dating.background),
        (Some("1990-01-01"), true)
    );

    let plain = "Ruritania attacked Elbonia.";
    let mut doc = doc_with(plain, &[("Ruritania", "RUR", ActorKind::Country)]);
    doc.article.published = None;
    doc.first_seen = Some("2025-10-30T08:00:00Z".into());
    let view = View::of_span(&doc, 0, doc.sentences[0].span, &cues, false);
    let (date, dating) = date_event(&doc, &view, &view.words(), 1, &Default::default());
    assert_eq!(date.as_deref(), Some("2025-10-30"));
    assert_eq!(dating.basis, DateBasis::FirstSeen);
    doc.first_seen = None;
    let (date, dating) = date_event(&doc, &view, &view.words(), 1, &Default::default());
    assert_eq!((date, dating.basis), (None, DateBasis::None));
}
