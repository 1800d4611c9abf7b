//! One module per subcommand; each defines its clap arguments and a `run` function.

pub mod actors;
pub mod code;
pub mod explain_analysis;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod parse;
pub mod query;
pub mod serve;
pub mod settle;
pub mod status;
pub mod train;

use std::io::IsTerminal;
use std::path::Path;

/// Whether stderr gets colour: only on a terminal, and never when `NO_COLOR` is set
/// (<https://no-color.org>). Logs (`ATTACHE_LOG`) follow the same rule.
pub fn stderr_colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A warning on stderr in the one style every command uses, `attache: warning: MESSAGE`
/// (dictionary lines skipped name `FILE:LINE:` first), with "warning" in yellow only when
/// [`stderr_colour`].
pub fn warn(message: impl std::fmt::Display) {
    eprintln!("{}", warning_line(&message, stderr_colour()));
}

fn warning_line(message: &dyn std::fmt::Display, colour: bool) -> String {
    if colour {
        format!("attache: \x1b[1;33mwarning\x1b[0m: {message}")
    } else {
        format!("attache: warning: {message}")
    }
}

/// Before a command reads a store: say plainly when there is none at `db` and how to make one,
/// instead of the database library's "unable to open database file" (or, for an empty file,
/// its schema check).
pub fn require_store(db: &str) -> anyhow::Result<()> {
    match attache_store::Location::parse(db)? {
        attache_store::Location::Sqlite(path) => require_store_file(&path),
        // A server is asked when the store is opened; its error names the server.
        attache_store::Location::Postgres(_) => Ok(()),
    }
}

/// [`require_store`] for a SQLite file.
fn require_store_file(db: &Path) -> anyhow::Result<()> {
    let shown = db.display();
    let make = format!("make one with `attache ingest SOURCE... --db {shown}`");
    match std::fs::metadata(db) {
        Err(_) => anyhow::bail!("no store at {shown}: {make}"),
        Ok(m) if m.is_dir() => anyhow::bail!("{shown} is a folder, not a store: {make}"),
        Ok(m) if m.len() == 0 => anyhow::bail!("{shown} is an empty file, not a store: {make}"),
        Ok(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_are_coloured_only_when_asked() {
        assert_eq!(
            warning_line(&"a.txt:2: line skipped", false),
            "attache: warning: a.txt:2: line skipped"
        );
        assert!(warning_line(&"x", true).contains("\x1b[1;33mwarning\x1b[0m: x"));
    }

    #[test]
    fn a_missing_store_is_named_with_how_to_make_one() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = dir.path().join("nope.db");
        let err = format!(
            "{:#}",
            require_store_file(&db)
                .err()
                .unwrap_or_else(|| panic!("ok"))
        );
        assert_eq!(
            err,
            format!(
                "no store at {0}: make one with `attache ingest SOURCE... --db {0}`",
                db.display()
            )
        );
        std::fs::write(&db, b"").unwrap_or_else(|e| panic!("{e}"));
        let err = format!(
            "{:#}",
            require_store_file(&db)
                .err()
                .unwrap_or_else(|| panic!("ok"))
        );
        assert!(err.contains("is an empty file, not a store"), "{err}");
        let err = format!(
            "{:#}",
            require_store_file(dir.path())
                .err()
                .unwrap_or_else(|| panic!("ok"))
        );
        assert!(err.contains("is a folder, not a store"), "{err}");
    }
}
