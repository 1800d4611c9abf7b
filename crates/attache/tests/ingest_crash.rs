//! Kill an ingest with SIGKILL in the middle, run it again: nothing lost, nothing duplicated.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ingest_common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ingest_common::*;

#[test]
fn a_killed_ingest_completes_on_rerun_with_nothing_lost_or_duplicated() {
    let dir = tempfile::tempdir().unwrap();
    let n = 1000;
    let path = dir.path().join("big.warc.gz");
    std::fs::write(&path, article_warc(n)).unwrap();
    let db = dir.path().join("a.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args([
            "ingest",
            "-q",
            "--offline",
            "--extract-only",
            "--db",
            db.to_str().unwrap(),
            path.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then kill without warning.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = 0;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        if let Ok(store) = attache_store::SqliteStore::open_read_only(&db) {
            use attache_store::StoreRead;
            seen = store.stats().map(|s| s.articles).unwrap_or(0);
            if seen > 0 {
                break;
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
    }
    let finished_early = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    let _ = child.wait();
    if finished_early {
        eprintln!("note: the first run finished before it could be killed ({seen} articles seen)");
    }
    assert!(seen < n, "the kill came too late to test anything");
    let r = ingest(
        &db,
        &[path.to_str().unwrap()],
        &["--offline", "--extract-only"],
    );
    let after = stats(&db);
    // A clean, uninterrupted run over the same archive is the reference.
    let clean_db = dir.path().join("clean.db");
    ingest(
        &clean_db,
        &[path.to_str().unwrap()],
        &["--offline", "--extract-only"],
    );
    let clean = stats(&clean_db);
    assert_eq!(
        (after.articles, after.duplicates, after.aliases),
        (clean.articles, clean.duplicates, clean.aliases),
        "articles lost or duplicated; re-run report: {r:#}"
    );
    assert_eq!(
        after.articles + after.aliases,
        n,
        "every record is an article or a known copy"
    );
    // The re-run did not store again what the killed run had committed.
    let stored_by_rerun = r["articles"].as_u64().unwrap();
    assert!(
        stored_by_rerun <= n - seen,
        "re-run stored {stored_by_rerun}, first run had {seen}"
    );
}
