//! The PostgreSQL backend: one database that many ingest workers and readers share, on one
//! server or (with Citus) many; see SCHEMA.md and ARCHITECTURE.md for the table layout and
//! the distribution plan.
//!
//! One [`PgStore`] is one connection (the synchronous `postgres` client). Writes take a
//! transaction-scoped advisory lock ([`WRITE_LOCK`]), so batches from any number of workers
//! commit one after another and the corroboration and story recounts see every earlier
//! batch; readers never wait for it. Migrations take another advisory lock, so workers
//! starting together migrate once.

mod queue;
mod read;
mod schema;
mod settle;
mod summaries;
mod write;

use std::cell::RefCell;

use postgres::types::ToSql;
use postgres::{Client, NoTls};

use crate::error::SqlContext;
use crate::location::redact;
use crate::StoreError;

pub use schema::PG_SCHEMA_VERSION;

/// The advisory lock every batch holds until it commits: writers take turns, readers do not
/// wait. (Two `bigint` keys would do; one constant is enough for attache's two locks.)
const WRITE_LOCK: i64 = 0x4154_5441_4348_4557; // "ATTACHEW"

/// The advisory lock held while migrating.
const MIGRATE_LOCK: i64 = 0x4154_5441_4348_454d; // "ATTACHEM"

/// A store in a PostgreSQL database.
pub struct PgStore {
    client: RefCell<Client>,
    shown: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("url", &self.shown).finish()
    }
}

impl PgStore {
    /// Connect to `url` (`postgres://user:password@host:port/db`) and migrate the database to
    /// the current schema.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        Self::open_in_schema(url, None)
    }

    /// Like [`PgStore::open`], with every table in the PostgreSQL schema `schema` (created
    /// when absent): tests give each case a schema of its own in one database.
    pub fn open_in_schema(url: &str, schema: Option<&str>) -> Result<PgStore, StoreError> {
        let shown = redact(url);
        let mut client = Client::connect(url, NoTls).map_err(|e| StoreError::open(&shown, e))?;
        if let Some(name) = schema {
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(StoreError::BadLocation {
                    location: shown,
                    reason: format!("`{name}` is not a plain schema name"),
                });
            }
            client
                .batch_execute(&format!(
                    "CREATE SCHEMA IF NOT EXISTS {name}; SET search_path TO {name}"
                ))
                .map_err(|e| StoreError::open(&shown, e))?;
        }
        schema::migrate(&mut client, &shown)?;
        Ok(PgStore {
            client: RefCell::new(client),
            shown,
        })
    }

    /// The URL, without its password.
    pub fn url(&self) -> &str {
        &self.shown
    }

    /// Run a statement that returns one count.
    fn count(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, StoreError> {
        let row = self
            .client
            .borrow_mut()
            .query_one(sql, params)
            .during("count")?;
        Ok(row.try_get::<_, i64>(0).during("count")?.max(0) as u64)
    }
}

/// Positional parameters for a statement assembled at run time: `push` returns the `$n`
/// that names the value in the SQL.
#[derive(Default)]
pub(crate) struct Params {
    values: Vec<Box<dyn ToSql + Sync + Send>>,
}

impl Params {
    pub(crate) fn push(&mut self, value: impl ToSql + Sync + Send + 'static) -> String {
        self.values.push(Box::new(value));
        format!("${}", self.values.len())
    }

    pub(crate) fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.values
            .iter()
            .map(|v| v.as_ref() as &(dyn ToSql + Sync))
            .collect()
    }
}

#[cfg(test)]
mod tests;
