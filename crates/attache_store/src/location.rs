//! One way to open a store: `--db attache.db` is a SQLite file (the default),
//! `--db postgres://user@host/db` a PostgreSQL database. Every command opens its store here, so
//! none of them knows which backend it talks to.

use std::fmt;
use std::path::PathBuf;

use crate::{ReadStore, SqliteStore, Store, StoreError};

/// Where a store lives, as given to `--db`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file (created on first write).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://` or `postgresql://`).
    Postgres(String),
}

impl Location {
    /// Read a `--db` value: a `postgres://` or `postgresql://` URL, else a file path. Any other
    /// `scheme://` is refused rather than taken for a file name.
    pub fn parse(location: &str) -> Result<Location, StoreError> {
        let trimmed = location.trim();
        if trimmed.is_empty() {
            return Err(StoreError::BadLocation {
                location: location.to_string(),
                reason: "it is empty; give a file path or a postgres:// URL".into(),
            });
        }
        if let Some((scheme, _)) = trimmed.split_once("://") {
            let known = scheme.eq_ignore_ascii_case("postgres")
                || scheme.eq_ignore_ascii_case("postgresql");
            if known {
                return Ok(Location::Postgres(trimmed.to_string()));
            }
            if scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+')
            {
                return Err(StoreError::BadLocation {
                    location: redact(trimmed),
                    reason: format!(
                        "`{scheme}://` is not a known store; use a file path (SQLite) or a \
                         postgres:// URL"
                    ),
                });
            }
        }
        Ok(Location::Sqlite(PathBuf::from(location)))
    }

    /// True for a PostgreSQL location (many processes may write it at once).
    pub fn is_postgres(&self) -> bool {
        matches!(self, Location::Postgres(_))
    }
}

/// Shown without the password of a URL, so it can go into logs and error messages.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

/// A URL with the password of its user part replaced by `***`.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{scheme}://{name}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// Open a store for reading and writing (creating and migrating it when needed).
pub fn open(location: &str) -> Result<Box<dyn Store>, StoreError> {
    match Location::parse(location)? {
        Location::Sqlite(path) => Ok(Box::new(SqliteStore::open(path)?)),
        Location::Postgres(url) => Ok(Box::new(crate::postgres::PgStore::open(&url)?)),
    }
}

/// Open an existing store for reading (a SQLite file must exist; an older schema is migrated
/// first). Many readers may run beside a writer on either backend.
pub fn open_read_only(location: &str) -> Result<Box<dyn ReadStore>, StoreError> {
    match Location::parse(location)? {
        Location::Sqlite(path) => Ok(Box::new(SqliteStore::open_read_only(path)?)),
        Location::Postgres(url) => Ok(Box::new(crate::postgres::PgStore::open(&url)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_paths_are_sqlite_and_postgres_urls_are_postgres() {
        assert_eq!(
            Location::parse("attache.db").ok(),
            Some(Location::Sqlite("attache.db".into()))
        );
        assert_eq!(
            Location::parse("data/a b.db").ok(),
            Some(Location::Sqlite("data/a b.db".into()))
        );
        for url in [
            "postgres://u@h/db",
            "postgresql://u:p@h:5433/db?sslmode=disable",
        ] {
            assert!(Location::parse(url).is_ok_and(|l| l.is_postgres()), "{url}");
        }
    }

    #[test]
    fn unknown_schemes_and_empty_locations_are_refused_with_the_reason() {
        let err = Location::parse("mysql://u@h/db")
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref()
                .is_some_and(|e| e.contains("mysql://") && e.contains("not a known store")),
            "{err:?}"
        );
        assert!(Location::parse("  ").is_err());
    }

    #[test]
    fn passwords_never_show() {
        let l = Location::parse("postgres://ana:s3cret@db.example:5432/news");
        let shown = l.map(|l| l.to_string()).unwrap_or_default();
        assert_eq!(shown, "postgres://ana:***@db.example:5432/news");
        assert_eq!(redact("postgres://ana@h/db"), "postgres://ana@h/db");
        let err = Location::parse("redis://u:s3cret@h")
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| !e.contains("s3cret")));
    }
}
