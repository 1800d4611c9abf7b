//! Benchmark (prints figures, asserts nothing): what the story settle at the end of an
//! `attache ingest` costs when a small run is added to a store of a few thousand articles.
//!
//! Builds the ingest bench's archive (the extraction benchmark pages in
//! `../shared/bench/extraction`, read at run time, under other outlets' URLs and dates across
//! October 2025, with near copies), ingests it into a SQLite store (extraction only, so the
//! settle is not lost in the event coder's time), then adds small runs of 30 pages under a
//! new outlet each and prints, from each run's report, the articles stored and the settle's
//! articles replayed, articles moved and seconds:
//!   - published the day after the store's newest article (the usual case: a crawl goes on),
//!   - the same archive again (nothing new: the settle is skipped),
//!   - published on the store's median day (resumes from a checkpoint before that day),
//!   - published on the store's first day (replays every article).
//!
//! The small runs use pages whose own metadata gives no date, so their WARC date is their
//! publication time.
//!
//! `cargo bench -p attache --bench settle` (`SETTLE_BENCH_REPEAT=N` sets the repeats of the
//! pages in the store, default 4; `SETTLE_BENCH_BIN=PATH` runs another build of attache, to
//! compare with one from before a change).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

mod common;
use common::{as_outlet, gz, pages, record};

/// Pages in each small run.
const SMALL_RUN: usize = 30;

fn ingest(bin: &str, db: &Path, warc: &Path) -> (f64, serde_json::Value) {
    let report = warc.with_extension("json");
    let t = Instant::now();
    let out = Command::new(bin)
        .args(["ingest", "-q", "--offline", "--extract-only", "--jobs", "2"])
        .arg("--db")
        .arg(db)
        .arg("--report")
        .arg(&report)
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

/// Write `pages` (index, html) as one outlet's, all published on `date`.
fn archive(path: &Path, outlet: &str, date: &str, pages: &[(usize, &String)]) {
    let mut out = std::fs::File::create(path).unwrap();
    for (i, html) in pages {
        let uri = format!("https://{outlet}.example/news/{i}");
        let body = as_outlet(html, outlet, &uri);
        out.write_all(&gz(&record(&uri, date, body.as_bytes())))
            .unwrap();
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/extraction");
    let pages = pages(&root);
    if pages.is_empty() {
        eprintln!("settle bench: skipped, no pages under {}", root.display());
        return;
    }
    let repeat: usize = std::env::var("SETTLE_BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let bin = std::env::var("SETTLE_BENCH_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_attache").to_string());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    // The store: the ingest bench's archive (each page under `repeat` outlets, days 1-28).
    let base = dir.path().join("base.warc.gz");
    let mut out = std::fs::File::create(&base).unwrap();
    for rep in 0..repeat {
        for (i, html) in pages.iter().enumerate() {
            let day = 1 + (i + rep * 7) % 28;
            let date = format!("2025-10-{day:02}T{:02}:00:00Z", (i + rep) % 24);
            let uri = format!("https://outlet{rep}.example/world/{i}");
            let body = as_outlet(html, &format!("Outlet {rep}"), &uri);
            out.write_all(&gz(&record(&uri, &date, body.as_bytes())))
                .unwrap();
            if rep == 0 && i % 10 == 0 {
                let uri = format!("https://nearcopy.example/{i}");
                let near =
                    as_outlet(html, "Near Copy Daily", &uri).replacen("</p>", " Updated.</p>", 1);
                out.write_all(&gz(&record(&uri, &date, near.as_bytes())))
                    .unwrap();
            }
        }
    }
    drop(out);
    println!("settle bench: {bin}");
    let show = |label: &str, wall: f64, r: &serde_json::Value| {
        let replayed = r
            .get("settle_replayed")
            .and_then(|v| v.as_u64())
            .map_or("?".to_string(), |n| n.to_string());
        // The checkpoints kept (none in a store from before them).
        let saved: (i64, i64) = rusqlite::Connection::open(&db)
            .and_then(|c| {
                c.query_row(
                    "SELECT COUNT(*), COALESCE(SUM(LENGTH(state)), 0) FROM story_checkpoints",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
            })
            .unwrap_or((0, 0));
        println!(
            "settle bench: {label:<30} {:>5} articles stored, settle replayed {replayed:>5}, \
             moved {:>4}, {:.3} s (ingest wall {wall:.1} s); {} checkpoints, {:.1} MiB",
            r["articles"].as_u64().unwrap_or(0) + r["updated"].as_u64().unwrap_or(0),
            r["settle_moved"].as_u64().unwrap_or(0),
            r["settle_seconds"].as_f64().unwrap_or(0.0),
            saved.0,
            saved.1 as f64 / 1_048_576.0,
        );
    };
    let (wall, r) = ingest(&bin, &db, &base);
    show("store (first ingest)", wall, &r);
    // Small runs: pages whose own metadata gives no date (so the WARC date is their
    // publication time), under an outlet the store does not hold, one run per case: the day
    // after the store's newest article, the middle of its span, its first day.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let undated: Vec<usize> = conn
        .prepare(
            "SELECT url FROM articles
             WHERE published IS NULL AND url LIKE 'https://outlet0.example/world/%'",
        )
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .filter_map(|s| s.ok()?.rsplit('/').next()?.parse().ok())
        .collect();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let (first, last) = (
        count("SELECT MIN(published_at) FROM articles"),
        count("SELECT MAX(published_at) FROM articles"),
    );
    let median = count(
        "SELECT published_at FROM articles WHERE published_at IS NOT NULL
         ORDER BY published_at LIMIT 1 OFFSET (SELECT COUNT(published_at) / 2 FROM articles)",
    );
    let day = attache_store::format_utc_day;
    println!(
        "settle bench: store spans {} to {} (median {}); {} pages give no date of their own",
        day(first),
        day(last),
        day(median),
        undated.len()
    );
    drop(conn);
    let picks = |offset: usize| -> Vec<(usize, &String)> {
        (0..SMALL_RUN.min(undated.len()))
            .map(|k| undated[(offset + k) % undated.len()])
            .map(|i| (i, &pages[i]))
            .collect()
    };
    let at = |t: i64| format!("{}T09:00:00Z", day(t));
    let cases = [
        (
            "the day after the newest",
            "late-outlet",
            at(last + 86_400),
            0,
        ),
        (
            "same run again (nothing new)",
            "late-outlet",
            at(last + 86_400),
            0,
        ),
        ("the median day", "mid-outlet", at(median), 7),
        ("the first day", "early-outlet", at(first), 13),
    ];
    for (label, outlet, date, offset) in cases {
        let warc: PathBuf = dir.path().join(format!("{outlet}.warc.gz"));
        archive(&warc, outlet, &date, &picks(offset));
        let (wall, r) = ingest(&bin, &db, &warc);
        show(label, wall, &r);
    }
}
