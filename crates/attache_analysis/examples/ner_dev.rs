//! Development scores for choices in the entity recogniser, never touching a test split:
//! five-fold cross-validation over the Universal NER EWT dev documents (each fold trained on
//! the other four fifths and GUM train), counts summed over the folds, gold tags and words
//! only; the last fold's model also scores GUM dev.
//!
//! `cargo run --release -p attache_analysis --example ner_dev -- ../shared/ud [EPOCHS] [lex|nolex] [UNER_REPEAT] [self]`
//!
//! `nolex` trains without the case lexicon; `UNER_REPEAT` shows each UNER training sentence
//! that many times per epoch; `self` adds EWT train labelled by the first model (gold tags)
//! and trains again. With `NER_ERRORS` set, the last fold's wrong and missed entities go to
//! stderr.

use std::path::PathBuf;

use attache_analysis::ner::data;
use attache_analysis::ner::train::{self, Scores};
use attache_analysis::treebank::{self, Split};

const FOLDS: u64 = 5;

fn add(a: &mut Scores, b: &Scores) {
    for k in 0..3 {
        a.correct[k] += b.correct[k];
        a.found[k] += b.found[k];
        a.gold[k] += b.gold[k];
    }
}

/// EWT train sentences labelled by `model` with their gold tags.
fn self_labelled(
    model: &attache_analysis::ner::Recogniser,
    docs: &[treebank::TreebankDocument],
) -> Vec<data::NerSentence> {
    let mut out = Vec::new();
    for s in treebank::sentences(docs) {
        let words: Vec<String> = s.words.iter().map(|w| w.form.clone()).collect();
        let upos: Vec<attache_model::Upos> = s
            .words
            .iter()
            .map(|w| attache_model::Upos::parse(&w.upos).unwrap_or(attache_model::Upos::X))
            .collect();
        let forms: Vec<&str> = words.iter().map(String::as_str).collect();
        let entities = model
            .recognise(&forms, Some(&upos))
            .into_iter()
            .map(|f| {
                let k = attache_analysis::ner::KINDS
                    .iter()
                    .position(|k| *k == f.kind)
                    .unwrap_or(0);
                (f.start, f.end, k)
            })
            .collect();
        out.push(data::NerSentence {
            words,
            upos,
            entities,
            document: String::new(),
        });
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arg = |i: usize| std::env::args().nth(i);
    let ud = PathBuf::from(arg(1).unwrap_or_else(|| "../shared/ud".into()));
    let epochs: usize = arg(2).and_then(|e| e.parse().ok()).unwrap_or(train::EPOCHS);
    // `nolex` trains with an empty case lexicon (the features without it).
    let raw = if arg(3).as_deref() == Some("nolex") {
        Vec::new()
    } else {
        train::raw_sentences(&ud)?
    };
    // How many times each UNER training sentence is shown per epoch.
    let repeat: usize = arg(4).and_then(|e| e.parse().ok()).unwrap_or(1);
    let fold = |doc: &str| attache_analysis::model_file::fnv64(doc.as_bytes()) % FOLDS;
    let uner = data::uner(&ud, Split::Dev)?;
    let gum_train = data::gum(&treebank::gum(&ud, Split::Train)?)?;
    let gum_dev = data::gum(&treebank::gum(&ud, Split::Dev)?)?;
    let ewt_train = treebank::ewt(&ud, Split::Train)?;
    let (mut tagged, mut words, mut gum) = (Scores::default(), Scores::default(), None);
    for f in 0..FOLDS {
        let (dev, rest): (Vec<_>, Vec<_>) =
            uner.iter().cloned().partition(|s| fold(&s.document) == f);
        let mut training = Vec::new();
        for _ in 0..repeat {
            training.extend(rest.iter().cloned());
        }
        training.extend(gum_train.iter().cloned());
        let mut model = train::train(&training, &raw, epochs, "", |_| {})?;
        if arg(5).as_deref() == Some("self") {
            training.extend(self_labelled(&model, &ewt_train));
            model = train::train(&training, &raw, epochs, "", |_| {})?;
        }
        add(&mut tagged, &train::score(&model, &dev, true));
        add(&mut words, &train::score(&model, &dev, false));
        if f + 1 == FOLDS && std::env::var_os("NER_ERRORS").is_some() {
            for s in &dev {
                let forms: Vec<&str> = s.words.iter().map(String::as_str).collect();
                let found: Vec<(usize, usize, usize)> = model
                    .recognise(&forms, Some(&s.upos))
                    .into_iter()
                    .map(|f| {
                        let k = attache_analysis::ner::KINDS
                            .iter()
                            .position(|k| *k == f.kind)
                            .unwrap_or(0);
                        (f.start, f.end, k)
                    })
                    .collect();
                let span = |e: &(usize, usize, usize)| {
                    format!(
                        "{}/{}",
                        forms[e.0..e.1].join(" "),
                        ["PER", "ORG", "LOC"][e.2]
                    )
                };
                for e in found.iter().filter(|e| !s.entities.contains(e)) {
                    eprintln!("FALSE {}  || {}", span(e), forms.join(" "));
                }
                for e in s.entities.iter().filter(|e| !found.contains(e)) {
                    eprintln!("MISS  {}  || {}", span(e), forms.join(" "));
                }
            }
        }
        if f + 1 == FOLDS {
            gum = Some(train::score(&model, &gum_dev, true));
        }
    }
    println!("UNER dev 5-fold, gold UPOS {}", tagged.summary());
    println!("UNER dev 5-fold, words     {}", words.summary());
    if let Some(g) = gum {
        println!("GUM dev, gold UPOS         {}", g.summary());
    }
    Ok(())
}
