//! Quality floors of the article-body extraction on the development benchmark sets.
//!
//! Runs `attache eval extraction --json` on the benchmark folders in `../shared` and fails
//! when a score falls under its pinned floor. The floors sit a little under the scores
//! reached, so a change that makes extraction worse is caught while noise is not. Skips, with
//! a printed reason, when `../shared` is absent (a fresh clone still passes).

use std::path::{Path, PathBuf};
use std::process::Command;

/// ScrapingHub body F1 floor (shingle metric; reached: 0.973).
const SCRAPINGHUB_F1_FLOOR: f64 = 0.965;

/// WCXB article word-F1 floor (reached: 0.953).
const WCXB_F1_FLOOR: f64 = 0.945;

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

fn check(name: &str, floor: f64) {
    let Some(dir) = bench_dir(name) else { return };
    let v = eval(&dir);
    let f1 = v["f1"].as_f64().unwrap_or(0.0);
    eprintln!("{name}: {v}");
    assert!(
        f1 >= floor,
        "{name}: body F1 {f1:.4} fell under the floor {floor}"
    );
}

#[test]
fn scrapinghub_body_f1_stays_above_floor() {
    check("scrapinghub-aeb", SCRAPINGHUB_F1_FLOOR);
}

#[test]
fn wcxb_article_word_f1_stays_above_floor() {
    check("wcxb-articles", WCXB_F1_FLOOR);
}
