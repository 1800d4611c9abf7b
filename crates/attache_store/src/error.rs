//! The store's one error type.

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or created.
    #[error("cannot open the store at {path}: {source}")]
    Open {
        /// The database path.
        path: String,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer attache, whose schema this build does not know.
    #[error(
        "the store at {path} has schema version {found}, newer than this attache knows ({known}); \
         upgrade attache"
    )]
    TooNew {
        /// The database path.
        path: String,
        /// The version found in the file.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// A migration failed; the database is left at the previous version.
    #[error("migrating the store to schema version {version} failed: {source}")]
    Migration {
        /// The version being applied.
        version: i64,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// A statement failed (disk full, locked database, corrupt file...).
    #[error("store {operation} failed: {source}")]
    Sql {
        /// What the store was doing.
        operation: &'static str,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// A stored JSON column could not be read back (the file was edited by hand or is damaged).
    #[error("stored {column} of {row} is not valid JSON: {source}")]
    BadJson {
        /// Which column.
        column: &'static str,
        /// Which row (an id).
        row: String,
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },
    /// A query argument is not usable (an empty actor code, an unknown event type...).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
}

/// Attach the operation name to a SQLite error.
pub(crate) trait SqlContext<T> {
    fn during(self, operation: &'static str) -> Result<T, StoreError>;
}

impl<T> SqlContext<T> for Result<T, rusqlite::Error> {
    fn during(self, operation: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sql { operation, source })
    }
}
