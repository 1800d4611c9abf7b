//! PETRARCH compatibility: the conventions PETRARCH's gold records follow, applied only when
//! coding with a PETRARCH dictionary for its benchmarks (`CoderSettings::petrarch_compat`).
//!
//! - A negated cooperative act is coded as the matching rejection ("would not provide
//!   support" is CAMEO 121), where attache otherwise keeps the act with modality `negated`.
//! - A statement that someone attacked is an accusation of them ("X said Y attacked Z" is
//!   X→Y 112), and a statement that the speaker's own side attacked is a claim of
//!   responsibility (X→Z 015): PETRARCH's `SAY`/`CLAIM` transformations.

use attache_model::{Event, EventActor, Modality};

use super::rules::Hit;
use super::text::View;
use crate::cues::{Cue, Cues};
use crate::ontology::Ontology;

/// CAMEO "accuse" (of an attack).
const ACCUSE: &str = "112";
/// CAMEO "claim responsibility".
const CLAIM_RESPONSIBILITY: &str = "015";

/// The rejection a negated cooperative CAMEO code becomes (roots 03–08), as PETRARCH's
/// negation arithmetic gives them: consultation → reject a meeting, diplomatic or material
/// cooperation → reject cooperation, aid → reject aid, yielding → decline to yield.
pub(crate) fn rejection_of(code: &str) -> Option<&'static str> {
    match code.get(..2)? {
        "03" => Some("120"),
        "04" => Some("125"),
        "05" | "06" => Some("121"),
        "07" => Some("122"),
        "08" => Some("124"),
        _ => None,
    }
}

/// True for a participial adjunct: an "-ing" verb right after a comma (", killing at least
/// eight people", ", offering further support"). It has no subject of its own in a parse,
/// and PETRARCH's records code no event for it.
pub(crate) fn participial_adjunct(hit: &Hit, view: &View) -> bool {
    hit.verb
        && view
            .toks
            .get(hit.first)
            .is_some_and(|t| t.norm.ends_with("ing"))
        && hit
            .first
            .checked_sub(1)
            .and_then(|k| view.toks.get(k))
            .is_some_and(|t| t.norm == ",")
}

/// Recode negated cooperation as rejection, unless the negation is part of the pattern that
/// matched (a dictionary pattern such as `NOT * RELATIONS` already gives its own code).
pub(crate) fn negation_as_rejection(
    onto: &Ontology,
    e: &mut Event,
    hit: &Hit,
    view: &View,
    cues: &Cues,
) {
    if e.modality != Modality::Negated {
        return;
    }
    let words = view.words();
    let in_pattern = hit
        .evidence
        .iter()
        .any(|&k| cues.match_at(Cue::Negation, &words, k).is_some());
    let Some(reject) = rejection_of(&e.cameo.code).filter(|_| !in_pattern) else {
        return;
    };
    let (cameo, plover) = onto.coding_for_cameo(reject);
    e.rule.push_str(&format!(
        " => {reject} (negated {}, PETRARCH convention)",
        e.cameo.code
    ));
    e.cameo = cameo;
    e.plover = plover;
    e.modality = Modality::Asserted;
}

/// Apply the `SAY`/`CLAIM` transformations to a sentence's events (in text order, each with
/// its hit): a reporting verb followed by an attack becomes an accusation or a claim of
/// responsibility, and the attack itself is dropped.
pub(crate) fn transform_reports(
    onto: &Ontology,
    events: &mut Vec<(Event, Hit)>,
    view: &View,
    cues: &Cues,
) {
    let words = view.words();
    let is_report = |h: &Hit| cues.match_at(Cue::Report, &words, h.first).is_some();
    let is_attack = |e: &Event| matches!(e.cameo.code.get(..2), Some("18" | "19" | "20"));
    let country = |a: &[EventActor]| {
        a.first()
            .map(|x| x.code.get(..3).unwrap_or(&x.code).to_string())
    };
    let mut i = 0;
    while i < events.len() {
        if !is_report(&events[i].1) || events[i].0.source.is_empty() {
            i += 1;
            continue;
        }
        let after = events[i].1.last;
        // What a reporting verb reports is the first event after it: an attack further on
        // ("will send a team to help identify victims killed by ...") is no part of it.
        // "..., an AFP correspondent said, two weeks after rebels kidnapped ...": a reporting
        // verb closed by punctuation reports what came before it, not the next clause.
        let closed = view
            .toks
            .get(after + 1)
            .is_none_or(|t| matches!(t.norm.as_str(), "," | "." | ";" | ":"));
        if closed {
            i += 1;
            continue;
        }
        let next = (0..events.len())
            .filter(|&j| j != i && events[j].1.first > after)
            .min_by_key(|&j| events[j].1.first);
        let Some(j) = next.filter(|&j| is_attack(&events[j].0)) else {
            i += 1;
            continue;
        };
        let attack = events[j].0.clone();
        if attack.source.is_empty() {
            i += 1;
            continue;
        }
        let speaker = &events[i].0;
        let own_side = country(&speaker.source) == country(&attack.source);
        let (code, target) = if own_side {
            (CLAIM_RESPONSIBILITY, attack.target.clone())
        } else {
            (ACCUSE, attack.source.clone())
        };
        let (cameo, plover) = onto.coding_for_cameo(code);
        let e = &mut events[i].0;
        e.rule.push_str(&format!(
            " => {code} (statement about the attack \"{}\", PETRARCH transformation)",
            attack.evidence.text
        ));
        e.cameo = cameo;
        e.plover = plover;
        e.target = target;
        e.modality = Modality::Asserted;
        events.remove(j);
        if j < i {
            i -= 1;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cooperative_roots_map_to_their_rejections() {
        assert_eq!(rejection_of("051"), Some("121"));
        assert_eq!(rejection_of("0841"), Some("124"));
        assert_eq!(rejection_of("190"), None);
    }
}
