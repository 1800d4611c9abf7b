//! Quality floors of the article extraction (body, and on WCXB title and date) on the
//! development benchmark sets.
//!
//! Runs `attache eval extraction --json` on the benchmark folders in `../shared` and fails
//! when a score falls under its pinned floor. The floors sit a little under the scores
//! reached, so a change that makes extraction worse is caught while noise is not. Skips, with
//! a printed reason, when `../shared` is absent (a fresh clone still passes).

use std::path::{Path, PathBuf};
use std::process::Command;

/// ScrapingHub body F1 floor (shingle metric; reached: 0.973).
const SCRAPINGHUB_F1_FLOOR: f64 = 0.970;

/// WCXB article word-F1 floor (reached: 0.953).
const WCXB_F1_FLOOR: f64 = 0.950;

/// WCXB title match floor (equal strings once whitespace is collapsed; reached: 0.867).
const WCXB_TITLE_FLOOR: f64 = 0.865;

/// WCXB date match floor (calendar date of `published` against `publish_date`; reached:
/// 0.902).
const WCXB_DATE_FLOOR: f64 = 0.898;

fn bench_dir(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/bench/extraction")
        .join(name);
    if dir.join("ground-truth.json").is_file() {
        Some(dir)
    } else {
        eprintln!("skipping: benchmark folder {} is absent", dir.display());
        None
    }
}

fn eval(dir: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(["eval", "extraction", "--json", "--bench"])
        .arg(dir)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(err) => panic!("could not run attache eval extraction: {err}"),
    };
    assert!(
        out.status.success(),
        "attache eval extraction failed on {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(err) => panic!(
            "eval output is not JSON ({err}): {}",
            String::from_utf8_lossy(&out.stdout)
        ),
    }
}

/// Run the evaluation on a benchmark folder and check each `(figure, floor)` pair.
fn check(name: &str, floors: &[(&str, f64)]) {
    let Some(dir) = bench_dir(name) else { return };
    let v = eval(&dir);
    eprintln!("{name}: {v}");
    for &(key, floor) in floors {
        let got = v[key].as_f64().unwrap_or(0.0);
        assert!(
            got >= floor,
            "{name}: {key} {got:.4} fell under the floor {floor}"
        );
    }
}

#[test]
fn scrapinghub_body_f1_stays_above_floor() {
    check("scrapinghub-aeb", &[("f1", SCRAPINGHUB_F1_FLOOR)]);
}

#[test]
fn wcxb_article_word_f1_title_and_date_stay_above_floors() {
    check(
        "wcxb-articles",
        &[
            ("f1", WCXB_F1_FLOOR),
            ("title_exact", WCXB_TITLE_FLOOR),
            ("date_match", WCXB_DATE_FLOOR),
        ],
    );
}
