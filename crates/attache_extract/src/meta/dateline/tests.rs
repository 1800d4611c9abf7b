//! Tests of `dateline`.
use super::*;

#[test]
fn colon_datelines_in_capitals() {
    assert_eq!(
        dateline("ISLAMABAD: Officials met on Monday.").as_deref(),
        Some("Islamabad")
    );
    assert_eq!(
        dateline("NEW DELHI: The ministry said...").as_deref(),
        Some("New Delhi")
    );
}

#[test]
fn agency_datelines() {
    assert_eq!(
        dateline("WASHINGTON (Reuters) - The Senate voted.").as_deref(),
        Some("Washington")
    );
    assert_eq!(
        dateline("Geneva (AFP) - Talks resumed.").as_deref(),
        Some("Geneva")
    );
    assert_eq!(
        dateline("KABUL, Oct 30 (AP) — Officials said.").as_deref(),
        Some("Kabul")
    );
    assert_eq!(
        dateline("BEIJING/WASHINGTON (Reuters) - Trade talks...").as_deref(),
        Some("Beijing")
    );
}

#[test]
fn comma_and_dash_datelines() {
    assert_eq!(
        dateline("KABUL, Afghanistan — A blast hit.").as_deref(),
        Some("Kabul")
    );
    assert_eq!(
        dateline("ST. LOUIS, Mo. — Voters decided.").as_deref(),
        Some("St. Louis")
    );
    assert_eq!(
        dateline("PORT-AU-PRINCE — Gangs retreated.").as_deref(),
        Some("Port-au-Prince")
    );
    assert_eq!(
        dateline("RIO DE JANEIRO, Oct. 30 — Police said.").as_deref(),
        Some("Rio de Janeiro")
    );
}

#[test]
fn labels_are_not_places() {
    assert_eq!(dateline("Note: This story was updated."), None);
    assert_eq!(dateline("UPDATE: The vote was delayed."), None);
    assert_eq!(dateline("EDITOR'S NOTE: Names changed."), None);
    assert_eq!(dateline("Islamabad: capital of Pakistan."), None);
}

#[test]
fn ordinary_openings_are_not_datelines() {
    assert_eq!(
        dateline("Pakistan has signalled its readiness, officials said."),
        None
    );
    assert_eq!(
        dateline("The ministry - which declined comment - said."),
        None
    );
    assert_eq!(
        dateline("WHO officials, speaking on condition of anonymity, said the outbreak was over."),
        None
    );
    assert_eq!(dateline("Well-known author dies"), None);
    assert_eq!(dateline(""), None);
}

#[test]
fn title_case_handles_initials_apostrophes_and_connectors() {
    assert_eq!(
        title_case_caps("U.S. VIRGIN ISLANDS"),
        "U.S. Virgin Islands"
    );
    assert_eq!(title_case_caps("O'HARE"), "O'Hare");
    assert_eq!(title_case_caps("DAR ES SALAAM"), "Dar es Salaam");
    assert_eq!(title_case_caps("XI'AN"), "Xi'an");
}

#[test]
fn the_opening_dateline_takes_its_place_and_date_from_the_first_paragraphs() {
    let lead = "The harbour board met again on Saturday.";
    let opened = "PORTHAVEN, Dec 20, 2025 (CCN) - The board met.";
    assert_eq!(
        opening_dateline([lead, opened]),
        Some(Dateline {
            place: "Porthaven".into(),
            date: Some("2025-12-20".into())
        })
    );
    // A third paragraph is too deep to be the dateline.
    assert_eq!(opening_dateline([lead, lead, opened]), None);
    // The place comes from the first dateline even when only a later one has a date.
    let undated = "VALLEYFORD (CCN) - The mill reopened.";
    assert_eq!(
        opening_dateline([undated, opened]),
        Some(Dateline {
            place: "Valleyford".into(),
            date: Some("2025-12-20".into())
        })
    );
}

#[test]
fn a_dateline_carrying_a_date_gives_it() {
    assert_eq!(
        read_dateline("PORTHAVEN, Dec 20, 2025 (CCN) - The harbour board met on Saturday.")
            .and_then(|d| d.date)
            .as_deref(),
        Some("2025-12-20")
    );
    assert_eq!(
        read_dateline("ISLAMABAD, October 30, 2025: Talks resumed on Thursday.")
            .and_then(|d| d.date)
            .as_deref(),
        Some("2025-10-30")
    );
    // A dateline without a year, or no dateline at all, gives no date.
    assert_eq!(
        read_dateline("PORTHAVEN, Oct. 30 (CCN) - The board met.").and_then(|d| d.date),
        None
    );
    assert_eq!(
        read_dateline("On December 20, 2025 the board met in Porthaven.").and_then(|d| d.date),
        None
    );
}
