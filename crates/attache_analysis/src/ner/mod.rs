//! Named entities: people (PER), organisations (ORG) and places or geopolitical entities
//! (LOC), with their spans.
//!
//! A first-order sequence labeller over BILOU labels (Begin, Inside, Last, Unit, Outside):
//! a structured averaged perceptron ([`crate::perceptron`]) with Viterbi decoding over the
//! label sequences that make whole entities (an `I-ORG` follows only `B-ORG` or `I-ORG`, and a
//! sentence never ends inside an entity). Features ([`features`]): the word, its shape and affixes, two
//! words either side, the run of capitalised words it sits in, part-of-speech tags when the
//! tagger ran, hits in the team's name lists ([`gazetteer`]), how often the word is
//! capitalised in raw text ([`lexicon`], learned by the trainer and kept in the model file),
//! and the previous word's label. Trained by [`train`] on Universal NER's EWT
//! dev sentences and GUM's named person, organisation and place mentions.
//!
//! ```no_run
//! use attache_analysis::ner::Recogniser;
//! let ner = Recogniser::builtin().unwrap();
//! let found = ner.recognise(&["Khawaja", "Asif", "visited", "Kabul", "."], None);
//! assert_eq!(found[0].kind.label(), "PER");
//! ```

pub mod data;
pub mod features;
pub mod gazetteer;
pub mod lexicon;
pub mod train;

use attache_model::{AnnotateError, Annotator, Document, Entity, EntityKind, Layers, Span, Upos};

use crate::model_file::{ModelFile, Reader, Writer};
use crate::perceptron::Weights;
use crate::AnalysisError;
use features::{sentence_features, Resources, SentenceFeatures, Words};
use gazetteer::Gazetteer;
use lexicon::CaseLexicon;

/// The model file kind.
pub const KIND: &str = "ner";

/// The feature set the code computes, written into each model file (`features` section).
/// Raise it whenever templates change meaning, so a model trained with other features is
/// refused with a clear message instead of scoring nonsense. Version 1 files have no
/// `features` section; version 2 added the case classes of [`lexicon`] and longer affixes,
/// version 3 dropped those affixes again.
pub const FEATURE_SET: u64 = 3;

/// The entity kinds in label order.
pub const KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Organisation,
    EntityKind::Place,
];

/// Number of labels: Outside, then Begin, Inside, Last, Unit for each kind.
pub const LABELS: usize = 1 + 4 * KINDS.len();

/// The Outside label.
pub const OUTSIDE: usize = 0;

/// Where a label puts a word in an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Not in an entity.
    Outside,
    /// First word of an entity of several words.
    Begin,
    /// A middle word.
    Inside,
    /// Last word of an entity of several words.
    Last,
    /// The whole entity is this word.
    Unit,
}

/// The label index of a part of an entity of kind index `kind`.
pub fn label(part: Part, kind: usize) -> usize {
    match part {
        Part::Outside => OUTSIDE,
        Part::Begin => 1 + 4 * kind,
        Part::Inside => 2 + 4 * kind,
        Part::Last => 3 + 4 * kind,
        Part::Unit => 4 + 4 * kind,
    }
}

/// The part and kind index a label stands for.
pub fn unlabel(label: usize) -> (Part, usize) {
    if label == OUTSIDE {
        return (Part::Outside, 0);
    }
    let kind = (label - 1) / 4;
    let part = match (label - 1) % 4 {
        0 => Part::Begin,
        1 => Part::Inside,
        2 => Part::Last,
        _ => Part::Unit,
    };
    (part, kind)
}

/// True when `next` may follow `prev` in a BILOU sequence, `last` saying whether `next` is
/// on the sentence's last word.
pub fn allowed(prev: usize, next: usize, last: bool) -> bool {
    let (pp, pk) = unlabel(prev);
    let (np, nk) = unlabel(next);
    let open = matches!(pp, Part::Begin | Part::Inside);
    let continues = matches!(np, Part::Inside | Part::Last);
    if open {
        continues && nk == pk && !(last && np == Part::Inside)
    } else {
        !(continues || last && np == Part::Begin)
    }
}

