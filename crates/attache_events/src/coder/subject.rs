//! The subject of a trigger: the nearest actor before it in its clause, the actor after
//! "of" when the subject's head is a common noun, the subject an earlier coordinated verb
//! has, or the first actor anywhere in the subject phrase.

use super::roles::{Roles, VERB_COORDINATORS, VERB_PREFIX};
use crate::cues::Cue;

/// How many common nouns may stand between two actors of one noun phrase ("the Somali
/// militant group al-Shabab": two, "militant group"; "the Ruritanian rebel umbrella group
/// X" has three and reads as two phrases).
const APPOSITION_WORDS: usize = 2;

/// Endings that make a word between two actors verb-like, so the actors are two phrases
/// ("The army said Black Hand ...", "Ruritania believes Elbonia ..."): no tagger tells a
/// verb from a noun here. "-s" also ends plural
/// descriptors ("Ruritanian forces X"), which then count as two phrases: a present-tense
/// verb that is no trigger ("Ruritania believes Elbonia") merged into one phrase would
/// take the subject from the object's side, the worse error.
const VERB_LIKE_ENDINGS: &[&str] = &["ed", "ing", "s"];

impl Roles<'_> {
    /// The clause subject for a trigger starting at `first`: the nearest group before it in
    /// the same clause that is not inside a prepositional phrase; `exclude` is skipped.
    ///
    /// When no such group exists, the nearest group after "of" stands for the subject: its
    /// head is a common noun that is no actor by itself ("A member of the Syrian parliament
    /// started ...", "supporters of the former president blocked ...").
    ///
    /// A verb coordinated with an earlier one ("..., and warned") shares its subject; the
    /// addressee of a reporting verb ("told reporters that") is never a subject.
    pub fn subject(&self, first: usize, exclude: Option<usize>) -> Option<usize> {
        if let Some(g) = self
            .clause_subjects
            .then(|| self.coordinated_subject(first, exclude))
            .flatten()
        {
            return Some(g);
        }
        let clause = self.view.clause.get(first).copied()?;
        let find = |allow: Option<&str>| {
            self.view
                .groups
                .iter()
                .enumerate()
                .rev()
                .find_map(|(gi, g)| {
                    let usable = g.last < first
                        && self.view.clause[g.last] == clause
                        && Some(gi) != exclude
                        && self.prep_before(g) == allow
                        && !(self.clause_subjects && self.is_addressee(gi));
                    usable.then_some(gi)
                })
        };
        if let Some(gi) = find(None) {
            return Some(if self.first_of_noun_phrase {
                self.first_actor_of_phrase(gi, exclude)
            } else {
                gi
            });
        }
        find(Some("of")).or_else(|| self.first_in_subject_phrase(first, clause, exclude))
    }

    /// The first of the actors that one noun phrase names in a row ending with group `gi`:
    /// earlier groups count when only a few lower-case common nouns stand between ("Somali
    /// militant group al-Shabab": "militant group"), no preposition, joiner, verb-like word or
    /// punctuation. The walk stops at `exclude` (the other role's group), so the subject
    /// is never the group it must differ from.
    fn first_actor_of_phrase(&self, mut gi: usize, exclude: Option<usize>) -> usize {
        let view = self.view;
        while let Some(prev) = gi.checked_sub(1).filter(|&p| Some(p) != exclude) {
            let (p, g) = (&view.groups[prev], &view.groups[gi]);
            let between = p.last + 1..g.first;
            let descriptor = |k: usize| {
                let w = view.toks[k].norm.as_str();
                let raw = self.doc.text_of(view.toks[k].span);
                // Verb-like endings and reporting verbs end the subject.
                !raw.is_empty()
                    && raw.chars().all(|c| c.is_lowercase())
                    && !VERB_LIKE_ENDINGS.iter().any(|e| w.ends_with(e))
                    && !self.cues.has_word(Cue::Report, w)
                    && !self.triggers.get(k).copied().unwrap_or(false)
                    && !VERB_COORDINATORS.contains(&w)
                    && !VERB_PREFIX.contains(&w)
                    && !self.cues.has_word(Cue::Preposition, w)
                    && !self.cues.has_word(Cue::Clause, w)
            };
            let one_phrase = !between.is_empty()
                && between.len() <= APPOSITION_WORDS
                && view.clause[p.first] == view.clause[g.first]
                && self.prep_before(p).is_none()
                && between.clone().all(descriptor);
            if !one_phrase {
                break;
            }
            gi = prev;
        }
        gi
    }

    /// The subject of a verb at `first` coordinated with an earlier verb ("The army accused
    /// the rebels of moving fighters ..., and warned that ..."): the subject of the nearest
    /// earlier finite trigger. Non-finite triggers ("to move", "of using") are skipped, since
    /// they have no subject of their own in the sentence.
    fn coordinated_subject(&self, first: usize, exclude: Option<usize>) -> Option<usize> {
        let toks = &self.view.toks;
        let mut k = first;
        while k > 0 && VERB_PREFIX.contains(&toks[k - 1].norm.as_str()) {
            k -= 1;
        }
        let conj = k.checked_sub(1)?;
        if !VERB_COORDINATORS.contains(&toks[conj].norm.as_str()) {
            return None;
        }
        let finite = |p: usize| {
            let w = toks[p].norm.as_str();
            let before = p.checked_sub(1).map(|b| toks[b].norm.as_str());
            self.triggers.get(p).copied().unwrap_or(false)
                && self.view.group_at[p].is_none()
                && !w.ends_with("ing")
                && !matches!(before, Some("to" | "of"))
        };
        let prev = (0..conj).rev().find(|&p| finite(p))?;
        self.subject(prev, exclude)
    }

    /// When the subject phrase before a trigger has no actor at its head nor after "of" ("A
    /// report released in the Ruritanian capital alleged ..."), the first actor inside it,
    /// whatever preposition leads there, stands for the source.
    fn first_in_subject_phrase(
        &self,
        first: usize,
        clause: usize,
        exclude: Option<usize>,
    ) -> Option<usize> {
        self.view.groups.iter().enumerate().find_map(|(gi, g)| {
            let usable = g.last < first
                && self.view.clause[g.first] == clause
                && self.view.clause[g.last] == clause
                && Some(gi) != exclude
                && !(self.clause_subjects && self.is_addressee(gi));
            usable.then_some(gi)
        })
    }
}
