//! Quality floors of event coding on the development gold sets (issues 4 and 13).
//!
//! Runs `attache eval events` on the gold files in `../shared/bench/events` (the real-news
//! pages with their raw HTML from `../shared/bench/extraction`) and fails
//! when a score falls under its pinned floor (or the unit-test extra rate rises over its
//! ceiling). The floors sit a little under the scores reached, so a change that makes coding
//! worse is caught while noise is not. Skips, with a printed reason, when `../shared` is
//! absent (a fresh clone still passes).

use std::path::{Path, PathBuf};
use std::process::Command;

/// PLOVER GSR event-type accuracy floor (reached: 0.800 = 180/225 once verb rules needed the
/// tagger to read a verb, which lost "for talk on"; 0.804 = 181/225 once statements with no
/// source were dropped; 0.809 = 182/225 with roles read from the
/// dependency tree; 0.827 = 186/225 with word windows only; issue target 0.80). The tree's
/// roles were kept for the real-news pages they serve (equal there within one event) and
/// because parser improvements reach them; the floor sits at the target meanwhile.
const PLOVER_TYPE_ACCURACY_FLOOR: f64 = 0.80;

/// PETRARCH-2 GSR validation triple F1 floor with the Phoenix dictionaries (reached: 0.827 =
/// 43 correct, 7 missed, 11 extra; issue target 0.80). One triple moves F1 by about 0.012,
/// so the floor sits about one triple under the figure reached.
const GSR_TRIPLE_F1_FLOOR: f64 = 0.81;

/// PETRARCH unit tests: share of gold triples found (reached: 0.823; issue target 0.80).
const UNITTEST_FOUND_FLOOR: f64 = 0.80;

/// PETRARCH unit tests: extra triples per gold triple (reached: 0.116; issue target 0.15).
const UNITTEST_EXTRA_CEILING: f64 = 0.13;

/// Real-news pages, all 37, full triple (type, source, target) F1 floor (reached: 0.549 =
/// 73 of 139 found, 73 of 127 judged right, precision 0.575, on 2026-12-08 once quotations
/// took a speaker who follows them and pleas answered the prosecution; 0.532 once the reader, the writer,
/// things offered, business cooperation and unknown agencies stopped giving events; 0.524
/// before; 0.526 (precision 0.551) before two parties
/// signing a deal each signed with the other, which the gold records one way; 0.524 before
/// a passive with no agent took no doer from nearby words; 0.517 before "wants to" without an object
/// stopped being a request; 0.493 before a noun trigger took its doer from the tree; 0.462 before the common news verbs; 0.079 when issue 13
/// began; target 0.50).
/// One event found moves F1 by about 0.005; the floor sits about one event under. The
/// figures each step moved are in the commit messages (`git log -p` on this file).
const NEWS_FULL_F1_FLOOR: f64 = 0.54;

/// Real-news pages, type and source only (target ignored) F1 floor (reached: 0.620 = 80/139
/// found, 80/119 right, 2026-12-08 after pleas answered the prosecution; 0.612; 0.595 before the precision steps of 2026-12-08; 0.586 before nouns took their doer from the tree; 0.556 before the
/// common news verbs; 0.315 with word windows only; issue 13 target 0.65).
const NEWS_TYPE_SOURCE_F1_FLOOR: f64 = 0.61;

/// Real-news pages, full triple with modality agreeing, F1 floor (reached: 0.507, 70 of the
/// 73 events, 70 of 137 judged right, after pleas answered the prosecution; 0.494; 0.480 before the precision steps of 2026-12-08; 0.484 before signing was mutual; 0.482 before passives
/// took no doer from nearby words; 0.475 before "wants to" needed an object; 0.450 before
/// nouns took their doer from the tree; 0.409 before the
/// common news verbs; 0.236 while events with no target were kept; issue 13 target 0.45).
const NEWS_MODALITY_F1_FLOOR: f64 = 0.495;

fn events_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/events");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: gold folder {} is absent", dir.display());
        None
    }
}

