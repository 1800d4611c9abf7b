//! The store for the serve tests: the team's pages in `examples/`, the articles in
//! `examples/corpus/` and `crates/attache/tests/serve_corpus/` (the hostile page), ingested by
//! `attache ingest` itself, so the tests serve exactly what an ingest writes: extraction reads
//! each file (front matter included), the pipeline annotates, deduplicates, clusters and
//! stores it.
//!
//! Shared by the router tests (`server::tests`, which run the pipeline in process) and the
//! browser test (`tests/serve_e2e.rs` includes this file by path and runs the binary), so it
//! uses only the library crates.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use attache_store::{SqliteStore, StoreRead};

/// What was stored.
#[derive(Debug, Default)]
pub struct Built {
    /// Article id per input file name.
    pub ids: BTreeMap<String, String>,
    /// Articles stored.
    pub articles: usize,
    /// Events stored.
    pub events: usize,
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The serve test corpora: the shipped example corpus (also what `scripts/demo.sh` ingests)
/// and the test-only pages (the hostile page).
pub fn corpus_dirs() -> [PathBuf; 2] {
    [
        repo_root().join("examples/corpus"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/serve_corpus"),
    ]
}

/// Files of `dir` with one of `extensions`, sorted by name.
fn files(dir: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, String> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| extensions.iter().any(|e| x == *e))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// The files to ingest, in order: the example pages, then each corpus (READMEs left out).
pub fn sources() -> Result<Vec<PathBuf>, String> {
    let mut out = files(&repo_root().join("examples"), &["html", "txt"])?;
    for dir in corpus_dirs() {
        out.extend(files(&dir, &["txt"])?);
    }
    Ok(out)
}

/// What the store at `db` holds: article ids by the file name they came from, and counts.
pub fn read_back(db: &Path) -> Result<Built, String> {
    let store = SqliteStore::open_read_only(db).map_err(|e| e.to_string())?;
    let mut built = Built::default();
    store
        .for_each_article(&mut |a| {
            let name = Path::new(&a.source)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or(a.source);
            built.ids.insert(name, a.id);
            Ok(true)
        })
        .map_err(|e| e.to_string())?;
    let stats = store.stats().map_err(|e| e.to_string())?;
    built.articles = stats.articles as usize;
    built.events = stats.events as usize;
    Ok(built)
}

/// Build the store at `db` (created; it must not hold other data) by running the `attache`
/// binary at `bin` (integration tests get it from `CARGO_BIN_EXE_attache`).
pub fn build_with_binary(bin: &Path, db: &Path) -> Result<Built, String> {
    let out = Command::new(bin)
        .args(["ingest", "--offline", "--quiet", "--jobs", "2", "--db"])
        .arg(db)
        .args(sources()?)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    if !out.status.success() {
        return Err(format!(
            "attache ingest failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    read_back(db)
}
