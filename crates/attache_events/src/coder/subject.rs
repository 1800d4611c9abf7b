//! The subject of a trigger: the nearest actor before it in its clause, the actor after
//! "of" when the subject's head is a common noun, the subject an earlier coordinated verb
//! has, or the first actor anywhere in the subject phrase.

use super::roles::{Roles, COORDINATORS, VERB_PREFIX};

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
        find(None)
            .or_else(|| find(Some("of")))
            .or_else(|| self.first_in_subject_phrase(first, clause, exclude))
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
        if !COORDINATORS.contains(&toks[conj].norm.as_str()) {
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
