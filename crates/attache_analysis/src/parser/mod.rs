//! Labelled dependency parsing in Universal Dependencies: a greedy transition-based parser
//! (arc-hybrid, [`state`]) whose transitions are chosen by an averaged perceptron over rich
//! feature templates ([`features`]), trained with a dynamic oracle ([`train`]), and whose arc
//! labels (full UD relations with subtypes: `nsubj:pass`, `obl:tmod`) are chosen by a second
//! perceptron as each arc is made, so later decisions see them.
//!
//! Input is a tagged sentence (form, UPOS, XPOS per word); output is one head per word (0 for
//! the root, else the 1-based index of the head) and one relation. The result is always a
//! tree with exactly one root.
//!
//! ```no_run
//! use attache_analysis::parser::{Parser, Workspace};
//! let parser = Parser::load(std::path::Path::new("data/models/parser.model"))?;
//! let mut ws = Workspace::default();
//! let words = [("Talks", "NOUN", "NNS"), ("resumed", "VERB", "VBD"), (".", "PUNCT", ".")];
//! let tree = parser.parse(words.iter().copied(), &mut ws);
//! assert_eq!(tree.heads, [2, 0, 2]);
//! # Ok::<(), attache_analysis::AnalysisError>(())
//! ```

mod annotate;
pub mod features;
pub mod score;
pub mod state;
mod table;
pub mod train;

use std::path::Path;

use crate::model_file::{ModelFile, Reader, Writer};
use crate::perceptron::Weights;
use crate::AnalysisError;

use features::Context;
use state::{Move, State, MOVES};
use table::Table;

/// The committed model, embedded so the binary needs no file at run time.
const BUILTIN: &[u8] = include_bytes!("../../../../data/models/parser.model");

/// The model file kind of a parser.
pub const KIND: &str = "parser";

/// Relations whose dependent marks its head's role (a preposition, a subordinator): the
/// parser remembers each word's last such dependent as a feature for labelling that word.
const MARKER_RELATIONS: [&str; 2] = ["case", "mark"];

/// A trained parser.
#[derive(Debug, Clone)]
pub struct Parser {
    moves: Table,
    labels: Table,
    label_names: Vec<String>,
    is_marker: Vec<bool>,
    root: u16,
    voice: Option<Voice>,
}

/// The label indices that must agree on a clause's voice: a passive subject goes with a
/// passive auxiliary, an active subject without one.
#[derive(Debug, Clone, Copy)]
struct Voice {
    subject: [u16; 2],
    passive_subject: [u16; 2],
    passive_aux: u16,
}

impl Voice {
    fn of(label_names: &[String]) -> Option<Voice> {
        let at = |name: &str| label_names.iter().position(|l| l == name).map(|i| i as u16);
        Some(Voice {
            subject: [at("nsubj")?, at("csubj")?],
            passive_subject: [at("nsubj:pass")?, at("csubj:pass")?],
            passive_aux: at("aux:pass")?,
        })
    }
}

/// Reusable buffers for parsing, so that parsing a sentence allocates nothing once they have
/// grown to the longest sentence seen.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    cx: Context,
    st: State,
    features: Vec<u32>,
    scores: Vec<i32>,
    tree: Tree,
}

/// A parse: per word (in order), its head (0 = root, else the 1-based index of the head
/// word) and its relation's index in [`Parser::label_name`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    /// Head of each word: 0 for the root, else the 1-based position of the head.
    pub heads: Vec<usize>,
    /// Relation of each word, as a label index.
    pub labels: Vec<u16>,
}

impl Parser {
    /// A parser from trained weights.
    fn from_weights(
        moves: &Weights,
        labels: &Weights,
        label_names: Vec<String>,
    ) -> Result<Parser, AnalysisError> {
        Ok(Parser::new(
            Table::new(moves)?,
            Table::new(labels)?,
            label_names,
        ))
    }

    fn new(moves: Table, labels: Table, label_names: Vec<String>) -> Parser {
        let is_marker = label_names
            .iter()
            .map(|l| MARKER_RELATIONS.contains(&l.split(':').next().unwrap_or("")))
            .collect();
        let root = label_names.iter().position(|l| l == "root").unwrap_or(0) as u16;
        let voice = Voice::of(&label_names);
        Parser {
            moves,
            labels,
            label_names,
            is_marker,
            root,
            voice,
        }
    }

    /// The relation (with subtype) of a label index; "dep" for an index beyond the labels.
    pub fn label_name(&self, label: u16) -> &str {
        self.label_names
            .get(usize::from(label))
            .map_or("dep", String::as_str)
    }

