//! Training and scoring coreference on GUM.
//!
//! Each GUM document is read with its gold tags and tree; the mentions are found as at run
//! time ([`super::mentions::find`], names from GUM's named person/organization/place mentions
//! for training, from the entity recogniser for scoring), and each takes the entity id of the
//! GUM mention with the same head word. For every pronoun and definite description the
//! model ranks its candidates and the new-entity option; when its choice is wrong, the
//! best-scoring right choice (an earlier mention of the same entity, or none when there is
//! none) is rewarded and the wrong choice penalised (a latent-antecedent ranking perceptron).

use std::path::Path;

use attache_model::{EntityKind, Upos};
use rustc_hash::FxHashMap;

use super::features::{self, Salience};
use super::mentions::{self, CWord, Mention, MentionKind, PronounClass};
use super::{candidates, link_names, resolve_with, Chains, Resolver};
use crate::gum_entities;
use crate::ner::{data::named_span, Recogniser};
use crate::perceptron::Trainer;
use crate::treebank::{self, Split, TreebankDocument};
use crate::AnalysisError;

/// Epochs over the training documents.
pub const EPOCHS: usize = 4;

/// How the committed model is made.
pub const COMMAND: &str = "attache train coref --data ../shared/ud";

/// A GUM document ready for coreference: words, mentions and each mention's gold entity.
#[derive(Debug, Clone)]
pub struct CorefDocument {
    /// Document name.
    pub name: String,
    /// Words with gold tags and tree.
    pub words: Vec<CWord>,
    /// Mentions as found at run time.
    pub mentions: Vec<Mention>,
    /// The gold entity of each mention (GUM's id of the mention with the same head), if any.
    pub gold: Vec<Option<u32>>,
    /// Gold entities that have a name (a mention headed by a proper noun) and the first word
    /// where one appears.
    pub named_from: FxHashMap<u32, usize>,
}

/// Where the names of a document come from.
pub enum Names<'a> {
    /// GUM's own named mentions (for training).
    Gold,
    /// The entity recogniser's, run on the gold words and tags.
    Recognised(&'a Recogniser),
}

/// Read a GUM document for coreference.
pub fn document(doc: &TreebankDocument, names: &Names<'_>) -> Result<CorefDocument, AnalysisError> {
    let gum = gum_entities::mentions(&doc.sentences, &doc.name)?;
    let mut words = Vec::new();
    let mut offsets = Vec::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let base = words.len();
        offsets.push(base);
        for w in &sentence.words {
            words.push(CWord {
                lower: w.form.to_lowercase(),
                upos: Upos::parse(&w.upos).unwrap_or(Upos::X),
                xpos: w.xpos.clone(),
                lemma: w.lemma.to_lowercase(),
                head: (w.head != 0 && w.head != usize::MAX).then(|| base + w.head - 1),
                rel: w.relation().to_string(),
                sentence: s,
            });
        }
    }
    let mut found_names: Vec<(usize, usize, EntityKind)> = Vec::new();
    match names {
        Names::Gold => {
            for m in &gum {
                let kind = match m.etype.as_str() {
                    "person" => EntityKind::Person,
                    "organization" => EntityKind::Organisation,
                    "place" => EntityKind::Place,
                    _ => continue,
                };
                let sentence = &doc.sentences[m.sentence];
                if let Some((s, e)) = named_span(sentence, m.start, m.end, m.head) {
                    let (s, e) = (offsets[m.sentence] + s, offsets[m.sentence] + e);
                    if found_names.iter().all(|&(a, b, _)| e <= a || s >= b) {
                        found_names.push((s, e, kind));
                    }
                }
            }
        }
        Names::Recognised(ner) => {
            for (s, sentence) in doc.sentences.iter().enumerate() {
                let forms: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
                let upos: Vec<Upos> = words[offsets[s]..offsets[s] + forms.len()]
                    .iter()
                    .map(|w| w.upos)
                    .collect();
                for f in ner.recognise(&forms, Some(&upos)) {
                    found_names.push((offsets[s] + f.start, offsets[s] + f.end, f.kind));
                }
            }
        }
    }
    found_names.sort_unstable_by_key(|n| n.0);
    let mentions = mentions::find(&words, &found_names);
    // Gold id by head word: the smallest GUM mention with that head.
    let mut by_head: FxHashMap<usize, (usize, u32)> = FxHashMap::default();
    let mut named_from: FxHashMap<u32, usize> = FxHashMap::default();
    for m in &gum {
        let head = offsets[m.sentence] + m.head;
        let len = m.end - m.start;
        if by_head.get(&head).is_none_or(|&(l, _)| len < l) {
            by_head.insert(head, (len, m.id));
        }
        if doc.sentences[m.sentence].words[m.head].upos == "PROPN" {
            let first = named_from.entry(m.id).or_insert(head);
            *first = (*first).min(head);
        }
    }
    let gold = mentions
        .iter()
        .map(|m| by_head.get(&m.head).map(|&(_, id)| id))
        .collect();
    Ok(CorefDocument {
        name: doc.name.clone(),
        words,
        mentions,
        gold,
        named_from,
    })
}

