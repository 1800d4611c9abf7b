//! Training the parser: averaged-perceptron updates against the dynamic oracle of the
//! arc-hybrid system (Goldberg & Nivre 2012, 2013).
//!
//! At each step the transition classifier is updated when its best legal transition is not
//! one of the cheapest (those that lose no reachable gold arc, or the fewest). During the
//! first epochs the parser then follows a cheapest transition; later it follows its own
//! prediction most of the time ("exploration"), so it learns to continue well from its own
//! mistakes, as it must when parsing. Each arc made is labelled by the label classifier,
//! which is updated whenever the arc is a gold arc; non-projective trees need no special
//! treatment, since the oracle's cheapest transitions remain well defined for them.
//!
//! With a beam (`Settings::beam` > 1) the transition classifier is trained globally instead,
//! as a structured perceptron over whole transition sequences (Zhang & Clark 2008; Zhang &
//! Nivre 2011), with max-violation updates (Huang, Fayong & Guo 2012): the sentence is
//! decoded with the beam, alongside a *gold* sequence, and at the step where the beam's best
//! partial parse outscores the gold prefix by the most (while being wrong), the gold prefix's
//! features are rewarded and the wrong one's penalised. A partial parse is *right* when every
//! transition it took was one of the oracle's cheapest; since several sequences build the
//! same tree, the gold is the best right parse in the beam while there is one, and once none
//! is left it goes on alone with its best cheapest transitions. Labels are still chosen per
//! arc, and their classifier learns locally on the gold sequence's arcs.

use rustc_hash::FxHashMap;

use crate::conllu::Sentence;
use crate::perceptron::{argmax, Trainer};
use crate::AnalysisError;

use super::features::{self, Context};
use super::state::{Move, State, MOVES, NONE};
use super::table::Table;
use super::Parser;

/// Training choices (defaults are the ones the shipped model was trained with).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// The first epoch (0-based) in which the parser follows its own predictions.
    pub explore_from: usize,
    /// How often, once exploring, a wrong prediction is followed rather than corrected.
    pub explore_probability: f64,
    /// Seed of the shuffling and exploration (training is deterministic given the seed).
    pub seed: u64,
    /// Features whose averaged weights are all smaller than this in magnitude (one update
    /// is 1) are dropped from the model: on EWT dev, 1.0 keeps 40% of the features, halves
    /// the file and changes UAS/LAS by under 0.001; 2.0 costs 0.006.
    pub prune: f32,
    /// Partial parses kept while training and decoding; 1 trains a greedy parser against the
    /// dynamic oracle (with exploration), more trains a beam parser globally (exploration
    /// settings unused).
    pub beam: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epochs: 10,
            explore_from: 1,
            explore_probability: 0.9,
            seed: 0x5eed,
            prune: 1.0,
            beam: 1,
        }
    }
}

/// Progress of one epoch, for reporting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochReport {
    /// 0-based epoch.
    pub epoch: usize,
    /// Share of transition decisions that were among the cheapest (with a beam: share of
    /// steps at which the beam's best partial parse was still right).
    pub move_accuracy: f64,
    /// Share of gold arcs made whose label was right.
    pub label_accuracy: f64,
}

/// Small deterministic random numbers (xorshift64*): shuffling and exploration.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A training sentence reduced to what the parser reads and predicts.
struct Example<'a> {
    words: Vec<(&'a str, &'a str, &'a str)>,
    /// Gold head per position (index 0 unused).
    gold: Vec<usize>,
    /// Gold label index per position (index 0 unused).
    labels: Vec<u16>,
}

