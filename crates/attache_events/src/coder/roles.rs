//! Who is source and who is target: subject and object found by actor position around the
//! trigger, prepositional targets, possessors, passive voice, and pronouns.

use attache_model::{Document, EventActor};

use super::text::{members, Group, View};
use crate::cues::{Cue, Cues};
use crate::patterns::Slot;

/// How far after the trigger a direct object may start. Objects follow their verb closely
/// ("attacked the Afghan border post"); farther actors belong to other phrases.
pub const OBJECT_WINDOW: usize = 5;
/// How far after the trigger the preposition of a prepositional target may be ("talks in
/// Istanbul with Afghanistan").
pub const PREP_WINDOW: usize = 7;
/// How far after a verb a PETRARCH-style target may be: PETRARCH takes actors anywhere in
/// the verb phrase ("welcomed a resumption of formal diplomatic ties with Osgiliath").
pub const ANY_AFTER_WINDOW: usize = 12;
/// How far after its preposition the actor may start ("against the banned militant groups").
pub const PREP_OBJECT_WINDOW: usize = 4;
/// How many tokens may separate a possessor's `'s` from a nominal trigger ("Pakistan's key
/// demand").
pub const POSSESSOR_GAP: usize = 2;

/// How many tokens after a reporting verb's object a `that` may open the reported clause for
/// the object to be its addressee ("told reporters on Sunday that").
pub const ADDRESSEE_THAT_WINDOW: usize = 4;

/// Quantifiers that open a noun phrase ("both sides", "two delegations").
const QUANTIFIERS: &[&str] = &[
    "both", "all", "each", "two", "three", "several", "many", "some", "most",
];

/// How many tokens before a subject noun its determiner may be ("the two delegations").
pub const NP_LOOKBACK: usize = 3;

/// How far before a verb "both sides" / "the two delegations" may start to be its subject.
pub const PAIR_WINDOW: usize = 5;

/// Pronouns in the subject case: after a verb they start a clause of their own.
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "we", "i"];

/// Conjunctions that coordinate two verbs sharing one subject ("accused X of ..., and warned
/// that ..."): the second verb's subject is the first verb's, not the nearest actor before it.
pub(super) const VERB_COORDINATORS: &[&str] = &["and", "but"];

/// Auxiliaries and short adverbs that may stand between a subject (or a coordinator) and its
/// verb ("and also warned", "both sides have accepted").
pub(super) const VERB_PREFIX: &[&str] = &[
    "also", "then", "later", "again", "since", "already", "now", "still", "has", "have", "had",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "did", "do",
    "does", "not", "n't", "is", "are", "was", "were", "be", "been", "being",
];

/// Determiners and possessive pronouns skipped when looking at what precedes an actor.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those",
];

pub(crate) struct Roles<'a> {
    pub doc: &'a Document,
    /// The sentence's dependency tree, when it was parsed (and not in PETRARCH compatibility).
    pub tree: Option<&'a super::tree::Tree<'a>>,
    /// The view's temporal expressions, found once when the first event is dated.
    pub times: std::cell::OnceCell<Vec<super::dates::TimeExpr>>,
    pub view: &'a View,
    /// The view's token words, built once per sentence for cue matching.
    pub words: &'a [&'a str],
    pub cues: &'a Cues,
    /// Tokens where a trigger starts: an object search stops there (the actor after
    /// "discuss efforts to counter X" belongs to "counter").
    pub triggers: &'a [bool],
    /// Subject rules PETRARCH does not apply (coordinated verbs share the subject, the
    /// addressee of a reporting verb is no subject); off in PETRARCH compatibility, where they
    /// lowered the PETRARCH-2 GSR triple F1 (0.649 -> 0.643).
    pub clause_subjects: bool,
    /// PETRARCH's reading of a noun phrase naming several actors: the first one codes it
    /// ("the Somali militant group al-Shabab" is the Somali militants); on in PETRARCH
    /// compatibility.
    pub first_of_noun_phrase: bool,
    /// The pair in force before the sentence, for "both sides" ([`super::sides`]).
    pub sides: super::sides::Pair,
    /// Indices of the document's person mentions, in text order.
    pub index: &'a super::docindex::DocIndex,
}