    /// The same parser without the features whose every weight is below `min_abs` in
    /// magnitude (one perceptron update is 1): a smaller, faster model that decides almost
    /// always the same way.
    pub fn pruned(&self, min_abs: f32) -> Parser {
        Parser::new(
            self.moves.pruned(min_abs),
            self.labels.pruned(min_abs),
            self.label_names.clone(),
        )
    }

    /// How many features the transition and the label classifiers weigh.
    pub fn feature_counts(&self) -> (usize, usize) {
        (self.moves.rows(), self.labels.rows())
    }

    /// Every relation the parser can output, by label index.
    pub fn label_names(&self) -> &[String] {
        &self.label_names
    }

    /// Parse one tagged sentence given as (form, UPOS, XPOS) per word. The returned tree
    /// lives in `ws` until the next parse.
    pub fn parse<'w, 'a>(
        &self,
        words: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
        ws: &'w mut Workspace,
    ) -> &'w Tree {
        ws.cx.fill(words);
        let n = ws.cx.word.len() - 1;
        ws.st.reset(n);
        while !ws.st.is_terminal() {
            features::transition(&ws.cx, &ws.st, &mut ws.features);
            self.moves.score(&ws.features, &mut ws.scores);
            let st = &ws.st;
            let Some(best) = table::best(&ws.scores, |m| st.is_legal(Move::from_index(m))) else {
                break; // unreachable: some transition is legal until the parse is complete
            };
            let m = Move::from_index(best);
            let label = match ws.st.arc(m) {
                Some((head, dep)) => self.choose_label(ws, head, dep),
                None => 0,
            };
            ws.st.apply(m, label, self.is_marker(label));
        }
        ws.tree.heads.clear();
        ws.tree.labels.clear();
        for d in 1..=n {
            // Every word has a head once the parse is terminal; 0 covers the unreachable rest.
            let h = ws.st.head[d];
            ws.tree.heads.push(if h == state::NONE { 0 } else { h });
            ws.tree.labels.push(ws.st.label[d]);
        }
        if let Some(voice) = self.voice {
            agree_on_voice(&mut ws.tree, voice);
        }
        &ws.tree
    }

    /// The best label for the arc `head` → `dep`: "root" exactly when the head is ROOT.
    fn choose_label(&self, ws: &mut Workspace, head: usize, dep: usize) -> u16 {
        if head == 0 {
            return self.root;
        }
        features::label_features(&ws.cx, &ws.st, head, dep, &mut ws.features);
        self.labels.score(&ws.features, &mut ws.scores);
        let root = usize::from(self.root);
        table::best(&ws.scores, |l| l != root).map_or(0, |l| l as u16)
    }

    pub(crate) fn is_marker(&self, label: u16) -> bool {
        self.is_marker
            .get(usize::from(label))
            .copied()
            .unwrap_or(false)
    }

    /// The model as a model file (`info` describes how it was trained).
    pub fn to_model_file(&self, info: &str) -> ModelFile {
        let mut file = ModelFile::new(KIND, info);
        let mut meta = Writer::default();
        meta.varint(features::FEATURE_VERSION);
        meta.varint(self.label_names.len() as u64);
        for l in &self.label_names {
            meta.string(l);
        }
        file.push("meta", meta.buf);
        let mut w = Writer::default();
        self.moves.write(&mut w);
        file.push("moves", w.buf);
        let mut w = Writer::default();
        self.labels.write(&mut w);
        file.push("labels", w.buf);
        file
    }

    /// Read a parser from a model file's bytes; `what` names it in errors.
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Parser, AnalysisError> {
        let file = ModelFile::from_bytes(bytes, what, KIND)?;
        let mut meta = Reader::new(file.section("meta", what)?, what);
        let version = meta.varint()?;
        if version != features::FEATURE_VERSION {
            return Err(meta.error(format!(
                "feature version {version}, this build extracts version {}; retrain the parser",
                features::FEATURE_VERSION
            )));
        }
        let count = meta.len()?;
        let mut label_names = Vec::with_capacity(count.min(1024));
        for _ in 0..count {
            label_names.push(meta.string()?);
        }
        if label_names.is_empty() || label_names.len() > 128 {
            return Err(meta.error(format!(
                "{} relation labels (expected 1 to 128)",
                label_names.len()
            )));
        }
        if !label_names.iter().any(|l| l == "root") {
            return Err(meta.error("no `root` relation among the labels"));
        }
        let moves = Table::read(&mut Reader::new(file.section("moves", what)?, what))?;
        if moves.classes() != MOVES {
            return Err(meta.error(format!(
                "{} transition classes, expected {MOVES}",
                moves.classes()
            )));
        }
        let labels = Table::read(&mut Reader::new(file.section("labels", what)?, what))?;
        if labels.classes() != label_names.len() {
            return Err(meta.error(format!(
                "{} label classes for {} relation names",
                labels.classes(),
                label_names.len()
            )));
        }
        Ok(Parser::new(moves, labels, label_names))
    }

    /// The parser trained by the project (`data/models/parser.model`, embedded in the binary).
    pub fn builtin() -> Result<Parser, AnalysisError> {
        Parser::from_bytes(BUILTIN, "built-in parser (data/models/parser.model)")
    }

    /// Read a parser model file.
    pub fn load(path: &Path) -> Result<Parser, AnalysisError> {
        let bytes = std::fs::read(path).map_err(|source| AnalysisError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Parser::from_bytes(&bytes, &path.display().to_string())
    }
}

