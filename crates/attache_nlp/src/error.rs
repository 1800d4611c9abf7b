//! The one error type of this crate.

/// Why a dictionary, a gold file or the matcher could not be made.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// A dictionary line is malformed: names the file, the 1-based line and the problem.
    #[error("{file}:{line}: {problem}")]
    Dictionary {
        /// The dictionary file (or the name given to in-memory text).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        problem: String,
    },
    /// A file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that failed.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A benchmark (gold) file is malformed.
    #[error("{file}: {problem}")]
    Gold {
        /// The gold file.
        file: String,
        /// What is wrong, with a record id or position when known.
        problem: String,
    },
    /// The dictionary automaton could not be built (too many or too long patterns).
    #[error("cannot build the dictionary matcher: {0}")]
    Matcher(String),
}

impl NlpError {
    /// A dictionary error for `file` at 1-based `line`.
    pub fn dictionary(file: &str, line: usize, problem: impl Into<String>) -> Self {
        NlpError::Dictionary {
            file: file.to_string(),
            line,
            problem: problem.into(),
        }
    }

    /// An I/O error for `path`.
    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        NlpError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}
