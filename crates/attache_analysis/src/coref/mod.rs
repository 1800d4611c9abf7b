//! Coreference within an article, for what event coding needs: third-person pronouns (he,
//! she, they, it, its, their...), definite descriptions ("the minister", "the group", "the two
//! countries"), repeated names ("Khawaja Asif ... Asif") and the speaker of a quotation.
//!
//! - Mentions ([`mentions`]): the named entities of the ENTITIES layer, every third-person
//!   pronoun, and every other noun phrase head, read off the dependency tree.
//! - Pronouns and definite descriptions are resolved by a mention-ranking averaged perceptron
//!   ([`features`]): each picks the best-scoring earlier mention within a window, or none
//!   (a new entity, as for "it" in "it is raining" or a first "the government"). Features:
//!   distance, the kinds of both mentions, number and gender agreement as learned from word
//!   forms (a pronoun class with the candidate's head word or first name), grammatical roles,
//!   the pronoun's form with whether the candidate is its own clause's subject, head-word
//!   match and noun-kind agreement for descriptions ("the country" with a place), and what
//!   the candidate's entity has gathered so far (its size, name kind and noun kinds), so the
//!   ranking is over entities as they grow, not only single mentions. Trained on GUM's
//!   coreference ([`train`]); `examples/coref_dev.rs` scores choices on GUM dev or by
//!   cross-validation over GUM train + dev.
//! - Rules where the data is thin: a later name of the same kind that repeats an earlier one
//!   or its last or first word, or spells its initials, is the same entity; first-person
//!   pronouns inside a quotation belong to the speaker of the speech verb outside it
//!   ("'We will respond,' the minister said").
//!
//! Chains of at least two mentions are written to `Document::coref`, in text order.

pub mod features;
pub mod mentions;
pub mod train;

use attache_model::{
    AnnotateError, Annotator, CorefChain, CorefMention, Document, Layers, Span, Upos,
};

use crate::model_file::{ModelFile, Reader, Writer};
use crate::perceptron::Weights;
use crate::AnalysisError;
use features::Salience;
use mentions::{first_person, CWord, Mention, MentionKind};

/// The model file kind.
pub const KIND: &str = "coref";

/// How many sentences back a pronoun looks for its antecedent.
pub const PRONOUN_WINDOW: usize = 3;
/// How many sentences back a definite description looks.
pub const DEFINITE_WINDOW: usize = 8;
/// At most this many candidates (the nearest) are scored per anaphor.
pub const MAX_CANDIDATES: usize = 40;

/// Verbs that introduce a quotation's speaker.
const SPEECH_VERBS: [&str; 15] = [
    "say", "tell", "add", "state", "claim", "insist", "announce", "warn", "explain", "note",
    "declare", "ask", "reply", "write", "stress",
];

/// The trained resolver.
#[derive(Debug)]
pub struct Resolver {
    weights: Weights,
    info: String,
}

const BUILTIN: &[u8] = include_bytes!("../../../../data/models/coref.model");

/// Union-find over mention indices, with what each entity (root) has gathered so far.
#[derive(Debug)]
pub(crate) struct Chains {
    parent: Vec<usize>,
    size: Vec<usize>,
    named: Vec<bool>,
    /// The kind of the entity's first name, if it has one.
    name_kind: Vec<Option<attache_model::EntityKind>>,
    /// Bit per noun kind among the entity's mentions.
    kinds: Vec<u8>,
}

fn kind_bit(k: Option<attache_model::kinds::NounKind>) -> u8 {
    k.map_or(0, |k| 1 << (k as u8))
}

impl Chains {
    pub(crate) fn new(mentions: &[Mention]) -> Chains {
        Chains {
            parent: (0..mentions.len()).collect(),
            size: vec![1; mentions.len()],
            named: mentions
                .iter()
                .map(|m| matches!(m.kind, MentionKind::Name(_)))
                .collect(),
            name_kind: mentions
                .iter()
                .map(|m| match m.kind {
                    MentionKind::Name(k) => Some(k),
                    _ => None,
                })
                .collect(),
            kinds: mentions.iter().map(|m| kind_bit(m.noun_kind)).collect(),
        }
    }

