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
fn a_dateline_carrying_a_date_gives_it() {
    assert_eq!(
        dateline_date("PORTHAVEN, Dec 20, 2025 (CCN) - The harbour board met on Saturday.")
            .as_deref(),
        Some("2025-12-20")
    );
    assert_eq!(
        dateline_date("ISLAMABAD, October 30, 2025: Talks resumed on Thursday.").as_deref(),
        Some("2025-10-30")
    );
    // A dateline without a year, or no dateline at all, gives no date.
    assert_eq!(
        dateline_date("PORTHAVEN, Oct. 30 (CCN) - The board met."),
        None
    );
    assert_eq!(
        dateline_date("On December 20, 2025 the board met in Porthaven."),
        None
    );
}