/// Train on documents for `epochs` epochs.
pub fn train(
    docs: &[CorefDocument],
    epochs: usize,
    info: &str,
    mut progress: impl FnMut(&str),
) -> Result<Resolver, AnalysisError> {
    let mut trainer = Trainer::new(1);
    let mut feats = Vec::new();
    let mut scores = Vec::new();
    for epoch in 0..epochs {
        let (mut decisions, mut wrong) = (0usize, 0usize);
        for doc in docs {
            let mut chains = Chains::new(&doc.mentions);
            link_names(&doc.words, &doc.mentions, &mut chains);
            for a in 0..doc.mentions.len() {
                if !doc.mentions[a].is_anaphor() {
                    continue;
                }
                let cands = candidates(&doc.mentions, a);
                let gold = doc.gold[a];
                let right = |c: usize| gold.is_some() && doc.gold[c] == gold;
                let any_right = cands.iter().any(|&c| right(c));
                // Score the new-entity option and every candidate; keep each one's features.
                let mut options: Vec<(Option<usize>, Vec<u32>, f32)> = Vec::new();
                features::new_entity(
                    &doc.words,
                    &doc.mentions[a],
                    cands.len(),
                    doc.words.get(doc.mentions[a].head + 1),
                    &mut feats,
                );
                trainer.score(&feats, &mut scores);
                options.push((None, feats.clone(), scores[0]));
                for (between, &c) in cands.iter().enumerate() {
                    let salience: Salience = chains.salience(c);
                    features::pair(
                        &doc.words,
                        &doc.mentions[a],
                        &doc.mentions[c],
                        between,
                        salience,
                        &mut feats,
                    );
                    trainer.score(&feats, &mut scores);
                    options.push((Some(c), feats.clone(), scores[0]));
                }
                let is_right = |o: Option<usize>| match o {
                    None => !any_right,
                    Some(c) => right(c),
                };
                let best = best_of(options.iter());
                let target = best_of(options.iter().filter(|o| is_right(o.0)));
                if let (Some(best), Some(target)) = (best, target) {
                    if !is_right(best.0) {
                        trainer.adjust(&target.1, 0, 1.0);
                        trainer.adjust(&best.1, 0, -1.0);
                        wrong += 1;
                    }
                    if let Some(c) = best.0 {
                        chains.join(c, a);
                    }
                }
                trainer.tick();
                decisions += 1;
            }
        }
        progress(&format!(
            "coref epoch {}/{epochs}: {wrong} of {decisions} antecedent choices wrong ({:.1}%)",
            epoch + 1,
            100.0 * wrong as f64 / decisions.max(1) as f64
        ));
    }
    Resolver::from_weights(trainer.finish(0.0005), info)
}

