//! Training the tagger on treebank sentences, and scoring it against gold tags.

use attache_model::Upos;
use rustc_hash::FxHashMap;

use super::features::{self, ambiguity_key};
use super::{Lemmatizer, TagClass, Tagger};
use crate::conllu::Sentence;
use crate::perceptron::{argmax, Trainer};

/// How the tagger is trained. The defaults are the settings the committed model was
/// trained with; each was chosen on EWT dev.
#[derive(Debug, Clone)]
pub struct TrainSettings {
    /// Passes over the training sentences (in a new shuffled order each time).
    pub epochs: usize,
    /// Seed of the shuffling, so a run can be repeated exactly.
    pub seed: u64,
    /// Averaged weights smaller than this in magnitude are dropped from the model.
    pub min_weight: f32,
    /// A word enters the tag dictionary (tagged without scoring) when seen this often...
    pub dictionary_min_count: u32,
    /// ...with one class at least this share of the time.
    pub dictionary_min_share: f32,
    /// A word gets an ambiguity class when seen this often (rarer words would teach the
    /// model to trust a class drawn from one or two examples).
    pub ambiguity_min_count: u32,
    /// A class enters a word's ambiguity class when it has at least this share of the word.
    pub ambiguity_min_share: f32,
}

impl Default for TrainSettings {
    fn default() -> Self {
        TrainSettings {
            epochs: 8,
            seed: 0x5eed,
            min_weight: 0.01,
            dictionary_min_count: 20,
            dictionary_min_share: 0.995,
            ambiguity_min_count: 3,
            ambiguity_min_share: 0.05,
        }
    }
}

/// Accuracy of a tagger against gold tags, counted over words.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TagScores {
    /// Words scored.
    pub words: usize,
    /// Words with the right UPOS.
    pub upos: usize,
    /// Words with the right XPOS.
    pub xpos: usize,
    /// Words with both right.
    pub both: usize,
    /// Words with the right lemma.
    pub lemma: usize,
}

impl TagScores {
    fn share(n: usize, of: usize) -> f64 {
        if of == 0 {
            0.0
        } else {
            n as f64 / of as f64
        }
    }
    /// UPOS accuracy.
    pub fn upos_accuracy(&self) -> f64 {
        Self::share(self.upos, self.words)
    }
    /// XPOS accuracy.
    pub fn xpos_accuracy(&self) -> f64 {
        Self::share(self.xpos, self.words)
    }
    /// Accuracy of UPOS and XPOS together.
    pub fn both_accuracy(&self) -> f64 {
        Self::share(self.both, self.words)
    }
    /// Lemma accuracy (exact string, case included).
    pub fn lemma_accuracy(&self) -> f64 {
        Self::share(self.lemma, self.words)
    }
}

/// Score `tagger` on gold-tokenised sentences.
pub fn evaluate<'a>(
    tagger: &Tagger,
    sentences: impl IntoIterator<Item = &'a Sentence>,
) -> TagScores {
    let mut s = TagScores::default();
    for sentence in sentences {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        for (gold, got) in sentence.words.iter().zip(tagger.tag(&words)) {
            s.words += 1;
            let upos = got.upos.as_str() == gold.upos;
            let xpos = got.xpos == gold.xpos;
            s.upos += usize::from(upos);
            s.xpos += usize::from(xpos);
            s.both += usize::from(upos && xpos);
            s.lemma += usize::from(got.lemma == gold.lemma);
        }
    }
    s
}

/// A small deterministic generator for shuffling (SplitMix64).
struct Shuffler(u64);

