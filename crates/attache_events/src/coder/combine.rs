//! Verbs of asking and intending that govern an infinitive: "asking Obama to help Iran" is
//! an appeal for aid (023), "wants to help Israel" an intent to give aid (033), "wants to
//! attack" a threat of force (138). CAMEO builds its 02 (appeal) and 03 (intent) codes as
//! mirrors of the cooperative roots 04–08, so the matrix verb's generic code and the
//! infinitive's code combine into one event: the matrix subject is the source, the asked
//! party (or, without one, the infinitive's target) the target.
//!
//! Only generic matrix codes combine (a bare `ASK [020]`, `WANT [030]`); a dictionary
//! pattern that already names what is asked (`ASK * AID [023]`) keeps its code. Auxiliaries
//! of time ("will", "scheduled to", the `future` cues) are no intents: their verb keeps its
//! own code and they carry its modality.

use std::sync::Arc;

use super::modality::{self, Report};
use super::roles::Roles;
use super::rules::Hit;
use crate::cues::Cue;
use crate::petrarch::{EventCode, PicoTable};

/// (matrix root, infinitive code prefix, combined code). The longest matching prefix wins;
/// the table follows the CAMEO codebook's parallel 02x/03x and 04–08 branches.
const COMBINATIONS: &[(&str, &str, &str)] = &[
    ("02", "04", "026"),
    ("02", "05", "022"),
    ("02", "06", "021"),
    ("02", "071", "0231"),
    ("02", "072", "0232"),
    ("02", "073", "0233"),
    ("02", "074", "0234"),
    ("02", "07", "023"),
    ("02", "081", "0251"),
    ("02", "082", "0252"),
    ("02", "083", "024"),
    ("02", "084", "0253"),
    ("02", "085", "0254"),
    ("02", "086", "0255"),
    ("02", "087", "0256"),
    ("02", "08", "025"),
    ("03", "04", "036"),
    ("03", "05", "032"),
    ("03", "06", "031"),
    ("03", "071", "0331"),
    ("03", "072", "0332"),
    ("03", "073", "0333"),
    ("03", "074", "0334"),
    ("03", "07", "033"),
    ("03", "081", "0351"),
    ("03", "082", "0352"),
    ("03", "083", "034"),
    ("03", "084", "0353"),
    ("03", "085", "0354"),
    ("03", "086", "0355"),
    ("03", "087", "0356"),
    ("03", "08", "035"),
    // Wanting or planning to use force is threatening it.
    ("03", "18", "138"),
    ("03", "19", "138"),
    ("03", "20", "138"),
];

/// The combined code of a generic matrix code and an infinitive's code, if CAMEO has one.
pub(crate) fn combined(matrix: &str, infinitive: &str) -> Option<&'static str> {
    let root = matrix.get(..2)?;
    COMBINATIONS
        .iter()
        .filter(|(m, p, _)| *m == root && infinitive.starts_with(p))
        .max_by_key(|(_, p, _)| p.len())
        .map(|(_, _, c)| *c)
}

/// True for a generic appeal or intent code (`020`, `030`) that an infinitive may specify.
fn generic(code: &str) -> bool {
    matches!(code, "020" | "030")
}

