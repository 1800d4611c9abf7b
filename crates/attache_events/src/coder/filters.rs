//! Hits and events a sentence keeps: the most specific of overlapping hits, no bare intent
//! verb beside the act it governs, no infinitive a governing event carries, no participle
//! used as an adjective, and one threat rather than a threat and the force it threatens.

use attache_model::{Event, EventActor, Modality, PloverCategory, Upos};

use super::nominal;
use super::rules::Hit;
use super::text::View;
use super::tree::Tree;

/// Keep the most specific of overlapping hits: a hit whose trigger lies inside the evidence of
/// a more specific one ("talks" inside "continue ... talks") is dropped. Equally specific hits
/// on the same trigger words are all kept (the caller picks one).
pub(super) fn resolve_overlaps(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        b.pat
            .specificity
            .cmp(&a.pat.specificity)
            .then(a.first.cmp(&b.first))
    });
    let mut kept: Vec<Hit> = Vec::new();
    for h in hits {
        let inside = kept.iter().any(|k| {
            let same_trigger =
                (k.first, k.last) == (h.first, h.last) && k.pat.specificity == h.pat.specificity;
            !same_trigger
                && ((h.first..=h.last).any(|t| k.evidence.contains(&t))
                    || (k.first..=k.last).any(|t| h.evidence.contains(&t)))
        });
        if !inside {
            kept.push(h);
        }
    }
    kept.sort_by_key(|h| (h.first, h.last));
    kept
}

/// How far a verb of intent may be from the verb it governs ("will supply", "wants to
/// re-examine", "would not provide").
const INTENT_GOVERNS_WINDOW: usize = 3;

/// Drop the bare code of a verb of intent (`WILL`, `WANT`, `SEEK`: CAMEO 03 with no pattern)
/// when it governs another coded verb right after it: PETRARCH combines the two, and the
/// governed event carries the intent as its modality.
pub(super) fn drop_auxiliary_intents(hits: Vec<Hit>, view: &View) -> Vec<Hit> {
    const BETWEEN: &[&str] = &[
        "to", "not", "n't", "never", "also", "soon", "again", "be", "have",
    ];
    let starts: Vec<usize> = hits.iter().map(|h| h.first).collect();
    hits.into_iter()
        .filter(|h| {
            let auxiliary = h.pat.specificity == 0
                && h.code
                    .forward
                    .as_deref()
                    .is_some_and(|c| c.starts_with("03"));
            if !auxiliary {
                return true;
            }
            let mut k = h.last + 1;
            while k < view.toks.len() && k <= h.last + INTENT_GOVERNS_WINDOW {
                if starts.contains(&k) {
                    return false;
                }
                let w = view.toks[k].norm.as_str();
                if !(BETWEEN.contains(&w) || w.ends_with("ly")) {
                    return true;
                }
                k += 1;
            }
            true
        })
        .collect()
}

/// Drop an act in an infinitive ("to help Iran") that an earlier event of the clause with a
/// target or a pattern-named object governs: "faces pressure from Congress to help Iran",
/// "would not give permission to Russia to help Israel", "will send a team to help". The
/// infinitive is what is asked, allowed or refused, or what the act is for, not an act that
/// happened; the governing event carries it. Reporting verbs and bare verbs without a
/// target (the speaker's own intent, "wants to help") govern nothing here.
pub(super) fn drop_governed_infinitives(out: Vec<(Event, Hit)>, view: &View) -> Vec<(Event, Hit)> {
    let governed: Vec<bool> = out
        .iter()
        .map(|(_, h)| {
            let infinitive = view.after_to(h.first);
            infinitive
                && h.verb
                && out.iter().any(|(ge, g)| {
                    g.last < h.first
                        && !g.pat.report
                        && (!ge.target.is_empty() || names_object(g, h.first, view))
                        && view.clause.get(g.last) == view.clause.get(h.first)
                })
        })
        .collect();
    out.into_iter()
        .zip(governed)
        .filter(|(_, g)| !g)
        .map(|(x, _)| x)
        .collect()
}

/// True when governing hit `g` matched a pattern word as its object: between its verb and
/// the infinitive at `infinitive`, and not after a "by", where a passive's agent (the doer a
/// pattern names before its verb) stands ("was seized by protesters to ...").
fn names_object(g: &Hit, infinitive: usize, view: &View) -> bool {
    g.evidence.iter().any(|&k| {
        k > g.last
            && k < infinitive
            && !(g.last + 1..k).any(|b| view.toks.get(b).is_some_and(|t| t.norm == "by"))
    })
}

/// Drop one-word verb triggers in the past participle that modify a noun ("his alleged part",
/// "the disputed region", "following the banned rally"): after a determiner or a possessive
/// the participle is an adjective, not an act.
pub(super) fn drop_adjectival_participles(hits: Vec<Hit>, view: &View) -> Vec<Hit> {
    hits.into_iter()
        .filter(|h| {
            !(h.verb && h.participle && h.first == h.last && nominal::noun_context(view, h.first))
        })
        .collect()
}

/// A threat and a not-asserted use of force by the same source in one sentence are one
/// threat ("threatened to attack").
pub(super) fn drop_threatened_assaults(events: &mut Vec<Event>) {
    let codes = |v: &[EventActor]| v.iter().map(|a| a.code.clone()).collect::<Vec<_>>();
    let threats: Vec<Vec<String>> = events
        .iter()
        .filter(|e| {
            e.plover
                .as_ref()
                .is_some_and(|p| p.category == PloverCategory::Threaten)
        })
        .map(|e| codes(&e.source))
        .collect();
    events.retain(|e| {
        let force = e
            .plover
            .as_ref()
            .is_some_and(|p| p.category == PloverCategory::Assault);
        !(force && e.modality != Modality::Asserted && threats.contains(&codes(&e.source)))
    });
}

/// Drops the hits whose trigger word the tagger read otherwise than the rule does. A verb
/// rule needs a verb: not an adjective ("free trade", "free speech"), nor a noun unless it
/// is an "-ing" form (nouns of act, "the killing of", keep their verb rules) or has a
/// subject as a predicate ("is under pressure from"), since a verb rule's roles are a
/// clause's subject and object ("the fight against corruption", "a heart attack", "enforce
/// bans"). No rule fires inside a proper name ("Space Launch System Block 1B", "Climate
/// Action Summit").
pub(super) fn drop_misread_triggers(hits: Vec<Hit>, view: &View, tree: &Tree<'_>) -> Vec<Hit> {
    hits.into_iter()
        .filter(|h| {
            let Some(upos) = tree.upos_at(h.first) else {
                return true;
            };
            let verb_read_as_other = h.verb
                && match upos {
                    Upos::Adj => true,
                    Upos::Noun => {
                        !view.toks[h.first].norm.ends_with("ing") && !tree.has_subject(h.first)
                    }
                    _ => false,
                };
            !(verb_read_as_other || upos == Upos::Propn)
        })
        .collect()
}
