//! Benchmark (prints figures, asserts nothing): the hostile inputs of issue 15 through
//! `attache ingest`, one release process per input, so each peak RSS is that input's own.
//!
//! Each input is generated here (never committed): the attribute flood, 50,000 repeated
//! sentences, one sentence of 80,000 names, 450,000 JSON-LD authors, a 900,000-cell table,
//! and 15 MB of "Mr. " and of dates (under the 20 MB page cap). For each it prints the wall
//! time, the peak RSS from the run report, and the articles and events stored (an article
//! whose text is over the 1 MB annotation budget is stored as extracted, with no events).
//!
//! `cargo bench -p attache --bench hostile` (`HOSTILE_ONLY=name` runs one input).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::process::Command;
use std::time::Instant;

fn inputs() -> Vec<(&'static str, String)> {
    let attrs: Vec<String> = (0..80_000).map(|i| format!("a{i}")).collect();
    // 450,000 authors: about 19 MB, just under the 20 MB page cap.
    let authors: Vec<String> = (0..450_000)
        .map(|i| format!("{{\"@type\":\"Person\",\"name\":\"Author {i}\"}}"))
        .collect();
    let body = "<p>ISLAMABAD: Pakistan warned Afghanistan on Monday that talks would fail.</p>";
    let cells: String = (0..90_000)
        .map(|r| {
            let row: String = (0..10)
                .map(|c| format!("<td>{}</td>", r * 10 + c))
                .collect();
            format!("<tr>{row}</tr>")
        })
        .collect();
    vec![
        (
            "attributes_80k",
            format!("<html><body><p {}>x</p>{body}</body></html>", attrs.join(" ")),
        ),
        (
            "sentences_50k",
            "Pakistan warned Afghanistan on Monday.\n\n".repeat(50_000),
        ),
        (
            "one_sentence_80k_names",
            // Just under the 1 MB annotation budget, so it is annotated.
            format!("{}met.", "Pakistan and Afghanistan ".repeat(39_999)),
        ),
        (
            "jsonld_authors_450k",
            format!(
                "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
                 \"headline\":\"Talks\",\"author\":[{}]}}</script></head><body>{body}</body></html>",
                authors.join(",")
            ),
        ),
        (
            "table_900k_cells",
            format!("<html><body><table>{cells}</table></body></html>"),
        ),
        ("mr_15mb", "Mr. ".repeat(15 * 1024 * 1024 / 4)),
        (
            "dates_15mb",
            "On 30 October 2025, ".repeat(15 * 1024 * 1024 / 20),
        ),
        (
            "sentences_1mb_under_budget",
            "Pakistan warned Afghanistan on Monday.\n\n".repeat(1_000_000 / 40 - 1),
        ),
    ]
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_attache");
    let dir = tempfile::tempdir().unwrap();
    let only = std::env::var("HOSTILE_ONLY").ok();
    println!(
        "{:<28} {:>7} {:>8} {:>12} {:>8} {:>7}",
        "input", "MB", "wall s", "peak RSS MiB", "articles", "events"
    );
    for (name, text) in inputs() {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let ext = if text.starts_with('<') { "html" } else { "txt" };
        let path = dir.path().join(format!("{name}.{ext}"));
        std::fs::write(&path, &text).unwrap();
        let db = dir.path().join(format!("{name}.db"));
        let report = dir.path().join(format!("{name}.json"));
        let started = Instant::now();
        let out = Command::new(bin)
            .args(["ingest", "-q", "--offline", "--jobs", "1"])
            .arg(&path)
            .arg("--db")
            .arg(&db)
            .arg("--report")
            .arg(&report)
            .output()
            .unwrap();
        let wall = started.elapsed().as_secs_f64();
        let json: serde_json::Value = std::fs::read_to_string(&report)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        println!(
            "{name:<28} {:>7.1} {wall:>8.2} {:>12.0} {:>8} {:>7}  {}",
            text.len() as f64 / 1e6,
            json["peak_rss_mib"].as_f64().unwrap_or(f64::NAN),
            json["articles"].as_u64().unwrap_or(0),
            json["events"].as_u64().unwrap_or(0),
            if out.status.success() {
                String::new()
            } else {
                format!(
                    "exit {}: {}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr)
                        .lines()
                        .last()
                        .unwrap_or("")
                )
            }
        );
    }
}
