#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Hostile input through the binary (issue 15); the stage-level cases live beside their
//! code (`coder/tests/hostile.rs`, the resolver's and the HTML parser's tests, the WARC and
//! feed readers, the store). Inputs are generated here, never committed.

mod ingest_common;

use std::io::Read;
use std::net::TcpListener;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// With HTTP_PROXY/HTTPS_PROXY set, host names went to the proxy, which resolved them itself:
/// `localhost` and `metadata.google.internal` were fetched and stored. Guarded fetches now
/// never use a proxy unless `--proxy` is given.
#[test]
fn proxy_variables_do_not_bypass_the_private_address_guard() {
    let proxy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = proxy.local_addr().unwrap().port();
    proxy.set_nonblocking(true).unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let watcher = {
        let (seen, done) = (seen.clone(), done.clone());
        std::thread::spawn(move || {
            while done.load(Ordering::SeqCst) == 0 {
                if let Ok((mut s, _)) = proxy.accept() {
                    seen.fetch_add(1, Ordering::SeqCst);
                    let mut buf = [0u8; 512];
                    let _ = s.set_read_timeout(Some(Duration::from_millis(200)));
                    let _ = s.read(&mut buf);
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    std::fs::write(
        &list,
        "http://localhost:9/secret\nhttp://metadata.google.internal/computeMetadata/v1/\n",
    )
    .unwrap();
    let db = dir.path().join("proxy.db");
    let proxy_url = format!("http://127.0.0.1:{port}");
    let out = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args([
            "ingest",
            "-q",
            "--host-delay",
            "0",
            "--timeout",
            "5",
            "--db",
        ])
        .arg(&db)
        .arg(&list)
        .env("HTTP_PROXY", &proxy_url)
        .env("HTTPS_PROXY", &proxy_url)
        .env("ALL_PROXY", &proxy_url)
        .env("http_proxy", &proxy_url)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .output()
        .unwrap();
    done.store(1, Ordering::SeqCst);
    watcher.join().unwrap();
    assert_eq!(
        seen.load(Ordering::SeqCst),
        0,
        "a guarded fetch went through the proxy:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("private_address"), "{stderr}");
}

/// A document whose text is over the annotation budget is stored as extracted (no events),
/// not left to stall the run.
#[test]
fn a_text_over_the_annotation_budget_is_stored_without_events() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("long.txt");
    std::fs::write(
        &page,
        "Pakistan warned Afghanistan on Monday.\n\n".repeat(30_000),
    )
    .unwrap();
    let db = dir.path().join("budget.db");
    let report = ingest_common::ingest(&db, &[page.to_str().unwrap()], &[]);
    assert_eq!(report["articles"], 1, "{report}");
    assert_eq!(report["events"], 0, "{report}");
}
