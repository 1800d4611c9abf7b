//! Benchmark (prints figures, asserts nothing): `attache ingest` end to end, WARC to SQLite.
//!
//! Builds a WARC.gz from the extraction benchmark pages in `../shared/bench/extraction` (read at
//! run time, never copied into the repository), repeated under other outlets' URLs and dates,
//! plus near-copies (one word added), then runs the release binary on it with two workers and
//! prints records/s, articles/s and peak RSS from the run report.
//!
//! `cargo bench -p attache --bench ingest` (`INGEST_BENCH_REPEAT=N` sets the repeats, default 4;
//! `INGEST_BENCH_WARC=PATH` keeps the archive built).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

mod common;
use common::{as_outlet, gz, pages, record};

/// Cores the throughput target is stated for: the projection multiplies the rate per
/// CPU-second by this (the pipeline keeps that many workers busy: see `--jobs 2` below).
const CORES: f64 = 2.0;

fn run(bin: &str, db: &Path, warc: &Path, extra: &[&str]) -> (f64, serde_json::Value) {
    let report = db.with_extension("json");
    let t = Instant::now();
    let out = Command::new(bin)
        .args([
            "ingest",
            "-q",
            "--offline",
            "--jobs",
            "2",
            "--db",
            db.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ])
        .args(extra)
        .arg(warc)
        .output()
        .unwrap();
    let wall = t.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        wall,
        serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap(),
    )
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/extraction");
    let pages = pages(&root);
    if pages.is_empty() {
        eprintln!("ingest bench: skipped, no pages under {}", root.display());
        return;
    }
    let repeat: usize = std::env::var("INGEST_BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let dir = tempfile::tempdir().unwrap();
    // INGEST_BENCH_WARC keeps the archive (to profile or re-run by hand).
    let warc = std::env::var("INGEST_BENCH_WARC")
        .map(PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("bench.warc.gz"));
    let mut out = std::fs::File::create(&warc).unwrap();
    let mut records = 0usize;
    for rep in 0..repeat {
        for (i, html) in pages.iter().enumerate() {
            let day = 1 + (i + rep * 7) % 28;
            let date = format!("2025-10-{day:02}T{:02}:00:00Z", (i + rep) % 24);
            let (uri, body) = if rep == 0 {
                (
                    format!("https://site{}.example/2025/10/{day:02}/page-{i}", i % 40),
                    html.clone(),
                )
            } else {
                let uri = format!("https://outlet{rep}.example/world/{i}");
                let body = as_outlet(html, &format!("Outlet {rep}"), &uri);
                (uri, body)
            };
            out.write_all(&gz(&record(&uri, &date, body.as_bytes())))
                .unwrap();
            records += 1;
            if rep == 0 && i % 10 == 0 {
                // A near copy: another outlet adds one word to the first paragraph.
                let uri = format!("https://nearcopy.example/{i}");
                let near =
                    as_outlet(html, "Near Copy Daily", &uri).replacen("</p>", " Updated.</p>", 1);
                out.write_all(&gz(&record(&uri, &date, near.as_bytes())))
                    .unwrap();
                records += 1;
            }
        }
    }
    drop(out);
    let size = std::fs::metadata(&warc).unwrap().len();
    println!("ingest bench: {records} records from {} pages × {repeat} (+ near copies), WARC.gz {:.1} MiB", pages.len(), size as f64 / 1048576.0);
    let bin = env!("CARGO_BIN_EXE_attache");
    for (label, extra) in [
        ("full (extract, sentences, actors, events)", &[][..]),
        ("extraction only", &["--extract-only"][..]),
    ] {
        let db = dir.path().join(format!("{}.db", label.len()));
        let (wall, r) = run(bin, &db, &warc, extra);
        let stored = r["articles"].as_u64().unwrap_or(0) + r["updated"].as_u64().unwrap_or(0);
        let sum = |key: &str| -> u64 {
            r[key]
                .as_object()
                .map_or(0, |m| m.values().filter_map(|v| v.as_u64()).sum())
        };
        let not = sum("not_articles");
        // CPU time of the child (all threads), from its own report: on a shared machine the
        // wall clock says how busy the others were; CPU time says what the run cost.
        let cpu = r["cpu_seconds"].as_f64().unwrap_or(0.0).max(0.01);
        println!(
            "ingest bench: {label}: {stored} articles stored (cross-outlet copies included, \
             every one extracted and annotated), {not} not articles, {} events, peak RSS \
             {:.0} MiB",
            r["events"],
            r["peak_rss_mib"].as_f64().unwrap_or(0.0)
        );
        println!(
            "ingest bench: {label}: wall {wall:.1} s: {:.0} records/s, {:.0} articles/s",
            records as f64 / wall,
            stored as f64 / wall,
        );
        println!(
            "ingest bench: {label}: CPU {cpu:.1} s (user+sys, all threads): {:.0} records per \
             CPU-s, {:.0} articles per CPU-s, i.e. {:.0} articles/s on {CORES} free cores",
            records as f64 / cpu,
            stored as f64 / cpu,
            CORES * stored as f64 / cpu,
        );
        println!("ingest bench: duplicates {}", r["duplicates"]);
    }
}
