//! Training and scoring the entity recogniser.
//!
//! Training reads Universal NER's EWT dev sentences (there is no UNER train split) and GUM's
//! train and dev documents ([`super::data`]) and decodes them for a few epochs in a fixed
//! shuffled order; wherever the best sequence differs from the gold one, the gold labels'
//! features are rewarded and the guessed ones' penalised (Collins's structured perceptron). Scores are entity-level: an entity counts only when its span and kind are
//! both exactly right (the CoNLL convention).

use std::path::Path;

use attache_model::Upos;

use super::data::{self, NerSentence};
use super::features::{history_features, sentence_features, Resources, SentenceFeatures, Words};
use super::gazetteer::Gazetteer;
use super::lexicon::CaseLexicon;
use super::{encode, viterbi, Recogniser, KINDS, OUTSIDE};
use crate::perceptron::Trainer;
use crate::treebank::{self, Split};
use crate::AnalysisError;

/// Epochs over the training sentences.
pub const EPOCHS: usize = 12;

/// Averaged weights below this magnitude are dropped from the model (they barely move a
/// score and cost space).
pub const MIN_WEIGHT: f32 = 0.002;

/// The training sentences: UNER EWT dev and GUM train and dev.
pub fn training_sentences(ud: &Path) -> Result<Vec<NerSentence>, AnalysisError> {
    let mut out = data::uner(ud, Split::Dev)?;
    out.extend(data::gum(&treebank::gum(ud, Split::Train)?)?);
    out.extend(data::gum(&treebank::gum(ud, Split::Dev)?)?);
    Ok(out)
}

/// The raw text the case lexicon is counted from: the words of the EWT and GUM training
/// documents (their entities are not read).
pub fn raw_sentences(ud: &Path) -> Result<Vec<Vec<String>>, AnalysisError> {
    let mut out = Vec::new();
    for docs in [
        treebank::ewt(ud, Split::Train)?,
        treebank::gum(ud, Split::Train)?,
    ] {
        out.extend(
            treebank::sentences(&docs).map(|s| s.words.iter().map(|w| w.form.clone()).collect()),
        );
    }
    Ok(out)
}

/// A fixed pseudo-random order (so training is reproducible).
fn shuffled(n: usize, epoch: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = 0x9e37_79b9_7f4a_7c15u64 ^ (epoch as u64).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// One training sentence in this many is shown without its tags, so the recogniser also
/// works when no tagger ran before it.
pub const UNTAGGED_EVERY: usize = 4;

fn features_of(s: &NerSentence, resources: &Resources<'_>, tagged: bool) -> SentenceFeatures {
    let forms: Vec<&str> = s.words.iter().map(String::as_str).collect();
    let untagged = vec![Upos::X; s.upos.len()];
    sentence_features(
        &Words {
            forms: &forms,
            upos: if tagged { &s.upos } else { &untagged },
        },
        resources,
    )
}

/// Train a recogniser on `sentences` for `epochs` epochs, with the case lexicon counted from
/// `raw` (sentences as word forms); `progress` hears one line per epoch.
pub fn train(
    sentences: &[NerSentence],
    raw: &[Vec<String>],
    epochs: usize,
    info: &str,
    mut progress: impl FnMut(&str),
) -> Result<Recogniser, AnalysisError> {
    let gazetteer = Gazetteer::builtin();
    let lexicon = CaseLexicon::count(raw.iter().map(Vec::as_slice));
    progress(&format!(
        "ner case lexicon: {} words from {} raw sentences",
        lexicon.len(),
        raw.len()
    ));
    let resources = Resources {
        gazetteer: &gazetteer,
        lexicon: &lexicon,
    };
    let prepared: Vec<(SentenceFeatures, Vec<usize>)> = sentences
        .iter()
        .filter(|s| !s.words.is_empty())
        .enumerate()
        .map(|(k, s)| {
            let tagged = k % UNTAGGED_EVERY != UNTAGGED_EVERY - 1;
            (
                features_of(s, &resources, tagged),
                encode(s.words.len(), &s.entities),
            )
        })
        .collect();
    let mut trainer = Trainer::new(super::LABELS);
    let mut history = Vec::new();
    for epoch in 0..epochs {
        let (mut words, mut wrong) = (0usize, 0usize);
        for &k in &shuffled(prepared.len(), epoch) {
            let (sentence, gold) = &prepared[k];
            let guess = viterbi(sentence, |f, out| trainer.score(f, out), |_| {});
            for i in 0..gold.len() {
                let (g, p) = (gold[i], guess[i]);
                let gold_prev = if i > 0 { gold[i - 1] } else { OUTSIDE };
                let guess_prev = if i > 0 { guess[i - 1] } else { OUTSIDE };
                if g != p {
                    trainer.update(&sentence.words[i], g, p);
                    wrong += 1;
                }
                if (g, gold_prev) != (p, guess_prev) {
                    history.clear();
                    history_features(sentence, i, gold_prev, &mut history);
                    trainer.adjust(&history, g, 1.0);
                    history.clear();
                    history_features(sentence, i, guess_prev, &mut history);
                    trainer.adjust(&history, p, -1.0);
                }
                trainer.tick();
                words += 1;
            }
        }
        progress(&format!(
            "ner epoch {}/{epochs}: {wrong} of {words} word labels wrong ({:.2}%)",
            epoch + 1,
            100.0 * wrong as f64 / words.max(1) as f64
        ));
    }
    Recogniser::from_weights(trainer.finish(MIN_WEIGHT), lexicon, info)
}

/// How the committed model is made.
pub const COMMAND: &str = "attache train ner --data ../shared/ud";

/// Train the recogniser the way the committed model is trained ([`COMMAND`]): every training
/// sentence, [`EPOCHS`] epochs; then score it on the test data. The model's description
/// names the command, the data and its licence, and the scores.
pub fn train_release(
    ud: &Path,
    progress: impl FnMut(&str),
) -> Result<(Recogniser, Evaluation), AnalysisError> {
    let sentences = training_sentences(ud)?;
    let raw = raw_sentences(ud)?;
    let model = train(&sentences, &raw, EPOCHS, "", progress)?;
    let evaluation = evaluate(&model, ud)?;
    let info = format!(
        "named entities (PER, ORG, LOC); `{COMMAND}`; trained on Universal NER EWT dev \
         (CC BY-SA 4.0) and GUM train+dev named person/organization/place mentions (GUM: CC BY \
         4.0 / CC BY-SA); weights carry CC BY-SA 4.0; {} sentences, {EPOCHS} epochs\n{}",
        sentences.len(),
        evaluation.lines()
    );
    Ok((model.with_info(&info), evaluation))
}

/// The conventional scores of a recogniser on the held-out test data.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Universal NER EWT test, with the EWT test file's gold tags handed over.
    pub uner_gold_tags: Scores,
    /// Universal NER EWT test, words only.
    pub uner_words: Scores,
    /// GUM test documents (named person/organization/place mentions), gold tags.
    pub gum_gold_tags: Scores,
}

