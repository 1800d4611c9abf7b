//! Tests of `bylines`.
use super::*;

#[test]
fn by_prefix_and_conjunction_are_handled() {
    assert_eq!(
        split_byline("By Jane Doe and John Roe"),
        ["Jane Doe", "John Roe"]
    );
    assert_eq!(
        split_byline("Written by: Ana Ruiz & Tom Ek"),
        ["Ana Ruiz", "Tom Ek"]
    );
    assert_eq!(split_byline("by Mira Holt"), ["Mira Holt"]);
}

#[test]
fn job_titles_after_commas_and_pipes_are_dropped() {
    assert_eq!(
        split_byline("By Jane Doe, Senior Correspondent"),
        ["Jane Doe"]
    );
    assert_eq!(
        split_byline("Omar Aziz | Staff Writer | The Harbour Times"),
        ["Omar Aziz"]
    );
    assert_eq!(split_byline("Dr. Lena Park, MD, FACP"), ["Dr. Lena Park"]);
}

#[test]
fn dates_and_reading_times_after_the_name_are_cut() {
    assert_eq!(
        split_byline("By Jane Doe Published October 30, 2025"),
        ["Jane Doe"]
    );
    assert_eq!(
        split_byline("Jane Doe on Oct 30, 2025 · 5 min read"),
        ["Jane Doe"]
    );
    assert_eq!(split_byline("By Jane Doe Oct 30, 2025"), ["Jane Doe"]);
}

#[test]
fn generic_credits_are_kept_only_without_a_person() {
    assert_eq!(split_byline("Our Staff Reporter"), ["Staff Reporter"]);
    assert_eq!(split_byline("By Web Desk"), ["Web Desk"]);
    assert_eq!(split_byline("Reuters"), ["Reuters"]);
    assert_eq!(split_byline("By AP"), ["AP"]);
    assert_eq!(split_byline("Jane Doe, Staff Reporter"), ["Jane Doe"]);
    assert_eq!(split_byline("Jane Doe / AFP"), ["Jane Doe"]);
}

#[test]
fn all_caps_names_are_title_cased_and_duplicates_dropped() {
    assert_eq!(split_byline("By JANE DOE and Jane Doe"), ["Jane Doe"]);
    assert_eq!(split_byline("BY SEAN O'NEIL"), ["Sean O'Neil"]);
}

#[test]
fn names_with_particles_and_single_names() {
    assert_eq!(
        split_byline("By Maria del Carmen Vega"),
        ["Maria del Carmen Vega"]
    );
    assert_eq!(split_byline("Posted by Kristin"), ["Kristin"]);
}

#[test]
fn organisation_in_a_conjunction_is_not_split() {
    assert!(split_byline("Office for Research and Statistics").is_empty());
    assert_eq!(
        clean_author("Office for Research and Statistics").as_deref(),
        Some("Office for Research and Statistics")
    );
}

#[test]
fn noise_gives_no_names() {
    assert!(split_byline("Share this article").is_empty());
    assert!(split_byline("5 min read").is_empty());
    assert!(split_byline("https://example.com/author/jane").is_empty());
    assert!(split_byline(&"Jane Doe writes about ferries. ".repeat(10)).is_empty());
}

#[test]
fn labels_months_and_credentials_are_not_names() {
    assert!(split_byline("By").is_empty());
    assert_eq!(split_byline("Dec. 19, 2025 · Nadia Osei"), ["Nadia Osei"]);
    assert_eq!(split_byline("By Cara Lind RN"), ["Cara Lind"]);
    assert_eq!(split_byline("By Henry Ford III"), ["Henry Ford III"]);
    assert_eq!(clean_author("Administrator"), None);
}
