//! Modality (asserted, negated, future, intended, hypothetical, conditional) and reported
//! speech (who claims what), from the cue lists.

use attache_model::{EventActor, Modality};

use super::roles::Roles;
use crate::cues::{Cue, Cues};

/// How many tokens before a trigger a modal cue may be ("did not commit", "ready to continue
/// talks"); farther cues govern other verbs ("expected to focus on Pakistan's key demand").
pub const MODALITY_WINDOW: usize = 4;
/// How far before a trigger, in its clause, an `if` makes it conditional ("if the Afghan
/// government wants ..., it must take steps to eliminate ...").
pub const CONDITION_WINDOW: usize = 25;
/// How many tokens after the end of an event an `if` may start for the event to be
/// conditional ("obliterate the Taliban regime if tensions escalate").
pub const CONDITION_AFTER_WINDOW: usize = 3;
/// How far before a reporting verb its speaker may end ("Federal Information Minister
/// Attaullah Tarar stated").
pub const SPEAKER_WINDOW: usize = 3;

/// What the cues around a trigger say of its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading {
    pub modality: Modality,
    /// A `possibility` cue ("might", "may") stands before the trigger within
    /// [`MODALITY_WINDOW`] tokens of its clause: the act only may happen.
    pub possible: bool,
}

/// The modality of an event whose trigger starts at `first` and whose words (with actors)
/// end at `end` (inclusive), and whether it only may happen, from one scan of the cues.
pub(crate) fn modality(
    view_words: &[&str],
    clause: &[usize],
    cues: &Cues,
    first: usize,
    end: usize,
) -> Reading {
    let mut found: Vec<Modality> = Vec::new();
    let mut possible = false;
    let this = clause.get(first).copied().unwrap_or(0);
    // Cues just before the trigger.
    let lo = first.saturating_sub(MODALITY_WINDOW);
    for k in (lo..first).rev() {
        if clause[k] != this {
            break;
        }
        for (section, m) in [
            (Cue::Negation, Modality::Negated),
            (Cue::Hypothetical, Modality::Hypothetical),
            (Cue::Intent, Modality::Intended),
            (Cue::Future, Modality::Future),
        ] {
            if let Some(n) = cues.match_at(section, view_words, k) {
                // A cue counts when it ends before the trigger.
                if k + n <= first {
                    found.push(m);
                }
            }
        }
        possible |= cues
            .match_at(Cue::Possibility, view_words, k)
            .is_some_and(|n| k + n <= first);
    }
    // A condition earlier in the clause, not introducing the trigger's own content ("made it
    // clear that if ...").
    let lo = first.saturating_sub(CONDITION_WINDOW);
    for k in (lo..first).rev() {
        if clause[k] != this {
            break;
        }
        if cues.match_at(Cue::Condition, view_words, k).is_some() {
            found.push(Modality::Conditional);
        }
    }
    // A condition right after the event ("... if tensions escalate").
    for k in end + 1..(end + 1 + CONDITION_AFTER_WINDOW).min(view_words.len()) {
        if cues.match_at(Cue::Condition, view_words, k).is_some()
            && view_words.get(k - 1) != Some(&"that")
        {
            found.push(Modality::Conditional);
        }
    }
    // Precedence: a denial beats everything; then condition, supposition, intent, future.
    let modality = [
        Modality::Negated,
        Modality::Conditional,
        Modality::Hypothetical,
        Modality::Intended,
        Modality::Future,
    ]
    .into_iter()
    .find(|m| found.contains(m))
    .unwrap_or(Modality::Asserted);
    Reading { modality, possible }
}

/// A reporting verb in a sentence with its speaker.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    /// Tokens of the reporting verb.
    pub first: usize,
    pub last: usize,
    /// Who says so.
    pub speaker: Option<EventActor>,
    /// Actor group of the speaker, when it is one.
    pub speaker_group: Option<usize>,
    /// True when the speaker follows the verb ("according to X", "said X").
    pub speaker_after: bool,
    /// Actor group of the one spoken to, right after the verb ("told reporters that ...").
    pub listener: Option<usize>,
}

