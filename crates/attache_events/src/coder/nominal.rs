//! When a noun trigger ("the withdrawal", "its demand", "10 days of war games") is an act of
//! the sentence's actors rather than a topic. The coder drops free-standing nouns with no
//! actor tied to them ("welcomed the agreement", "the first pause in fighting"); the word
//! lists here name the contexts that DO tie a noun to an actor although no actor name stands
//! next to it.

use super::rules::Hit;
use super::text::View;
use crate::cues::{Cue, Cues};

/// Possessive pronouns: "its demand", "their talks" belong to the actor the pronoun stands
/// for, even when that actor is not in the actor dictionaries.
const POSSESSIVE_PRONOUNS: &[&str] = &["its", "their", "his", "her", "our"];

/// Words that may stand between a support verb and its object noun: determiners,
/// quantities and ordinals ("a second round of", "10 days of", "the first").
const NOUN_PHRASE_FILLERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "some", "new", "fresh", "first",
    "second", "third", "fourth", "fifth", "final", "latest", "further", "several", "two", "three",
    "four", "five", "of", "round", "rounds", "series", "wave", "waves", "days", "weeks", "months",
    "hours", "years", "day", "week", "month", "hour", "year", "another", "joint", "military",
    "naval", "air",
];

/// How many words a support verb may stand before its object noun ("launched 10 days of
/// war games" has three); further away the noun is likely in another phrase.
const MAX_SUPPORT_GAP: usize = 4;

/// How far before "for" a travel verb may stand ("return to Geneva this week for" has
/// five words between); the phrase must not cross punctuation.
const MAX_TRAVEL_GAP: usize = 7;

/// True when the noun follows "for" in a clause whose verb is one of travel (`travel_verb`
/// cues): the purpose of the subject's trip is its own act.
pub(super) fn purpose_of_travel(view: &View, cues: &Cues, first: usize) -> bool {
    let Some(prep) = first.checked_sub(1) else {
        return false;
    };
    if view.toks.get(prep).map(|t| t.norm.as_str()) != Some("for") {
        return false;
    }
    (prep.saturating_sub(MAX_TRAVEL_GAP)..prep)
        .rev()
        .map(|k| view.toks[k].norm.as_str())
        .take_while(|w| w.chars().any(|c| c.is_alphanumeric()))
        .any(|w| cues.has_word(Cue::TravelVerb, w))
}

/// True when a possessive pronoun stands right before the noun ("its demand").
pub(super) fn after_possessive_pronoun(view: &View, first: usize) -> bool {
    first
        .checked_sub(1)
        .and_then(|k| view.toks.get(k))
        .is_some_and(|t| POSSESSIVE_PRONOUNS.contains(&t.norm.as_str()))
}

/// True when the noun at `first` is the object of a support verb, across determiners and
/// quantity phrases ("launched 10 days of war games", "speeded up the withdrawal").
pub(super) fn object_of_support_verb(
    view: &View,
    words: &[&str],
    cues: &Cues,
    first: usize,
) -> bool {
    let mut k = first;
    for _ in 0..=MAX_SUPPORT_GAP {
        let Some(prev) = k.checked_sub(1) else {
            return false;
        };
        let Some(tok) = view.toks.get(prev) else {
            return false;
        };
        let w = tok.norm.as_str();
        // "the continued fighting" is an adjective, not a verb.
        let determined = || {
            prev.checked_sub(1)
                .and_then(|b| view.toks.get(b))
                .is_some_and(|t| matches!(t.norm.as_str(), "the" | "a" | "an"))
        };
        if cues.has_word(Cue::SupportVerb, w) {
            return !determined();
        }
        // A support verb with its particle ("speeded up", "carried out").
        if prev
            .checked_sub(1)
            .is_some_and(|b| cues.match_at(Cue::SupportVerb, words, b) == Some(2))
        {
            return true;
        }
        let number = !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == ',');
        if !(number || NOUN_PHRASE_FILLERS.contains(&w)) || view.group_at[prev].is_some() {
            return false;
        }
        k = prev;
    }
    false
}

/// True when a noun trigger only modifies the actor noun right after it ("some invasion
/// forces", "peacekeeping troops"): the actor is named, its act is not stated.
pub(super) fn modifies_following_actor(view: &View, last: usize, text: &str) -> bool {
    let next = last + 1;
    let Some(Some(g)) = view.group_at.get(next) else {
        return false;
    };
    let Some(group) = view.groups.get(*g) else {
        return false;
    };
    if group.first != next {
        return false;
    }
    // A common noun ("forces", "troops") rather than a name ("Israel").
    view.toks
        .get(next)
        .and_then(|t| text.get(t.span.start..t.span.end))
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_lowercase())
}

/// True when the trigger at view token `first` is the second half of a hyphenated modifier
/// ("U.S.-backed rebels", "Saudi-led coalition", "Syrian-backed militia"): it describes the
/// noun it modifies, as a name does, and states no act of its own.
pub(super) fn in_hyphenated_modifier(view: &View, first: usize, text: &str) -> bool {
    let Some(start) = view.toks.get(first).map(|t| t.span.start) else {
        return false;
    };
    let before = text.get(..start).unwrap_or_default();
    let mut back = before.chars().rev();
    back.next() == Some('-') && back.next().is_some_and(|c| c.is_alphanumeric() || c == '.')
}

/// True when a hit reads as a free-standing noun: right after a determiner or a
/// preposition ("welcomed the agreement", "pause in fighting"). A noun right after a
/// verb ("renewed negotiations", "held talks") is that verb's act, tied to its subject.
pub(super) fn is_nominal(view: &View, hit: &Hit) -> bool {
    let after_in = hit
        .first
        .checked_sub(1)
        .and_then(|k| view.toks.get(k))
        .is_some_and(|t| matches!(t.norm.as_str(), "in" | "on" | "into"));
    noun_context(view, hit.first) || after_in
}

/// True when the word at `first` reads as a noun: right after a determiner, a possessive
/// `'s` or a preposition other than the infinitive "to" ("following requests from ...").
pub(super) fn noun_context(view: &View, first: usize) -> bool {
    const NOUN_BEFORE: &[&str] = &[
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "'s",
        "following",
        "after",
        "amid",
        "of",
        "for",
        "with",
        "despite",
        "new",
        "fresh",
        "repeated",
        "key",
    ];
    first
        .checked_sub(1)
        .and_then(|k| view.toks.get(k))
        .is_some_and(|t| NOUN_BEFORE.contains(&t.norm.as_str()))
}
