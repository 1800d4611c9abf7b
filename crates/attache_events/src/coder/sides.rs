//! "Both sides", "the two delegations" (the `sides` cues) as an event's object or subject:
//! the two actors of the most recent pair in the article before the phrase.
//!
//! A pair is a coordinated group of actors ("Ruritania and Elbonia") or the two distinct
//! actors one event paired (source and target, or a compound source). A group of three or
//! more actors named after the last pair leaves the parties unclear, and the phrase then
//! stands for no one. The other party of the event is never one of the sides: "Qatari and
//! Turkish mediators will meet both delegations" skips the mediators for the pair before
//! them, and they make no new pair for later phrases. The resolved actors keep the phrase as
//! their `text` and `span`, so the evidence shows the words the article used, and the pair's
//! codes and names.
//!
//! One event pairing two other actors than the pair in force leaves the parties unclear
//! ("the TTP claimed an attack on a police post" after Pakistan accused Afghanistan): an
//! event pair is weaker evidence than actors named together.
//!
//! This lives in the coder, not the actor resolver: the pair can come from an earlier
//! event's roles, which only the coder knows, and the phrase is a role filler, not a name.

use attache_model::{Document, Event, EventActor, Span};

use super::roles::Roles;
use super::text::{members, View};
use crate::cues::{Cue, Cues};

/// How many tokens after the trigger (or before it, for a subject) the phrase may start:
/// "urged both sides", "called on the two delegations".
pub const SIDES_WINDOW: usize = 3;

/// One party of the pair: code and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Party {
    pub code: String,
    pub name: String,
}

/// The two parties in force at some point of the article; `None` when no pair is clear.
pub(crate) type Pair = Option<[Party; 2]>;

/// The pair of a set of actors: exactly two distinct, known codes; `Err` when more.
fn pair_of<'a>(actors: impl Iterator<Item = (&'a str, &'a str)>) -> Result<Pair, ()> {
    let mut distinct: Vec<Party> = Vec::new();
    for (code, name) in actors {
        if !code.is_empty() && !distinct.iter().any(|p| p.code == code) {
            distinct.push(Party {
                code: code.to_string(),
                name: name.to_string(),
            });
        }
    }
    match <[Party; 2]>::try_from(distinct) {
        Ok(two) => Ok(Some(two)),
        Err(v) if v.len() > 2 => Err(()),
        Err(_) => Ok(None),
    }
}

/// The pair of group `gi`: `Some(pair)` when it names two or more actors (the pair, or
/// `None` for three or more), `None` when it names one.
fn group_pair(doc: &Document, view: &View, gi: usize) -> Option<Pair> {
    let g = view.groups.get(gi)?;
    let m = members(doc, g).map(|m| (m.code.as_str(), m.name.as_str()));
    match pair_of(m) {
        Ok(Some(p)) => Some(Some(p)),
        Ok(None) => None,
        Err(()) => Some(None),
    }
}

/// The same two parties, in either order.
fn same(a: &[Party; 2], b: &[Party; 2]) -> bool {
    b.iter().all(|p| a.contains(p))
}

/// The actors "both sides" resolved to in one role: two actors sharing the phrase's span.
fn resolved(side: &[EventActor]) -> bool {
    side.len() == 2 && side[0].span == side[1].span
}