/// The reporting verbs of a sentence (`report` cues outside actor names) and their speakers.
pub(crate) fn reports(roles: &Roles<'_>) -> Vec<Report> {
    let view = roles.view;
    let words = roles.words;
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let Some(n) = roles
            .cues
            .match_at(Cue::Report, words, k)
            .filter(|_| view.group_at[k].is_none())
        else {
            k += 1;
            continue;
        };
        let (first, last) = (k, k + n - 1);
        let mut r = Report {
            first,
            last,
            speaker: None,
            speaker_group: None,
            speaker_after: false,
            listener: None,
        };
        // The subject the tree gives the verb, however far before it ("Philip Luther, a
        // researcher at ... who has followed ..., said").
        if let Some(gi) = roles.tree.and_then(|t| t.subject_group(view, first)) {
            r.speaker = roles.actors(gi).pop();
            r.speaker_group = Some(gi);
        }
        // Else, before the verb: an actor group ending within SPEAKER_WINDOW, a claimant
        // noun, or a person pronoun.
        let lo = first.saturating_sub(SPEAKER_WINDOW + 1);
        for j in (lo..first).rev().filter(|_| r.speaker.is_none()) {
            if view.clause[j] != view.clause[first] {
                break;
            }
            if let Some(gi) = view.group_at[j] {
                r.speaker = roles.actors(gi).pop().or(r.speaker);
                // The head of a compound or a title+name run is its last member; a speaker is
                // one actor, so keep the group for source fallback.
                r.speaker_group = Some(gi);
                break;
            }
            if let Some(c) = roles.claimant(j) {
                r.speaker = Some(c);
                break;
            }
            if roles.cues.has_word(Cue::PersonPronoun, words[j]) {
                r.speaker = roles.resolve_person(j);
                break;
            }
        }
        // A speaker before the verb speaks to the actor right after it ("told reporters").
        if r.speaker.is_some() {
            r.listener = view.group_at.get(last + 1).copied().flatten();
        }
        // Speaker after, only right after the verb ("according to Tarar", "said the
        // minister"), never inside the reported clause ("noting that Pakistan ...", or
        // "Luther, a researcher ..., said Iran must ...": a verb whose subject the tree puts
        // before it has its speaker there).
        let subject_before = roles.tree.is_some_and(|t| t.subject_before(first));
        if r.speaker.is_none() && !subject_before {
            let mut j = last + 1;
            while j < words.len() && matches!(words[j], "the" | "a" | "an") {
                j += 1;
            }
            if let Some(gi) = view.group_at.get(j).copied().flatten() {
                r.speaker = roles.actors(gi).pop();
                r.speaker_group = Some(gi);
                r.speaker_after = true;
            } else if let Some(c) = roles.claimant(j) {
                r.speaker = Some(c);
                r.speaker_after = true;
            }
        }
        // Else the subject of the clause ("Asif issued a warning, noting that ...").
        if r.speaker.is_none() {
            if let Some(gi) = roles.subject(first, None) {
                r.speaker = roles.actors(gi).pop();
                r.speaker_group = Some(gi);
            }
        }
        // Else the subject the tree gives the verb, when it can be a party that no
        // dictionary lists ("the fundamentalist Umma party has said it will ...").
        if r.speaker.is_none() {
            if let Some(span) = roles.tree.and_then(|t| t.party_subject(first)) {
                r.speaker = Some(roles.phrase_actor(span).0);
            }
        }
        out.push(r);
        k = last + 1;
    }
    out
}

/// How close to the end of the sentence a reporting verb after the content must be for it to
/// govern that content ("..., a senior official said on Wednesday.").
pub const REPORT_TAIL: usize = 6;

/// The report that governs a trigger at `first` in a sentence of `len` tokens: the nearest
/// reporting verb before it, else a sentence-final one after it ("..., X said."). `None` when
/// the trigger is itself a reporting verb.
/// A quoted trigger (`quoted`) is governed by the first report after it however long the
/// speaker's description runs ("'...,' said Philip Luther, a director at Amnesty
/// International").
pub(crate) fn governing(
    reports: &[Report],
    first: usize,
    len: usize,
    quoted: bool,
) -> Option<&Report> {
    if reports.iter().any(|r| r.first <= first && first <= r.last) {
        return None;
    }
    reports
        .iter()
        .filter(|r| r.last < first)
        .max_by_key(|r| r.last)
        .or_else(|| {
            reports
                .iter()
                .filter(|r| r.first > first && (quoted || r.last + REPORT_TAIL >= len))
                .min_by_key(|r| r.first)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues() -> Cues {
        let mut text: String = Cue::ALL
            .iter()
            .map(|s| format!("[{}]\n", s.name()))
            .collect();
        text.push_str("[negation]\nnot\ndid not\n~fail_to\n[future]\nwill\n[intent]\nready to\n[hypothetical]\nmust\nmight\n[condition]\nif\n[possibility]\nmight\n");
        match Cues::parse("c.txt", &text) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        }
    }

    fn modality_of(sentence: &str, trigger: &str) -> Modality {
        let words: Vec<&str> = sentence.split(' ').collect();
        let first = words.iter().position(|w| *w == trigger).unwrap_or(0);
        let clause = vec![0; words.len()];
        modality(&words, &clause, &cues(), first, first).modality
    }

    #[test]
    fn the_same_scan_tells_what_only_may_happen() {
        let read = |sentence: &str| {
            let words: Vec<&str> = sentence.split(' ').collect();
            let first = words.iter().position(|w| *w == "attack").unwrap_or(0);
            modality(&words, &vec![0; words.len()], &cues(), first, first)
        };
        let r = read("ruritania might attack elbonia");
        assert_eq!((r.modality, r.possible), (Modality::Hypothetical, true));
        let r = read("ruritania must attack elbonia");
        assert_eq!((r.modality, r.possible), (Modality::Hypothetical, false));
    }

    #[test]
    fn negation_intent_future_and_condition_are_read_from_cues() {
        assert_eq!(
            modality_of("kabul did not commit to steps", "commit"),
            Modality::Negated
        );
        assert_eq!(
            modality_of("they failed to provide assurances", "provide"),
            Modality::Negated
        );
        assert_eq!(
            modality_of("pakistan is ready to continue talks", "continue"),
            Modality::Intended
        );
        assert_eq!(
            modality_of("they will meet in istanbul", "meet"),
            Modality::Future
        );
        assert_eq!(
            modality_of(
                "it could obliterate them if tensions escalate",
                "obliterate"
            ),
            Modality::Conditional
        );
        assert_eq!(
            modality_of("troops attacked the post", "attacked"),
            Modality::Asserted
        );
    }

    #[test]
    fn far_cues_govern_other_verbs() {
        let s = "talks will focus on pakistan 's key demand";
        assert_eq!(modality_of(s, "demand"), Modality::Asserted);
    }

    #[test]
    fn negation_beats_intent() {
        assert_eq!(
            modality_of("they are not ready to attack", "attack"),
            Modality::Negated
        );
    }
}
