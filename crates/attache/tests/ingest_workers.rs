//! Many workers, one PostgreSQL store: queued WARC shards shared by concurrent `attache
//! ingest` processes, and a worker killed with SIGKILL whose source another worker takes over.
//! These need a server: they skip with a printed reason unless `ATTACHE_TEST_POSTGRES` names
//! a database the tests may create schemas in.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ingest_common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use attache_store::{PgStore, SourceQueue, SqliteStore, StoreRead};
use ingest_common::*;

/// A fresh schema of the test database, as a URL that puts attache's tables in it; dropped
/// when the guard goes.
struct Scratch {
    base: String,
    schema: String,
}

impl Scratch {
    fn new(case: &str) -> Option<Scratch> {
        let Ok(base) = std::env::var("ATTACHE_TEST_POSTGRES") else {
            eprintln!("skipping {case}: ATTACHE_TEST_POSTGRES is not set");
            return None;
        };
        let schema = format!("workers_{case}_{}", std::process::id());
        let mut c = match postgres::Client::connect(&base, postgres::NoTls) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("skipping {case}: no server reachable ({e})");
                return None;
            }
        };
        c.batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .unwrap();
        Some(Scratch { base, schema })
    }

    /// The URL every process of the test uses (`search_path` set to the schema).
    fn url(&self) -> String {
        let sep = if self.base.contains('?') { '&' } else { '?' };
        format!(
            "{}{sep}options=-c%20search_path%3D{}",
            self.base, self.schema
        )
    }

    fn store(&self) -> PgStore {
        PgStore::open_in_schema(&self.base, Some(&self.schema)).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

/// `count` WARC.gz shards of `per` articles each, no article in two shards.
fn shards(dir: &Path, count: u64, per: u64) -> Vec<PathBuf> {
    (0..count)
        .map(|k| {
            let path = dir.join(format!("shard-{k}.warc.gz"));
            let mut out = Vec::new();
            for i in 0..per {
                let n = k * per + i;
                let date = format!("2025-10-{:02}", 1 + n % 28);
                let uri = format!("https://lantern.example/{date}/story-{n}");
                out.extend(gz(&warc_record(
                    "response",
                    &uri,
                    &format!("{date}T10:00:00Z"),
                    &http_response("text/html; charset=utf-8", page(n, &date).as_bytes()),
                )));
            }
            std::fs::write(&path, out).unwrap();
            path
        })
        .collect()
}

/// Every stored article's story, by article id.
fn stories_of(store: &dyn StoreRead) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    store
        .for_each_article(&mut |a| {
            out.insert(a.id, a.story_id);
            Ok(true)
        })
        .unwrap();
    out
}

fn worker(url: &str, sources: &[PathBuf], extra: &[&str]) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_attache"));
    cmd.args(["ingest", "-q", "--offline", "--extract-only", "--jobs", "1"])
        .args(["--db", url])
        .args(extra)
        .args(sources)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd.spawn().unwrap()
}

fn finish(child: Child) -> String {
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "worker failed:\n{err}");
    err
}

#[test]
fn two_workers_share_the_queued_shards_and_store_what_one_sqlite_run_stores() {
    let Some(scratch) = Scratch::new("share") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let shards = shards(dir.path(), 4, 40);
    let url = scratch.url();
    let first = worker(&url, &shards, &["--lease", "10"]);
    // The joiner may start before the sources are queued: it then finds nothing and leaves,
    // so wait for the queue to exist first.
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let queued = PgStore::open_in_schema(&scratch.base, Some(&scratch.schema))
            .ok()
            .and_then(|mut s| s.counts().ok())
            .is_some_and(|c| c.queued + c.leased + c.done > 0);
        if queued {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let joiner = worker(&url, &[], &["--join", "--lease", "10"]);
    let (a, b) = (finish(first), finish(joiner));
    let mut store = scratch.store();
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.done, counts.failed, counts.finished()),
        (4, 0, true)
    );
    let shared = store.stats().unwrap();
    // One process into SQLite, same shards.
    let db = dir.path().join("one.db");
    let paths: Vec<&str> = shards.iter().map(|p| p.to_str().unwrap()).collect();
    ingest(&db, &paths, &["--offline", "--extract-only"]);
    let single = stats(&db);
    assert_eq!(shared.articles + shared.aliases, 160, "{a}\n{b}");
    assert_eq!(
        (
            shared.articles,
            shared.events,
            shared.duplicates,
            shared.stories
        ),
        (
            single.articles,
            single.events,
            single.duplicates,
            single.stories
        )
    );
    // The same stories, article by article, though each worker stored its shards in its own
    // order and the single run read them in another: the settle decides them in one order.
    let by_workers = stories_of(&store);
    let by_one = stories_of(&SqliteStore::open_read_only(&db).unwrap());
    assert_eq!(by_workers, by_one, "{a}\n{b}");
    assert!(
        single.stories < single.articles,
        "some stories have several articles: {single:?}"
    );
    let records: u64 = store.sources().unwrap().iter().map(|s| s.records).sum();
    assert!(records <= 160, "{records}");
}

#[test]
fn a_killed_workers_source_is_taken_over_with_nothing_lost_or_doubled() {
    let Some(scratch) = Scratch::new("kill") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let shards = shards(dir.path(), 2, 400);
    let url = scratch.url();
    let mut victim = worker(&url, &shards, &["--lease", "2"]);
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut seen = 0;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        if let Ok(s) = PgStore::open_in_schema(&scratch.base, Some(&scratch.schema)) {
            seen = s.stats().map(|s| s.articles).unwrap_or(0);
            if seen > 0 {
                break;
            }
        }
        if victim.try_wait().unwrap().is_some() {
            break;
        }
    }
    let early = victim.try_wait().unwrap().is_some();
    let _ = victim.kill();
    let _ = victim.wait();
    assert!(
        !early && seen < 800,
        "the kill came too late ({seen} articles)"
    );
    // The source it held stays leased until the lease (2 s) runs out; the joiner waits for
    // that, takes it over, and resumes from its checkpoint.
    let log = finish(worker(&url, &[], &["--join", "--lease", "2"]));
    let mut store = scratch.store();
    let counts = store.counts().unwrap();
    assert_eq!((counts.done, counts.finished()), (2, true), "{log}");
    assert!(log.contains("takes over"), "{log}");
    let after = store.stats().unwrap();
    let db = dir.path().join("one.db");
    let paths: Vec<&str> = shards.iter().map(|p| p.to_str().unwrap()).collect();
    ingest(&db, &paths, &["--offline", "--extract-only"]);
    let single = stats(&db);
    assert!(single.articles + single.aliases == 800, "{single:?}");
    assert_eq!(
        (after.articles, after.aliases, after.duplicates),
        (single.articles, single.aliases, single.duplicates),
        "{log}"
    );
    let attempts: Vec<u32> = store
        .sources()
        .unwrap()
        .iter()
        .map(|s| s.attempts)
        .collect();
    assert!(attempts.contains(&2), "{attempts:?}");
}