/// The pair in force after one sentence: its coordinated groups, the events coded in it and
/// what its `sides` phrases resolved to, the last one in the text winning; `before` when the
/// sentence pairs no one. The other party of a resolved phrase is no new pair (the mediators
/// who "will meet both delegations", a group or event in the phrase's clause), and an event
/// alone pairing others than the pair in force leaves no pair clear.
pub(crate) fn after_sentence(
    doc: &Document,
    view: &View,
    words: &[&str],
    cues: &Cues,
    events: &[Event],
    before: Pair,
) -> Pair {
    // Clauses with a phrase: a group or event there acts with or on the sides, it is not them.
    let phrase_clauses: Vec<usize> = (0..words.len())
        .filter(|&k| cues.match_at(Cue::Sides, words, k).is_some())
        .filter_map(|k| view.clause.get(k).copied())
        .collect();
    // (end in the text, pair, whether only an event paired them)
    let mut best: Option<(usize, Pair, bool)> = None;
    let mut offer = |end: usize, pair: Pair, by_event: bool| {
        if best.as_ref().is_none_or(|(e, _, _)| end >= *e) {
            best = Some((end, pair, by_event));
        }
    };
    let mut mediators: Vec<Span> = Vec::new();
    // Pairs the sentence names together (a coordinated group).
    let mut named: Vec<[Party; 2]> = Vec::new();
    for e in events {
        for (side, other) in [(&e.source, &e.target), (&e.target, &e.source)] {
            if resolved(side) {
                mediators.extend(other.iter().map(|a| a.span));
                let parties = side.iter().map(|a| (a.code.as_str(), a.name.as_str()));
                if let Ok(p @ Some(_)) = pair_of(parties) {
                    offer(side[0].span.end, p, false);
                }
            }
        }
    }
    for (gi, g) in view.groups.iter().enumerate() {
        let beside = view
            .clause
            .get(g.first)
            .is_some_and(|c| phrase_clauses.contains(c));
        if beside || members(doc, g).any(|m| mediators.contains(&m.span)) {
            continue;
        }
        if let (Some(p), Some(t)) = (group_pair(doc, view, gi), view.toks.get(g.last)) {
            named.extend(p.clone());
            offer(t.span.end, p, false);
        }
    }
    for e in events {
        let at = view
            .toks
            .iter()
            .position(|t| t.span.start == e.evidence.start);
        if at
            .and_then(|k| view.clause.get(k))
            .is_some_and(|c| phrase_clauses.contains(c))
        {
            continue;
        }
        let actors = e.source.iter().chain(&e.target);
        // An event on more than two actors pairs no one (the mediator and "both sides").
        if let Ok(Some(p)) = pair_of(actors.map(|a| (a.code.as_str(), a.name.as_str()))) {
            offer(e.evidence.end, Some(p), true);
        }
    }
    let clear = |p: &[Party; 2]| {
        named.iter().any(|n| same(n, p)) || before.as_ref().is_none_or(|b| same(b, p))
    };
    match best {
        // One event pairing others than the pair in force does not make the parties clear
        // ("the TTP claimed an attack on a police post" after Pakistan accused Kabul).
        Some((_, Some(p), true)) if !clear(&p) => None,
        Some((_, p, _)) => p,
        None => before,
    }
}