impl Evaluation {
    /// The scores, one line per test set.
    pub fn lines(&self) -> String {
        format!(
            "UNER EWT test, gold UPOS  {}\nUNER EWT test, words only {}\nGUM test, gold UPOS       {}",
            self.uner_gold_tags.summary(),
            self.uner_words.summary(),
            self.gum_gold_tags.summary()
        )
    }
}

/// Score a recogniser on Universal NER EWT test and the GUM test documents.
pub fn evaluate(ner: &Recogniser, ud: &Path) -> Result<Evaluation, AnalysisError> {
    let uner = data::uner(ud, Split::Test)?;
    let gum = data::gum(&treebank::gum(ud, Split::Test)?)?;
    Ok(Evaluation {
        uner_gold_tags: score(ner, &uner, true),
        uner_words: score(ner, &uner, false),
        gum_gold_tags: score(ner, &gum, true),
    })
}

/// Entity-level counts per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Entities found with the right span and kind.
    pub correct: [usize; 3],
    /// Entities found.
    pub found: [usize; 3],
    /// Gold entities.
    pub gold: [usize; 3],
}

/// Precision, recall and F1 from counts.
pub fn prf(correct: usize, found: usize, gold: usize) -> (f64, f64, f64) {
    let p = if found > 0 {
        correct as f64 / found as f64
    } else {
        0.0
    };
    let r = if gold > 0 {
        correct as f64 / gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

impl Scores {
    /// Precision, recall, F1 of one kind (index into [`KINDS`]), or of all when `None`.
    pub fn prf(&self, kind: Option<usize>) -> (f64, f64, f64) {
        match kind {
            Some(k) => prf(self.correct[k], self.found[k], self.gold[k]),
            None => prf(
                self.correct.iter().sum(),
                self.found.iter().sum(),
                self.gold.iter().sum(),
            ),
        }
    }

    /// One line: overall and per-kind F1 with the counts.
    pub fn summary(&self) -> String {
        let (p, r, f) = self.prf(None);
        let mut line = format!(
            "P {p:.3} R {r:.3} F1 {f:.3} ({} gold)",
            self.gold.iter().sum::<usize>()
        );
        for (k, kind) in KINDS.iter().enumerate() {
            let (_, _, fk) = self.prf(Some(k));
            line.push_str(&format!("; {} F1 {fk:.3} ({})", kind.label(), self.gold[k]));
        }
        line
    }
}

/// Score a recogniser on gold sentences; `use_tags` hands it the sentences' tags (when they
/// have any), otherwise it sees words only.
pub fn score(ner: &Recogniser, sentences: &[NerSentence], use_tags: bool) -> Scores {
    let mut scores = Scores::default();
    for s in sentences {
        let forms: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let tagged = use_tags && s.upos.iter().any(|&u| u != Upos::X);
        let found = ner.recognise(&forms, tagged.then_some(s.upos.as_slice()));
        for f in &found {
            let k = KINDS.iter().position(|k| *k == f.kind).unwrap_or(0);
            scores.found[k] += 1;
            if s.entities.contains(&(f.start, f.end, k)) {
                scores.correct[k] += 1;
            }
        }
        for &(_, _, k) in &s.entities {
            scores.gold[k] += 1;
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_only_exact_spans_of_the_right_kind() {
        let s = Scores {
            correct: [1, 0, 0],
            found: [2, 0, 0],
            gold: [1, 0, 1],
        };
        let (p, r, f) = s.prf(None);
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.5).abs() < 1e-9);
    }

    #[test]
    fn the_shuffle_is_a_permutation_and_reproducible() {
        let a = shuffled(50, 3);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_eq!(a, shuffled(50, 3));
        assert_ne!(a, shuffled(50, 4));
    }
}
