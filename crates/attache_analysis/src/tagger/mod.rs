//! The part-of-speech tagger: UPOS and Penn Treebank XPOS for each word, and its lemma.
//!
//! A greedy left-to-right averaged perceptron chooses, for each word, one class that is a
//! (UPOS, XPOS) pair seen in training ("VERB VBD", "AUX VBD", "PROPN NNP"), so the two tags
//! always agree. Its features ([`features`]) are the word, its ending, prefix and shape, the
//! words two either side, the two classes it chose before, and the ambiguity classes (the
//! set of classes training saw for a word) of the word and its neighbours. Frequent words
//! that training always saw with one class (the tag dictionary: "the", ",", "of") take it
//! without scoring. Lemmas come from [`Lemmatizer`] rules applied with the chosen XPOS.
//!
//! ```no_run
//! let tagger = attache_analysis::tagger::Tagger::builtin().unwrap();
//! let tags = tagger.tag(&["Pakistan", "closed", "the", "border", "."]);
//! assert_eq!(tags[1].lemma, "close");
//! ```

mod features;
pub mod lemma;
mod train;

use attache_model::{AnnotateError, Annotator, Document, Layers, Upos};
use rustc_hash::FxHashMap;

pub use lemma::Lemmatizer;
pub use train::{evaluate, train, TagScores, TrainSettings};

use crate::model_file::{ModelFile, Reader, Writer};
use crate::perceptron::Weights;
use crate::AnalysisError;

/// The model kind written in the tagger's model file header.
pub const KIND: &str = "tagger";

/// The model the project trained and committed (`data/models/tagger.model`).
static BUILTIN: &[u8] = include_bytes!("../../../../data/models/tagger.model");

/// One class the tagger chooses among: a UPOS tag with the XPOS it came with in training.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TagClass {
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: String,
}

/// What the tagger says about one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Dictionary form.
    pub lemma: String,
}

/// A trained tagger and lemmatizer.
#[derive(Debug, Clone)]
pub struct Tagger {
    classes: Vec<TagClass>,
    weights: Weights,
    /// Normalised word → the one class training always gave it (frequent words only).
    dictionary: FxHashMap<String, u16>,
    /// Normalised word → key of the set of classes training gave it.
    ambiguity: FxHashMap<String, u32>,
    lemmas: Lemmatizer,
    info: String,
}

impl Tagger {
    /// The committed model, embedded in the binary.
    pub fn builtin() -> Result<Tagger, AnalysisError> {
        Tagger::from_bytes(BUILTIN, "built-in tagger (data/models/tagger.model)")
    }

    /// Read a tagger model file from disk.
    pub fn read(path: &std::path::Path) -> Result<Tagger, AnalysisError> {
        Tagger::from_file(&ModelFile::read(path, KIND)?, &path.display().to_string())
    }

    /// Read a tagger from model file bytes; `what` names it in errors.
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Tagger, AnalysisError> {
        Tagger::from_file(&ModelFile::from_bytes(bytes, what, KIND)?, what)
    }

