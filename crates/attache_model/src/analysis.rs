//! Linguistic analysis layers of a [`crate::Document`]: tokens with tags and lemmas, the
//! dependency tree over them, named entities and coreference chains.
//!
//! These follow Universal Dependencies (UD) conventions, because the models that fill them are
//! trained on UD treebanks: tokens split clitics ("do" + "n't", "Pakistan" + "'s"), parts of
//! speech are the 17 UPOS tags plus a language-specific XPOS (Penn Treebank tags for English),
//! and relations are UD relations with their optional subtype ("nsubj:pass", "obl:tmod").
//!
//! Invariants:
//! - `Document::tokens` are in text order, never overlap, and each lies inside one sentence.
//! - A token's `head` is the index (into `Document::tokens`) of a token of the *same* sentence,
//!   or `None` for the sentence's root (and for every token before a parser ran).
//! - Entity and coreference spans start and end on token boundaries.

use serde::{Deserialize, Serialize};

use crate::Span;

/// The 17 universal part-of-speech tags of UD, plus `X` for anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Upos {
    /// Adjective.
    Adj,
    /// Adposition (preposition, postposition).
    Adp,
    /// Adverb.
    Adv,
    /// Auxiliary verb.
    Aux,
    /// Coordinating conjunction.
    Cconj,
    /// Determiner.
    Det,
    /// Interjection.
    Intj,
    /// Noun.
    Noun,
    /// Numeral.
    Num,
    /// Particle ("to" of an infinitive, "not", possessive "'s").
    Part,
    /// Pronoun.
    Pron,
    /// Proper noun.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction.
    Sconj,
    /// Symbol.
    Sym,
    /// Verb.
    Verb,
    /// Other, and the tag of a token not yet tagged.
    #[default]
    X,
}

impl Upos {
    /// Every tag, in a fixed order (a tagger's class index is the position here).
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as UD writes it ("NOUN", "PROPN").
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The tag UD writes as `s`, if it is one.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Nouns, proper nouns and pronouns: what can fill an argument role.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron)
    }
}

/// One token of the text, with what the analysis found about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token lies in the article text. A token the tokenizer split off a word
    /// ("n't" of "don't") has its own bytes of that word.
    pub span: Span,
    /// Index of the sentence it belongs to.
    pub sentence: usize,
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag ("VBD", "NNP"); empty before tagging.
    pub xpos: String,
    /// Dictionary form ("resume" for "resumed"); empty before tagging.
    pub lemma: String,
    /// Index into `Document::tokens` of the syntactic head, in the same sentence; `None` for
    /// the root of the sentence or before parsing.
    pub head: Option<usize>,
    /// UD relation to the head, with its subtype ("nsubj:pass"); "root" for the root; empty
    /// before parsing.
    pub deprel: String,
}

impl Token {
    /// A token with no analysis yet.
    pub fn new(span: Span, sentence: usize) -> Self {
        Token {
            span,
            sentence,
            upos: Upos::X,
            xpos: String::new(),
            lemma: String::new(),
            head: None,
            deprel: String::new(),
        }
    }

    /// The universal relation without its subtype ("nsubj" for "nsubj:pass").
    pub fn relation(&self) -> &str {
        self.deprel.split(':').next().unwrap_or("")
    }
}

/// What kind of thing a named entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person ("Khawaja Asif").
    Person,
    /// An organisation: government bodies, parties, armed groups, companies, media.
    Organisation,
    /// A place or geopolitical entity: countries, cities, regions.
    Place,
}

impl EntityKind {
    /// The short label used in IOB tags and CoNLL-U output ("PER", "ORG", "LOC").
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organisation => "ORG",
            EntityKind::Place => "LOC",
        }
    }

    /// The kind a short label names, if any.
    pub fn from_label(label: &str) -> Option<EntityKind> {
        match label {
            "PER" => Some(EntityKind::Person),
            "ORG" => Some(EntityKind::Organisation),
            "LOC" => Some(EntityKind::Place),
            _ => None,
        }
    }
}

/// A named entity found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Where it lies in the article text (from its first token's start to its last token's end).
    pub span: Span,
    /// First token (index into `Document::tokens`).
    pub first_token: usize,
    /// One past its last token.
    pub end_token: usize,
    /// What it is.
    pub kind: EntityKind,
}

/// Things the text refers to more than once: each chain lists its mentions in text order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorefChain {
    /// The mentions, in text order; the first is usually the most informative (a name).
    pub mentions: Vec<CorefMention>,
}

/// One mention of a coreference chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorefMention {
    /// Where it lies in the article text.
    pub span: Span,
    /// Its head token (index into `Document::tokens`).
    pub head: usize,
}
