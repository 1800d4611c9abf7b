//! Matching one compiled pattern around a trigger without a parse: elements after the verb
//! left to right, elements before it right to left, each within [`MAX_PATTERN_GAP`] tokens
//! of the previous one and inside the verb's phrase (no clause word, comma, modal, subject
//! pronoun or other finite verb in between); in the passive, the object elements are looked
//! for in the subject before the auxiliary, and its subject elements in the agent after
//! "by".

use super::rules::{Ctx, Elem, ElemKind, Pat, MAX_PATTERN_GAP, UNKNOWN};
use super::text::View;
use crate::cues::Cue;

/// Evidence tokens and bound groups when `p` matches around the trigger `first..=last`.
pub(super) fn match_pattern(
    ctx: &Ctx<'_>,
    p: &Pat,
    first: usize,
    last: usize,
) -> Option<(Vec<usize>, Option<usize>, Option<usize>)> {
    let view = ctx.view;
    let mut evidence: Vec<usize> = (first..=last).collect();
    let (mut sg, mut tg) = (None, None);
    let clause = view.clause[first];
    // After the trigger, left to right.
    let mut pos = last + 1;
    for e in &p.after {
        let (start, end) = find_forward(ctx, e, pos, clause)?;
        bind(view, e, start, &mut evidence, end, &mut sg, &mut tg);
        pos = end;
    }
    // Before the trigger, right to left.
    let mut pos = first; // exclusive end
    let mut adjacent = p.trigger_joined;
    for e in p.before.iter().rev() {
        let (start, end) = find_backward(ctx, e, pos, adjacent, clause)?;
        bind(view, e, start, &mut evidence, end, &mut sg, &mut tg);
        adjacent = e.adjacent;
        pos = start;
    }
    evidence.sort_unstable();
    evidence.dedup();
    Some((evidence, sg, tg))
}

/// How far before the passive auxiliary the subject phrase holding a pattern's object
/// words may start ("Evidence against Russia was presented").
const PASSIVE_SUBJECT_WINDOW: usize = 6;

/// Match a pattern's after-verb elements in the subject of a passive verb: they end before
/// the auxiliary at `aux`, in order. Patterns with elements before the verb do not apply.
pub(super) fn match_passive(
    ctx: &Ctx<'_>,
    p: &Pat,
    first: usize,
    aux: usize,
) -> Option<(Vec<usize>, Option<usize>, Option<usize>)> {
    if !p.before.is_empty() || p.after.is_empty() {
        return None;
    }
    let view = ctx.view;
    let clause = view.clause[first];
    let lo = aux.saturating_sub(PASSIVE_SUBJECT_WINDOW);
    'start: for s in lo..aux {
        if view.clause[s] != clause {
            continue;
        }
        let mut evidence: Vec<usize> = (first..=first).collect();
        let (mut sg, mut tg) = (None, None);
        let mut pos = s;
        for (n, e) in p.after.iter().enumerate() {
            let (start, end) = if n == 0 {
                match match_here(ctx, e, s, None) {
                    Some(len) => (s, s + len),
                    None => continue 'start,
                }
            } else {
                match find_forward(ctx, e, pos, clause) {
                    Some(x) => x,
                    None => continue 'start,
                }
            };
            if end > aux {
                continue 'start;
            }
            bind(view, e, start, &mut evidence, end, &mut sg, &mut tg);
            pos = end;
        }
        // A reduced relative (no auxiliary: `aux` is the participle itself) modifies the
        // noun right before it ("tariffs imposed by China"), not one further back ("hostages
        // for three of its commanders held by ...").
        if aux == first && pos != aux {
            continue 'start;
        }
        evidence.sort_unstable();
        evidence.dedup();
        return Some((evidence, sg, tg));
    }
    None
}

/// How far after a passive verb the "by" of its agent may stand ("was demolished
/// yesterday by").
const PASSIVE_AGENT_WINDOW: usize = 3;

/// Match a pattern's before-verb words in the agent of a passive verb: those words name the
/// doer (`PROTESTOR *`), who in the passive follows "by" ("was demolished by a protestor").
/// Only patterns with word elements before the verb and none after it apply.
pub(super) fn match_passive_agent(
    ctx: &Ctx<'_>,
    p: &Pat,
    first: usize,
    last: usize,
) -> Option<(Vec<usize>, Option<usize>, Option<usize>)> {
    let words_only = p
        .before
        .iter()
        .all(|e| matches!(e.kind, ElemKind::Words(_)));
    if p.before.is_empty() || !p.after.is_empty() || !words_only {
        return None;
    }
    let view = ctx.view;
    let clause = view.clause[first];
    let by = (last + 1..view.toks.len())
        .take(PASSIVE_AGENT_WINDOW)
        .take_while(|&k| view.clause[k] == clause)
        .find(|&k| view.toks[k].norm == "by")?;
    let mut evidence: Vec<usize> = (first..=last).collect();
    let mut pos = by + 1;
    for e in &p.before {
        let (start, end) = find_forward(ctx, e, pos, clause)?;
        evidence.extend(start..end);
        pos = end;
    }
    Some((evidence, None, None))
}