/// Train a parser on sentences with gold trees (their UPOS/XPOS columns are the tags the
/// parser sees: pass predicted tags there to train for predicted tags). Sentences with a
/// missing head are skipped. `progress` is called after each epoch with its report and a
/// function that builds the parser averaged so far with a given pruning threshold (for
/// scoring on development data); an error it returns stops the training.
pub fn train(
    sentences: &[Sentence],
    settings: &Settings,
    mut progress: impl FnMut(
        EpochReport,
        &dyn Fn(f32) -> Result<Parser, AnalysisError>,
    ) -> Result<(), AnalysisError>,
) -> Result<Parser, AnalysisError> {
    let mut label_names: Vec<String> = sentences
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .filter(|l| l != "_" && !l.is_empty())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !label_names.iter().any(|l| l == "root") {
        label_names.push("root".to_string());
    }
    if label_names.len() > 128 {
        return Err(AnalysisError::Model {
            what: "parser training data".into(),
            problem: format!("{} relations, at most 128 supported", label_names.len()),
        });
    }
    let index: FxHashMap<&str, u16> = label_names
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u16))
        .collect();
    let examples: Vec<Example> = sentences
        .iter()
        .filter(|s| !s.words.is_empty() && s.words.iter().all(|w| w.head != usize::MAX))
        .map(|s| {
            let mut gold = vec![NONE];
            let mut labels = vec![0];
            for w in &s.words {
                gold.push(w.head);
                labels.push(index.get(w.deprel.as_str()).copied().unwrap_or(0));
            }
            Example {
                words: s
                    .words
                    .iter()
                    .map(|w| (w.form.as_str(), w.upos.as_str(), w.xpos.as_str()))
                    .collect(),
                gold,
                labels,
            }
        })
        .collect();
    if examples.is_empty() {
        return Err(AnalysisError::Model {
            what: "parser training data".into(),
            problem: "no sentence with a complete tree".into(),
        });
    }

    let shell = Parser::new(
        Table::empty(MOVES, 0, 1.0),
        Table::empty(label_names.len(), 0, 1.0),
        label_names.clone(),
    );
    let mut moves = Trainer::new(MOVES);
    let mut labels = Trainer::new(label_names.len());
    let mut rng = Rng(settings.seed | 1);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut cx = Context::default();
    let mut st = State::default();
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    let root = usize::from(shell.root);
    let mut beam = BeamTrainer::default();
    for epoch in 0..settings.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let explore = epoch >= settings.explore_from;
        let (mut moves_right, mut moves_seen, mut labels_right, mut labels_seen) = (0, 0, 0, 0);
        for &e in &order {
            let ex = &examples[e];
            if settings.beam > 1 {
                let counts = beam.train(ex, settings.beam, &shell, &mut moves, &mut labels);
                moves_right += counts[0];
                moves_seen += counts[1];
                labels_right += counts[2];
                labels_seen += counts[3];
                continue;
            }
            cx.fill(ex.words.iter().copied());
            cx.set_version(features::FEATURE_VERSION);
            st.reset(ex.words.len());
            while !st.is_terminal() {
                features::transition(&cx, &st, &mut feats);
                moves.score(&feats, &mut scores);
                let costs = st.costs(&ex.gold);
                let least = costs.iter().copied().min().unwrap_or(u32::MAX);
                let Some(guess) = argmax(&scores, |m| costs[m] != u32::MAX) else {
                    break;
                };
                let Some(best) = argmax(&scores, |m| costs[m] == least) else {
                    break;
                };
                moves_seen += 1;
                if costs[guess] == least {
                    moves_right += 1;
                } else {
                    moves.update(&feats, best, guess);
                }
                moves.tick();
                let chosen = if costs[guess] == least
                    || (explore && rng.unit() < settings.explore_probability)
                {
                    guess
                } else {
                    best
                };
                let m = Move::from_index(chosen);
                let mut label = 0u16;
                if let Some((head, dep)) = st.arc(m) {
                    if head == 0 {
                        label = shell.root;
                    } else {
                        features::label_features(&cx, &st, head, dep, &mut feats);
                        labels.score(&feats, &mut scores);
                        let guessed = argmax(&scores, |l| l != root).unwrap_or(0);
                        label = guessed as u16;
                        if ex.gold[dep] == head {
                            let truth = usize::from(ex.labels[dep]);
                            labels_seen += 1;
                            if truth == guessed {
                                labels_right += 1;
                            } else if truth != root {
                                labels.update(&feats, truth, guessed);
                            }
                            labels.tick();
                            if !explore {
                                label = truth as u16;
                            }
                        }
                    }
                }
                st.apply(m, label, shell.is_marker(label));
            }
        }
        let report = EpochReport {
            epoch,
            move_accuracy: moves_right as f64 / moves_seen.max(1) as f64,
            label_accuracy: labels_right as f64 / labels_seen.max(1) as f64,
        };
        progress(report, &|prune| {
            Parser::from_weights(
                &moves.finish(prune),
                &labels.finish(prune),
                label_names.clone(),
            )
            .map(|p| p.with_beam(settings.beam))
        })?;
    }
    Parser::from_weights(
        &moves.finish(settings.prune),
        &labels.finish(settings.prune),
        label_names,
    )
    .map(|p| p.with_beam(settings.beam))
}