    pub(crate) fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Join `b`'s entity into `a`'s (`a` the earlier: its name kind wins).
    pub(crate) fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[rb] = ra;
            self.size[ra] += self.size[rb];
            self.named[ra] |= self.named[rb];
            self.name_kind[ra] = self.name_kind[ra].or(self.name_kind[rb]);
            self.kinds[ra] |= self.kinds[rb];
        }
    }

    pub(crate) fn salience(&mut self, i: usize) -> Salience {
        let r = self.root(i);
        Salience {
            chain_size: self.size[r],
            named: self.named[r],
            name_kind: self.name_kind[r],
            kinds: self.kinds[r],
        }
    }
}

/// The candidates of anaphor `a` (indices into `mentions`, nearest first).
pub(crate) fn candidates(mentions: &[Mention], a: usize) -> Vec<usize> {
    let m = &mentions[a];
    let window = match m.kind {
        MentionKind::Pronoun(_) => PRONOUN_WINDOW,
        _ => DEFINITE_WINDOW,
    };
    (0..a)
        .rev()
        .filter(|&c| {
            let cm = &mentions[c];
            // Not a phrase containing the anaphor ("his father" for "his").
            !(cm.start <= m.head && m.head < cm.end)
                && m.sentence - cm.sentence.min(m.sentence) <= window
        })
        .take_while(|&c| m.sentence - mentions[c].sentence.min(m.sentence) <= window)
        .take(MAX_CANDIDATES)
        .collect()
}

/// Link later names to earlier ones they repeat (same kind; the same words, the last or the
/// first word of a person's name, or an organisation's initials).
pub(crate) fn link_names(words: &[CWord], mentions: &[Mention], chains: &mut Chains) {
    let text =
        |m: &Mention| -> Vec<&str> { (m.start..m.end).map(|w| words[w].lower.as_str()).collect() };
    for b in 0..mentions.len() {
        let MentionKind::Name(kind) = mentions[b].kind else {
            continue;
        };
        let later = text(&mentions[b]);
        for a in (0..b).rev() {
            if mentions[a].kind != MentionKind::Name(kind) {
                continue;
            }
            let earlier = text(&mentions[a]);
            let repeats = later == earlier
                || (later.len() == 1
                    && earlier.len() > 1
                    && kind == attache_model::EntityKind::Person
                    && (earlier.last() == later.first() || earlier.first() == later.first()))
                || (later.len() == 1
                    && earlier.len() > 1
                    && kind != attache_model::EntityKind::Person
                    && earlier
                        .iter()
                        .filter(|w| !matches!(**w, "of" | "and" | "the" | "for" | "&"))
                        .filter_map(|w| w.chars().next())
                        .collect::<String>()
                        == later[0]);
            if repeats {
                chains.join(a, b);
                break;
            }
        }
    }
}

/// Quotation marks as the tokenizer leaves them.
fn is_quote(lower: &str) -> bool {
    matches!(lower, "\"" | "“" | "”" | "``" | "''" | "‘" | "’")
}

/// First-person pronouns inside a quotation, each with the speaker mention it belongs to:
/// the subject of a speech verb of the same sentence outside the quotation.
pub(crate) fn quotation_speakers(words: &[CWord], mentions: &[Mention]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let s = words[start].sentence;
        let end = start
            + words[start..]
                .iter()
                .take_while(|w| w.sentence == s)
                .count();
        let mut inside = vec![false; end - start];
        let mut open = false;
        for w in start..end {
            if is_quote(&words[w].lower) {
                open = !open;
            } else {
                inside[w - start] = open;
            }
        }
        if inside.iter().any(|&x| x) {
            let speaker = (start..end).find_map(|v| {
                let verb = &words[v];
                if inside[v - start] || !SPEECH_VERBS.contains(&verb.lemma.as_str()) {
                    return None;
                }
                let subject = (start..end).find(|&w| {
                    words[w].head == Some(v) && words[w].rel == "nsubj" && !inside[w - start]
                })?;
                mentions.iter().position(|m| m.head == subject)
            });
            if let Some(speaker) = speaker {
                for w in start..end {
                    if inside[w - start]
                        && words[w].upos == Upos::Pron
                        && first_person(&words[w].lower).is_some()
                    {
                        out.push((w, speaker));
                    }
                }
            }
        }
        start = end;
    }
    out
}

impl Resolver {
    /// The resolver built into the binary (`data/models/coref.model`).
    pub fn builtin() -> Result<Resolver, AnalysisError> {
        Resolver::from_bytes(BUILTIN, "built-in coref (data/models/coref.model)")
    }

    /// A resolver from trained weights.
    pub fn from_weights(weights: Weights, info: &str) -> Result<Resolver, AnalysisError> {
        if weights.classes() != 1 {
            return Err(AnalysisError::Model {
                what: "coref".into(),
                problem: format!("{} classes, a ranking model has one", weights.classes()),
            });
        }
        Ok(Resolver {
            weights,
            info: info.to_string(),
        })
    }