/// Merge each generic appeal/intent verb with the coded infinitive it governs ("asking
/// Obama to help", "wants to help"); the infinitive's own hit is removed.
pub(crate) fn combine_infinitives(mut hits: Vec<Hit>, roles: &Roles<'_>) -> Vec<Hit> {
    let view = roles.view;
    let words = roles.words;
    let mut removed = vec![false; hits.len()];
    for m in 0..hits.len() {
        let h = &hits[m];
        let Some(code) = h.code.forward.as_deref().filter(|c| generic(c)) else {
            continue;
        };
        if h.pat.specificity != 0
            || !h.verb
            || roles.cues.match_at(Cue::Future, words, h.first).is_some()
        {
            continue;
        }
        // The asked party right after the verb ("asking Obama to ..."), then "to".
        let mut p = h.last + 1;
        let object = view.group_at.get(p).copied().flatten();
        if let Some(g) = object {
            p = view.groups[g].last + 1;
        }
        if !view.after_to(p + 1) {
            continue;
        }
        let Some(e) = hits.iter().position(|x| x.first == p + 1 && x.verb) else {
            continue;
        };
        let Some(inner) = hits[e].code.forward.clone() else {
            continue;
        };
        let Some(code) = combined(code, &inner) else {
            continue;
        };
        let target = object.or(hits[e].target_group).or_else(|| {
            let after = hits[e].evidence.last().copied().unwrap_or(hits[e].last);
            roles.any_after(after, hits[m].source_group)
        });
        let origin = format!(
            "{} + to {} => {code} (appeal/intent with its infinitive)",
            hits[m].pat.origin, hits[e].pat.origin
        );
        let mut evidence = hits[m].evidence.clone();
        evidence.extend(hits[e].evidence.iter().copied());
        evidence.sort_unstable();
        evidence.dedup();
        let hm = &mut hits[m];
        recode(hm, code, origin);
        hm.target_group = target;
        hm.evidence = evidence;
        removed[e] = true;
    }
    hits.into_iter()
        .zip(removed)
        .filter(|(_, r)| !r)
        .map(|(h, _)| h)
        .collect()
}

/// In PETRARCH mode with its coding ontology: a future auxiliary ("will", "would"; `WILL
/// [030]` in its dictionary) in a reported clause ("Ruritania announced it would free the
/// prisoners") states a plan, CAMEO's "express intent to" branch. Each verb right after it
/// takes the PICO sum of the two codes (0841 -> 0352); where the sum is no CAMEO code (an
/// intent to fight) or the act's own value, the act keeps its own code. An unreported
/// future ("Ruritania will free") stays the act. `reports` are the sentence's reporting
/// verbs; the one [`modality::governing`] picks for the auxiliary makes its clause
/// reported.
///
/// Combining infinitives ([`combine_infinitives`]) keeps the codebook table
/// [`COMBINATIONS`] even with PICO loaded: PICO for both lost one PETRARCH-2 GSR dev triple
/// (43/7/11 -> 42/8/12, F1 0.827 -> 0.808) and changed nothing else.
pub(crate) fn intend_reported_futures(
    mut hits: Vec<Hit>,
    roles: &Roles<'_>,
    reports: &[Report],
    pico: &PicoTable,
) -> Vec<Hit> {
    let words = roles.words;
    let len = roles.view.toks.len();
    for m in 0..hits.len() {
        let h = &hits[m];
        let Some(intent) = h.code.forward.as_deref().filter(|c| c.starts_with("03")) else {
            continue;
        };
        if h.pat.specificity != 0
            || roles.cues.match_at(Cue::Future, words, h.first).is_none()
            || modality::governing(reports, h.first, len, false).is_none()
        {
            continue;
        }
        // Every verb reading right after the auxiliary ("would free" as two patterns).
        let recoded: Vec<(usize, &str, String)> = hits
            .iter()
            .enumerate()
            .filter(|(_, x)| x.first == h.last + 1 && x.verb)
            .filter_map(|(g, x)| {
                let code = pico.combine(intent, x.code.forward.as_deref()?)?;
                let origin = format!(
                    "{} + {} => {code} (reported future as intent, PICO)",
                    h.pat.origin, x.pat.origin
                );
                Some((g, code, origin))
            })
            .collect();
        for (g, code, origin) in recoded {
            recode(&mut hits[g], code, origin);
        }
    }
    hits
}

/// Give a hit the code a combination worked out, forward only (a combined act has no
/// mirror), with the rule text saying how it came about.
fn recode(hit: &mut Hit, code: &str, origin: String) {
    let mut pat = (*hit.pat).clone();
    pat.origin = origin;
    hit.code = EventCode {
        forward: Some(code.to_string()),
        reverse: None,
    };
    hit.pat = Arc::new(pat);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appeals_and_intents_take_the_branch_of_their_infinitive() {
        assert_eq!(combined("020", "070"), Some("023"));
        assert_eq!(combined("020", "0841"), Some("0253"));
        assert_eq!(combined("030", "072"), Some("0332"));
        assert_eq!(combined("030", "042"), Some("036"));
        assert_eq!(combined("030", "190"), Some("138"));
        assert_eq!(combined("030", "090"), None);
    }
}