fn best_of<'a>(
    options: impl Iterator<Item = &'a (Option<usize>, Vec<u32>, f32)>,
) -> Option<&'a (Option<usize>, Vec<u32>, f32)> {
    let mut best: Option<&(Option<usize>, Vec<u32>, f32)> = None;
    for o in options {
        if best.is_none_or(|b| o.2 > b.2) {
            best = Some(o);
        }
    }
    best
}

/// The training documents: GUM train and dev, names from GUM.
pub fn training_documents(ud: &Path) -> Result<Vec<CorefDocument>, AnalysisError> {
    let mut docs = treebank::gum(ud, Split::Train)?;
    docs.extend(treebank::gum(ud, Split::Dev)?);
    docs.iter().map(|d| document(d, &Names::Gold)).collect()
}

/// Train the resolver the way the committed model is trained ([`COMMAND`]) and score it on
/// GUM test with names from `names`; the model's description names the command, the data and
/// its licence, and the scores.
pub fn train_release(
    ud: &Path,
    names: &Recogniser,
    progress: impl FnMut(&str),
) -> Result<(Resolver, Evaluation), AnalysisError> {
    let docs = training_documents(ud)?;
    let model = train(&docs, EPOCHS, "", progress)?;
    let evaluation = evaluate(&model, names, ud)?;
    let info = format!(
        "coreference (pronouns, definite descriptions; names and quotation speakers by rule); \
         `{COMMAND}`; trained on GUM train+dev coreference (GUM: CC BY 4.0 / CC BY-SA); \
         weights carry CC BY-SA 4.0; {} documents, {EPOCHS} epochs\n{}",
        docs.len(),
        evaluation.lines()
    );
    Ok((model.with_info(&info), evaluation))
}

/// Pronoun-antecedent accuracy: of the he/she/they/it pronouns whose entity was named
/// before them, how many were linked to an earlier mention of that entity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PronounScores {
    /// Pronouns with a named antecedent.
    pub pronouns: usize,
    /// Of those, linked to a mention of the right entity.
    pub correct: usize,
    /// Of those, linked to no antecedent.
    pub unresolved: usize,
    /// Per class: (pronouns, correct) for masculine, feminine, neuter, plural.
    pub by_class: [(usize, usize); 4],
}

impl PronounScores {
    /// Accuracy.
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.pronouns.max(1) as f64
    }

    /// One line.
    pub fn summary(&self) -> String {
        let class = |i: usize| {
            let (n, c) = self.by_class[i];
            format!("{:.3} ({c}/{n})", c as f64 / n.max(1) as f64)
        };
        format!(
            "accuracy {:.3} ({}/{}; {} unresolved); he {} she {} it {} they {}",
            self.accuracy(),
            self.correct,
            self.pronouns,
            self.unresolved,
            class(0),
            class(1),
            class(2),
            class(3)
        )
    }
}

/// Score a resolver's pronoun links on documents.
pub fn score_pronouns(resolver: &Resolver, docs: &[CorefDocument]) -> PronounScores {
    let mut out = PronounScores::default();
    for doc in docs {
        let r = resolve_with(&doc.words, &doc.mentions, |f, s| {
            resolver.weights.score(f, s)
        });
        for (a, m) in doc.mentions.iter().enumerate() {
            let MentionKind::Pronoun(class) = m.kind else {
                continue;
            };
            let Some(id) = doc.gold[a] else { continue };
            if doc.named_from.get(&id).is_none_or(|&w| w >= m.head) {
                continue;
            }
            let c = match class {
                PronounClass::Masculine => 0,
                PronounClass::Feminine => 1,
                PronounClass::Neuter => 2,
                PronounClass::Plural => 3,
            };
            out.pronouns += 1;
            out.by_class[c].0 += 1;
            match r.antecedent[a] {
                Some(ante) if doc.gold[ante] == Some(id) => {
                    out.correct += 1;
                    out.by_class[c].1 += 1;
                }
                None => out.unresolved += 1,
                Some(_) => {}
            }
        }
    }
    out
}

