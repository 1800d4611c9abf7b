//! The one error type of the analysis crate.

use std::path::PathBuf;

/// Why an analysis model or a treebank could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// A file could not be opened, read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A model file is not one this build can read: wrong magic, version or kind, truncated,
    /// or its checksum does not match (a corrupt download or a partial write).
    #[error("model {what}: {problem}")]
    Model {
        /// The file, or the name of the embedded model.
        what: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A CoNLL-U (or IOB) line that does not have the expected shape.
    #[error("{source_name} line {line}: {problem}")]
    Treebank {
        /// The file or input name.
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        problem: String,
    },
}
