//! The seam between per-document stages.

use serde::{Deserialize, Serialize};

use crate::Document;

/// A set of document layers, as bit flags (so `requires`/`provides` can be checked once when a
/// pipeline is assembled).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Layers(u32);

impl Layers {
    /// No layer.
    pub const NONE: Layers = Layers(0);
    /// `Document::sentences`.
    pub const SENTENCES: Layers = Layers(1);
    /// `Document::mentions`.
    pub const MENTIONS: Layers = Layers(1 << 1);
    /// Event layer (filled in by event coding).
    pub const EVENTS: Layers = Layers(1 << 2);
    /// `Document::tokens` with their spans (UD tokenisation).
    pub const TOKENS: Layers = Layers(1 << 3);
    /// Part-of-speech tags and lemmas on `Document::tokens`.
    pub const TAGS: Layers = Layers(1 << 4);
    /// Dependency heads and relations on `Document::tokens`.
    pub const TREE: Layers = Layers(1 << 5);
    /// `Document::entities`.
    pub const ENTITIES: Layers = Layers(1 << 6);
    /// `Document::coref`.
    pub const COREF: Layers = Layers(1 << 7);

    /// True when every layer of `other` is in `self`.
    pub fn contains(self, other: Layers) -> bool {
        self.0 & other.0 == other.0
    }

    /// The layers of `other` missing from `self`.
    pub fn missing(self, other: Layers) -> Layers {
        Layers(other.0 & !self.0)
    }

    /// True when the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl std::ops::BitOr for Layers {
    type Output = Layers;
    fn bitor(self, rhs: Layers) -> Layers {
        Layers(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Layers {
    fn bitor_assign(&mut self, rhs: Layers) {
        self.0 |= rhs.0;
    }
}

/// Why a stage could not annotate a document at all (recoverable oddities go in
/// `Document::warnings` instead).
#[derive(Debug, thiserror::Error)]
pub enum AnnotateError {
    /// The stage needs layers that no earlier stage provided.
    #[error("stage `{stage}` needs layers {missing:?} that no earlier stage provides")]
    MissingLayers {
        /// The stage that complained.
        stage: &'static str,
        /// What it lacked.
        missing: Layers,
    },
    /// The document's time budget ([`crate::Document::deadline`]) ran out: the stage stopped
    /// after `done` of `total` sentences and its layer is incomplete.
    #[error(
        "stage `{stage}` ran past the document's time budget after {done} of {total} sentences"
    )]
    OverBudget {
        /// The stage that stopped.
        stage: &'static str,
        /// Sentences done.
        done: usize,
        /// Sentences in the document.
        total: usize,
    },
    /// Any other failure, described.
    #[error("stage `{stage}` failed: {message}")]
    Failed {
        /// The stage that failed.
        stage: &'static str,
        /// What went wrong.
        message: String,
    },
}

/// A per-document stage: reads some layers, adds others.
pub trait Annotator: Send + Sync {
    /// A short stable name for reports and errors.
    fn name(&self) -> &'static str;
    /// Layers that must be present before this stage runs.
    fn requires(&self) -> Layers;
    /// Layers this stage fills in.
    fn provides(&self) -> Layers;
    /// Add this stage's layers to `doc`.
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_names_the_absent_layers() {
        let have = Layers::SENTENCES;
        let need = Layers::SENTENCES | Layers::MENTIONS;
        assert!(!have.contains(need));
        assert_eq!(have.missing(need), Layers::MENTIONS);
    }
}
