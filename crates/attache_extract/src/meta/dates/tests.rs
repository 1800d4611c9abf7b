//! Tests of `dates`.
use super::*;

fn p(s: &str) -> Option<String> {
    parse_date(s)
}

#[test]
fn iso_8601_variants_keep_their_zone() {
    assert_eq!(p("2025-10-30").as_deref(), Some("2025-10-30"));
    assert_eq!(
        p("2025-10-30T14:05:00+05:00").as_deref(),
        Some("2025-10-30T14:05:00+05:00")
    );
    assert_eq!(
        p("2025-10-30T09:05:00.000Z").as_deref(),
        Some("2025-10-30T09:05:00+00:00")
    );
    assert_eq!(
        p("2025-10-30T14:05").as_deref(),
        Some("2025-10-30T14:05:00")
    );
    assert_eq!(
        p("2025-10-30 14:05:00 +0500").as_deref(),
        Some("2025-10-30T14:05:00+05:00")
    );
    assert_eq!(
        p("2025-10-30T14:05:00-0400").as_deref(),
        Some("2025-10-30T14:05:00-04:00")
    );
    assert_eq!(
        p("2025/10/30 14:05").as_deref(),
        Some("2025-10-30T14:05:00")
    );
    assert_eq!(p("20251030").as_deref(), Some("2025-10-30"));
}

#[test]
fn rfc_2822_dates_parse() {
    assert_eq!(
        p("Thu, 30 Oct 2025 14:05:00 +0500").as_deref(),
        Some("2025-10-30T14:05:00+05:00")
    );
    assert_eq!(
        p("30 Oct 2025 09:05:00 GMT").as_deref(),
        Some("2025-10-30T09:05:00+00:00")
    );
}

#[test]
fn prose_dates_parse_with_and_without_times() {
    assert_eq!(p("October 30, 2025").as_deref(), Some("2025-10-30"));
    assert_eq!(
        p("Thursday, October 30th, 2025").as_deref(),
        Some("2025-10-30")
    );
    assert_eq!(p("30 October 2025").as_deref(), Some("2025-10-30"));
    assert_eq!(p("Sept. 3, 2025").as_deref(), Some("2025-09-03"));
    assert_eq!(
        p("30 Oct 2025 10:05 PKT").as_deref(),
        Some("2025-10-30T10:05:00+05:00")
    );
    assert_eq!(
        p("Published: 1st of March 2024").as_deref(),
        Some("2024-03-01")
    );
}

#[test]
fn us_generic_zones_follow_daylight_saving() {
    assert_eq!(
        p("Oct. 30, 2025 at 3:04 p.m. ET").as_deref(),
        Some("2025-10-30T15:04:00-04:00")
    );
    assert_eq!(
        p("Dec. 2, 2025, 9:15 AM ET").as_deref(),
        Some("2025-12-02T09:15:00-05:00")
    );
    assert_eq!(
        p("March 8, 2025 1:00 PM PT").as_deref(),
        Some("2025-03-08T13:00:00-08:00")
    );
    assert_eq!(
        p("March 9, 2025 1:00 PM PT").as_deref(),
        Some("2025-03-09T13:00:00-07:00")
    );
    assert_eq!(
        p("Nov 2, 2025 8:00 AM CT").as_deref(),
        Some("2025-11-02T08:00:00-06:00")
    );
}

#[test]
fn time_before_the_date_is_attached() {
    assert_eq!(
        p("3:04 PM EDT, Thu October 30, 2025").as_deref(),
        Some("2025-10-30T15:04:00-04:00")
    );
}

#[test]
fn time_without_zone_stays_without_zone() {
    assert_eq!(
        p("October 30, 2025 11:45 pm").as_deref(),
        Some("2025-10-30T23:45:00")
    );
    assert_eq!(
        p("30.10.2025 14:05").as_deref(),
        Some("2025-10-30T14:05:00")
    );
}

#[test]
fn unknown_or_ambiguous_abbreviations_are_not_turned_into_zones() {
    assert_eq!(
        p("30 Oct 2025 10:05 XYZ").as_deref(),
        Some("2025-10-30T10:05:00")
    );
    assert_eq!(
        p("30 Oct 2025 10:05 AST").as_deref(),
        Some("2025-10-30T10:05:00")
    );
}

#[test]
fn numeric_dates_parse_only_when_order_is_certain() {
    assert_eq!(p("30/10/2025").as_deref(), Some("2025-10-30"));
    assert_eq!(p("10/30/2025").as_deref(), Some("2025-10-30"));
    assert_eq!(p("30.10.2025").as_deref(), Some("2025-10-30"));
    assert_eq!(p("03/04/2025"), None);
}

#[test]
fn dotted_dates_are_day_first_unless_the_second_part_is_the_day() {
    assert_eq!(p("03.04.2025").as_deref(), Some("2025-04-03"));
    assert_eq!(p("12.16.2025").as_deref(), Some("2025-12-16"));
}

#[test]
fn unix_timestamps_in_seconds_and_milliseconds() {
    assert_eq!(
        p("1761815100").as_deref(),
        Some("2025-10-30T09:05:00+00:00")
    );
    assert_eq!(
        p("1761815100000").as_deref(),
        Some("2025-10-30T09:05:00+00:00")
    );
    assert_eq!(p("1234"), None);
    assert_eq!(p("9999999999999"), None);
}

#[test]
fn impossible_dates_are_rejected() {
    assert_eq!(p("2025-02-30"), None);
    assert_eq!(p("2025-13-01"), None);
    assert_eq!(p("February 29, 2025"), None);
    assert_eq!(p("February 29, 2024").as_deref(), Some("2024-02-29"));
    assert_eq!(p("0000-00-00"), None);
    assert_eq!(p("9999-12-31"), None);
    assert_eq!(p("2025-10-30T25:00:00"), Some("2025-10-30".into()));
}

#[test]
fn words_around_a_date_are_ignored() {
    assert_eq!(
        p("Updated on October 30, 2025 | 5 min read").as_deref(),
        Some("2025-10-30")
    );
    assert_eq!(p("no date here"), None);
    assert_eq!(p(""), None);
}

#[test]
fn other_languages_month_names() {
    assert_eq!(p("30 octobre 2025").as_deref(), Some("2025-10-30"));
    assert_eq!(p("30. Oktober 2025").as_deref(), Some("2025-10-30"));
    assert_eq!(p("30 de octubre de 2025").as_deref(), Some("2025-10-30"));
    assert_eq!(p("2023 Jan 7").as_deref(), Some("2023-01-07"));
}

#[test]
fn weekday_and_civil_conversion_agree() {
    assert_eq!(weekday(2025, 10, 30), 4);
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(20_391), (2025, 10, 30));
}
