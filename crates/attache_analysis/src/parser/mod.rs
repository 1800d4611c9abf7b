//! Labelled dependency parsing in Universal Dependencies: a transition-based parser
//! (arc-hybrid, [`state`]) whose transitions are scored by a perceptron over rich feature
//! templates ([`features`]), and whose arc labels (full UD relations with subtypes:
//! `nsubj:pass`, `obl:tmod`) are chosen by a second perceptron as each arc is made, so later
//! decisions see them. A model decodes either greedily (trained locally against a dynamic
//! oracle) or with a beam of partial parses ranked by their summed transition scores
//! (trained globally, a structured perceptron with max-violation updates); the model file
//! records which ([`train`]).
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
    /// Partial parses kept at each step: 1 decodes greedily.
    beam: usize,
    /// The feature templates the weights were trained on ([`features::FEATURE_VERSION`] or
    /// an older one this build still reads).
    feature_version: u64,
}

/// The widest beam a model file may ask for.
pub const MAX_BEAM: usize = 64;

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
    beam: Beam,
}

/// The beam's buffers: the live partial parses with their summed scores, the next step's,
/// and the candidate transitions between them.
#[derive(Debug, Clone, Default)]
struct Beam {
    states: Vec<State>,
    scores: Vec<i64>,
    next_states: Vec<State>,
    next_scores: Vec<i64>,
    candidates: Vec<Candidate>,
}

/// A transition from a beam item, with the score its parse would have.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    score: i64,
    from: usize,
    m: usize,
}

