//! PostgreSQL-only behaviour (what every backend shares is in `tests/conformance.rs`). These
//! need a server: they skip with a printed reason unless `ATTACHE_TEST_POSTGRES` names one.

use super::*;
use crate::{Batch, StoreOverview, StoreRead, StoreWrite};

fn url() -> Option<String> {
    match std::env::var("ATTACHE_TEST_POSTGRES") {
        Ok(url) => Some(url),
        Err(_) => {
            eprintln!("skipping: ATTACHE_TEST_POSTGRES is not set");
            None
        }
    }
}

/// A fresh schema, dropped when the guard goes.
struct Scratch {
    url: String,
    schema: String,
}

impl Scratch {
    fn new(url: &str, case: &str) -> Scratch {
        Scratch {
            url: url.to_string(),
            schema: format!("unit_{case}_{}", std::process::id()),
        }
    }

    fn open(&self) -> PgStore {
        PgStore::open_in_schema(&self.url, Some(&self.schema)).unwrap_or_else(|e| panic!("{e}"))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut c) = Client::connect(&self.url, NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

#[test]
fn opening_twice_migrates_once_and_a_newer_schema_is_refused() {
    let Some(url) = url() else { return };
    let scratch = Scratch::new(&url, "migrate");
    drop(scratch.open());
    let store = scratch.open();
    let version = store.count("SELECT version FROM attache_schema", &[]);
    assert_eq!(version.ok(), Some(PG_SCHEMA_VERSION as u64));
    store
        .client
        .borrow_mut()
        .batch_execute("UPDATE attache_schema SET version = 999")
        .unwrap_or_else(|e| panic!("{e}"));
    let err = PgStore::open_in_schema(&url, Some(&scratch.schema)).err();
    assert!(
        matches!(err, Some(StoreError::TooNew { found: 999, .. })),
        "{err:?}"
    );
}

#[test]
fn the_change_counter_moves_with_every_committed_batch_seen_from_another_connection() {
    let Some(url) = url() else { return };
    let scratch = Scratch::new(&url, "changes");
    let mut writer = scratch.open();
    let reader = scratch.open();
    let before = reader.change_counter().unwrap_or_else(|e| panic!("{e}"));
    writer
        .put_batch(&Batch::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let after = reader.change_counter().unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(before, after);
    assert_eq!(reader.stats().map(|s| s.articles).ok(), Some(0));
}

#[test]
fn an_unreachable_server_and_a_bad_schema_name_are_clear_errors_without_the_password() {
    let err = PgStore::open("postgres://ana:s3cret@127.0.0.1:1/none?connect_timeout=2")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("cannot open the store at postgres://ana:***@127.0.0.1:1/none"));
    assert!(!err.contains("s3cret"), "{err}");
    let Some(url) = url() else { return };
    let bad = PgStore::open_in_schema(&url, Some("x; DROP TABLE y")).err();
    assert!(
        matches!(bad, Some(StoreError::BadLocation { .. })),
        "{bad:?}"
    );
}
