//! The store's one error type, the same for every backend: what a database said travels as a
//! boxed [`std::error::Error`] ([`BackendError`]), so no caller sees a driver's types.

/// What the database driver said (SQLite's or PostgreSQL's error), behind a box so the
/// public API names no driver type.
pub type BackendError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened, created or reached.
    #[error("cannot open the store at {path}: {source}")]
    Open {
        /// The database path or URL (without its password).
        path: String,
        /// What the database said.
        #[source]
        source: BackendError,
    },
    /// `--db` names no store this build can open (an unknown URL scheme, an unparsable URL).
    #[error("cannot use {location} as a store: {reason}")]
    BadLocation {
        /// What was given.
        location: String,
        /// What is wrong with it.
        reason: String,
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
        /// What the database said.
        #[source]
        source: BackendError,
    },
    /// A statement failed (disk full, locked database, corrupt file...).
    #[error("store {operation} failed: {source}")]
    Sql {
        /// What the store was doing.
        operation: &'static str,
        /// What the database said.
        #[source]
        source: BackendError,
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

impl StoreError {
    /// A store that could not be opened at `path`.
    pub(crate) fn open(path: &str, source: impl Into<BackendError>) -> StoreError {
        StoreError::Open {
            path: path.to_string(),
            source: source.into(),
        }
    }

    /// A migration to `version` that failed.
    pub(crate) fn migration(version: i64, source: impl Into<BackendError>) -> StoreError {
        StoreError::Migration {
            version,
            source: source.into(),
        }
    }
}

/// Attach the operation name to a database error.
pub(crate) trait SqlContext<T> {
    fn during(self, operation: &'static str) -> Result<T, StoreError>;
}

impl<T> SqlContext<T> for Result<T, rusqlite::Error> {
    fn during(self, operation: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sql {
            operation,
            source: source.into(),
        })
    }
}

impl<T> SqlContext<T> for Result<T, postgres::Error> {
    fn during(self, operation: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sql {
            operation,
            source: source.into(),
        })
    }
}