impl Shuffler {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Train a tagger on `train` sentences, and its lemma rules on `lemma_train` (treebanks
/// differ in lemma conventions: GUM gives "people" the lemma "person", EWT "people"). `dev` sentences (may be empty) are scored after each
/// epoch and reported through `progress`, which also hears how training goes.
pub fn train(
    train: &[&Sentence],
    lemma_train: &[&Sentence],
    dev: &[&Sentence],
    settings: &TrainSettings,
    progress: &mut dyn FnMut(&str),
) -> Tagger {
    // Classes: every (UPOS, XPOS) pair of the training data, most frequent first.
    let mut pair_counts: FxHashMap<TagClass, u32> = FxHashMap::default();
    for s in train {
        for w in &s.words {
            *pair_counts.entry(class_of(&w.upos, &w.xpos)).or_default() += 1;
        }
    }
    let mut classes: Vec<(TagClass, u32)> = pair_counts.into_iter().collect();
    classes.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.upos.as_str().cmp(b.0.upos.as_str()))
            .then_with(|| a.0.xpos.cmp(&b.0.xpos))
    });
    let classes: Vec<TagClass> = classes.into_iter().map(|(c, _)| c).collect();
    let index: FxHashMap<TagClass, u16> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), i as u16))
        .collect();
    let gold_of = |s: &Sentence| -> Vec<u16> {
        s.words
            .iter()
            .map(|w| index.get(&class_of(&w.upos, &w.xpos)).copied().unwrap_or(0))
            .collect()
    };

    // What training says about each word.
    let mut word_classes: FxHashMap<String, FxHashMap<u16, u32>> = FxHashMap::default();
    for s in train {
        for (w, c) in s.words.iter().zip(gold_of(s)) {
            *word_classes
                .entry(features::normalise(&w.form))
                .or_default()
                .entry(c)
                .or_default() += 1;
        }
    }
    let mut dictionary = FxHashMap::default();
    let mut ambiguity = FxHashMap::default();
    for (word, counts) in &word_classes {
        let total: u32 = counts.values().sum();
        let (&top, &top_count) = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .unwrap_or((&0, &0));
        if total >= settings.dictionary_min_count
            && top_count as f32 >= settings.dictionary_min_share * total as f32
        {
            dictionary.insert(word.clone(), top);
        }
        if total >= settings.ambiguity_min_count {
            let mut set: Vec<u16> = counts
                .iter()
                .filter(|(_, &n)| n as f32 >= settings.ambiguity_min_share * total as f32)
                .map(|(&c, _)| c)
                .collect();
            set.sort_unstable();
            ambiguity.insert(word.clone(), ambiguity_key(&set));
        }
    }
    progress(&format!(
        "{} classes, {} words in the tag dictionary, {} with an ambiguity class",
        classes.len(),
        dictionary.len(),
        ambiguity.len()
    ));

    let lemmas = Lemmatizer::learn(lemma_train.iter().flat_map(|s| {
        s.words
            .iter()
            .map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str()))
    }));
    let (rules, exceptions) = lemmas.sizes();
    progress(&format!(
        "lemmas: {rules} suffix rules, {exceptions} exceptions"
    ));

    let mut tagger = Tagger {
        classes,
        weights: Default::default(),
        dictionary,
        ambiguity,
        lemmas,
        info: String::new(),
    };
    let mut trainer = Trainer::new(tagger.classes.len());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut shuffler = Shuffler(settings.seed);
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    for epoch in 1..=settings.epochs {
        shuffler.shuffle(&mut order);
        let (mut seen, mut right) = (0usize, 0usize);
        for &k in &order {
            let s = train[k];
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let gold = gold_of(s);
            let info = features::sentence_info(&words, &tagger.ambiguity);
            let mut chosen: Vec<u16> = Vec::with_capacity(words.len());
            for i in 0..info.len() {
                let class = match tagger.dictionary.get(&info[i].norm) {
                    Some(&c) => c,
                    None => {
                        features::features(&info, i, &chosen, &mut feats);
                        trainer.score(&feats, &mut scores);
                        let guess = argmax(&scores, |_| true).unwrap_or(0);
                        trainer.update(&feats, usize::from(gold[i]), guess);
                        trainer.tick();
                        guess as u16
                    }
                };
                seen += 1;
                right += usize::from(class == gold[i]);
                chosen.push(class);
            }
        }
        let mut line = format!(
            "epoch {epoch}: training accuracy {:.4}",
            right as f64 / seen.max(1) as f64
        );
        if !dev.is_empty() && (epoch == settings.epochs || epoch % 2 == 0) {
            tagger.weights = trainer.finish(settings.min_weight);
            let s = evaluate(&tagger, dev.iter().copied());
            line.push_str(&format!(
                ", dev UPOS {:.4} XPOS {:.4} lemma {:.4}",
                s.upos_accuracy(),
                s.xpos_accuracy(),
                s.lemma_accuracy()
            ));
        }
        progress(&line);
    }
    tagger.weights = trainer.finish(settings.min_weight);
    progress(&format!("{} features kept", tagger.weights.features()));
    tagger
}

fn class_of(upos: &str, xpos: &str) -> TagClass {
    TagClass {
        upos: Upos::parse(upos).unwrap_or(Upos::X),
        xpos: xpos.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    const TOY: &str = "\
1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tdogs\tdog\tNOUN\tNNS\t_\t3\tnsubj\t_\t_
3\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\t_

1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tcats\tcat\tNOUN\tNNS\t_\t3\tnsubj\t_\t_
3\tsleep\tsleep\tVERB\tVBP\t_\t0\troot\t_\t_

1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tbark\tbark\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tpeels\tpeel\tVERB\tVBZ\t_\t0\troot\t_\t_

";

    #[test]
    fn a_tagger_learns_and_scores_a_toy_treebank() {
        let sentences = conllu::parse(TOY, "toy").unwrap();
        let refs: Vec<&Sentence> = sentences.iter().collect();
        let settings = TrainSettings {
            epochs: 5,
            dictionary_min_count: 3,
            ambiguity_min_count: 1,
            ..TrainSettings::default()
        };
        let tagger = train(&refs, &refs, &[], &settings, &mut |_| {});
        let s = evaluate(&tagger, refs.iter().copied());
        assert_eq!(s.words, 9);
        assert_eq!(s.upos, 9, "{s:?}");
        assert_eq!(s.lemma, 9, "{s:?}");
        // "bark" after "the" is a noun, after a plural noun a verb.
        let t = tagger.tag(&["the", "bark", "peels"]);
        assert_eq!(t[1].upos, Upos::Noun);
    }

    #[test]
    fn shuffling_is_a_permutation_and_repeatable() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        Shuffler(7).shuffle(&mut a);
        Shuffler(7).shuffle(&mut b);
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
    }
}