/// BILOU labels of a sentence of `n` words with these entities (`start..end`, kind index).
pub fn encode(n: usize, entities: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut labels = vec![OUTSIDE; n];
    for &(start, end, kind) in entities {
        if end > n || start >= end {
            continue;
        }
        if end - start == 1 {
            labels[start] = label(Part::Unit, kind);
        } else {
            labels[start] = label(Part::Begin, kind);
            for l in &mut labels[start + 1..end - 1] {
                *l = label(Part::Inside, kind);
            }
            labels[end - 1] = label(Part::Last, kind);
        }
    }
    labels
}

/// The entities (`start..end`, kind index) a valid BILOU sequence spells.
pub fn decode(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &l) in labels.iter().enumerate() {
        match unlabel(l) {
            (Part::Unit, k) => out.push((i, i + 1, k)),
            (Part::Begin, _) => start = Some(i),
            (Part::Last, k) => {
                if let Some(s) = start.take() {
                    out.push((s, i + 1, k));
                }
            }
            _ => {}
        }
    }
    out
}

/// An entity found in a sentence: words `start..end` and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// What it is.
    pub kind: EntityKind,
}

/// The trained entity recogniser.
#[derive(Debug)]
pub struct Recogniser {
    weights: Weights,
    gazetteer: Gazetteer,
    lexicon: CaseLexicon,
    info: String,
}

/// The model trained by `attache train ner`, embedded at build time.
const BUILTIN: &[u8] = include_bytes!("../../../../data/models/ner.model");

impl Recogniser {
    /// The recogniser built into the binary (`data/models/ner.model`).
    pub fn builtin() -> Result<Recogniser, AnalysisError> {
        Recogniser::from_bytes(BUILTIN, "built-in ner (data/models/ner.model)")
    }

    /// A recogniser from weights and the case lexicon they were trained with (as the trainer
    /// makes them).
    pub fn from_weights(
        weights: Weights,
        lexicon: CaseLexicon,
        info: &str,
    ) -> Result<Recogniser, AnalysisError> {
        if weights.classes() != LABELS {
            return Err(AnalysisError::Model {
                what: "ner".into(),
                problem: format!(
                    "{} classes, the recogniser has {LABELS} labels",
                    weights.classes()
                ),
            });
        }
        Ok(Recogniser {
            weights,
            gazetteer: Gazetteer::builtin(),
            lexicon,
            info: info.to_string(),
        })
    }

    /// Read a model file's bytes; `what` names it in errors.
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Recogniser, AnalysisError> {
        let file = ModelFile::from_bytes(bytes, what, KIND)?;
        let stale = |found: &str| AnalysisError::Model {
            what: what.to_string(),
            problem: format!(
                "made for entity feature set {found}, this program computes set {FEATURE_SET}: \
                 retrain it with `attache train ner`"
            ),
        };
        let Ok(version) = file.section("features", what) else {
            return Err(stale("1"));
        };
        let mut r = Reader::new(version, what);
        let version = r.varint()?;
        if version != FEATURE_SET {
            return Err(stale(&version.to_string()));
        }
        let mut r = Reader::new(file.section("lexicon", what)?, what);
        let lexicon = CaseLexicon::read(&mut r)?;
        if !r.is_empty() {
            return Err(r.error("bytes after the case lexicon"));
        }
        let mut r = Reader::new(file.section("weights", what)?, what);
        let weights = Weights::read(&mut r)?;
        if !r.is_empty() {
            return Err(r.error("bytes after the weights"));
        }
        Recogniser::from_weights(weights, lexicon, &file.info).map_err(|e| match e {
            AnalysisError::Model { problem, .. } => AnalysisError::Model {
                what: what.to_string(),
                problem,
            },
            other => other,
        })
    }

