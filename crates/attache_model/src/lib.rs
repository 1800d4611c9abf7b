//! The vocabulary of attache, shared by every stage.
//!
//! attache turns news pages into coded events. The data flows
//! `page bytes ─▶ Article ─▶ Document (sentences ▶ mentions ▶ events) ─▶ store`, and this crate
//! names the things that flow:
//!
//! - [`Article`]: what extraction makes of a page: metadata plus the body `text`.
//! - [`Extraction`]: an article, or the reason a page is not one ("not an article" is an
//!   outcome, not an error).
//! - [`Span`]: byte offsets into `Article::text`. No stage rewrites the text after extraction,
//!   so every span stays valid for the life of the article.
//! - [`Document`]: the article plus typed layers ([`Sentence`], [`Mention`], ...) that the
//!   [`Annotator`] stages fill in.
//!
//! Architecture invariant: no I/O and no dependency on any other attache crate. (One
//! exception, [`cpu`]: the process's own CPU time and peak memory from `/proc`, which the
//! benchmarks of every crate and the ingest report print; it reads no input.)
//!
//! ```
//! use attache_model::{Article, Span};
//! let article = Article { text: "ISLAMABAD: Pakistan is ready.".into(), ..Article::default() };
//! let span = Span::new(11, 19);
//! assert_eq!(span.slice(&article.text), Some("Pakistan"));
//! ```

pub mod analysis;
mod annotate;
mod article;
pub mod calendar;
pub mod cpu;
mod document;
mod event;
pub mod kinds;
pub mod petrarch_format;
mod span;

pub use analysis::{CorefChain, CorefMention, Entity, EntityKind, Token, Upos};
pub use annotate::{AnnotateError, Annotator, Layers};
pub use article::{Article, Extraction, NotArticleReason};
pub use document::{ActorKind, Document, Mention, Sentence};
pub use event::{
    CameoCoding, DateBasis, Dating, Event, EventActor, EventLocation, Evidence, Modality,
    PloverCategory, PloverCoding, QuadClass, PRIVATE_PERSON_SECTOR,
};
pub use span::Span;
