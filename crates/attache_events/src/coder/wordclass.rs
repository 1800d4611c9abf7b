//! Word classes read from position alone, without a tagger: when a PETRARCH verb form
//! is a noun ("a brief private visit", "Israeli tank shelling") and when it is a verb again
//! ("to visit", "accused of attacking").

use super::text::{View, INFINITIVE_TO};
use crate::cues::{Cue, Cues};

/// How far back a determiner makes a PETRARCH verb form a noun ("a brief private visit").
const NOUN_DETERMINER_WINDOW: usize = 3;

/// How many words a noun phrase coordinated with a word after "that" may have before the
/// modal or negation that shows the pair is a subject ("that pressure or diplomatic
/// maneuvering cannot ...": two).
const COORDINATED_SUBJECT_WORDS: usize = 2;

/// Words that introduce a noun phrase.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "this", "these", "those", "'s", "many",
    "several", "some", "numerous", "further", "more", "few",
];

/// Words after which the next word is a verb again ("to visit", "will not visit").
const VERB_CONTEXT: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "shall", "should", "must", "did", "do",
    "does", "not", "n't", "never", "has", "have", "had",
];

/// Words after which an "-ing" form is still a verb, beside [`VERB_CONTEXT`] ("to", modals,
/// negation): forms of "be", and prepositions and conjunctions that take a verbal gerund
/// ("accused of attacking", "while fighting").
const GERUND_VERB_BEFORE: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "'s",
    "of",
    "for",
    "by",
    "in",
    "on",
    "without",
    "while",
    "after",
    "before",
    "from",
    "with",
    "about",
    "against",
    "and",
    "or",
    "also",
    "still",
    "keep",
    "keeps",
    "kept",
    "continue",
    "continues",
    "continued",
    "began",
    "begin",
    "begins",
    "started",
    "start",
    "starts",
    "stop",
    "stopped",
    "resumed",
];

/// True when an "-ing" form at `i` reads as a noun: it follows a plain word that is none of
/// [`GERUND_VERB_BEFORE`] ("Israeli tank shelling", "the six-year fighting"), not an actor,
/// punctuation or an adverb.
pub(super) fn gerund_noun(view: &View, i: usize) -> bool {
    let Some(k) = i.checked_sub(1) else {
        return false;
    };
    let w = view.toks[k].norm.as_str();
    view.group_at[k].is_none()
        && w.chars().all(char::is_alphabetic)
        && !w.ends_with("ly")
        && !GERUND_VERB_BEFORE.contains(&w)
        && !VERB_CONTEXT.contains(&w)
}

/// True when a determiner stands shortly before token `i` with nothing verbal between.
pub(super) fn after_determiner(view: &View, i: usize) -> bool {
    for k in (i.saturating_sub(NOUN_DETERMINER_WINDOW)..i).rev() {
        let w = view.toks[k].norm.as_str();
        if DETERMINERS.contains(&w) {
            return true;
        }
        if VERB_CONTEXT.contains(&w) || view.group_at[k].is_some() || w == "," {
            return false;
        }
    }
    false
}

/// True when a base or "-s" verb form at `i` right after a complementizer "that" reads as a
/// noun, the subject of the clause "that" opens: a finite verb there would need a subject
/// between ("insisting that pressure ... cannot compromise", "said that attacks will stop").
/// "That" is a complementizer, not a relative pronoun after a noun ("groups that attack"),
/// when it follows a reporting verb or an "-ed"/"-ing" verb form; or the word is coordinated
/// with a short noun phrase that a modal or negation follows ("that pressure or diplomatic
/// maneuvering cannot"), which makes the pair a subject whatever stands before "that".
pub(super) fn noun_after_complementizer(view: &View, cues: &Cues, i: usize) -> bool {
    let norm = |k: usize| view.toks.get(k).map(|t| t.norm.as_str());
    let Some(that) = i.checked_sub(1).filter(|&k| norm(k) == Some("that")) else {
        return false;
    };
    let after_verb = that
        .checked_sub(1)
        .and_then(norm)
        .is_some_and(|w| cues.has_word(Cue::Report, w) || verb_form(w));
    after_verb || coordinated_subject(view, cues, i)
}

/// True for an "-ed" or "-ing" form by its spelling; "-eed" and "-thing" words are nouns or
/// pronouns ("need", "something").
fn verb_form(w: &str) -> bool {
    w.chars().all(char::is_alphabetic)
        && w.len() > 4
        && (w.ends_with("ed") || w.ends_with("ing"))
        && !w.ends_with("eed")
        && !w.ends_with("thing")
}

/// True when the word at `i` is followed by "or"/"and", at most
/// [`COORDINATED_SUBJECT_WORDS`] plain words and then a modal or negation.
fn coordinated_subject(view: &View, cues: &Cues, i: usize) -> bool {
    let norm = |k: usize| view.toks.get(k).map(|t| t.norm.as_str());
    if !matches!(norm(i + 1), Some("or" | "and")) {
        return false;
    }
    let first = i + 2;
    (first + 1..=first + COORDINATED_SUBJECT_WORDS).any(|m| {
        let words_ok = (first..m).all(|k| {
            view.group_at.get(k).copied().flatten().is_none()
                && norm(k).is_some_and(|w| w.chars().all(char::is_alphabetic))
        });
        words_ok
            && norm(m).is_some_and(|w| {
                w != INFINITIVE_TO && VERB_CONTEXT.contains(&w) || cues.has_word(Cue::Negation, w)
            })
    })
}

/// True when a preposition other than the infinitive "to" stands right before token `i`:
/// there a verb form is a noun ("bans on travel", "calls for help"), as PETRARCH's parser
/// would tag it. "-ing" forms are left to [`gerund_noun`] ("accused of attacking").
pub(super) fn after_preposition(view: &View, cues: &Cues, i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|k| view.toks.get(k))
        .is_some_and(|t| t.norm != INFINITIVE_TO && cues.has_word(Cue::Preposition, &t.norm))
}
