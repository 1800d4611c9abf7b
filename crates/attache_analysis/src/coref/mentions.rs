//! What coreference works on: the words of an article with their tags and tree, and the
//! mentions found among them (names, third-person pronouns, noun phrases).

use attache_model::kinds::{NounKind, NounKinds};
use attache_model::{EntityKind, Upos};

/// One word of the article.
#[derive(Debug, Clone)]
pub struct CWord {
    /// Lowercased form.
    pub lower: String,
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn tag ("NNS" says plural).
    pub xpos: String,
    /// Lemma (lowercased).
    pub lemma: String,
    /// Head word (article-wide index), `None` for a root.
    pub head: Option<usize>,
    /// Universal relation without subtype ("nsubj").
    pub rel: String,
    /// Sentence index.
    pub sentence: usize,
}

/// A third-person pronoun's person class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PronounClass {
    /// he, him, his, himself.
    Masculine,
    /// she, her, hers, herself.
    Feminine,
    /// it, its, itself.
    Neuter,
    /// they, them, their, theirs, themselves.
    Plural,
}

impl PronounClass {
    /// The class of a lowercased third-person pronoun.
    pub fn of(lower: &str) -> Option<PronounClass> {
        Some(match lower {
            "he" | "him" | "his" | "himself" => PronounClass::Masculine,
            "she" | "her" | "hers" | "herself" => PronounClass::Feminine,
            "it" | "its" | "itself" => PronounClass::Neuter,
            "they" | "them" | "their" | "theirs" | "themselves" => PronounClass::Plural,
            _ => return None,
        })
    }

    /// A small number for feature keys.
    pub fn code(self) -> u32 {
        self as u32
    }
}

/// A first-person pronoun (the speaker inside a quotation): singular or plural.
pub fn first_person(lower: &str) -> Option<bool> {
    match lower {
        "i" | "me" | "my" | "mine" | "myself" => Some(false),
        "we" | "us" | "our" | "ours" | "ourselves" => Some(true),
        _ => None,
    }
}

/// What kind of mention it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A named entity.
    Name(EntityKind),
    /// A third-person pronoun.
    Pronoun(PronounClass),
    /// A noun phrase with a definite or demonstrative determiner ("the minister").
    Definite,
    /// Any other noun phrase ("militants", "a spokesman").
    Other,
}

/// A mention: words `start..end` of the article, with its head word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Head word.
    pub head: usize,
    /// Sentence.
    pub sentence: usize,
    /// Kind.
    pub kind: MentionKind,
    /// What kind of thing it names: a name's entity kind, or what GUM's annotators most often
    /// called mentions headed by the noun (`attache_model::kinds`); `None` for pronouns and
    /// unlisted nouns.
    pub noun_kind: Option<NounKind>,
}

impl Mention {
    /// True for the mentions coreference resolves (pronouns and definite descriptions).
    pub fn is_anaphor(&self) -> bool {
        matches!(self.kind, MentionKind::Pronoun(_) | MentionKind::Definite)
    }

    /// True when it is plural, as far as its form tells.
    pub fn plural(&self, words: &[CWord]) -> bool {
        match self.kind {
            MentionKind::Pronoun(c) => c == PronounClass::Plural,
            _ => matches!(words[self.head].xpos.as_str(), "NNS" | "NNPS"),
        }
    }
}

/// Relations whose dependent is a noun phrase of its own.
fn is_argument(rel: &str) -> bool {
    matches!(
        rel,
        "nsubj"
            | "obj"
            | "iobj"
            | "obl"
            | "nmod"
            | "appos"
            | "conj"
            | "root"
            | "csubj"
            | "xcomp"
            | "dislocated"
            | "vocative"
            | "expl"
            | "orphan"
            | "list"
            | "parataxis"
            | "ccomp"
    )
}

/// Relations of the words a noun phrase's span takes in before its head.
fn is_premodifier(rel: &str) -> bool {
    matches!(
        rel,
        "det" | "amod" | "compound" | "nummod" | "flat" | "nmod"
    )
}

/// The mentions of an article: the given names (`start..end`, kind), every third-person
/// pronoun, and the head of every other noun phrase, in text order. A name and the noun
/// phrase with the same head are one mention (the name).
pub fn find(words: &[CWord], names: &[(usize, usize, EntityKind)]) -> Vec<Mention> {
    let kinds = NounKinds::builtin();
    let mut out = Vec::new();
    let mut name_head = vec![None; words.len()];
    for &(start, end, kind) in names {
        if start >= end || end > words.len() {
            continue;
        }
        let head = (start..end)
            .find(|&w| words[w].head.is_none_or(|h| h < start || h >= end))
            .unwrap_or(end - 1);
        name_head[head] = Some(out.len());
        out.push(Mention {
            start,
            end,
            head,
            sentence: words[start].sentence,
            kind: MentionKind::Name(kind),
            noun_kind: Some(match kind {
                EntityKind::Person => NounKind::Person,
                EntityKind::Organisation => NounKind::Organisation,
                EntityKind::Place => NounKind::Place,
            }),
        });
    }
    // Left dependents of each noun that belong to its phrase.
    let mut left_edge: Vec<usize> = (0..words.len()).collect();
    for (w, word) in words.iter().enumerate() {
        if let Some(h) = word.head {
            if w < h && is_premodifier(&word.rel) && word.rel != "nmod" {
                left_edge[h] = left_edge[h].min(w);
            } else if w < h && word.rel == "nmod" && word.upos != Upos::Propn {
                // "the country's president": a possessor starts the phrase.
                left_edge[h] = left_edge[h].min(w);
            }
        }
    }
    for (w, word) in words.iter().enumerate() {
        if name_head[w].is_some() {
            continue;
        }
        if word.upos == Upos::Pron {
            if let Some(class) = PronounClass::of(&word.lower) {
                out.push(Mention {
                    start: w,
                    end: w + 1,
                    head: w,
                    sentence: word.sentence,
                    kind: MentionKind::Pronoun(class),
                    noun_kind: None,
                });
            }
            continue;
        }
        if !matches!(word.upos, Upos::Noun | Upos::Propn) || !is_argument(&word.rel) {
            continue;
        }
        let definite = words
            .iter()
            .enumerate()
            .take(w)
            .skip(left_edge[w])
            .any(|(_, d)| {
                d.head == Some(w)
                    && d.rel == "det"
                    && matches!(
                        d.lower.as_str(),
                        "the" | "this" | "that" | "these" | "those"
                    )
            });
        out.push(Mention {
            start: left_edge[w],
            end: w + 1,
            head: w,
            sentence: word.sentence,
            kind: if definite && word.upos == Upos::Noun {
                MentionKind::Definite
            } else {
                MentionKind::Other
            },
            noun_kind: (word.upos == Upos::Noun)
                .then(|| kinds.counts(&word.lemma, &word.lower).map(|c| c.kind()))
                .flatten(),
        });
    }
    out.sort_by_key(|m| (m.head, m.start));
    out
}