    /// Read a model file.
    pub fn load(path: &std::path::Path) -> Result<Recogniser, AnalysisError> {
        let bytes = std::fs::read(path).map_err(|source| AnalysisError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Recogniser::from_bytes(&bytes, &path.display().to_string())
    }

    /// The model file holding these weights, with `info` as its description.
    pub fn to_model_file(&self, info: &str) -> ModelFile {
        let mut file = ModelFile::new(KIND, info);
        let mut w = Writer::default();
        w.varint(FEATURE_SET);
        file.push("features", w.buf);
        let mut w = Writer::default();
        self.lexicon.write(&mut w);
        file.push("lexicon", w.buf);
        let mut w = Writer::default();
        self.weights.write(&mut w);
        file.push("weights", w.buf);
        file
    }

    /// The same recogniser with another description.
    pub fn with_info(self, info: &str) -> Recogniser {
        Recogniser {
            info: info.to_string(),
            ..self
        }
    }

    /// The model's description (training command, data, licence, scores).
    pub fn info(&self) -> &str {
        &self.info
    }

    /// The entities of one sentence, given its words and, when the tagger ran, their tags.
    pub fn recognise(&self, words: &[&str], upos: Option<&[Upos]>) -> Vec<Found> {
        let untagged = vec![Upos::X; words.len()];
        let upos = match upos {
            Some(u) if u.len() == words.len() => u,
            _ => &untagged,
        };
        let sentence = sentence_features(
            &Words { forms: words, upos },
            &Resources {
                gazetteer: &self.gazetteer,
                lexicon: &self.lexicon,
            },
        );
        let labels = viterbi(
            &sentence,
            |f, s| self.weights.score(f, s),
            |f| self.weights.prefetch(f),
        );
        decode(&labels)
            .into_iter()
            .map(|(start, end, k)| Found {
                start,
                end,
                kind: KINDS[k],
            })
            .collect()
    }
}

/// The best valid label sequence of a sentence (Viterbi over label pairs): a word's label
/// scores its static features plus its history features given the previous word's label.
/// `score` fills the class scores of a feature list; `prefetch` is told every history
/// feature of a word before they are scored label by label (it may only read).
pub(crate) fn viterbi(
    sentence: &SentenceFeatures,
    score: impl Fn(&[u32], &mut Vec<f32>),
    prefetch: impl Fn(&[u32]),
) -> Vec<usize> {
    let n = sentence.words.len();
    if n == 0 {
        return Vec::new();
    }
    let mut best = vec![f32::NEG_INFINITY; n * LABELS];
    let mut back = vec![OUTSIDE; n * LABELS];
    let mut fixed = Vec::new();
    let mut history = Vec::new();
    let mut moved = Vec::new();
    for i in 0..n {
        let prevs: &[usize] = if i == 0 { &[OUTSIDE] } else { &ALL_LABELS };
        history.clear();
        for &prev in prevs {
            features::history_features(sentence, i, prev, &mut history);
        }
        prefetch(&history);
        score(&sentence.words[i], &mut fixed);
        let last = i + 1 == n;
        for &prev in prevs {
            let before = if i == 0 {
                0.0
            } else {
                best[(i - 1) * LABELS + prev]
            };
            if before == f32::NEG_INFINITY {
                continue;
            }
            history.clear();
            features::history_features(sentence, i, prev, &mut history);
            score(&history, &mut moved);
            for next in 0..LABELS {
                if !allowed(prev, next, last) {
                    continue;
                }
                let total = before + fixed[next] + moved[next];
                let slot = i * LABELS + next;
                if total > best[slot] {
                    best[slot] = total;
                    back[slot] = prev;
                }
            }
        }
    }
    let mut label = (0..LABELS)
        .max_by(|&a, &b| {
            best[(n - 1) * LABELS + a]
                .partial_cmp(&best[(n - 1) * LABELS + b])
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.cmp(&a))
        })
        .unwrap_or(OUTSIDE);
    let mut labels = vec![OUTSIDE; n];
    for i in (0..n).rev() {
        labels[i] = label;
        label = back[i * LABELS + label];
    }
    labels
}

