//! Page bytes (+ URL) to a clean [`attache_model::Article`], or a reasoned rejection.
//!
//! (Overview to be completed as the modules land.)
//!
//! Module owners while the first version is written:
//! - `html`, `body`, `lib.rs`: the HTML parser, main-content extraction, the `extract` entry point.
//! - `encoding`, `meta`, `text_article`, `furniture`: decoding, metadata, plain-text articles,
//!   line-level page furniture rules.

pub mod body;
pub mod encoding;
pub mod furniture;
pub mod html;
pub mod meta;
pub mod text_article;