/// Definite-description accuracy: of the definite descriptions ("the minister") whose entity
/// was named before them, how many were linked to an earlier mention of that entity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DefiniteScores {
    /// Definite descriptions with a named antecedent.
    pub definites: usize,
    /// Of those, linked to a mention of the right entity.
    pub correct: usize,
    /// Of those, linked to no antecedent.
    pub unresolved: usize,
}

impl DefiniteScores {
    /// Accuracy.
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.definites.max(1) as f64
    }

    /// One line.
    pub fn summary(&self) -> String {
        format!(
            "accuracy {:.3} ({}/{}; {} unresolved)",
            self.accuracy(),
            self.correct,
            self.definites,
            self.unresolved
        )
    }
}

/// Score a resolver's links of definite descriptions to named entities on documents.
pub fn score_definites(resolver: &Resolver, docs: &[CorefDocument]) -> DefiniteScores {
    let mut out = DefiniteScores::default();
    for doc in docs {
        let r = resolve_with(&doc.words, &doc.mentions, |f, s| {
            resolver.weights.score(f, s)
        });
        for (a, m) in doc.mentions.iter().enumerate() {
            if m.kind != MentionKind::Definite {
                continue;
            }
            let Some(id) = doc.gold[a] else { continue };
            if doc.named_from.get(&id).is_none_or(|&w| w >= m.start) {
                continue;
            }
            out.definites += 1;
            match r.antecedent[a] {
                Some(ante) if doc.gold[ante] == Some(id) => out.correct += 1,
                None => out.unresolved += 1,
                Some(_) => {}
            }
        }
    }
    out
}

/// MUC and B³ over the mentions the resolver works on (gold chains restricted to mentions
/// found at run time), as (recall, precision, F1) each.
pub fn muc_b3(resolver: &Resolver, docs: &[CorefDocument]) -> ((f64, f64, f64), (f64, f64, f64)) {
    let (mut mr_n, mut mr_d, mut mp_n, mut mp_d) = (0f64, 0f64, 0f64, 0f64);
    let (mut br, mut bp, mut bn) = (0f64, 0f64, 0f64);
    for doc in docs {
        let r = resolve_with(&doc.words, &doc.mentions, |f, s| {
            resolver.weights.score(f, s)
        });
        // Key: gold entities over found mentions that have one; response: predicted groups.
        let n = doc.mentions.len();
        let key: Vec<Option<u32>> = doc.gold.clone();
        let response: Vec<usize> = r.groups.clone();
        let key_sets = group(n, |i| key[i].map(|k| k as usize));
        let resp_sets = group(n, |i| Some(response[i]));
        // MUC recall: for each key set K, |K| - partitions of K by the response.
        for k in &key_sets {
            let parts: std::collections::BTreeSet<usize> = k.iter().map(|&i| response[i]).collect();
            mr_n += (k.len() - parts.len()) as f64;
            mr_d += (k.len() - 1) as f64;
        }
        for s in &resp_sets {
            // Mentions without a gold entity are singletons of the key.
            let parts: std::collections::BTreeSet<(bool, usize)> = s
                .iter()
                .map(|&i| key[i].map_or((false, i), |k| (true, k as usize)))
                .collect();
            mp_n += (s.len() - parts.len()) as f64;
            mp_d += (s.len() - 1) as f64;
        }
        // B³ over mentions with a gold entity.
        for i in 0..n {
            let Some(k) = key[i] else { continue };
            let k_set: Vec<usize> = (0..n).filter(|&j| key[j] == Some(k)).collect();
            let r_set: Vec<usize> = (0..n).filter(|&j| response[j] == response[i]).collect();
            let both = r_set.iter().filter(|j| key[**j] == Some(k)).count() as f64;
            br += both / k_set.len() as f64;
            bp += both / r_set.len() as f64;
            bn += 1.0;
        }
    }
    let f = |r: f64, p: f64| {
        if r + p > 0.0 {
            2.0 * r * p / (r + p)
        } else {
            0.0
        }
    };
    let (mr, mp) = (mr_n / mr_d.max(1.0), mp_n / mp_d.max(1.0));
    let (b_r, b_p) = (br / bn.max(1.0), bp / bn.max(1.0));
    ((mr, mp, f(mr, mp)), (b_r, b_p, f(b_r, b_p)))
}

