//! Scoring coded events against gold records.
//!
//! - PETRARCH-style gold (CAMEO triples per sentence): a predicted (source, target, event)
//!   triple is *correct* when it equals a gold triple of the sentence (each gold triple
//!   matched once); unmatched gold triples are *missed*, unmatched predictions *extra*.
//!   Event-type-only agreement compares CAMEO roots (first two digits) per sentence the same
//!   way; actor-only agreement compares (source, target) pairs.
//! - PLOVER GSR (one event per sentence): the sentence's first coded event is its answer; its
//!   category, under the PLOVER convention that folds modality into the category
//!   ([`plover_convention`]), must equal the gold category mapped to PLOVER 2.0 (0.5b1 names
//!   renamed). The rate at which any coded event has the gold category is reported beside it.
//! - Real-news pages (whole articles, events matched per page): [`news`].

pub mod news;

use std::collections::HashMap;

use attache_model::{Event, Modality, PloverCategory};

use crate::gold::{GoldActor, GoldTriple};
use crate::ontology::Ontology;

/// The code written for a missing actor in triples.
pub const NO_ACTOR: &str = "---";

/// Triples of an event list: one per (source, target) pair, `---` standing for a missing side;
/// an actor is never paired with itself.
pub fn triples(events: &[Event]) -> Vec<GoldTriple> {
    let mut out = Vec::new();
    // A dictionary code such as `FRO/BIL/SAM` names a group of actors: one triple each.
    let codes = |actors: &[attache_model::EventActor]| -> Vec<String> {
        let mut v: Vec<String> = actors
            .iter()
            .flat_map(|a| a.code.split('/').map(str::to_string).collect::<Vec<_>>())
            .map(|c| {
                if c.is_empty() {
                    NO_ACTOR.to_string()
                } else {
                    c
                }
            })
            .collect();
        if v.is_empty() {
            v.push(NO_ACTOR.to_string());
        }
        // Members of one compound that share a code ("four children and a man", both
        // civilians of Gaza) are one party of the triple, not two.
        let mut seen = Vec::new();
        v.retain(|c| {
            let new = !seen.contains(c);
            if new {
                seen.push(c.clone());
            }
            new
        });
        v
    };
    for e in events {
        let sources = codes(&e.source);
        let targets = codes(&e.target);
        for s in &sources {
            for t in &targets {
                // A compound acting on itself ("A and B met") pairs its members, not each
                // member with itself.
                if s == t && s != NO_ACTOR {
                    continue;
                }
                out.push(GoldTriple {
                    source: s.clone(),
                    target: t.clone(),
                    event: e.cameo.code.clone(),
                });
            }
        }
    }
    out
}

/// Counts of matched and unmatched items (multisets).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predictions that match a gold item.
    pub correct: usize,
    /// Gold items no prediction matched.
    pub missed: usize,
    /// Predictions that match no gold item.
    pub extra: usize,
}