/// A partial parse of beam training: its summed score, its last transition in the history
/// tree, and whether all its transitions were among the oracle's cheapest.
#[derive(Debug, Clone, Copy)]
struct Item {
    score: f64,
    node: u32,
    right: bool,
}

/// A transition taken in beam training: the node it came from, which transition, and the
/// features of the state it was taken in (a range of [`BeamTrainer::arena`]).
#[derive(Debug, Clone, Copy)]
struct Node {
    parent: u32,
    m: usize,
    features: (u32, u32),
}

/// A candidate transition from a beam item.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    score: f64,
    from: usize,
    m: usize,
    right: bool,
}

/// A state's features (a range of [`BeamTrainer::arena`]), its transitions' scores and their
/// costs under the oracle.
type Scored = ((u32, u32), [f64; MOVES], [u32; MOVES]);

/// Buffers of beam training, reused from sentence to sentence.
#[derive(Default)]
struct BeamTrainer {
    cx: Context,
    states: Vec<State>,
    items: Vec<Item>,
    next_states: Vec<State>,
    next_items: Vec<Item>,
    /// Per live item: its features' range in the arena and its transition scores.
    scored: Vec<Scored>,
    candidates: Vec<Candidate>,
    /// The gold sequence's state when it is not in the beam.
    gold_state: State,
    nodes: Vec<Node>,
    arena: Vec<u32>,
    feats: Vec<u32>,
    scores: Vec<f32>,
}

impl BeamTrainer {
    /// Featurise and score `st`, keeping its features in the arena.
    fn score(&mut self, st_index: Option<usize>, moves: &Trainer, gold: &[usize]) -> Scored {
        let st = match st_index {
            Some(i) => &self.states[i],
            None => &self.gold_state,
        };
        features::transition(&self.cx, st, &mut self.feats);
        moves.score(&self.feats, &mut self.scores);
        let start = self.arena.len() as u32;
        self.arena.extend_from_slice(&self.feats);
        let mut s = [0.0; MOVES];
        for (m, v) in s.iter_mut().enumerate() {
            *v = f64::from(self.scores[m]);
        }
        ((start, self.arena.len() as u32), s, st.costs(gold))
    }

    /// The label of the arc that `m` makes in `st` (0 when it makes none): the label
    /// classifier's guess, or on a gold arc of the gold sequence (`learn`) the gold label,
    /// after the classifier has learned from it. Counts (right, seen) of gold labels.
    #[allow(clippy::too_many_arguments)]
    fn label(
        cx: &Context,
        st: &State,
        m: Move,
        ex: &Example,
        learn: bool,
        shell: &Parser,
        labels: &mut Trainer,
        feats: &mut Vec<u32>,
        scores: &mut Vec<f32>,
        counts: &mut [usize; 4],
    ) -> u16 {
        let Some((head, dep)) = st.arc(m) else {
            return 0;
        };
        if head == 0 {
            return shell.root;
        }
        let root = usize::from(shell.root);
        features::label_features(cx, st, head, dep, feats);
        labels.score(feats, scores);
        let guessed = argmax(scores, |l| l != root).unwrap_or(0);
        if !learn || ex.gold[dep] != head {
            return guessed as u16;
        }
        let truth = usize::from(ex.labels[dep]);
        counts[3] += 1;
        if truth == guessed {
            counts[2] += 1;
        } else if truth != root {
            labels.update(feats, truth, guessed);
        }
        labels.tick();
        truth as u16
    }