/// Best score first; among equal scores the earlier item and the lower transition, so
/// decoding is deterministic.
fn rank(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    b.score
        .cmp(&a.score)
        .then(a.from.cmp(&b.from))
        .then(a.m.cmp(&b.m))
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
            beam: 1,
            feature_version: features::FEATURE_VERSION,
        }
    }

    /// The same parser decoding with a beam of `width` partial parses (1: greedy; at most
    /// [`MAX_BEAM`]). A model decodes best with the width it was trained with, which its
    /// file records.
    pub fn with_beam(mut self, width: usize) -> Parser {
        self.beam = width.clamp(1, MAX_BEAM);
        self
    }

    /// How many partial parses decoding keeps (1: greedy).
    pub fn beam(&self) -> usize {
        self.beam
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
        .with_beam(self.beam)
        .with_feature_version(self.feature_version)
    }

    /// The same weights read as trained on the templates of `version`.
    fn with_feature_version(mut self, version: u64) -> Parser {
        self.feature_version = version;
        self
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
        ws.cx.set_version(self.feature_version);
        let n = ws.cx.word.len() - 1;
        if self.beam > 1 {
            self.decode_beam(ws, n);
        } else {
            self.decode_greedy(ws, n);
        }
        let st = if self.beam > 1 {
            &ws.beam.states[0]
        } else {
            &ws.st
        };
        ws.tree.heads.clear();
        ws.tree.labels.clear();
        for d in 1..=n {
            // Every word has a head once the parse is terminal; 0 covers the unreachable rest.
            let h = st.head[d];
            ws.tree.heads.push(if h == state::NONE { 0 } else { h });
            ws.tree.labels.push(st.label[d]);
        }
        if let Some(voice) = self.voice {
            agree_on_voice(&mut ws.tree, voice);
        }
        &ws.tree
    }

    /// Follow the best legal transition at each step; the parse ends in `ws.st`.
    fn decode_greedy(&self, ws: &mut Workspace, n: usize) {
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
                Some((head, dep)) => {
                    self.choose_label(&ws.cx, &ws.st, head, dep, &mut ws.features, &mut ws.scores)
                }
                None => 0,
            };
            ws.st.apply(m, label, self.is_marker(label));
        }
    }

    /// Keep the `beam` best partial parses (by summed transition scores) at each step; every
    /// parse takes 2n transitions, so all end together, and the best ends in
    /// `ws.beam.states[0]`.
    fn decode_beam(&self, ws: &mut Workspace, n: usize) {
        let beam = &mut ws.beam;
        if beam.states.is_empty() {
            beam.states.push(State::default());
        }
        beam.states[0].reset(n);
        beam.scores.clear();
        beam.scores.push(0);
        while !beam.states[0].is_terminal() {
            beam.candidates.clear();
            for (i, st) in beam.states.iter().enumerate().take(beam.scores.len()) {
                features::transition(&ws.cx, st, &mut ws.features);
                self.moves.score(&ws.features, &mut ws.scores);
                for (m, &s) in ws.scores.iter().enumerate() {
                    if st.is_legal(Move::from_index(m)) {
                        beam.candidates.push(Candidate {
                            score: beam.scores[i] + i64::from(s),
                            from: i,
                            m,
                        });
                    }
                }
            }
            if beam.candidates.is_empty() {
                break; // unreachable: some transition is legal until the parse is complete
            }
            beam.candidates.sort_unstable_by(rank);
            beam.candidates.truncate(self.beam);
            while beam.next_states.len() < beam.candidates.len() {
                beam.next_states.push(State::default());
            }
            beam.next_scores.clear();
            for (j, c) in beam.candidates.iter().enumerate() {
                let st = &mut beam.next_states[j];
                st.copy_from(&beam.states[c.from]);
                let m = Move::from_index(c.m);
                let label = match st.arc(m) {
                    Some((head, dep)) => {
                        self.choose_label(&ws.cx, st, head, dep, &mut ws.features, &mut ws.scores)
                    }
                    None => 0,
                };
                st.apply(m, label, self.is_marker(label));
                beam.next_scores.push(c.score);
            }
            std::mem::swap(&mut beam.states, &mut beam.next_states);
            std::mem::swap(&mut beam.scores, &mut beam.next_scores);
        }
    }

    /// The best label for the arc `head` → `dep` in state `st`: "root" exactly when the head
    /// is ROOT. `features` and `scores` are scratch buffers.
    fn choose_label(
        &self,
        cx: &Context,
        st: &State,
        head: usize,
        dep: usize,
        features: &mut Vec<u32>,
        scores: &mut Vec<i32>,
    ) -> u16 {
        if head == 0 {
            return self.root;
        }
        features::label_features(cx, st, head, dep, features);
        self.labels.score(features, scores);
        let root = usize::from(self.root);
        table::best(scores, |l| l != root).map_or(0, |l| l as u16)
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
        meta.varint(self.feature_version);
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
        if self.beam > 1 {
            // Greedy models have no such section, as before beams existed.
            let mut w = Writer::default();
            w.varint(self.beam as u64);
            file.push("decoding", w.buf);
        }
        file
    }

    /// Read a parser from a model file's bytes; `what` names it in errors.
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Parser, AnalysisError> {
        let file = ModelFile::from_bytes(bytes, what, KIND)?;
        let mut meta = Reader::new(file.section("meta", what)?, what);
        let version = meta.varint()?;
        if !(features::OLDEST_FEATURE_VERSION..=features::FEATURE_VERSION).contains(&version) {
            return Err(meta.error(format!(
                "feature version {version}, this build extracts versions {} to {}; retrain the parser",
                features::OLDEST_FEATURE_VERSION,
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
        let mut beam = 1;
        if file.sections.iter().any(|(name, _)| name == "decoding") {
            let mut r = Reader::new(file.section("decoding", what)?, what);
            let width = r.varint()?;
            if width == 0 || width > MAX_BEAM as u64 {
                return Err(r.error(format!("beam width {width} (expected 1 to {MAX_BEAM})")));
            }
            beam = width as usize;
        }
        Ok(Parser::new(moves, labels, label_names)
            .with_beam(beam)
            .with_feature_version(version))
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
        toy_parser_with_beam(1)
    }

    fn toy_parser_with_beam(beam: usize) -> (Parser, Vec<conllu::Sentence>) {
        let sentences = conllu::parse(TOY, "toy").unwrap();
        let settings = train::Settings {
            epochs: 8,
            prune: 0.0,
            beam,
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
    fn a_beam_parser_learns_its_training_trees_globally() {
        let (parser, sentences) = toy_parser_with_beam(4);
        assert_eq!(parser.beam(), 4);
        let score = score::evaluate(&parser, &sentences);
        assert_eq!(score.words, 13);
        assert_eq!(score.labelled_full, 13, "{score:?}");
        // The same weights decoded greedily still give trees.
        let greedy = parser.clone().with_beam(1);
        let mut ws = Workspace::default();
        let words = sentences[2]
            .words
            .iter()
            .map(|w| (w.form.as_str(), w.upos.as_str(), w.xpos.as_str()));
        let tree = greedy.parse(words, &mut ws);
        assert_eq!(tree.heads.iter().filter(|&&h| h == 0).count(), 1);
    }

    #[test]
    fn a_written_parser_reads_back_and_parses_the_same() {
        for beam in [1, 3] {
            let (parser, sentences) = toy_parser_with_beam(beam);
            let bytes = parser.to_model_file("toy").to_bytes();
            let back = Parser::from_bytes(&bytes, "toy model").unwrap();
            assert_eq!(back.label_names(), parser.label_names());
            assert_eq!(back.beam(), beam);
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
    }

    #[test]
    fn a_beam_too_wide_or_empty_is_refused() {
        let (parser, _) = toy_parser();
        for width in [0, MAX_BEAM as u64 + 1] {
            let mut file = parser.to_model_file("toy");
            let mut w = Writer::default();
            w.varint(width);
            file.push("decoding", w.buf);
            let err = Parser::from_bytes(&file.to_bytes(), "m")
                .unwrap_err()
                .to_string();
            assert!(err.contains(&format!("beam width {width}")), "{err}");
        }
    }

    #[test]
    fn every_word_gets_a_head_and_exactly_one_is_the_root() {
        for beam in [1, 4] {
            every_word_gets_a_head_with_beam(beam);
        }
    }

    fn every_word_gets_a_head_with_beam(beam: usize) {
        let (parser, _) = toy_parser_with_beam(beam);
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

        let mut file = parser.to_model_file("toy");
        let mut meta = Writer::default();
        meta.varint(features::OLDEST_FEATURE_VERSION - 1);
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