fn bind(
    view: &View,
    e: &Elem,
    start: usize,
    evidence: &mut Vec<usize>,
    end: usize,
    sg: &mut Option<usize>,
    tg: &mut Option<usize>,
) {
    let group = || (start..end).find_map(|k| view.group_at.get(k).copied().flatten());
    match e.kind {
        ElemKind::Words(_) => evidence.extend(start..end),
        ElemKind::Source => *sg = group(),
        ElemKind::Target => *tg = group(),
        ElemKind::Compound => {
            *sg = group();
            *tg = *sg;
        }
    }
}

/// Lengths of the element matched at `at`, longest first (`exact`: only that length).
fn match_here(ctx: &Ctx<'_>, e: &Elem, at: usize, exact: Option<usize>) -> Option<usize> {
    match &e.kind {
        ElemKind::Words(alts) => {
            let id = *ctx.ids.get(at)?;
            if id == UNKNOWN {
                return None;
            }
            alts.starting(id).iter().find_map(|a| {
                let n = a.len();
                (exact.is_none_or(|x| x == n) && ctx.ids.get(at..at + n) == Some(&a[..]))
                    .then_some(n)
            })
        }
        _ => {
            let view = ctx.view;
            // An actor group starting here, or after one determiner.
            let skip = usize::from(matches!(
                view.toks.get(at).map(|t| t.norm.as_str()),
                Some("the" | "a" | "an")
            ));
            let g = view.group_at.get(at + skip).copied().flatten()?;
            let group = view.groups.get(g)?;
            let n = group.last + 1 - at;
            (group.first == at + skip && exact.is_none_or(|x| x == n)).then_some(n)
        }
    }
}

fn find_forward(ctx: &Ctx<'_>, e: &Elem, from: usize, clause: usize) -> Option<(usize, usize)> {
    let view = ctx.view;
    let limit = if e.adjacent {
        from
    } else {
        from + MAX_PATTERN_GAP
    };
    for at in from..=limit.min(view.toks.len().saturating_sub(1)) {
        // Pattern words stay in the verb's phrase: not across a clause, a comma, or the
        // start of another verb phrase ("said they will attack": "attack" is no object of
        // "said").
        let w = view.toks[at].norm.as_str();
        if view.clause[at] != clause
            || (at > from && view.toks[at - 1].norm == ",")
            || PHRASE_BREAKS.contains(&w)
        {
            return None;
        }
        // A word after an infinitive "to" is a verb ("asking Obama to help"), not the noun a
        // pattern names ("ask help"), unless the pattern's previous element is that "to".
        let infinitive = at > from && view.after_to(at);
        if infinitive && matches!(e.kind, ElemKind::Words(_)) {
            continue;
        }
        if let Some(n) = match_here(ctx, e, at, None) {
            return Some((at, at + n));
        }
        // A preposition the pattern does not name opens another phrase ("launched attacks
        // during its campaign": "campaign" is no object of "launched").
        // A time phrase ("vowed on Thursday to wage war", "in 2008") is an adverbial inside
        // the verb's phrase, and a quantity preposition before a number is no preposition of
        // a phrase ("free over 150 prisoners"): neither opens a phrase of its own.
        // Checked only where it matters (a word element at a phrase preposition): this runs
        // for every scanned token of every pattern.
        let time_or_quantity = || {
            view.toks.get(at + 1).is_some_and(|t| {
                let n = t.norm.as_str();
                let number = n.starts_with(|c: char| c.is_ascii_digit());
                ctx.cues.has_word(Cue::TimeWord, n)
                    || is_year(n)
                    || (number && ctx.cues.has_word(Cue::QuantityPreposition, w))
            })
        };
        if matches!(e.kind, ElemKind::Words(_))
            && ctx.cues.has_word(Cue::PhrasePreposition, w)
            && !time_or_quantity()
        {
            return None;
        }
        // Another finite verb ("said such a step enjoyed support"): its words are its own.
        if at > from && ctx.past_forms.binary_search(&ctx.ids[at]).is_ok() {
            return None;
        }
    }
    None
}

/// Words that open another verb phrase: modal auxiliaries and subject pronouns. Pattern
/// words after the verb are not looked for past them.
const PHRASE_BREAKS: &[&str] = &[
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "he", "she",
    "they", "we", "i",
];

/// Longest word sequence any element may span, for the backward search.
const MAX_ELEMENT_WORDS: usize = 8;

fn find_backward(
    ctx: &Ctx<'_>,
    e: &Elem,
    end: usize,
    adjacent: bool,
    clause: usize,
) -> Option<(usize, usize)> {
    let view = ctx.view;
    // Try each possible end position going left; the element must end exactly there.
    let lowest = if adjacent {
        end
    } else {
        end.saturating_sub(MAX_PATTERN_GAP)
    };
    let mut stop = end;
    while stop >= lowest.max(1) {
        // Candidates that end at `stop` (exclusive).
        for start in (stop.saturating_sub(MAX_ELEMENT_WORDS)..stop).rev() {
            if view.clause[start] != clause {
                continue;
            }
            if match_here(ctx, e, start, Some(stop - start)).is_some() {
                return Some((start, stop));
            }
        }
        if adjacent {
            break;
        }
        stop -= 1;
    }
    None
}

/// True for a year as news writes one: four digits ("in 2008").
fn is_year(w: &str) -> bool {
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
}
