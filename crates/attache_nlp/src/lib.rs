//! Sentences, tokens, actor mentions and their CAMEO-style codes.
//!
//! attache_nlp turns an [`attache_model::Document`]'s article text into two layers:
//! `sentences` (byte spans that never cross a paragraph break) and `mentions` (who is named
//! where: countries, governments, people by title, armed groups, organisations and places,
//! each with a CAMEO-style code such as `PAKGOV` and the dictionary entry or rule that gave
//! it).
//!
//! Main types:
//! - [`SentenceSplitter`] / [`SentenceAnnotator`]: sentence spans.
//! - [`ActorDictionary`]: entries from the team's files (embedded, [`ActorDictionary::builtin`]),
//!   user files in the same format, and PETRARCH/TABARI actor and agent dictionaries.
//! - [`ActorResolver`]: built once from a dictionary (automaton included), then annotates
//!   documents; implements [`attache_model::Annotator`]. [`Settings`] picks the article day
//!   (dated roles) and the default country.
//! - [`EntityActors`]: named entities (from the analysis layer) that no dictionary covers become
//!   mentions; a person's name wins over a country inside it ("Jordan Peterson").
//! - [`score`]: actor-code accuracy against gold actors (benchmarks are read by the binary).
//!
//! ```
//! use attache_model::{Article, Document};
//! use attache_nlp::ActorResolver;
//!
//! let resolver = ActorResolver::builtin().expect("the built-in dictionaries load");
//! let text = "ISLAMABAD: Defense Minister Khawaja Asif warned Kabul.";
//! let mut doc = Document::new("example", Article { text: text.into(), ..Article::default() });
//! resolver.resolve(&mut doc);
//! let codes: Vec<&str> = doc.mentions.iter().map(|m| m.code.as_str()).collect();
//! assert_eq!(codes, ["PAK", "PAKGOV", "AFGGOV"]);
//! ```
//!
//! Architecture invariant: no I/O except the explicit `load_*` functions of
//! [`ActorDictionary`]; no dependency on other attache stage crates.

// Tests may panic on purpose: a failed expectation is the test failing.
#![cfg_attr(test, allow(clippy::expect_used, clippy::unwrap_used))]

mod article_country;
pub mod codes;
mod date;
pub mod dict;
mod entity_actors;
mod error;
mod fold;
pub mod render;
mod resolve;
pub mod score;
mod sentences;
pub mod tokenize;

pub use article_country::ArticleCountry;
pub use date::Day;
pub use dict::{
    petrarch_files, ActorDictionary, CaseRule, Entry, EntryKind, Origin, PetrarchFile, Role, Source,
};
pub use entity_actors::EntityActors;
pub use error::NlpError;
pub use fold::fold;
pub use resolve::{ActorResolver, SentenceAnnotator, Settings, MAX_SENTENCE_TOKENS};
pub use sentences::SentenceSplitter;