/// Make each clause's subject agree with its voice: the label classifier picks each arc's
/// relation alone, and reads "the government and the rebels have agreed" with a passive
/// subject although the verb has no passive auxiliary (a perfect, not a passive). A subject
/// takes the voice its head's auxiliaries show.
fn agree_on_voice(tree: &mut Tree, voice: Voice) {
    let n = tree.heads.len();
    let mut has_passive_aux = vec![false; n + 1];
    for d in 0..n {
        if tree.labels[d] == voice.passive_aux {
            has_passive_aux[tree.heads[d]] = true;
        }
    }
    for d in 0..n {
        let passive = has_passive_aux[tree.heads[d]];
        for k in 0..2 {
            if !passive && tree.labels[d] == voice.passive_subject[k] {
                tree.labels[d] = voice.subject[k];
            } else if passive && tree.labels[d] == voice.subject[k] {
                tree.labels[d] = voice.passive_subject[k];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    /// Three short sentences written for this test (not treebank text).
    const TOY: &str = "1\tPakistan\tPakistan\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tagreed\tagree\tVERB\tVBD\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n\
1\tTalks\ttalk\tNOUN\tNNS\t_\t3\tnsubj:pass\t_\t_\n2\twere\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_\n3\tresumed\tresume\tVERB\tVBN\t_\t0\troot\t_\t_\n4\ttoday\ttoday\tNOUN\tNN\t_\t3\tobl:tmod\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n4\tenvoys\tenvoy\tNOUN\tNNS\t_\t3\tobj\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    fn toy_parser() -> (Parser, Vec<conllu::Sentence>) {
        let sentences = conllu::parse(TOY, "toy").unwrap();
        let settings = train::Settings {
            epochs: 8,
            prune: 0.0,
            ..Default::default()
        };
        (
            train::train(&sentences, &settings, |_, _| Ok(())).unwrap(),
            sentences,
        )
    }

    #[test]
    fn a_subject_takes_the_voice_its_auxiliaries_show() {
        let names: Vec<String> = [
            "root",
            "nsubj",
            "nsubj:pass",
            "csubj",
            "csubj:pass",
            "aux",
            "aux:pass",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let voice = Voice::of(&names).unwrap();
        let label = |name: &str| names.iter().position(|l| l == name).unwrap() as u16;
        // "Rebels have agreed" read with a passive subject: no passive auxiliary, active.
        let mut perfect = Tree {
            heads: vec![3, 3, 0],
            labels: vec![label("nsubj:pass"), label("aux"), label("root")],
        };
        agree_on_voice(&mut perfect, voice);
        assert_eq!(perfect.labels[0], label("nsubj"));
        // "Talks were resumed" read with an active subject: the passive auxiliary decides.
        let mut passive = Tree {
            heads: vec![3, 3, 0],
            labels: vec![label("nsubj"), label("aux:pass"), label("root")],
        };
        agree_on_voice(&mut passive, voice);
        assert_eq!(passive.labels[0], label("nsubj:pass"));
        // A model without these relations parses unchanged.
        assert!(Voice::of(&names[..2]).is_none());
    }

    #[test]
    fn a_parser_learns_its_training_trees_with_subtyped_labels() {
        let (parser, sentences) = toy_parser();
        let score = score::evaluate(&parser, &sentences);
        assert_eq!(score.words, 13);
        assert_eq!(score.labelled_full, 13, "{score:?}");
    }

    #[test]
    fn a_written_parser_reads_back_and_parses_the_same() {
        let (parser, sentences) = toy_parser();
        let bytes = parser.to_model_file("toy").to_bytes();
        let back = Parser::from_bytes(&bytes, "toy model").unwrap();
        assert_eq!(back.label_names(), parser.label_names());
        let mut ws = Workspace::default();
        for s in &sentences {
            let words = || {
                s.words
                    .iter()
                    .map(|w| (w.form.as_str(), w.upos.as_str(), w.xpos.as_str()))
            };
            let a = parser.parse(words(), &mut ws).clone();
            assert_eq!(&a, back.parse(words(), &mut ws));
        }
    }

    #[test]
    fn every_word_gets_a_head_and_exactly_one_is_the_root() {
        let (parser, _) = toy_parser();
        let mut ws = Workspace::default();
        let words = [
            ("envoys", "NOUN", "NNS"),
            ("agreed", "VERB", "VBD"),
            ("talks", "NOUN", "NNS"),
            ("resumed", "VERB", "VBD"),
            ("today", "NOUN", "NN"),
        ];
        let tree = parser.parse(words.iter().copied(), &mut ws);
        assert_eq!(tree.heads.len(), 5);
        assert_eq!(tree.heads.iter().filter(|&&h| h == 0).count(), 1);
        assert!(tree.heads.iter().all(|&h| h <= 5));
        let root = tree.heads.iter().position(|&h| h == 0).unwrap();
        assert_eq!(parser.label_name(tree.labels[root]), "root");
        assert!(parser.parse(std::iter::empty(), &mut ws).heads.is_empty());
    }

    #[test]
    fn pruning_drops_small_weights_and_keeps_the_parse_a_tree() {
        let (parser, sentences) = toy_parser();
        let (moves, labels) = parser.feature_counts();
        let same = parser.pruned(0.0);
        assert_eq!(same.feature_counts(), (moves, labels));
        let lean = parser.pruned(1e9);
        assert_eq!(lean.feature_counts(), (0, 0));
        let mut ws = Workspace::default();
        let words = sentences[1]
            .words
            .iter()
            .map(|w| (w.form.as_str(), w.upos.as_str(), w.xpos.as_str()));
        let tree = lean.parse(words, &mut ws);
        assert_eq!(tree.heads.iter().filter(|&&h| h == 0).count(), 1);
    }

    #[test]
    fn a_corrupt_model_is_a_clear_error() {
        let (parser, _) = toy_parser();
        let mut bytes = parser.to_model_file("toy").to_bytes();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x40;
        let err = Parser::from_bytes(&bytes, "parser.model")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("parser.model") && err.contains("checksum"),
            "{err}"
        );
        let err = Parser::from_bytes(&bytes[..10], "parser.model")
            .unwrap_err()
            .to_string();
        assert!(err.contains("parser.model"), "{err}");
    }

    #[test]
    fn a_model_of_another_kind_is_refused() {
        let bytes = ModelFile::new("tagger", "x").to_bytes();
        let err = Parser::from_bytes(&bytes, "m").unwrap_err().to_string();
        assert!(err.contains("expected a parser model"), "{err}");
    }

    #[test]
    fn a_model_with_missing_or_inconsistent_sections_is_refused() {
        let (parser, _) = toy_parser();
        let mut file = parser.to_model_file("toy");
        file.sections.retain(|(name, _)| name != "labels");
        let err = Parser::from_bytes(&file.to_bytes(), "m")
            .unwrap_err()
            .to_string();
        assert!(err.contains("no `labels` section"), "{err}");

        let mut file = parser.to_model_file("toy");
        let mut meta = Writer::default();
        meta.varint(features::FEATURE_VERSION);
        meta.varint(1);
        meta.string("root");
        file.sections[0].1 = meta.buf;
        let err = Parser::from_bytes(&file.to_bytes(), "m")
            .unwrap_err()
            .to_string();
        assert!(err.contains("label classes for 1 relation names"), "{err}");

        let mut file = parser.to_model_file("toy");
        let mut meta = Writer::default();
        meta.varint(features::FEATURE_VERSION + 1);
        file.sections[0].1 = meta.buf;
        let err = Parser::from_bytes(&file.to_bytes(), "m")
            .unwrap_err()
            .to_string();
        assert!(err.contains("retrain the parser"), "{err}");
    }

    #[test]
    fn a_missing_model_file_names_its_path() {
        let err = Parser::load(Path::new("/nonexistent/parser.model"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("/nonexistent/parser.model"), "{err}");
    }
}
