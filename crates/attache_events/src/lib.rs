//! Event coding: sentences and actor mentions in, coded events out.
//!
//! attache_events turns a [`attache_model::Document`] with sentences and mentions into
//! [`attache_model::Event`]s coded in PLOVER 2.0 and CAMEO, with modality, attribution and the
//! evidence span for each. It also holds what the coder and its evaluation stand on:
//!
//! - [`ontology`]: PLOVER categories, modes, contexts and scores; CAMEO codes, Goldstein values
//!   and quad classes; the CAMEO→PLOVER map; PLOVER 0.5b1→2.0 renames. Embedded tables from
//!   `data/ontology/`.
//! - [`gold`]: readers for the event gold sets (PETRARCH validation XML, PLOVER GSR JSON).
//! - [`petrarch`]: a loader for PETRARCH-format verb dictionaries.
//! - [`score`]: triple scoring (correct / missed / extra, P/R/F1, type-only and actor-only).
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
