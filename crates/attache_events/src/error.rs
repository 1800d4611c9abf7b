//! The one error type of attache_events.

/// Why a dictionary, table or gold file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    /// A line of a data file (ontology table, pattern or PETRARCH dictionary) is malformed.
    #[error("{file}:{line}: {problem}")]
    Data {
        /// The file, as the caller named it.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        problem: String,
    },
    /// A whole file is unusable (not the expected format at all).
    #[error("{file}: {problem}")]
    File {
        /// The file, as the caller named it.
        file: String,
        /// What is wrong with it.
        problem: String,
    },
}

impl EventsError {
    /// A line-level error.
    pub(crate) fn data(file: &str, line: usize, problem: impl Into<String>) -> Self {
        EventsError::Data {
            file: file.to_string(),
            line,
            problem: problem.into(),
        }
    }

    /// A file-level error.
    pub(crate) fn file(file: &str, problem: impl Into<String>) -> Self {
        EventsError::File {
            file: file.to_string(),
            problem: problem.into(),
        }
    }
}