fn group(n: usize, id: impl Fn(usize) -> Option<usize>) -> Vec<Vec<usize>> {
    let mut sets: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        if let Some(k) = id(i) {
            sets.entry(k).or_default().push(i);
        }
    }
    sets.into_values().collect()
}

/// The conventional scores of a resolver on GUM documents (test, or dev while building).
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Which GUM split was scored.
    pub split: Split,
    /// Pronoun accuracy on the split's news documents.
    pub news_pronouns: PronounScores,
    /// Pronoun accuracy on every document of the split.
    pub all_pronouns: PronounScores,
    /// Definite descriptions with a named antecedent, every document of the split.
    pub all_definites: DefiniteScores,
    /// MUC (R, P, F1) on the news documents.
    pub news_muc: (f64, f64, f64),
    /// B³ (R, P, F1) on the news documents.
    pub news_b3: (f64, f64, f64),
}

impl Evaluation {
    /// The scores, one line each.
    pub fn lines(&self) -> String {
        let (m, b) = (self.news_muc, self.news_b3);
        let split = self.split.name();
        format!(
            "GUM {split} pronouns, all documents  {}\nGUM {split} pronouns, news documents {}\n\
             GUM {split} definite descriptions    {}\n\
             GUM {split} news documents           MUC R {:.3} P {:.3} F1 {:.3}; B3 R {:.3} P {:.3} F1 {:.3}",
            self.all_pronouns.summary(),
            self.news_pronouns.summary(),
            self.all_definites.summary(),
            m.0, m.1, m.2, b.0, b.1, b.2
        )
    }
}

/// Score a resolver on GUM test, names from the entity recogniser.
pub fn evaluate(
    resolver: &Resolver,
    ner: &Recogniser,
    ud: &Path,
) -> Result<Evaluation, AnalysisError> {
    evaluate_split(resolver, ner, ud, Split::Test)
}

/// The GUM documents of `split` read for scoring, names from the entity recogniser.
pub fn scoring_documents(
    ner: &Recogniser,
    ud: &Path,
    split: Split,
) -> Result<Vec<CorefDocument>, AnalysisError> {
    treebank::gum(ud, split)?
        .iter()
        .map(|d| document(d, &Names::Recognised(ner)))
        .collect()
}

/// Score a resolver on GUM `split`, names from the entity recogniser.
pub fn evaluate_split(
    resolver: &Resolver,
    ner: &Recogniser,
    ud: &Path,
    split: Split,
) -> Result<Evaluation, AnalysisError> {
    let docs = scoring_documents(ner, ud, split)?;
    Ok(evaluate_documents(resolver, &docs, split))
}

/// Score a resolver on documents read with [`scoring_documents`] from `split`.
pub fn evaluate_documents(resolver: &Resolver, docs: &[CorefDocument], split: Split) -> Evaluation {
    let news: Vec<CorefDocument> = docs
        .iter()
        .filter(|d| d.name.starts_with("GUM_news_"))
        .cloned()
        .collect();
    let (news_muc, news_b3) = muc_b3(resolver, &news);
    Evaluation {
        split,
        news_pronouns: score_pronouns(resolver, &news),
        all_pronouns: score_pronouns(resolver, docs),
        all_definites: score_definites(resolver, docs),
        news_muc,
        news_b3,
    }
}