    fn from_file(file: &ModelFile, what: &str) -> Result<Tagger, AnalysisError> {
        let mut r = Reader::new(file.section("classes", what)?, what);
        let n = r.len()?;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let upos = r.string()?;
            let upos =
                Upos::parse(&upos).ok_or_else(|| r.error(format!("unknown UPOS tag `{upos}`")))?;
            classes.push(TagClass {
                upos,
                xpos: r.string()?,
            });
        }
        if classes.is_empty() || classes.len() > usize::from(u16::MAX) {
            return Err(r.error(format!("implausible class count {}", classes.len())));
        }
        let mut r = Reader::new(file.section("dictionary", what)?, what);
        let n = r.len()?;
        let mut dictionary = FxHashMap::default();
        dictionary.reserve(n);
        for _ in 0..n {
            let word = r.string()?;
            let class = r.varint()?;
            if class >= classes.len() as u64 {
                return Err(r.error(format!("dictionary class {class} out of range")));
            }
            dictionary.insert(word, class as u16);
        }
        let mut r = Reader::new(file.section("ambiguity", what)?, what);
        let n = r.len()?;
        let mut ambiguity = FxHashMap::default();
        ambiguity.reserve(n);
        for _ in 0..n {
            let word = r.string()?;
            let key = u32::try_from(r.varint()?).map_err(|_| r.error("ambiguity key overflow"))?;
            ambiguity.insert(word, key);
        }
        let weights = Weights::read(&mut Reader::new(file.section("weights", what)?, what))?;
        if weights.classes() != classes.len() {
            return Err(AnalysisError::Model {
                what: what.to_string(),
                problem: format!(
                    "weights for {} classes but {} classes listed",
                    weights.classes(),
                    classes.len()
                ),
            });
        }
        let lemmas = Lemmatizer::read(&mut Reader::new(file.section("lemmas", what)?, what))?;
        Ok(Tagger {
            classes,
            weights,
            dictionary,
            ambiguity,
            lemmas,
            info: file.info.clone(),
        })
    }

    /// The model file for this tagger.
    pub fn to_file(&self) -> ModelFile {
        let mut file = ModelFile::new(KIND, &self.info);
        let mut w = Writer::default();
        w.varint(self.classes.len() as u64);
        for c in &self.classes {
            w.string(c.upos.as_str());
            w.string(&c.xpos);
        }
        file.push("classes", w.buf);
        let mut w = Writer::default();
        let mut entries: Vec<_> = self.dictionary.iter().collect();
        entries.sort();
        w.varint(entries.len() as u64);
        for (word, class) in entries {
            w.string(word);
            w.varint(u64::from(*class));
        }
        file.push("dictionary", w.buf);
        let mut w = Writer::default();
        let mut entries: Vec<_> = self.ambiguity.iter().collect();
        entries.sort();
        w.varint(entries.len() as u64);
        for (word, key) in entries {
            w.string(word);
            w.varint(u64::from(*key));
        }
        file.push("ambiguity", w.buf);
        let mut w = Writer::default();
        self.weights.write(&mut w);
        file.push("weights", w.buf);
        let mut w = Writer::default();
        self.lemmas.write(&mut w);
        file.push("lemmas", w.buf);
        file
    }

    /// The description written when it was trained (command, data, scores, licence).
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Set the description written into its model file.
    pub fn set_info(&mut self, info: &str) {
        self.info = info.to_string();
    }

    /// The classes it chooses among.
    pub fn classes(&self) -> &[TagClass] {
        &self.classes
    }

    /// How many features carry weights.
    pub fn feature_count(&self) -> usize {
        self.weights.features()
    }

    /// The class index of each word of one sentence.
    fn classify(&self, words: &[&str]) -> Vec<u16> {
        let info = features::sentence_info(words, &self.ambiguity);
        let mut chosen: Vec<u16> = Vec::with_capacity(words.len());
        let mut feats = Vec::new();
        let mut scores = Vec::new();
        for i in 0..info.len() {
            let class = match self.dictionary.get(&info[i].norm) {
                Some(&c) => c,
                None => {
                    features::features(&info, i, &chosen, &mut feats);
                    self.weights
                        .best(&feats, &mut scores, |_| true)
                        .unwrap_or(0) as u16
                }
            };
            chosen.push(class);
        }
        chosen
    }

    /// Tag and lemmatise the words of one sentence.
    pub fn tag(&self, words: &[&str]) -> Vec<Tagged> {
        self.classify(words)
            .into_iter()
            .zip(words)
            .map(|(c, w)| {
                let class = &self.classes[usize::from(c)];
                Tagged {
                    upos: class.upos,
                    xpos: class.xpos.clone(),
                    lemma: self.lemmas.lemma(w, &class.xpos),
                }
            })
            .collect()
    }
}

impl Annotator for Tagger {
    fn name(&self) -> &'static str {
        "tagger"
    }

    fn requires(&self) -> Layers {
        Layers::TOKENS
    }

    fn provides(&self) -> Layers {
        Layers::TAGS
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let mut start = 0;
        while start < doc.tokens.len() {
            let sentence = doc.tokens[start].sentence;
            let mut end = start + 1;
            while end < doc.tokens.len() && doc.tokens[end].sentence == sentence {
                end += 1;
            }
            let tags = {
                let words: Vec<&str> = doc.tokens[start..end]
                    .iter()
                    .map(|t| doc.text_of(t.span))
                    .collect();
                self.tag(&words)
            };
            for (token, t) in doc.tokens[start..end].iter_mut().zip(tags) {
                token.upos = t.upos;
                token.xpos = t.xpos;
                token.lemma = t.lemma;
            }
            start = end;
        }
        doc.layers |= Layers::TAGS;
        Ok(())
    }
}