impl Roles<'_> {
    /// The preposition right before a group (determiners skipped), if any.
    pub fn prep_before(&self, g: &Group) -> Option<&str> {
        let mut k = g.first;
        while k > 0 {
            k -= 1;
            let w = self.view.toks[k].norm.as_str();
            if DETERMINERS.contains(&w) || self.cues.has_word(Cue::Modifier, w) {
                continue;
            }
            return self.cues.has_word(Cue::Preposition, w).then_some(w);
        }
        None
    }

    /// True when group `gi` is the addressee of a reporting verb, its indirect object
    /// ("told reporters that ...", "told the council on Monday that ..."): the one spoken to
    /// neither says nor does what is reported.
    pub fn is_addressee(&self, gi: usize) -> bool {
        let Some(g) = self.view.groups.get(gi) else {
            return false;
        };
        let toks = &self.view.toks;
        let mut k = g.first;
        while k > 0 && DETERMINERS.contains(&toks[k - 1].norm.as_str()) {
            k -= 1;
        }
        let verb_before = k
            .checked_sub(1)
            .is_some_and(|v| self.cues.has_word(Cue::Report, &toks[v].norm));
        if !verb_before {
            return false;
        }
        let end = (g.last + 1 + ADDRESSEE_THAT_WINDOW).min(toks.len());
        for (j, t) in toks.iter().enumerate().take(end).skip(g.last + 1) {
            if t.norm == "that" {
                return true;
            }
            if t.norm == "," || self.view.group_at[j].is_some() {
                return false;
            }
        }
        false
    }

    /// True when a verb at `first` has a subject of its own after token `after` that is no
    /// actor ("..., the ministry said, the first pause both sides have accepted"; "said that
    /// the two delegations had signed"): the speaker of the report is then not its source.
    /// Pronouns ("said it would") usually stand for the speaker, so they do not count.
    pub fn has_own_subject(&self, first: usize, after: usize) -> bool {
        let toks = &self.view.toks;
        let mut k = first;
        while k > after + 1 && {
            let w = toks[k - 1].norm.as_str();
            VERB_PREFIX.contains(&w) || (w.len() > 4 && w.ends_with("ly"))
        } {
            k -= 1;
        }
        let Some(s) = k.checked_sub(1).filter(|&s| s > after) else {
            return false;
        };
        let w = toks[s].norm.as_str();
        // The noun opens a noun phrase of its own ("both sides", "the two delegations"), so
        // it is no verb ("to stop shelling").
        let np = (s.saturating_sub(NP_LOOKBACK).max(after + 1)..s)
            .rev()
            .any(|j| {
                let d = toks[j].norm.as_str();
                DETERMINERS.contains(&d) || QUANTIFIERS.contains(&d)
            });
        np && self.view.group_at[s].is_none()
            && w.chars().all(char::is_alphabetic)
            && !SUBJECT_PRONOUNS.contains(&w)
            && !matches!(w, "it" | "that" | "to" | "and" | "or" | "not")
            && !DETERMINERS.contains(&w)
            && !VERB_COORDINATORS.contains(&w)
            && !self.cues.has_word(Cue::Preposition, w)
            && !self.cues.has_word(Cue::Clause, w)
            && !self.cues.has_word(Cue::Report, w)
            && !self.cues.has_word(Cue::Modifier, w)
    }

    /// Where the subject of the clause a reporting verb ending at `report` reports ends
    /// (the token after its head), when that subject is a noun phrase that is no actor and
    /// the verb at `first` comes after it: "told reporters that the two delegations had
    /// signed a text committing them ... to stop shelling". The speaker is then not the
    /// source of what that clause's verbs do.
    pub fn reported_clause_subject(&self, report: usize, first: usize) -> Option<usize> {
        let toks = &self.view.toks;
        let mut k = report + 1;
        if let Some(g) = self.view.group_at.get(k).copied().flatten() {
            k = self.view.groups[g].last + 1;
        }
        let that = (k..(k + ADDRESSEE_THAT_WINDOW).min(first)).find(|&j| toks[j].norm == "that")?;
        let open = toks.get(that + 1)?.norm.as_str();
        if !(DETERMINERS.contains(&open) || QUANTIFIERS.contains(&open)) {
            return None;
        }
        let mut j = that + 2;
        while j < first && j <= that + 1 + NP_LOOKBACK {
            let w = toks[j].norm.as_str();
            if self.view.group_at[j].is_some() {
                return None;
            }
            if VERB_PREFIX.contains(&w) || self.triggers.get(j).copied().unwrap_or(false) {
                return (j > that + 2).then_some(j);
            }
            if !w.chars().all(char::is_alphabetic) || self.cues.has_word(Cue::Preposition, w) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// The compound actor that "both sides" or "the two delegations" just before a verb at
    /// `first` stands for: the nearest earlier group of two or more actors in the sentence
    /// ("Sudan's army and the RSF agreed ..., the first pause both sides have accepted").
    pub fn pair_antecedent(&self, first: usize) -> Option<usize> {
        let toks = &self.view.toks;
        let q = (first.saturating_sub(PAIR_WINDOW)..first)
            .find(|&j| matches!(toks[j].norm.as_str(), "both" | "two"))?;
        let noun = toks.get(q + 1)?.norm.as_str();
        if !noun.ends_with('s') || self.view.group_at[q + 1].is_some() {
            return None;
        }
        self.view
            .groups
            .iter()
            .enumerate()
            .rev()
            .find(|(_, g)| g.last < q && members(self.doc, g).count() >= 2)
            .map(|(gi, _)| gi)
    }

    /// The first group after `after` (exclusive) with no preposition before it, within
    /// [`OBJECT_WINDOW`] tokens and the clause.
    pub fn object(&self, after: usize, exclude: Option<usize>) -> Option<usize> {
        let clause = self.view.clause.get(after).copied()?;
        for k in after + 1..(after + 1 + OBJECT_WINDOW).min(self.view.toks.len()) {
            if self.view.clause[k] != clause || self.view.toks[k].norm == "," {
                return None;
            }
            if let Some(gi) = self.view.group_at[k] {
                if Some(gi) != exclude && self.view.groups[gi].first == k {
                    return Some(gi);
                }
                continue;
            }
            if self
                .cues
                .has_word(Cue::Preposition, &self.view.toks[k].norm)
            {
                return None;
            }
        }
        None
    }

    /// The first group after one of `preps` following token `after`; `that` counts as a
    /// preposition here ("demand that Afghanistan act").
    pub fn after_prep(
        &self,
        after: usize,
        preps: &[String],
        exclude: Option<usize>,
    ) -> Option<usize> {
        let clause = self.view.clause.get(after).copied()?;
        let end = (after + 1 + PREP_WINDOW).min(self.view.toks.len());
        for k in after + 1..end {
            if self.view.clause[k] != clause && !preps.iter().any(|p| p == "that") {
                return None;
            }
            if self.view.group_at[k].is_some() {
                continue;
            }
            if !preps.iter().any(|p| *p == self.view.toks[k].norm) {
                continue;
            }
            // A preposition right after another verb's participle is that verb's ("aid for
            // Afghans returning from Pakistan": Pakistan is not who is appealed to).
            if k > after + 1 && is_participle(&self.view.toks[k - 1].norm) {
                continue;
            }
            for j in k + 1..(k + 1 + PREP_OBJECT_WINDOW).min(self.view.toks.len()) {
                if let Some(gi) = self.view.group_at[j] {
                    if Some(gi) != exclude {
                        return Some(gi);
                    }
                }
                let w = self.view.toks[j].norm.as_str();
                if w != "of" && self.cues.has_word(Cue::Preposition, w) {
                    break;
                }
            }
        }
        None
    }

    /// True when token `k` is a pronoun that opens a clause of its own ("says it has
    /// evidence", "said they will attack"): what follows is reported content, not an object.
    pub fn opens_clause(&self, k: usize) -> bool {
        let toks = &self.view.toks;
        match toks.get(k).map(|t| t.norm.as_str()) {
            Some(w) if SUBJECT_PRONOUNS.contains(&w) => true,
            // "it" is an object too ("attacked it on Tuesday"); a clause when a verb follows.
            Some("it") => toks.get(k + 1).is_some_and(|t| {
                let w = t.norm.as_str();
                w.chars().all(char::is_alphabetic)
                    && !self.cues.has_word(Cue::Preposition, w)
                    && !self.cues.has_word(Cue::Clause, w)
            }),
            _ => false,
        }
    }

    /// Any group after the trigger in the clause (PETRARCH-style objects and PP objects).
    pub fn any_after(&self, after: usize, exclude: Option<usize>) -> Option<usize> {
        let clause = self.view.clause.get(after).copied()?;
        let end = (after + 1 + ANY_AFTER_WINDOW).min(self.view.toks.len());
        (after + 1..end)
            .take_while(|&k| {
                self.view.clause[k] == clause
                    && self.view.toks[k].norm != ","
                    && !self.triggers.get(k).copied().unwrap_or(false)
                    && !self.opens_clause(k)
            })
            .find_map(|k| {
                self.view.group_at[k]
                    .filter(|&gi| Some(gi) != exclude && self.view.groups[gi].first == k)
            })
    }

    /// The possessor of a nominal trigger ("Pakistan's key demand").
    pub fn possessor(&self, first: usize) -> Option<usize> {
        self.view.groups.iter().position(|g| {
            let s = g.last + 1;
            s < first && self.view.toks[s].norm == "'s" && first - s - 1 <= POSSESSOR_GAP
        })
    }

    /// The first of `slots` that finds an actor for a trigger spanning `first..=last`.
    pub fn slots(
        &self,
        slots: &[Slot],
        first: usize,
        last: usize,
        exclude: Option<usize>,
    ) -> Option<usize> {
        slots
            .iter()
            .find_map(|s| self.slot(s, first, last, exclude))
    }

    /// Resolve a slot for a trigger spanning `first..=last`.
    pub fn slot(
        &self,
        slot: &Slot,
        first: usize,
        last: usize,
        exclude: Option<usize>,
    ) -> Option<usize> {
        match slot {
            Slot::Subject => self.subject(first, exclude),
            Slot::Object => self.object(last, exclude),
            Slot::Possessor => self.possessor(first).filter(|g| Some(*g) != exclude),
            Slot::After(preps) => self.after_prep(last, preps, exclude),
            Slot::AnyAfter => self.any_after(last, exclude),
            Slot::Nothing => None,
        }
    }

    /// True when the trigger at `first` is a verb in the passive ("was attacked").
    /// Not a stance participle the tree reads ("was committed to the truce").
    pub fn is_passive(&self, first: usize) -> bool {
        passive_aux_before(self.view, self.cues, first).is_some()
            && !self.tree.is_some_and(|t| t.stance_at(first))
    }

    /// True when a past participle at `first` with no auxiliary modifies the noun phrase
    /// right before it, a reduced relative clause ("victims killed by the crash", "warrants
    /// for two men sought in the slaying", "the start of a trip aimed at ..."): the verb is
    /// passive and that noun is its object, never its subject. Told apart from a finite past
    /// tense ("rebels killed five soldiers") by an agent after it ("by") or by a noun phrase
    /// that is itself the object of a preposition, which cannot be a clause's subject.
    pub fn reduced_relative(&self, first: usize) -> bool {
        let toks = &self.view.toks;
        let Some(k) = first.checked_sub(1) else {
            return false;
        };
        let nominal = |j: usize| {
            let w = toks[j].norm.as_str();
            self.view.group_at[j].is_some()
                || (w.chars().all(char::is_alphabetic)
                    && !self.triggers.get(j).copied().unwrap_or(false)
                    && !VERB_PREFIX.contains(&w)
                    && !DETERMINERS.contains(&w)
                    && !SUBJECT_PRONOUNS.contains(&w)
                    && !VERB_COORDINATORS.contains(&w)
                    && !self.cues.has_word(Cue::Preposition, w)
                    && !self.cues.has_word(Cue::Clause, w))
        };
        if !nominal(k) {
            return false;
        }
        if toks.get(first + 1).is_some_and(|t| t.norm == "by") {
            return true;
        }
        // A participle modifying a noun takes no "that"-clause: "... in the capital alleged
        // that ..." is the finite verb of the phrase before.
        if toks.get(first + 1).is_some_and(|t| t.norm == "that") {
            return false;
        }
        // Back to the start of the noun phrase, then what stands before it.
        let mut start = match self.view.group_at[k] {
            Some(g) => self.view.groups[g].first,
            None => k,
        };
        let lo = start.saturating_sub(NP_LOOKBACK);
        while start > lo {
            let w = toks[start - 1].norm.as_str();
            let modifier = DETERMINERS.contains(&w)
                || QUANTIFIERS.contains(&w)
                || self.cues.has_word(Cue::Modifier, w)
                || w.chars().all(|c| c.is_ascii_digit());
            let adjective = self.view.group_at[start - 1].is_some() || nominal(start - 1);
            if !(modifier || adjective) {
                break;
            }
            start -= 1;
        }
        let Some(p) = start
            .checked_sub(1)
            .filter(|&p| self.cues.has_word(Cue::Preposition, &toks[p].norm))
        else {
            return false;
        };
        // The prepositional phrase hangs on a verb earlier in the clause ("has issued
        // warrants for ..."); without one it may be an adverbial before the subject's own
        // verb ("Arnor on Thursday signed").
        let clause = self.view.clause[p];
        (0..p)
            .rev()
            .take_while(|&j| self.view.clause[j] == clause && toks[j].norm != ",")
            .any(|j| {
                let w = toks[j].norm.as_str();
                let next = toks.get(j + 1).map(|t| t.norm.as_str()).unwrap_or("");
                self.triggers.get(j).copied().unwrap_or(false)
                    || VERB_PREFIX.contains(&w)
                    || (self.view.group_at[j].is_none()
                        && w.chars().all(char::is_alphabetic)
                        && !self.cues.has_word(Cue::Preposition, w)
                        && !DETERMINERS.contains(&w)
                        && DETERMINERS.contains(&next))
            })
    }

    /// In the passive, the actor of the subject phrase before the verb, even inside a
    /// prepositional phrase ("Evidence against Russia was presented by the US").
    pub fn passive_subject(&self, first: usize, exclude: Option<usize>) -> Option<usize> {
        if let Some(g) = self.subject(first, exclude) {
            return Some(g);
        }
        let clause = self.view.clause.get(first).copied()?;
        self.view
            .groups
            .iter()
            .enumerate()
            .rev()
            .find(|(gi, g)| {
                g.last < first && self.view.clause[g.last] == clause && Some(*gi) != exclude
            })
            .map(|(gi, _)| gi)
    }

    /// The actors of a group, as event actors.
    pub fn actors(&self, gi: usize) -> Vec<EventActor> {
        let Some(g) = self.view.groups.get(gi) else {
            return vec![];
        };
        members(self.doc, g)
            .map(|m| EventActor {
                code: m.code.clone(),
                name: m.name.clone(),
                text: self.doc.text_of(m.span).to_string(),
                span: m.span,
            })
            .collect()
    }

    /// A person pronoun ("he") before `first` in the clause, resolved to the last person
    /// mentioned before it in the article.
    pub fn pronoun_subject(&self, first: usize) -> Option<EventActor> {
        let clause = self.view.clause.get(first).copied()?;
        let k = (0..first)
            .rev()
            .take_while(|&k| self.view.clause[k] == clause)
            .find(|&k| {
                self.cues
                    .has_word(Cue::PersonPronoun, &self.view.toks[k].norm)
                    && self.view.group_at[k].is_none()
            })?;
        self.resolve_person(k)
    }

    /// The actor a noun phrase no dictionary lists stands for: the one an earlier mention
    /// names through coreference ("the group" for the RSF), else an uncoded actor known by
    /// its words, with `true` for words only.
    pub fn phrase_actor(&self, span: attache_model::Span) -> (EventActor, bool) {
        match self.coreferent(span) {
            Some(a) => (a, false),
            None => (self.unlisted_actor(span), true),
        }
    }

    /// The actor a noun phrase stands for through the article's coreference chains ("the
    /// group" for the Rapid Support Forces), known by the phrase's words.
    fn coreferent(&self, span: attache_model::Span) -> Option<EventActor> {
        let m = self.coreferent_actor(span)?;
        Some(EventActor {
            code: m.code.clone(),
            name: m.name.clone(),
            text: self.doc.text_of(span).to_string(),
            span,
        })
    }

    /// An actor no dictionary lists, known by the words of its noun phrase. A common noun
    /// ("a New York man", "consumer advocates") names private people: in a story about one
    /// country they are its private persons (`USACVL`). A name no recogniser typed (a firm,
    /// a charity, an agency?) keeps no code.
    pub fn unlisted_actor(&self, span: attache_model::Span) -> EventActor {
        let words = self.doc.text_of(span).to_string();
        let common_noun = words
            .split_whitespace()
            .last()
            .and_then(|head| head.chars().next())
            .is_some_and(|c| c.is_lowercase());
        let code = match &self.doc.story_country {
            Some(country) if common_noun => {
                format!("{country}{}", attache_model::PRIVATE_PERSON_SECTOR)
            }
            _ => String::new(),
        };
        EventActor {
            code,
            name: words.clone(),
            text: words,
            span,
        }
    }

    /// The actor a pronoun at token `k` refers to: through the article's coreference chains
    /// when the analysis layer made them (the chain's first mention that names an actor),
    /// else the last `Person` mention before it.
    pub fn resolve_person(&self, k: usize) -> Option<EventActor> {
        let at = self.view.toks.get(k)?.span;
        // "you" is the reader, or whoever a quoted speaker addresses; "I" and "we" outside
        // a quotation are the writer. Neither is a party the article names ("before your
        // trip to Japan", "we work with clients"), whatever mention comes before.
        let word = self.doc.text_of(at).to_lowercase();
        let word = word.split(['\'', '’']).next().unwrap_or("");
        if SECOND_PERSON.contains(&word)
            || (FIRST_PERSON.contains(&word) && !inside_quotation(&self.doc.article.text, at.start))
        {
            return None;
        }
        if let Some(m) = self.coreferent_actor(at) {
            return Some(EventActor {
                code: m.code.clone(),
                name: m.name.clone(),
                text: self.doc.text_of(at).to_string(),
                span: at,
            });
        }
        if self.index.has_chains() && self.index.chain_at(at).is_some() {
            // The chains say what the pronoun refers to, and it is no actor.
            return None;
        }
        // Mentions are in text order and do not overlap, so their ends are ordered too.
        let before = self.index.persons.partition_point(|&i| {
            self.doc
                .mentions
                .get(i)
                .is_some_and(|m| m.span.end <= at.start)
        });
        let m = self
            .doc
            .mentions
            .get(*self.index.persons.get(before.checked_sub(1)?)?)?;
        Some(EventActor {
            code: m.code.clone(),
            name: m.name.clone(),
            text: self.doc.text_of(at).to_string(),
            span: at,
        })
    }

    /// The first actor mention, before `at`, of the coreference chain that has a mention at
    /// `at` (a coreference mention names an actor when an actor mention other than a place
    /// lies inside it).
    fn coreferent_actor(&self, at: attache_model::Span) -> Option<&attache_model::Mention> {
        let chain = self.index.chain_at(at)?;
        self.doc
            .mentions
            .get(self.index.first_actor(chain, at.start)?)
    }

    /// A claimant that is not an actor ("sources", "officials") at token `k`.
    pub fn claimant(&self, k: usize) -> Option<EventActor> {
        let t = self.view.toks.get(k)?;
        self.cues
            .has_word(Cue::Claimant, &t.norm)
            .then(|| EventActor {
                code: String::new(),
                name: t.norm.clone(),
                text: self.doc.text_of(t.span).to_string(),
                span: t.span,
            })
    }
}

/// Pronouns of the one spoken to.
const SECOND_PERSON: &[&str] = &["you", "your", "yours", "yourself", "yourselves"];
/// Pronouns of the one speaking.
const FIRST_PERSON: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "us",
    "our",
    "ours",
    "ourselves",
];