impl Roles<'_> {
    /// Length of the `sides` phrase starting at token `k`, if one does.
    /// The pair a "sides" phrase ending at view token `at` stands for, when the tree names
    /// that phrase as a doer ("the two delegations had signed a text committing them to").
    pub fn sides_ending_at(&self, at: usize, other: &[EventActor]) -> Vec<EventActor> {
        for q in at.saturating_sub(self.longest_sides_phrase())..=at {
            if let Some(len) = self.sides_at(q) {
                if q + len == at + 1 {
                    return self.sides_actors(q, len, other);
                }
            }
        }
        vec![]
    }

    /// Words in the longest `sides` phrase (0 when the cues list none).
    fn longest_sides_phrase(&self) -> usize {
        self.cues
            .section(Cue::Sides)
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }

    fn sides_at(&self, k: usize) -> Option<usize> {
        self.cues.match_at(Cue::Sides, self.words, k)
    }

    /// The pair a phrase at token `q` stands for: the last group of several actors before
    /// it in the sentence, else the pair in force before the sentence; never one that shares
    /// an actor with `other`, the event's other party.
    fn pair_before(&self, q: usize, other: &[EventActor]) -> Pair {
        let disjoint = |p: &[Party; 2]| !p.iter().any(|p| other.iter().any(|o| o.code == p.code));
        let in_sentence = self
            .view
            .groups
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, g)| g.last < q)
            .filter_map(|(gi, _)| group_pair(self.doc, self.view, gi))
            .find(|p| p.as_ref().is_none_or(disjoint));
        match in_sentence {
            Some(p) => p,
            None => self.sides.clone().filter(disjoint),
        }
    }

    /// The pair in force at token `at` (the sentence's own pair before it, else the
    /// article's, else the two other actors the sentence names), other than `other`, as the
    /// parties an act at `at` is between; their names are their text, the words at `at`
    /// their span.
    pub fn pair_as_target(&self, at: usize, other: &[EventActor]) -> Vec<EventActor> {
        let Some(tok) = self.view.toks.get(at) else {
            return vec![];
        };
        // Else the sentence's two other actors, when it names exactly two ("Pakistan ...
        // talks with Afghanistan following requests from mediators Türkiye and Qatar").
        let named = || {
            let actors = self
                .view
                .groups
                .iter()
                .flat_map(|g| members(self.doc, g))
                .filter(|m| {
                    !matches!(m.kind, attache_model::ActorKind::Place)
                        && !other.iter().any(|o| o.code == m.code)
                })
                .map(|m| (m.code.as_str(), m.name.as_str()));
            pair_of(actors).ok().flatten()
        };
        self.pair_before(at, other)
            .or_else(named)
            .into_iter()
            .flatten()
            .map(|p| EventActor {
                code: p.code,
                text: p.name.clone(),
                name: p.name,
                span: tok.span,
            })
            .collect()
    }

    /// The resolved actors of the phrase `q..q + len`, its words as their text.
    fn sides_actors(&self, q: usize, len: usize, other: &[EventActor]) -> Vec<EventActor> {
        let (Some(a), Some(b)) = (
            self.view.toks.get(q),
            self.view.toks.get((q + len).saturating_sub(1)),
        ) else {
            return vec![];
        };
        let span = Span {
            start: a.span.start,
            end: b.span.end,
        };
        let text = self.doc.text_of(span).to_string();
        self.pair_before(q, other)
            .into_iter()
            .flatten()
            .map(|p| EventActor {
                code: p.code,
                name: p.name,
                text: text.clone(),
                span,
            })
            .collect()
    }

    /// "Both sides" as the object of the trigger ending at `last`: starting within
    /// [`SIDES_WINDOW`] tokens after it, in its clause, with no actor or comma between;
    /// `source` is the event's source.
    pub fn sides_object(&self, last: usize, source: &[EventActor]) -> Vec<EventActor> {
        let toks = &self.view.toks;
        let Some(&clause) = self.view.clause.get(last) else {
            return vec![];
        };
        let end = (last + 1 + SIDES_WINDOW).min(toks.len());
        for (k, tok) in toks.iter().enumerate().take(end).skip(last + 1) {
            if self.view.clause[k] != clause || tok.norm == "," || self.view.group_at[k].is_some() {
                break;
            }
            if let Some(len) = self.sides_at(k) {
                return self.sides_actors(k, len, source);
            }
        }
        vec![]
    }

    /// "Both sides" as the subject of the trigger at `first`: ending within
    /// [`SIDES_WINDOW`] tokens before it, in its clause ("both sides have accepted");
    /// `target` is the event's target.
    pub fn sides_subject(&self, first: usize, target: &[EventActor]) -> Vec<EventActor> {
        let Some(&clause) = self.view.clause.get(first) else {
            return vec![];
        };
        // A phrase may start as far back as the window plus its own length.
        let longest = self.longest_sides_phrase();
        for q in (first.saturating_sub(SIDES_WINDOW + longest)..first).rev() {
            if self.view.clause[q] != clause || self.view.group_at[q].is_some() {
                break;
            }
            if let Some(len) = self.sides_at(q) {
                let end = q + len;
                if end <= first && first - end <= SIDES_WINDOW {
                    return self.sides_actors(q, len, target);
                }
            }
        }
        vec![]
    }
}

#[cfg(test)]
mod tests {
    use attache_model::{ActorKind, Event};

    use super::super::tests::doc_with;
    use super::super::{Coder, CoderSettings};

    const WORLD: &[(&str, &str, ActorKind)] = &[
        ("Ruritania", "RUR", ActorKind::Country),
        ("Elbonia", "ELB", ActorKind::Country),
        ("Freedonia", "FRE", ActorKind::Country),
        ("Sylvania", "SYL", ActorKind::Country),
        ("The mediator", "IGOUNO", ActorKind::Organisation),
    ];

    fn code(text: &str) -> Vec<Event> {
        // Lone sentences: an event's target may be the point of a test ("stands for no one").
        let settings = CoderSettings {
            one_sided: true,
            ..CoderSettings::default()
        };
        let coder = match Coder::builtin(settings) {
            Ok(c) => c,
            Err(e) => panic!("builtin coder does not load: {e}"),
        };
        coder.code(&doc_with(text, WORLD))
    }

    /// The targets (code, text) of the mediator's request, which must be coded (one event
    /// per party).
    fn urged(events: &[Event]) -> Vec<(String, String)> {
        let urged: Vec<&Event> = events
            .iter()
            .filter(|e| e.evidence.text == "urged")
            .collect();
        assert!(
            !urged.is_empty()
                && urged
                    .iter()
                    .all(|e| e.source.iter().any(|a| a.code == "IGOUNO")),
            "{events:?}"
        );
        // The pair's order follows the events that made it; the parties are what count.
        let mut targets: Vec<(String, String)> = urged
            .iter()
            .flat_map(|e| e.target.iter().map(|a| (a.code.clone(), a.text.clone())))
            .collect();
        targets.sort();
        targets
    }

    fn pair(phrase: &str) -> Vec<(String, String)> {
        vec![
            ("ELB".to_string(), phrase.to_string()),
            ("RUR".to_string(), phrase.to_string()),
        ]
    }

