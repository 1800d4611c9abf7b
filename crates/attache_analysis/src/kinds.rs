//! Training the noun-kind table ([`attache_model::kinds`]) from GUM, whose annotators typed
//! every mention (person, organization, place, abstract, event, object, time, ...): each
//! mention headed by a common noun counts one for that noun's kind, under its lemma and, when
//! different, its lower-case form (GUM lemmatises "people" as "person"; the tagger keeps
//! "people").

use std::path::Path;

use attache_model::kinds::{NounKind, NounKinds};

use crate::gum_entities;
use crate::treebank::{self, Split};
use crate::AnalysisError;

/// Nouns seen fewer times than this are left out of the committed table.
pub const MIN_MENTIONS: u32 = 2;

/// The kind a GUM entity type stands for.
fn kind_of(etype: &str) -> NounKind {
    match etype {
        "person" => NounKind::Person,
        "organization" => NounKind::Organisation,
        "place" => NounKind::Place,
        "abstract" | "event" | "time" => NounKind::Abstract,
        _ => NounKind::Concrete,
    }
}

/// Every mention headed by a common noun in the GUM documents of `splits`:
/// (lemma, form, kind).
fn noun_mentions(
    ud: &Path,
    splits: &[Split],
) -> Result<Vec<(String, String, NounKind)>, AnalysisError> {
    let mut out = Vec::new();
    for &split in splits {
        for doc in treebank::gum(ud, split)? {
            for m in gum_entities::mentions(&doc.sentences, &doc.name)? {
                let Some(word) = doc
                    .sentences
                    .get(m.sentence)
                    .and_then(|s| s.words.get(m.head))
                else {
                    continue;
                };
                if word.upos == "NOUN" {
                    out.push((
                        word.lemma.to_lowercase(),
                        word.form.to_lowercase(),
                        kind_of(&m.etype),
                    ));
                }
            }
        }
    }
    Ok(out)
}

/// Count the noun mentions of GUM's `splits` (train, or train and dev for the committed
/// table) and keep nouns seen at least [`MIN_MENTIONS`] times.
pub fn train(ud: &Path, splits: &[Split]) -> Result<NounKinds, AnalysisError> {
    let mut kinds = NounKinds::default();
    for (lemma, form, kind) in noun_mentions(ud, splits)? {
        kinds.add(&lemma, kind);
        if form != lemma {
            kinds.add(&form, kind);
        }
    }
    kinds.prune(MIN_MENTIONS);
    Ok(kinds)
}

/// How the table does on the noun mentions of one split: the share of mentions whose noun
/// it lists, and among those, how often "can act" (person or organisation) agrees with the
/// annotators' type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindsScore {
    /// Noun-headed mentions scored.
    pub mentions: usize,
    /// Share of them whose noun the table lists.
    pub coverage: f64,
    /// Among listed ones, share where the table's can-act matches the gold type.
    pub accuracy: f64,
    /// Among gold person/organisation mentions, share the table calls able to act (listed
    /// or not).
    pub agent_recall: f64,
    /// Among mentions the table calls able to act, share that are gold person/organisation.
    pub agent_precision: f64,
}

/// Score `kinds` on GUM's `split`.
pub fn score(kinds: &NounKinds, ud: &Path, split: Split) -> Result<KindsScore, AnalysisError> {
    let mentions = noun_mentions(ud, &[split])?;
    let (mut listed, mut right, mut gold_agents, mut found_agents, mut said_agents) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    for (lemma, form, kind) in &mentions {
        let gold = matches!(kind, NounKind::Person | NounKind::Organisation);
        let said = kinds.counts(lemma, form).map(|c| c.can_act());
        if let Some(s) = said {
            listed += 1;
            right += usize::from(s == gold);
        }
        let said = said.unwrap_or(false);
        gold_agents += usize::from(gold);
        found_agents += usize::from(gold && said);
        said_agents += usize::from(said);
    }
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    Ok(KindsScore {
        mentions: mentions.len(),
        coverage: share(listed, mentions.len()),
        accuracy: share(right, listed),
        agent_recall: share(found_agents, gold_agents),
        agent_precision: share(found_agents, said_agents),
    })
}