    /// Read a model file's bytes; `what` names it in errors.
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Resolver, AnalysisError> {
        let file = ModelFile::from_bytes(bytes, what, KIND)?;
        let mut r = Reader::new(file.section("weights", what)?, what);
        let weights = Weights::read(&mut r)?;
        if !r.is_empty() {
            return Err(r.error("bytes after the weights"));
        }
        Resolver::from_weights(weights, &file.info).map_err(|e| match e {
            AnalysisError::Model { problem, .. } => AnalysisError::Model {
                what: what.to_string(),
                problem,
            },
            other => other,
        })
    }

    /// Read a model file.
    pub fn load(path: &std::path::Path) -> Result<Resolver, AnalysisError> {
        let bytes = std::fs::read(path).map_err(|source| AnalysisError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Resolver::from_bytes(&bytes, &path.display().to_string())
    }

    /// The model file holding these weights.
    pub fn to_model_file(&self, info: &str) -> ModelFile {
        let mut file = ModelFile::new(KIND, info);
        let mut w = Writer::default();
        self.weights.write(&mut w);
        file.push("weights", w.buf);
        file
    }

    /// The same resolver with another description.
    pub fn with_info(self, info: &str) -> Resolver {
        Resolver {
            info: info.to_string(),
            ..self
        }
    }

    /// The model's description.
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Resolve an article: for each mention, the mention it was linked to as antecedent
    /// (`None` for none), and the quotation speakers' first-person pronouns (word, speaker
    /// mention).
    pub fn resolve(&self, words: &[CWord], mentions: &[Mention]) -> Resolution {
        let score = |f: &[u32], s: &mut Vec<f32>| self.weights.score(f, s);
        resolve_with(words, mentions, score)
    }
}

/// What resolution found.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// The antecedent chosen for each mention (by index into the mentions), if any.
    pub antecedent: Vec<Option<usize>>,
    /// The entity of each mention after linking: mentions with the same value corefer.
    pub groups: Vec<usize>,
    /// First-person pronouns in quotations and their speaker mention.
    pub speakers: Vec<(usize, usize)>,
}

/// Rank every anaphor's candidates with `score` (one class) and link.
pub(crate) fn resolve_with(
    words: &[CWord],
    mentions: &[Mention],
    score: impl Fn(&[u32], &mut Vec<f32>),
) -> Resolution {
    let mut chains = Chains::new(mentions);
    link_names(words, mentions, &mut chains);
    let mut antecedent = vec![None; mentions.len()];
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    for a in 0..mentions.len() {
        if !mentions[a].is_anaphor() {
            continue;
        }
        let cands = candidates(mentions, a);
        features::new_entity(
            words,
            &mentions[a],
            cands.len(),
            words.get(mentions[a].head + 1),
            &mut feats,
        );
        score(&feats, &mut scores);
        let mut best = (None, scores[0]);
        for (between, &c) in cands.iter().enumerate() {
            let salience = chains.salience(c);
            features::pair(
                words,
                &mentions[a],
                &mentions[c],
                between,
                salience,
                &mut feats,
            );
            score(&feats, &mut scores);
            if scores[0] > best.1 {
                best = (Some(c), scores[0]);
            }
        }
        if let Some(c) = best.0 {
            chains.join(c, a);
            antecedent[a] = Some(c);
        }
    }
    let groups = (0..mentions.len()).map(|m| chains.root(m)).collect();
    Resolution {
        antecedent,
        groups,
        speakers: quotation_speakers(words, mentions),
    }
}

/// The words and names of a document as coreference reads them.
fn document_words(doc: &Document) -> (Vec<CWord>, Vec<(usize, usize, attache_model::EntityKind)>) {
    let words = doc
        .tokens
        .iter()
        .map(|t| CWord {
            lower: doc.text_of(t.span).to_lowercase(),
            upos: t.upos,
            xpos: t.xpos.clone(),
            lemma: t.lemma.to_lowercase(),
            head: t.head,
            rel: t.relation().to_string(),
            sentence: t.sentence,
        })
        .collect();
    let names = doc
        .entities
        .iter()
        .map(|e| (e.first_token, e.end_token, e.kind))
        .collect();
    (words, names)
}