/// Run `attache eval events` with `args` and return its standard output.
fn eval(args: &[&Path], extra: &[&str]) -> Option<String> {
    if let Some(missing) = args.iter().find(|p| !p.exists()) {
        eprintln!("skipping: {} is absent", missing.display());
        return None;
    }
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attache"));
    cmd.args(["eval", "events", "--bench"]).arg(args[0]);
    if let Some(dicts) = args.get(1) {
        cmd.arg("--petrarch-dictionaries").arg(dicts);
    }
    cmd.args(extra);
    let out = match cmd.output() {
        Ok(o) => o,
        Err(err) => panic!("could not run attache eval events: {err}"),
    };
    assert!(
        out.status.success(),
        "attache eval events failed on {}: {}",
        args[0].display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    eprintln!("{text}");
    Some(text)
}

/// The numbers of the report line starting with `label` (after the label itself).
fn figures(report: &str, label: &str) -> Vec<f64> {
    let Some(line) = report.lines().find(|l| l.trim_start().starts_with(label)) else {
        panic!("no `{label}` line in the report:\n{report}");
    };
    line.trim_start()[label.len()..]
        .split(|c: char| c.is_whitespace() || c == '/' || c == '(')
        .filter_map(|w| w.parse::<f64>().ok())
        .collect()
}

#[test]
fn plover_gsr_event_type_accuracy_stays_above_floor() {
    let Some(dir) = events_dir() else { return };
    let gold = dir.join("plover-gsr-cameo/plover_gsr_dev.json");
    let Some(report) = eval(&[&gold], &[]) else {
        return;
    };
    let acc = figures(&report, "event-type accuracy")[0];
    assert!(
        acc >= PLOVER_TYPE_ACCURACY_FLOOR,
        "PLOVER GSR event-type accuracy {acc:.3} fell under {PLOVER_TYPE_ACCURACY_FLOOR}"
    );
}

#[test]
fn petrarch_gsr_triple_f1_stays_above_floor() {
    let Some(dir) = events_dir() else { return };
    let base = dir.join("petrarch2-gsr-validation");
    let (gold, dicts) = (base.join("petr2_gsr_dev.xml"), base.join("dictionaries"));
    let Some(report) = eval(&[&gold, &dicts], &[]) else {
        return;
    };
    // "precision / recall / F1     P / R / F1"
    let f = figures(&report, "precision / recall / F1");
    let f1 = f.get(2).copied().unwrap_or(0.0);
    assert!(
        f1 >= GSR_TRIPLE_F1_FLOOR,
        "PETRARCH-2 GSR triple F1 {f1:.3} fell under {GSR_TRIPLE_F1_FLOOR}"
    );
}

#[test]
fn petrarch_unit_tests_stay_within_found_and_extra_bounds() {
    let Some(dir) = events_dir() else { return };
    let base = dir.join("petrarch2-unittest");
    let (gold, dicts) = (
        base.join("petr_unittest_dev.xml"),
        base.join("dictionaries"),
    );
    let Some(report) = eval(&[&gold, &dicts], &["--no-builtin"]) else {
        return;
    };
    let found = figures(&report, "found (recall)")[0];
    let extra = figures(&report, "extra (per gold triple)")[0];
    assert!(
        found >= UNITTEST_FOUND_FLOOR,
        "PETRARCH unit tests: {found:.3} of gold triples found, under {UNITTEST_FOUND_FLOOR}"
    );
    assert!(
        extra <= UNITTEST_EXTRA_CEILING,
        "PETRARCH unit tests: {extra:.3} extra per gold triple, over {UNITTEST_EXTRA_CEILING}"
    );
}

#[test]
fn realnews_page_scores_stay_above_floor() {
    let Some(dir) = events_dir() else { return };
    let gold = dir.join("realnews/gold.jsonl");
    let pages = dir.join("../extraction");
    if !pages.is_dir() {
        eprintln!("skipping: raw pages folder {} is absent", pages.display());
        return;
    }
    let Some(report) = eval(&[&gold], &["--pages", &pages.to_string_lossy()]) else {
        return;
    };
    for (label, floor) in [
        ("full triple", NEWS_FULL_F1_FLOOR),
        ("type + source", NEWS_TYPE_SOURCE_F1_FLOOR),
        ("full + modality", NEWS_MODALITY_F1_FLOOR),
    ] {
        // "all         full triple     P 0.027  R 0.050  F1 0.035  (found ...)"
        let f = figures(&report, &format!("{:<12}{label:<16}", "all"));
        let f1 = f.get(2).copied().unwrap_or(0.0);
        assert!(
            f1 >= floor,
            "real-news pages, {label}: F1 {f1:.3} fell under {floor}"
        );
    }
}