impl Counts {
    /// Match two multisets.
    pub fn of<T: std::hash::Hash + Eq>(
        predicted: impl IntoIterator<Item = T>,
        gold: impl IntoIterator<Item = T>,
    ) -> Counts {
        let mut left: HashMap<T, usize> = HashMap::new();
        let mut gold_n = 0;
        for g in gold {
            *left.entry(g).or_insert(0) += 1;
            gold_n += 1;
        }
        let (mut correct, mut extra) = (0, 0);
        for p in predicted {
            match left.get_mut(&p) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    correct += 1;
                }
                _ => extra += 1,
            }
        }
        Counts {
            correct,
            missed: gold_n - correct,
            extra,
        }
    }

    /// Add another count.
    pub fn add(&mut self, o: Counts) {
        self.correct += o.correct;
        self.missed += o.missed;
        self.extra += o.extra;
    }

    /// correct / (correct + extra); 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.correct + self.extra)
    }

    /// correct / (correct + missed); 0 when there is no gold.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.correct + self.missed)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// extra / (correct + missed): extra predictions per gold item, as PETRARCH reports it.
    pub fn extra_rate(&self) -> f64 {
        ratio(self.extra, self.correct + self.missed)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores of a PETRARCH-style gold set.
#[derive(Debug, Clone, Copy, Default)]
pub struct TripleScore {
    /// Full triples.
    pub triples: Counts,
    /// CAMEO roots only.
    pub types: Counts,
    /// (source, target) pairs only.
    pub actors: Counts,
    /// Sentences scored.
    pub sentences: usize,
    /// `noevents` sentences with no predicted event.
    pub quiet_correct: usize,
    /// `noevents` sentences.
    pub quiet: usize,
}

impl TripleScore {
    /// Score one sentence (an empty `gold` is a `noevents` sentence).
    pub fn add(&mut self, predicted: &[GoldTriple], gold: &[GoldTriple]) {
        self.sentences += 1;
        if gold.is_empty() {
            self.quiet += 1;
            self.quiet_correct += usize::from(predicted.is_empty());
        }
        self.triples
            .add(Counts::of(predicted.iter().cloned(), gold.iter().cloned()));
        let root = |t: &GoldTriple| t.event.get(..2).unwrap_or(&t.event).to_string();
        self.types.add(Counts::of(
            predicted.iter().map(root),
            gold.iter().map(root),
        ));
        let pair = |t: &GoldTriple| (t.source.clone(), t.target.clone());
        self.actors.add(Counts::of(
            predicted.iter().map(pair),
            gold.iter().map(pair),
        ));
    }
}

/// The category an event has under the PLOVER manual's convention that an event with a
/// special context is coded as the single category it amounts to ("AGREE could be SUPPORT +
/// future; THREATEN could be ASSAULT + hypothetical ... the coder should always return the
/// single event category"): attache keeps the act and its modality apart (`CONSULT`,
/// `intended`), and this folds them back for scoring against PLOVER gold:
/// - a cooperative act announced, intended or offered is AGREE;
/// - a conflictual material act announced, intended, supposed or conditional is THREATEN;
/// - a cooperative act denied or refused is REJECT.
pub fn plover_convention(e: &Event) -> Option<PloverCategory> {
    use PloverCategory::*;
    let cat = e.plover.as_ref()?.category;
    let cooperative = matches!(
        cat,
        Consult | Support | Concede | Cooperate | Aid | Retreat | Agree
    );
    let material_conflict = matches!(cat, Protest | Sanction | Mobilize | Coerce | Assault);
    Some(match e.modality {
        Modality::Future | Modality::Intended if cooperative => Agree,
        Modality::Future | Modality::Intended | Modality::Hypothetical | Modality::Conditional
            if material_conflict =>
        {
            Threaten
        }
        Modality::Negated if cooperative => Reject,
        _ => cat,
    })
}

/// Scores of a PLOVER GSR set.
#[derive(Debug, Clone, Copy, Default)]
pub struct PloverScore {
    /// Records scored (gold category mappable to PLOVER 2.0).
    pub records: usize,
    /// Records whose first coded event has the gold category.
    pub type_correct: usize,
    /// Records where some coded event has the gold category.
    pub type_any: usize,
    /// Records with no coded event.
    pub uncoded: usize,
    /// Records whose first coded event has a gold source country among its sources.
    pub source_correct: usize,
    /// Records with a gold target whose first coded event has a gold target country.
    pub target_correct: usize,
    /// Records with a gold target.
    pub with_target: usize,
    /// Coded events in all.
    pub events: usize,
}

impl PloverScore {
    /// Score one record; `None` when the gold category is no PLOVER category at all.
    pub fn add(
        &mut self,
        onto: &Ontology,
        events: &[Event],
        gold_event: &str,
        gold_mode: Option<&str>,
        source: &[GoldActor],
        target: &[GoldActor],
    ) -> Option<bool> {
        let want = onto.normalise_plover(gold_event, gold_mode)?.category;
        self.records += 1;
        self.events += events.len();
        let first = events.iter().find(|e| e.plover.is_some());
        let Some(first) = first else {
            self.uncoded += 1;
            return Some(false);
        };
        let ok = plover_convention(first) == Some(want);
        self.type_correct += usize::from(ok);
        self.type_any += usize::from(events.iter().any(|e| plover_convention(e) == Some(want)));
        let country = |c: &str| c.get(..3).unwrap_or(c).to_string();
        let has = |gold: &[GoldActor], got: &[attache_model::EventActor]| {
            got.iter()
                .any(|a| gold.iter().any(|g| country(&g.code) == country(&a.code)))
        };
        self.source_correct += usize::from(has(source, &first.source));
        if !target.is_empty() {
            self.with_target += 1;
            self.target_correct += usize::from(has(target, &first.target));
        }
        Some(ok)
    }

    /// type_correct / records.
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_correct, self.records)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str, g: &str, e: &str) -> GoldTriple {
        GoldTriple {
            source: s.into(),
            target: g.into(),
            event: e.into(),
        }
    }

    #[test]
    fn multiset_matching_counts_each_gold_once() {
        let c = Counts::of(vec![1, 1, 2], vec![1, 3]);
        assert_eq!(
            c,
            Counts {
                correct: 1,
                missed: 1,
                extra: 2
            }
        );
        assert!((c.precision() - 1.0 / 3.0).abs() < 1e-9);
        assert!((c.recall() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn type_and_actor_agreement_are_scored_apart() {
        let mut s = TripleScore::default();
        s.add(&[t("USA", "CHN", "043")], &[t("USA", "CHN", "042")]);
        assert_eq!(s.triples.correct, 0);
        assert_eq!(s.types.correct, 1);
        assert_eq!(s.actors.correct, 1);
    }

    #[test]
    fn noevents_sentences_count_predictions_as_extra() {
        let mut s = TripleScore::default();
        s.add(&[t("A", "B", "010")], &[]);
        s.add(&[], &[]);
        assert_eq!((s.quiet, s.quiet_correct, s.triples.extra), (2, 1, 1));
    }

    #[test]
    fn plover_convention_folds_modality_into_the_category() {
        let mut e = Event {
            plover: Some(attache_model::PloverCoding {
                category: PloverCategory::Consult,
                ..Default::default()
            }),
            ..Event::default()
        };
        e.modality = Modality::Intended;
        assert_eq!(plover_convention(&e), Some(PloverCategory::Agree));
        e.modality = Modality::Negated;
        assert_eq!(plover_convention(&e), Some(PloverCategory::Reject));
        e.plover = Some(attache_model::PloverCoding {
            category: PloverCategory::Assault,
            ..Default::default()
        });
        e.modality = Modality::Conditional;
        assert_eq!(plover_convention(&e), Some(PloverCategory::Threaten));
        e.modality = Modality::Asserted;
        assert_eq!(plover_convention(&e), Some(PloverCategory::Assault));
    }
}