/// Whether byte `at` of `text` lies inside a quotation: its paragraph has more opening than
/// closing curly quotes before it, or an odd number of straight double quotes.
pub(crate) fn inside_quotation(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    let paragraph = before.rsplit('\n').next().unwrap_or(before);
    let (mut open, mut close, mut straight) = (0usize, 0usize, 0usize);
    for c in paragraph.chars() {
        match c {
            '“' => open += 1,
            '”' => close += 1,
            '"' => straight += 1,
            _ => {}
        }
    }
    open > close || straight % 2 == 1
}

/// A present participle ("returning", "fleeing"): lowercase, longer than "ring"/"king".
fn is_participle(w: &str) -> bool {
    w.len() > 5 && w.ends_with("ing") && w.chars().all(|c| c.is_ascii_lowercase())
}

/// The first token of the passive auxiliary before a participle at `first` ("was
/// reportedly attacked" gives the position of "was"), if the verb is in the passive.
pub(crate) fn passive_aux_before(view: &View, cues: &Cues, first: usize) -> Option<usize> {
    let mut k = first;
    let mut skipped = 0;
    let mut aux = None;
    while k > 0 && skipped <= 2 {
        k -= 1;
        let w = view.toks[k].norm.as_str();
        if cues.has_word(Cue::PassiveAux, w) {
            aux = Some(k);
            continue;
        }
        if aux.is_some() {
            // "has been", "will be": the auxiliary chain goes on leftwards.
            if matches!(
                w,
                "has" | "have" | "had" | "will" | "would" | "be" | "being" | "been"
            ) {
                aux = Some(k);
                continue;
            }
            break;
        }
        // Adverbs ("reportedly", "allegedly") end in "-ly".
        if w.ends_with("ly") || matches!(w, "not" | "n't" | "also") {
            skipped += 1;
            continue;
        }
        break;
    }
    aux
}
