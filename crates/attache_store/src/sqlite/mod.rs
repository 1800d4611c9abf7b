//! The SQLite backend: one file, WAL journal, bundled SQLite with FTS5.
//!
//! Writes go through one connection (SQLite allows one writer at a time); readers open their
//! own connections ([`SqliteStore::open_read_only`]) and run alongside the writer thanks to WAL.

mod actors;
mod dyads;
mod read;
mod rows;
mod schema;
mod serve_queries;
mod settle;
mod summaries;
mod write;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::StoreError;

pub use schema::SCHEMA_VERSION;

// Rules both backends follow, kept here once: a side's dyad codes, code roots, the PLOVER
// index, the search-text reading, stored-value parsing.
pub(crate) use dyads::{code_root, event_sides, plover_index};
pub(crate) use read::fts_query;
pub(crate) use rows::{modality, parse, usize_of};

/// Upper bound for code-prefix ranges (shared by `read`, `serve_queries` and `actors`):
/// every string that starts with `p` sorts below `p + U+10FFFF` in SQLite's binary collation.
pub(crate) const PREFIX_END: char = '\u{10FFFF}';

/// How long a statement waits for another connection's lock before failing. Readers never
/// block the writer under WAL; this only covers two writers (two ingests on one file).
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Page cache per connection, in KiB (negative `cache_size` means KiB in SQLite). Large
/// enough for the dyad indexes of a few million events, small enough for the ingest's memory
/// bound.
const CACHE_KIB: i64 = 32 * 1024;

/// A store in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: String,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

impl SqliteStore {
    /// Open (creating when absent) a store for reading and writing, migrating it to the
    /// current schema.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore, StoreError> {
        let path_str = path.as_ref().display().to_string();
        let open_err = |source: rusqlite::Error| StoreError::open(&path_str, source);
        let mut conn = Connection::open(path.as_ref()).map_err(open_err)?;
        // The busy timeout first: switching a new file to WAL takes a lock that a second
        // first run on the same file must wait for, not fail on.
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // WAL: readers do not block the writer, and a killed writer loses at most its open
        // transaction. synchronous=NORMAL is durable against process crashes (only power loss
        // can drop the last commits), which is the failure ingest must survive.
        // SQLite answers "busy" at once, without the busy handler, when two connections
        // switch one new file to WAL together (it refuses to wait where waiting could
        // deadlock), so the switch is retried here until the busy timeout runs out.
        retry_busy(|| conn.pragma_update(None, "journal_mode", "WAL")).map_err(open_err)?;
        retry_busy(|| conn.pragma_update(None, "synchronous", "NORMAL")).map_err(open_err)?;
        retry_busy(|| Self::tune(&conn)).map_err(open_err)?;
        schema::migrate(&mut conn, &path_str)?;
        Ok(SqliteStore {
            conn,
            path: path_str,
        })
    }

    /// Open an existing store for reading only (many of these may run beside one writer). A
    /// store of an older schema version is migrated first, through a writing connection.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<SqliteStore, StoreError> {
        let path_str = path.as_ref().display().to_string();
        let open_err = |source: rusqlite::Error| StoreError::open(&path_str, source);
        let conn = Connection::open_with_flags(
            path.as_ref(),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        Self::tune(&conn).map_err(open_err)?;
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(open_err)?;
        if (1..SCHEMA_VERSION).contains(&found) {
            // A store written by an older attache: migrate it once (each migration is one
            // transaction, safe beside readers), then read it like any other.
            drop(conn);
            drop(Self::open(path.as_ref())?);
            return Self::open_read_only(path);
        }
        if found != SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path_str,
                found,
                known: SCHEMA_VERSION,
            });
        }
        Ok(SqliteStore {
            conn,
            path: path_str,
        })
    }

    /// A store in memory (tests, benchmarks).
    pub fn in_memory() -> Result<SqliteStore, StoreError> {
        let open_err = |source: rusqlite::Error| StoreError::open(":memory:", source);
        let mut conn = Connection::open_in_memory().map_err(open_err)?;
        Self::tune(&conn).map_err(open_err)?;
        schema::migrate(&mut conn, ":memory:")?;
        Ok(SqliteStore {
            conn,
            path: ":memory:".into(),
        })
    }

    /// The database path.
    pub fn path(&self) -> &str {
        &self.path
    }

    fn tune(conn: &Connection) -> rusqlite::Result<()> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        Ok(())
    }
}

/// Run `op` again while SQLite says the database is busy or locked, for up to
/// [`BUSY_TIMEOUT`] (for the statements SQLite does not wait on by itself).
fn retry_busy<T>(mut op: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let until = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match op() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && std::time::Instant::now() < until =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests;
