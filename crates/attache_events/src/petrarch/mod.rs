//! PETRARCH-format dictionaries, for compatibility with the field's coders and gold sets.
//!
//! The verb dictionary and the internal coding ontology (PICO) live here (actor and agent
//! dictionaries are loaded by attache_nlp). The syntax is documented in openeventdata/petrarch2
//! `docs/source/dictionaries.rst` and `Petrarch2.tex`; this is the team's own reading of it.

mod pico;
mod verbs;

pub use pico::PicoTable;
pub use verbs::{
    EventCode, Pattern, PatternToken, Synset, SynsetMember, Token, Transformation, VerbBlock,
    VerbDictionary, VerbEntry,
};

/// Comment stripping is shared with the actor-dictionary reader in attache_nlp.
pub(crate) use attache_model::petrarch_format::strip_comments;