    /// Train on one sentence; returns (steps with a right best parse, steps, gold labels
    /// guessed right, gold labels seen).
    fn train(
        &mut self,
        ex: &Example,
        width: usize,
        shell: &Parser,
        moves: &mut Trainer,
        labels: &mut Trainer,
    ) -> [usize; 4] {
        let mut counts = [0usize; 4];
        let n = ex.words.len();
        self.cx.fill(ex.words.iter().copied());
        self.cx.set_version(features::FEATURE_VERSION);
        self.nodes.clear();
        self.arena.clear();
        self.nodes.push(Node {
            parent: 0,
            m: 0,
            features: (0, 0),
        });
        if self.states.is_empty() {
            self.states.push(State::default());
        }
        self.states[0].reset(n);
        self.items.clear();
        self.items.push(Item {
            score: 0.0,
            node: 0,
            right: true,
        });
        // The gold: an item of the beam (its index) or `gold_state` with this item.
        let mut gold_at: Option<usize> = Some(0);
        let mut gold = self.items[0];
        // The worst violation so far: (margin, beam's best node, gold node).
        let mut worst: Option<(f64, u32, u32)> = None;
        while !self.states[0].is_terminal() {
            self.scored.clear();
            self.candidates.clear();
            for i in 0..self.items.len() {
                let scored = self.score(Some(i), moves, &ex.gold);
                let (_, s, costs) = scored;
                let least = costs.iter().copied().min().unwrap_or(u32::MAX);
                let item = self.items[i];
                for m in 0..MOVES {
                    if costs[m] != u32::MAX {
                        self.candidates.push(Candidate {
                            score: item.score + s[m],
                            from: i,
                            m,
                            right: item.right && costs[m] == least,
                        });
                    }
                }
                self.scored.push(scored);
            }
            let gold_scored = match gold_at {
                Some(i) => self.scored[i],
                None => self.score(None, moves, &ex.gold),
            };
            if self.candidates.is_empty() {
                break; // unreachable: some transition is legal until the parse is complete
            }
            self.candidates.sort_unstable_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(a.from.cmp(&b.from))
                    .then(a.m.cmp(&b.m))
            });
            self.candidates.truncate(width);
            let first_right = self.candidates.iter().position(|c| c.right);
            while self.next_states.len() < self.candidates.len() {
                self.next_states.push(State::default());
            }
            self.next_items.clear();
            for (j, c) in self.candidates.iter().enumerate() {
                let st = &mut self.next_states[j];
                st.copy_from(&self.states[c.from]);
                let m = Move::from_index(c.m);
                let label = Self::label(
                    &self.cx,
                    st,
                    m,
                    ex,
                    first_right == Some(j),
                    shell,
                    labels,
                    &mut self.feats,
                    &mut self.scores,
                    &mut counts,
                );
                st.apply(m, label, shell.is_marker(label));
                self.nodes.push(Node {
                    parent: self.items[c.from].node,
                    m: c.m,
                    features: self.scored[c.from].0,
                });
                self.next_items.push(Item {
                    score: c.score,
                    node: (self.nodes.len() - 1) as u32,
                    right: c.right,
                });
            }
            if first_right.is_none() {
                // The gold falls off the beam (or was off it): it goes on alone with its best
                // cheapest transition.
                if let Some(i) = gold_at {
                    self.gold_state.copy_from(&self.states[i]);
                }
                let (range, s, costs) = gold_scored;
                let least = costs.iter().copied().min().unwrap_or(u32::MAX);
                let best = (0..MOVES)
                    .filter(|&m| costs[m] == least)
                    .max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a)))
                    .unwrap_or(0);
                let m = Move::from_index(best);
                let label = Self::label(
                    &self.cx,
                    &self.gold_state,
                    m,
                    ex,
                    true,
                    shell,
                    labels,
                    &mut self.feats,
                    &mut self.scores,
                    &mut counts,
                );
                self.gold_state.apply(m, label, shell.is_marker(label));
                self.nodes.push(Node {
                    parent: gold.node,
                    m: best,
                    features: range,
                });
                gold = Item {
                    score: gold.score + s[best],
                    node: (self.nodes.len() - 1) as u32,
                    right: true,
                };
            }
            std::mem::swap(&mut self.states, &mut self.next_states);
            std::mem::swap(&mut self.items, &mut self.next_items);
            if let Some(j) = first_right {
                gold_at = Some(j);
                gold = self.items[j];
            } else {
                gold_at = None;
            }
            let best = self.items[0];
            counts[1] += 1;
            if best.right {
                counts[0] += 1;
            } else {
                let margin = best.score - gold.score;
                if worst.is_none_or(|(w, _, _)| margin >= w) {
                    worst = Some((margin, best.node, gold.node));
                }
            }
        }
        if let Some((margin, mut wrong, mut right)) = worst {
            if margin >= 0.0 {
                // Both sequences have the same length: walk back to where they part.
                while wrong != right {
                    let (w, r) = (self.nodes[wrong as usize], self.nodes[right as usize]);
                    let fw = &self.arena[w.features.0 as usize..w.features.1 as usize];
                    moves.adjust(fw, w.m, -1.0);
                    let fr = &self.arena[r.features.0 as usize..r.features.1 as usize];
                    moves.adjust(fr, r.m, 1.0);
                    wrong = w.parent;
                    right = r.parent;
                }
            }
        }
        moves.tick();
        counts
    }
}

