//! End-to-end: build a store from the team's articles, start `attache serve` on it, and run
//! the browser tests in `e2e/run.mjs` (headless Chromium driven by playwright-core), which
//! open the overview, a dyad page and article pages, check the charts drew data points and
//! the evidence is highlighted, and save screenshots to `e2e/screenshots/`.
//!
//! Skips when Node, Chromium or `e2e/node_modules` are missing (install them with
//! `apt-get install chromium` and `npm ci --prefix e2e`), and says so in `cargo test`'s own
//! output, not only under `--nocapture`. With `ATTACHE_REQUIRE_BROWSER=1` (`.ci/run` sets it)
//! a missing tool fails the test instead.

#[allow(unused_imports)]
#[path = "../src/server/testdb.rs"]
mod testdb;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long the server may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// Kills the server when the test ends, whatever happens.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn missing_tool() -> Option<String> {
    let node_ok = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !node_ok {
        return Some("node is not installed".into());
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!(
            "no Chromium at {chromium} (apt-get install chromium)"
        ));
    }
    let module = testdb::repo_root().join("e2e/node_modules/playwright-core");
    if !module.exists() {
        return Some("e2e/node_modules is missing (npm ci --prefix e2e)".into());
    }
    None
}

/// Start `attache serve` on a free port; its address from the line it prints.
fn start(db: &Path) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--rate-limit",
            "0",
            "--db",
        ])
        .arg(db)
        .env("ATTACHE_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start attache serve: {e}"));
    let stderr = child.stderr.take();
    let server = Server(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let Some(stderr) = stderr else { return };
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("attache serve: ") {
                let url = rest
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('/');
                let _ = tx.send(url.to_string());
            } else {
                eprintln!("attache serve: {line}");
            }
        }
    });
    let url = rx
        .recv_timeout(START_TIMEOUT)
        .unwrap_or_else(|_| panic!("attache serve did not start within {START_TIMEOUT:?}"));
    (server, url)
}

/// Set to 1 where a skipped browser test is a failure (CI).
const REQUIRE_BROWSER: &str = "ATTACHE_REQUIRE_BROWSER";

/// Skip the browser tests, visibly: written straight to stderr, which the test harness does not
/// capture (it captures only `print!`/`eprint!`), so the line shows in every `cargo test` run
/// beside the test's `ok`. Under `ATTACHE_REQUIRE_BROWSER=1` the skip is a failure.
fn skip(reason: &str) {
    if std::env::var(REQUIRE_BROWSER).is_ok_and(|v| v == "1") {
        panic!("the browser tests cannot run ({reason}) and {REQUIRE_BROWSER}=1 requires them");
    }
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED serve_e2e::the_dashboard_works_in_a_real_browser: {reason}"
    );
}

#[test]
fn the_dashboard_works_in_a_real_browser() {
    if let Some(reason) = missing_tool() {
        skip(&reason);
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let db = dir.path().join("e2e.db");
    let bin = Path::new(env!("CARGO_BIN_EXE_attache"));
    let built =
        testdb::build_with_binary(bin, &db).unwrap_or_else(|e| panic!("building the store: {e}"));
    let id = |file: &str| -> String {
        built
            .ids
            .get(file)
            .cloned()
            .unwrap_or_else(|| panic!("{file} is not in the store"))
    };
    let (_server, url) = start(&db);
    let root: PathBuf = testdb::repo_root();
    let output = Command::new("node")
        .arg(root.join("e2e/run.mjs"))
        .env("ATTACHE_URL", &url)
        .env("ATTACHE_E2E_DYAD", "PAK/AFG")
        .env("ATTACHE_E2E_ARTICLE", id("01-border-warning.txt"))
        .env("ATTACHE_E2E_HOSTILE", id("hostile-page.txt"))
        .env("ATTACHE_E2E_SHOTS", root.join("e2e/screenshots"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run node: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        output.status.success(),
        "the browser tests failed (see the output above)"
    );
}