    #[test]
    fn both_sides_stands_for_the_pair_named_in_an_earlier_sentence() {
        let ev = code(
            "Ruritania and Elbonia met for talks in the capital on Monday. \
             The mediator urged both sides to open the border.",
        );
        assert_eq!(urged(&ev), pair("both sides"));
        let e = ev.iter().find(|e| e.evidence.text == "urged");
        let span = e.and_then(|e| e.target.first()).map(|a| a.span);
        let text = "Ruritania and Elbonia met for talks in the capital on Monday. \
             The mediator urged both sides to open the border.";
        assert_eq!(span.map(|s| &text[s.start..s.end]), Some("both sides"));
    }

    #[test]
    fn the_two_delegations_take_the_pair_an_earlier_event_made() {
        let ev = code(
            "Ruritania accused Elbonia of shelling the border villages. \
             The mediator urged the two delegations to return to the table.",
        );
        assert_eq!(urged(&ev), pair("the two delegations"));
    }

    #[test]
    fn both_sides_as_a_subject_is_the_pair_as_source() {
        let ev = code(
            "Ruritania and Elbonia met for talks in the capital on Monday. \
             Both sides agreed to a ceasefire on Tuesday.",
        );
        // An agreement between the two sides is each one's towards the other.
        let mut agreed: Vec<(&str, &str, &str)> = ev
            .iter()
            .filter(|e| e.evidence.text.starts_with("agreed"))
            .flat_map(|e| {
                e.source
                    .iter()
                    .zip(&e.target)
                    .map(|(s, t)| (s.code.as_str(), t.code.as_str(), s.text.as_str()))
            })
            .collect();
        agreed.sort();
        assert_eq!(
            agreed,
            [("ELB", "RUR", "Both sides"), ("RUR", "ELB", "Both sides")],
            "{ev:?}"
        );
    }

    #[test]
    fn mediators_are_not_the_sides_they_meet_or_urge() {
        let ev = code(
            "Ruritania accused Elbonia of shelling the border villages. \
             Freedonia and Sylvania will meet both delegations on Monday. \
             The mediator urged both sides to open the border.",
        );
        assert_eq!(urged(&ev), pair("both sides"));
        // Each mediator meets each delegation: one event per pair.
        let mut meetings: Vec<(&str, &str)> = ev
            .iter()
            .filter(|e| e.evidence.text == "meet")
            .flat_map(|e| e.source.iter().zip(&e.target))
            .map(|(s, t)| (s.code.as_str(), t.code.as_str()))
            .collect();
        meetings.sort();
        let want = [
            ("FRE", "ELB"),
            ("FRE", "RUR"),
            ("SYL", "ELB"),
            ("SYL", "RUR"),
        ];
        assert_eq!(meetings, want, "{ev:?}");
    }

    #[test]
    fn an_event_between_two_other_actors_leaves_the_sides_unclear() {
        let ev = code(
            "Ruritania accused Elbonia of shelling the border villages. \
             Freedonia accused Sylvania of smuggling arms. \
             The mediator urged both sides to open the border.",
        );
        assert_eq!(urged(&ev), vec![]);
        let named = code(
            "Ruritania accused Elbonia of shelling the border villages. \
             Freedonia and Sylvania signed a trade deal. \
             The mediator urged both sides to open the border.",
        );
        let want =
            [("FRE", "both sides"), ("SYL", "both sides")].map(|(c, t)| (c.into(), t.into()));
        assert_eq!(urged(&named), want);
    }

    #[test]
    fn mediators_acting_on_unresolved_sides_do_not_become_the_pair() {
        let ev = code(
            "Freedonia and Sylvania will meet both delegations on Monday. \
             The mediator urged both sides to open the border.",
        );
        assert_eq!(urged(&ev), vec![]);
    }

    #[test]
    fn three_parties_named_last_leave_both_sides_unresolved() {
        let ev = code(
            "Ruritania and Elbonia met for talks on Monday. \
             Ruritania, Elbonia and Freedonia signed a joint statement on Tuesday. \
             The mediator urged both sides to open the border.",
        );
        assert_eq!(urged(&ev), vec![]);
    }

    #[test]
    fn with_no_pair_earlier_both_sides_stands_for_no_one() {
        let ev = code(
            "Ruritania closed the border on Monday. \
             The mediator urged both sides to open the border.",
        );
        assert_eq!(urged(&ev), vec![]);
        let later = code(
            "The mediator urged both sides to open the border. \
             Ruritania and Elbonia met for talks on Monday.",
        );
        assert_eq!(urged(&later), vec![]);
    }
}
