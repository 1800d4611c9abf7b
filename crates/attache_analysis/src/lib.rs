//! Sentence analysis learned from annotated text: UD tokens, part-of-speech tags and lemmas,
//! labelled dependency trees, named entities and coreference, in pure Rust.
//!
//! Every model here is trained by the project's own trainer on Universal Dependencies
//! treebanks (English Web Treebank, GUM) and written in the [`model_file`] container; the
//! trained files live in `data/models/` and are embedded in the binary, so nothing is
//! downloaded or read from the treebanks at run time.
//!
//! Building blocks:
//! - [`conllu`]: reading and writing CoNLL-U, the treebanks' format and `attache parse`'s output.
//! - [`perceptron`]: the averaged multi-class perceptron with hashed features that every model
//!   is made of, and its compact (quantised, sparse) serialisation.
//! - [`tokens`]: the UD tokenizer (byte spans, clitics as words of multiword tokens) and its
//!   annotator, and raw-text scoring the CoNLL 2018 way (token, sentence and word F1; UPOS,
//!   UAS and LAS over aligned words).
//! - [`treebank`]: the UD corpora (EWT, GUM, Universal NER) and their official splits, read
//!   from a `shared/ud`-shaped folder at training and evaluation time.
//! - [`kinds`]: the noun-kind table (can a noun phrase act?) counted from GUM's typed mentions.
//! - [`model_file`]: the container with a header, named sections and a checksum, so a corrupt
//!   or mismatched model file is a clear error, never a panic or a silent misreading.
//!
//! Architecture invariant: depends only on `attache_model`; reads files only through the
//! explicit `read`/`load` functions the caller points at a path; stages fill
//! [`attache_model::Document`] layers through the [`attache_model::Annotator`] trait.

// Tests may panic on purpose: a failed expectation is the test failing.
#![cfg_attr(test, allow(clippy::expect_used, clippy::unwrap_used))]

pub mod conllu;
pub mod coref;
mod error;
pub mod gum_entities;
pub mod kinds;
pub mod model_file;
pub mod ner;
pub mod parser;
pub mod perceptron;
pub mod pipeline;
pub mod tagger;
pub mod tokens;
pub mod treebank;

pub use error::AnalysisError;