/// The sentences the shipped parser is trained on: EWT train, plus GUM train when `with_gum`
/// (GUM's wider genres, news among them, raise the EWT scores too).
pub fn training_sentences(
    ud: &std::path::Path,
    with_gum: bool,
) -> Result<Vec<Sentence>, AnalysisError> {
    use crate::treebank::{self, Split};
    let mut out: Vec<Sentence> = treebank::sentences(&treebank::ewt(ud, Split::Train)?)
        .cloned()
        .collect();
    if with_gum {
        out.extend(treebank::sentences(&treebank::gum(ud, Split::Train)?).cloned());
    }
    Ok(out)
}

/// Replace the UPOS/XPOS columns of `sentences` with what `tagger` predicts for their words
/// (gold tokens, predicted tags: how the parser is scored, and how it runs in the pipeline).
pub fn retag(tagger: &crate::tagger::Tagger, sentences: &mut [Sentence]) {
    for s in sentences {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = tagger.tag(&words);
        for (w, t) in s.words.iter_mut().zip(tags) {
            w.upos = t.upos.as_str().to_string();
            w.xpos = t.xpos;
        }
    }
}

/// Replace the tags of `sentences` by jackknifing: split them into `folds` parts, train a
/// tagger (its default settings) on all parts but one and tag that one with it, for each
/// part. The parser then learns from tags as wrong as the ones it will be given, which
/// scores better with predicted tags than learning from gold tags. `progress` hears about
/// each fold.
pub fn jackknife_tags(sentences: &mut [Sentence], folds: usize, progress: &mut dyn FnMut(&str)) {
    let folds = folds.max(2);
    let settings = crate::tagger::TrainSettings::default();
    for fold in 0..folds {
        let (held, rest): (Vec<usize>, Vec<usize>) =
            (0..sentences.len()).partition(|i| i % folds == fold);
        let train: Vec<&Sentence> = rest.iter().map(|&i| &sentences[i]).collect();
        let tagger = crate::tagger::train(&train, &train, &[], &settings, &mut |_| {});
        let mut part: Vec<Sentence> = held.iter().map(|&i| sentences[i].clone()).collect();
        retag(&tagger, &mut part);
        for (i, s) in held.into_iter().zip(part) {
            sentences[i] = s;
        }
        progress(&format!(
            "tagged fold {} of {folds} with a tagger trained on the other folds",
            fold + 1
        ));
    }
}
