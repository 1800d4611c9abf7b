//! Development scores for choices in the coreference resolver, never tuning on a test split:
//! trains on GUM train only (names from GUM) and scores GUM dev with names from the built-in
//! entity recogniser (which saw GUM dev in training, so dev names are a little better than
//! unseen text's; the comparison between resolver variants is what this is for).
//!
//! `cargo run --release -p attache_analysis --example coref_dev -- ../shared/ud [EPOCHS] [test|cv|release OUT]`
//!
//! `cv` instead scores by five-fold cross-validation over GUM train + dev documents (each fold
//! trained on the other four fifths with GUM's names, scored with recognised names), counts
//! summed over the folds: about six times as many pronouns as dev alone.
//!
//! `release OUT` trains the committed model instead (GUM train + dev, [`train::EPOCHS`]; the
//! same as `attache train coref --data ../shared/ud --out OUT`) without building the binary.
//!
//! `test` also prints the GUM test scores of the same train-only model (to report, not to
//! choose by). With `COREF_ERRORS` set, the dev pronouns and definite descriptions with a named
//! antecedent that were linked wrongly go to stderr.

use std::path::PathBuf;

use attache_analysis::coref::train;
use attache_analysis::ner::Recogniser;
use attache_analysis::treebank::{self, Split};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arg = |i: usize| std::env::args().nth(i);
    let ud = PathBuf::from(arg(1).unwrap_or_else(|| "../shared/ud".into()));
    let epochs: usize = arg(2).and_then(|e| e.parse().ok()).unwrap_or(train::EPOCHS);
    if arg(3).as_deref() == Some("release") {
        // The committed model, as `attache train coref` makes it (same trainer, same data).
        let out = PathBuf::from(arg(4).unwrap_or_else(|| "/tmp/coref.model".into()));
        let ner = Recogniser::builtin()?;
        let (model, scores) = train::train_release(&ud, &ner, |l| eprintln!("{l}"))?;
        println!("{}", scores.lines());
        model.to_model_file(model.info()).write(&out)?;
        eprintln!("wrote {}", out.display());
        return Ok(());
    }
    if arg(3).as_deref() == Some("cv") {
        return cross_validate(&ud, epochs);
    }
    let docs = treebank::gum(&ud, Split::Train)?
        .iter()
        .map(|d| train::document(d, &train::Names::Gold))
        .collect::<Result<Vec<_>, _>>()?;
    let model = train::train(&docs, epochs, "", |l| eprintln!("{l}"))?;
    let ner = Recogniser::builtin()?;
    let dev = train::scoring_documents(&ner, &ud, Split::Dev)?;
    println!(
        "{}",
        train::evaluate_documents(&model, &dev, Split::Dev).lines()
    );
    if std::env::var_os("COREF_ERRORS").is_some() {
        errors(&model, &dev);
    }
    if arg(3).as_deref() == Some("test") {
        println!("{}", train::evaluate(&model, &ner, &ud)?.lines());
    }
    Ok(())
}

/// Print the wrong links of pronouns and definite descriptions whose entity was named before.
fn errors(model: &attache_analysis::coref::Resolver, docs: &[train::CorefDocument]) {
    use attache_analysis::coref::mentions::MentionKind;
    for doc in docs {
        let r = model.resolve(&doc.words, &doc.mentions);
        let text = |i: usize| {
            let m = &doc.mentions[i];
            (m.start..m.end)
                .map(|w| doc.words[w].lower.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        for (a, m) in doc.mentions.iter().enumerate() {
            if !matches!(m.kind, MentionKind::Pronoun(_) | MentionKind::Definite) {
                continue;
            }
            let Some(id) = doc.gold[a] else { continue };
            if doc.named_from.get(&id).is_none_or(|&w| w >= m.start) {
                continue;
            }
            let chosen = r.antecedent[a];
            if chosen.is_some_and(|c| doc.gold[c] == Some(id)) {
                continue;
            }
            let right: Vec<String> = (0..a)
                .rev()
                .filter(|&c| doc.gold[c] == Some(id))
                .take(2)
                .map(|c| format!("{} [s{}]", text(c), doc.mentions[c].sentence))
                .collect();
            let sentence: Vec<&str> = doc
                .words
                .iter()
                .filter(|w| w.sentence == m.sentence)
                .map(|w| w.lower.as_str())
                .collect();
            eprintln!(
                "{} s{}: {:?} '{}' -> {} ; right {:?} || {}",
                doc.name,
                m.sentence,
                m.kind,
                text(a),
                chosen.map_or("NONE".to_string(), |c| format!(
                    "{} [s{} {:?}]",
                    text(c),
                    doc.mentions[c].sentence,
                    doc.mentions[c].kind
                )),
                right,
                sentence.join(" ")
            );
        }
    }
}

/// Five-fold cross-validation over GUM train + dev.
fn cross_validate(ud: &std::path::Path, epochs: usize) -> Result<(), Box<dyn std::error::Error>> {
    const FOLDS: u64 = 5;
    let ner = Recogniser::builtin()?;
    let mut raw = treebank::gum(ud, Split::Train)?;
    raw.extend(treebank::gum(ud, Split::Dev)?);
    let fold = |name: &str| attache_analysis::model_file::fnv64(name.as_bytes()) % FOLDS;
    let gold = raw
        .iter()
        .map(|d| train::document(d, &train::Names::Gold))
        .collect::<Result<Vec<_>, _>>()?;
    let found = raw
        .iter()
        .map(|d| train::document(d, &train::Names::Recognised(&ner)))
        .collect::<Result<Vec<_>, _>>()?;
    let (mut p, mut d) = (
        train::PronounScores::default(),
        train::DefiniteScores::default(),
    );
    let mut news = train::PronounScores::default();
    for f in 0..FOLDS {
        let training: Vec<_> = gold
            .iter()
            .filter(|d| fold(&d.name) != f)
            .cloned()
            .collect();
        let held: Vec<_> = found
            .iter()
            .filter(|d| fold(&d.name) == f)
            .cloned()
            .collect();
        let model = train::train(&training, epochs, "", |_| {})?;
        let e = train::evaluate_documents(&model, &held, Split::Dev);
        for (sum, s) in [(&mut p, &e.all_pronouns), (&mut news, &e.news_pronouns)] {
            sum.pronouns += s.pronouns;
            sum.correct += s.correct;
            sum.unresolved += s.unresolved;
            for c in 0..4 {
                sum.by_class[c].0 += s.by_class[c].0;
                sum.by_class[c].1 += s.by_class[c].1;
            }
        }
        d.definites += e.all_definites.definites;
        d.correct += e.all_definites.correct;
        d.unresolved += e.all_definites.unresolved;
    }
    println!("GUM train+dev 5-fold pronouns     {}", p.summary());
    println!("GUM train+dev 5-fold news pronouns {}", news.summary());
    println!("GUM train+dev 5-fold definites    {}", d.summary());
    Ok(())
}
