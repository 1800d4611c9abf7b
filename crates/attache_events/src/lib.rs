//! Event coding: sentences and actor mentions in, coded events out.
//!
//! attache_events turns a [`attache_model::Document`] with sentences and mentions into
//! [`attache_model::Event`]s coded in PLOVER 2.0 and CAMEO, with modality, attribution and the
//! evidence span for each. It also holds what the coder and its evaluation stand on:
//!
//! - [`Coder`] ([`coder`]): the coder, an [`attache_model::Annotator`] (needs sentences and
//!   mentions, provides events); team patterns ([`patterns`], `data/events/patterns.txt`) and
//!   cue lists ([`cues`], `data/events/cues.txt`) embedded; PETRARCH verb dictionaries can be
//!   added. [`cluster`]: near-duplicates and stories across articles.
//! - [`ontology`]: PLOVER categories, modes, contexts and scores; CAMEO codes, Goldstein values
//!   and quad classes; the CAMEO→PLOVER map; PLOVER 0.5b1→2.0 renames. Embedded tables from
//!   `data/ontology/`.
//! - [`gold`]: readers for the event gold sets (PETRARCH validation XML, PLOVER GSR JSON,
//!   real-news page JSON lines).
//! - [`petrarch`]: a loader for PETRARCH-format verb dictionaries.
//! - [`score`]: triple scoring (correct / missed / extra, P/R/F1, type-only and actor-only);
//!   real-news page scoring ([`score::news`]: full triple, type + source, with modality).
//!
//! ```
//! use attache_events::{Coder, CoderSettings};
//! use attache_model::{ActorKind, Article, Document, Mention, Sentence, Span};
//! let text = "Ruritania attacked Elbonia.";
//! let mut doc = Document::new("example", Article { text: text.into(), ..Article::default() });
//! doc.sentences.push(Sentence { span: Span::new(0, text.len()) });
//! for (start, end, code) in [(0, 9, "RUR"), (19, 26, "ELB")] {
//!     let name = text[start..end].to_string();
//!     doc.mentions.push(Mention { span: Span::new(start, end), sentence: 0, kind: ActorKind::Country, code: code.into(), name, why: String::new() });
//! }
//! let events = Coder::builtin(CoderSettings::default())?.code(&doc);
//! assert_eq!(events[0].plover.as_ref().map(|p| p.category.as_str()), Some("ASSAULT"));
//! assert_eq!(events[0].cameo.code, "190");
//! # Ok::<(), attache_events::EventsError>(())
//! ```
//!
//! ```
//! use attache_events::Ontology;
//! let onto = Ontology::builtin()?;
//! let (cameo, plover) = onto.coding_for_cameo("1384");
//! assert_eq!(cameo.goldstein, Some(-7.0));
//! assert_eq!(plover.map(|p| p.category.as_str()), Some("THREATEN"));
//! # Ok::<(), attache_events::EventsError>(())
//! ```
//!
//! Architecture invariant: no file or network I/O; dictionaries and gold files come in as text.

mod error;
mod inflect;
mod tsv;

pub mod cues;
pub mod patterns;

pub mod cluster;
pub mod coder;
pub mod gold;
pub mod ontology;
pub mod petrarch;
pub mod score;

pub use coder::{Coder, CoderSettings};
pub use error::EventsError;
pub use ontology::Ontology;