const ALL_LABELS: [usize; LABELS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

impl Annotator for Recogniser {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn requires(&self) -> Layers {
        Layers::TOKENS
    }

    fn provides(&self) -> Layers {
        Layers::ENTITIES
    }

    /// Fills `Document::entities`, sentence by sentence. Uses the tags when `TAGS` is present.
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        if !doc.layers.contains(Layers::TOKENS) {
            return Err(AnnotateError::MissingLayers {
                stage: "ner",
                missing: doc.layers.missing(Layers::TOKENS),
            });
        }
        let tagged = doc.layers.contains(Layers::TAGS);
        let mut entities = Vec::new();
        let mut start = 0;
        while start < doc.tokens.len() {
            let sentence = doc.tokens[start].sentence;
            let end = start
                + doc.tokens[start..]
                    .iter()
                    .take_while(|t| t.sentence == sentence)
                    .count();
            let tokens = &doc.tokens[start..end];
            let words: Vec<&str> = tokens.iter().map(|t| doc.text_of(t.span)).collect();
            let upos: Vec<Upos> = tokens.iter().map(|t| t.upos).collect();
            for found in self.recognise(&words, tagged.then_some(upos.as_slice())) {
                entities.push(Entity {
                    span: Span {
                        start: tokens[found.start].span.start,
                        end: tokens[found.end - 1].span.end,
                    },
                    first_token: start + found.start,
                    end_token: start + found.end,
                    kind: found.kind,
                });
            }
            start = end;
        }
        doc.entities = entities;
        doc.layers |= Layers::ENTITIES;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trips_entities() {
        let entities = vec![(0, 2, 0), (3, 4, 2), (5, 8, 1)];
        let labels = encode(9, &entities);
        assert_eq!(decode(&labels), entities);
        let mut prev = OUTSIDE;
        for (i, &l) in labels.iter().enumerate() {
            assert!(allowed(prev, l, i + 1 == labels.len()), "{prev} -> {l}");
            prev = l;
        }
    }

    #[test]
    fn transitions_that_break_an_entity_are_refused() {
        let b_per = label(Part::Begin, 0);
        let i_org = label(Part::Inside, 1);
        let l_per = label(Part::Last, 0);
        assert!(!allowed(OUTSIDE, i_org, false));
        assert!(!allowed(b_per, i_org, false));
        assert!(!allowed(b_per, OUTSIDE, false));
        assert!(allowed(b_per, l_per, true));
        assert!(!allowed(OUTSIDE, b_per, true));
    }

    #[test]
    fn a_corrupt_model_is_an_error_not_a_panic() {
        let good = Recogniser::builtin().unwrap().to_model_file("t").to_bytes();
        let mut bad = good.clone();
        let mid = bad.len() / 2;
        bad[mid] ^= 0x55;
        let err = Recogniser::from_bytes(&bad, "corrupt.model")
            .unwrap_err()
            .to_string();
        assert!(err.contains("corrupt.model"), "{err}");
        let err = Recogniser::from_bytes(&good[..good.len() / 3], "cut.model")
            .unwrap_err()
            .to_string();
        assert!(err.contains("cut.model"), "{err}");
        let err = Recogniser::load(std::path::Path::new("/nonexistent/ner.model"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("/nonexistent/ner.model"), "{err}");
    }

    #[test]
    fn a_model_from_an_older_feature_set_is_refused_by_name() {
        let good = Recogniser::builtin().unwrap().to_model_file("t");
        // Version 1 files had the weights alone.
        let mut old = ModelFile::new(KIND, "old");
        old.push("weights", good.section("weights", "t").unwrap().to_vec());
        let err = Recogniser::from_bytes(&old.to_bytes(), "old.model")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("old.model") && err.contains("feature set 1") && err.contains("retrain"),
            "{err}"
        );
        let mut newer = ModelFile::new(KIND, "newer");
        let mut w = Writer::default();
        w.varint(FEATURE_SET + 1);
        newer.push("features", w.buf);
        let err = Recogniser::from_bytes(&newer.to_bytes(), "newer.model")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("feature set {}", FEATURE_SET + 1)),
            "{err}"
        );
    }

    #[test]
    fn the_builtin_model_finds_a_person_and_a_place() {
        let ner = Recogniser::builtin().unwrap();
        let words = [
            "Defense", "Minister", "Khawaja", "Asif", "arrived", "in", "Kabul", ".",
        ];
        use Upos::*;
        let tags = [Propn, Propn, Propn, Propn, Verb, Adp, Propn, Punct];
        let found = ner.recognise(&words, Some(&tags));
        assert!(
            found.contains(&Found {
                start: 2,
                end: 4,
                kind: EntityKind::Person
            }),
            "{found:?}"
        );
        assert!(
            found.contains(&Found {
                start: 6,
                end: 7,
                kind: EntityKind::Place
            }),
            "{found:?}"
        );
    }
}