/// Chains (as lists of word ranges with heads) from a resolution: every group of two or more
/// mentions, plus the quotation pronouns joined to their speaker's group.
pub fn chains_of(mentions: &[Mention], r: &Resolution) -> Vec<Vec<(usize, usize, usize)>> {
    let mut by_root: std::collections::BTreeMap<usize, Vec<(usize, usize, usize)>> =
        std::collections::BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        by_root
            .entry(r.groups[i])
            .or_default()
            .push((m.start, m.end, m.head));
    }
    for &(word, speaker) in &r.speakers {
        by_root
            .entry(r.groups[speaker])
            .or_default()
            .push((word, word + 1, word));
    }
    let mut out: Vec<Vec<(usize, usize, usize)>> = by_root
        .into_values()
        .filter(|c| c.len() > 1)
        .map(|mut c| {
            c.sort_unstable();
            c.dedup();
            c
        })
        .collect();
    out.sort_unstable();
    out
}

impl Annotator for Resolver {
    fn name(&self) -> &'static str {
        "coref"
    }

    fn requires(&self) -> Layers {
        Layers::TOKENS | Layers::TAGS | Layers::TREE | Layers::ENTITIES
    }

    fn provides(&self) -> Layers {
        Layers::COREF
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        if !doc.layers.contains(self.requires()) {
            return Err(AnnotateError::MissingLayers {
                stage: "coref",
                missing: doc.layers.missing(self.requires()),
            });
        }
        let (words, names) = document_words(doc);
        let found = mentions::find(&words, &names);
        let resolution = self.resolve(&words, &found);
        doc.coref = chains_of(&found, &resolution)
            .into_iter()
            .filter_map(|chain| {
                let mentions: Vec<CorefMention> = chain
                    .into_iter()
                    .filter(|&(s, e, h)| s < e && e <= doc.tokens.len() && h < doc.tokens.len())
                    .map(|(s, e, h)| CorefMention {
                        span: Span {
                            start: doc.tokens[s].span.start,
                            end: doc.tokens[e - 1].span.end,
                        },
                        head: h,
                    })
                    .collect();
                (mentions.len() > 1).then_some(CorefChain { mentions })
            })
            .collect();
        doc.layers |= Layers::COREF;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::kinds::NounKind;
    use attache_model::{Article, Entity, EntityKind, Token};

    /// A document from (word, upos, head (1-based in the sentence, 0 root), relation) rows,
    /// one slice per sentence, with the given entities (first token, end token, kind).
    fn doc(
        sentences: &[&[(&str, Upos, usize, &str)]],
        entities: &[(usize, usize, EntityKind)],
    ) -> Document {
        let mut text = String::new();
        let mut tokens = Vec::new();
        for (s, rows) in sentences.iter().enumerate() {
            let base = tokens.len();
            for (form, upos, head, rel) in rows.iter() {
                if !text.is_empty() {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(form);
                let mut t = Token::new(
                    Span {
                        start,
                        end: text.len(),
                    },
                    s,
                );
                t.upos = *upos;
                t.lemma = form.to_lowercase();
                t.xpos = String::new();
                t.head = (*head > 0).then(|| base + head - 1);
                t.deprel = (*rel).to_string();
                tokens.push(t);
            }
        }
        let mut d = Document::new(
            "test",
            Article {
                text,
                ..Article::default()
            },
        );
        d.entities = entities
            .iter()
            .map(|&(first, end, kind)| Entity {
                span: Span {
                    start: tokens[first].span.start,
                    end: tokens[end - 1].span.end,
                },
                first_token: first,
                end_token: end,
                kind,
            })
            .collect();
        d.tokens = tokens;
        d.layers = Layers::TOKENS | Layers::TAGS | Layers::TREE | Layers::ENTITIES;
        d
    }

    use Upos::*;

    #[test]
    fn a_pronoun_joins_the_chain_of_the_person_named_before_it() {
        let mut d = doc(
            &[
                &[
                    ("Khawaja", Propn, 3, "nsubj"),
                    ("Asif", Propn, 1, "flat"),
                    ("arrived", Verb, 0, "root"),
                    (".", Punct, 3, "punct"),
                ],
                &[
                    ("He", Pron, 2, "nsubj"),
                    ("spoke", Verb, 0, "root"),
                    (".", Punct, 2, "punct"),
                ],
            ],
            &[(0, 2, EntityKind::Person)],
        );
        Resolver::builtin().unwrap().annotate(&mut d).unwrap();
        assert_eq!(d.coref.len(), 1, "{:?}", d.coref);
        let chain: Vec<&str> = d.coref[0]
            .mentions
            .iter()
            .map(|m| d.text_of(m.span))
            .collect();
        assert_eq!(chain, ["Khawaja Asif", "He"]);
        assert!(d.layers.contains(Layers::COREF));
    }

    #[test]
    fn a_surname_repeats_the_full_name() {
        let mut d = doc(
            &[
                &[
                    ("Khawaja", Propn, 3, "nsubj"),
                    ("Asif", Propn, 1, "flat"),
                    ("arrived", Verb, 0, "root"),
                ],
                &[("Asif", Propn, 2, "nsubj"), ("left", Verb, 0, "root")],
            ],
            &[(0, 2, EntityKind::Person), (3, 4, EntityKind::Person)],
        );
        Resolver::builtin().unwrap().annotate(&mut d).unwrap();
        let chain: Vec<&str> = d.coref[0]
            .mentions
            .iter()
            .map(|m| d.text_of(m.span))
            .collect();
        assert_eq!(chain, ["Khawaja Asif", "Asif"]);
    }

    #[test]
    fn first_person_in_a_quotation_belongs_to_the_speaker() {
        // " We will respond , " Dar said .
        let mut d = doc(
            &[&[
                ("\"", Punct, 4, "punct"),
                ("We", Pron, 4, "nsubj"),
                ("will", Aux, 4, "aux"),
                ("respond", Verb, 8, "ccomp"),
                (",", Punct, 4, "punct"),
                ("\"", Punct, 4, "punct"),
                ("Dar", Propn, 8, "nsubj"),
                ("said", Verb, 0, "root"),
            ]],
            &[(6, 7, EntityKind::Person)],
        );
        d.tokens[7].lemma = "say".into();
        Resolver::builtin().unwrap().annotate(&mut d).unwrap();
        let chain: Vec<&str> = d.coref[0]
            .mentions
            .iter()
            .map(|m| d.text_of(m.span))
            .collect();
        assert_eq!(chain, ["We", "Dar"]);
    }

    #[test]
    fn mentions_carry_the_kind_of_thing_they_name() {
        // Pakistan protested . The country recalled its minister .
        let d = doc(
            &[
                &[
                    ("Pakistan", Propn, 2, "nsubj"),
                    ("protested", Verb, 0, "root"),
                    (".", Punct, 2, "punct"),
                ],
                &[
                    ("The", Det, 2, "det"),
                    ("country", Noun, 3, "nsubj"),
                    ("recalled", Verb, 0, "root"),
                    ("its", Pron, 5, "nmod"),
                    ("minister", Noun, 3, "obj"),
                ],
            ],
            &[(0, 1, EntityKind::Place)],
        );
        let (words, names) = document_words(&d);
        let found = mentions::find(&words, &names);
        let kinds: Vec<(usize, MentionKind, Option<NounKind>)> = found
            .iter()
            .map(|m| (m.head, m.kind, m.noun_kind))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    0,
                    MentionKind::Name(EntityKind::Place),
                    Some(NounKind::Place)
                ),
                (4, MentionKind::Definite, Some(NounKind::Place)),
                (
                    6,
                    MentionKind::Pronoun(mentions::PronounClass::Neuter),
                    None
                ),
                (7, MentionKind::Other, Some(NounKind::Person)),
            ]
        );
    }

    #[test]
    fn coref_without_a_tree_is_refused() {
        let mut d = doc(&[&[("It", Pron, 0, "root")]], &[]);
        d.layers = Layers::TOKENS | Layers::TAGS;
        let err = Resolver::builtin().unwrap().annotate(&mut d).unwrap_err();
        assert!(matches!(err, AnnotateError::MissingLayers { .. }));
    }

    #[test]
    fn a_corrupt_coref_model_is_an_error_not_a_panic() {
        let good = Resolver::builtin().unwrap().to_model_file("t").to_bytes();
        let mut bad = good.clone();
        let at = bad.len() - 20;
        bad[at] ^= 0x11;
        let err = Resolver::from_bytes(&bad, "bad.model")
            .unwrap_err()
            .to_string();
        assert!(err.contains("bad.model"), "{err}");
        let err = Resolver::from_bytes(&good[..10], "cut.model")
            .unwrap_err()
            .to_string();
        assert!(err.contains("cut.model"), "{err}");
        let ner = crate::ner::Recogniser::builtin()
            .unwrap()
            .to_model_file("t")
            .to_bytes();
        let err = Resolver::from_bytes(&ner, "ner.model")
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected a coref model"), "{err}");
    }
}
