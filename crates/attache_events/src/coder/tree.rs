//! Roles and modality read from the dependency tree (`Document::tokens` with heads and UD
//! relations), when the analysis layer has parsed the sentence.
//!
//! The coder's word view ([`View`]) and the analysis tokens come from two tokenizers; they are
//! tied together by byte spans. For a trigger, the tree gives:
//! - the **doer**: the subject (`nsubj`), or in the passive the `by` agent (`obl:agent`, or an
//!   `obl` with case "by"); a verb without a subject of its own takes it from the verb that
//!   controls it (`xcomp`: "ready to resume talks" → the one who is ready; with an object, the
//!   object controls: "asked Pakistan to resume" → Pakistan), from the verb it is coordinated
//!   with (`conj`), or from the noun a relative clause modifies (`acl:relcl`, `acl`);
//! - the **one acted on**, by the pattern's target slots: `obj` is the object (`obj`, `iobj`) or
//!   in the passive the passive subject (`nsubj:pass`); a preposition slot is a participant
//!   marked by that preposition on the trigger, on another word of the pattern or on the
//!   trigger's object ("resume talks with Afghanistan"); `that` is the subject of the clause
//!   the trigger governs ("demanded that Kabul act"); `any` takes the object or a participant
//!   after one of [`TARGET_CASES`];
//! - for a **noun trigger**, its possessor or `by` agent as doer, and its prepositional
//!   participants as the one acted on; a noun that is the object of a verb takes that verb's
//!   subject as doer ("Pakistan made a demand");
//! - **modality** from the trigger's own dependents and governors (negation, auxiliaries,
//!   `xcomp` of an intent or refusal word, an `if`/`unless` clause, "no" on a noun).
//!
//! An argument node is turned into an actor group by looking at the node's own token, then
//! inside its noun phrase (compounds, names, modifiers, appositions, "of" phrases), never
//! into a clause the phrase contains.

use attache_model::kinds::{NounKind, NounKinds};
use attache_model::{Document, Modality};

use super::text::View;
use crate::patterns::Slot;

/// What slot filling needs to know of a trigger.
struct SlotContext<'a> {
    /// The trigger's node.
    t: usize,
    /// Read as a verb (subject, object, voice) rather than a noun.
    verbal: bool,
    passive: bool,
    /// Nodes a prepositional participant may hang from.
    anchors: &'a [usize],
}

/// Prepositions that mark the participant an act is aimed at ("talks with", "attack on",
/// "sanctions against", "aid to").
pub(crate) const TARGET_CASES: &[&str] = &[
    "against", "with", "on", "to", "toward", "towards", "into", "upon", "at", "over", "for",
];

/// Verbs whose subject undergoes the act their object names ("faces charges", "drew
/// criticism", "received threats").
const RECEIVING_VERBS: &[&str] = &[
    "face", "receive", "draw", "attract", "suffer", "endure", "undergo", "get",
];

/// Relations that attach a clause: the first of them met climbing from a word heads the
/// word's clause.
const CLAUSE_RELATIONS: &[&str] = &["root", "ccomp", "advcl", "xcomp", "parataxis", "csubj"];

/// Prepositions that make a noun the time, cause or topic of a verb's clause rather than an
/// act its subject does ("following the talks", "amid protests", "about the meeting").
const CIRCUMSTANCE_CASES: &[&str] = &[
    "follow",
    "following",
    "after",
    "before",
    "since",
    "until",
    "amid",
    "despite",
    "about",
    "over",
    "regarding",
    "concerning",
    "because",
];

/// Nouns whose subject undergoes the act of their "of" phrase ("the subject of an inquiry").
const RECEIVING_NOUNS: &[&str] = &["subject", "target", "focus", "object"];

/// Relations that stay inside a noun phrase when looking for the actor it names.
const PHRASE_RELATIONS: &[&str] = &[
    "compound", "flat", "amod", "nmod", "appos", "conj", "det", "nummod",
];

/// Nouns of accidents and disasters: one killed "in" them was killed by no one's force.
const ACCIDENT_NOUNS: &[&str] = &[
    "crash",
    "accident",
    "collision",
    "fire",
    "blaze",
    "flood",
    "earthquake",
    "storm",
    "landslide",
    "avalanche",
    "stampede",
    "derailment",
];

/// Prepositions before a gerund whose doer is the subject of the main clause ("pleaded
/// guilty to threatening", "by warning", "after meeting").
const GERUND_MARKS: &[&str] = &[
    "to", "by", "in", "after", "before", "while", "when", "without", "upon", "on", "through",
    "since",
];

/// Lemmas of words whose `xcomp` is an intended act ("ready to resume", "plans to visit").
const INTENT_HEADS: &[&str] = &[
    "ready",
    "plan",
    "intend",
    "want",
    "seek",
    "aim",
    "hope",
    "prepare",
    "willing",
    "expect",
    "agree",
    "decide",
    "vow",
    "pledge",
    "promise",
    "threaten",
    "wish",
    "try",
    "attempt",
    "eager",
    "determined",
    "set",
];

/// Lemmas of verbs that ask their object to do their `xcomp` ("urged Pakistan to arrest",
/// "pressuring the U.S. to leave", "get Ukraine to investigate"): the act is what is asked
/// for, which the request carries, not an act of its own.
const DIRECTIVE_HEADS: &[&str] = &[
    "ask",
    "urge",
    "press",
    "pressure",
    "push",
    "get",
    "persuade",
    "encourage",
    "want",
    "call",
    "beg",
    "implore",
    "appeal",
    "invite",
    "tell",
    "instruct",
    "lobby",
    "need",
    "expect",
];

/// Lemmas of words whose `xcomp` did not or will not happen ("refused to attend").
const REFUSAL_HEADS: &[&str] = &[
    "refuse",
    "fail",
    "decline",
    "reject",
    "unable",
    "avoid",
    "reluctant",
    "unwilling",
    "hesitant",
    "loath",
    "balk",
    "refrain",
];

/// Lemmas of participles that, after "be" with no `by` agent, say where their subject
/// itself stands, not what someone did to it: "the group was committed to the truce" is
/// the group's commitment, "Russia is opposed to the plan" Russia's opposition.
const STANCE_PARTICIPLES: &[&str] = &["commit", "oppose", "dedicate", "devote", "engage"];

/// Lemmas of auxiliaries that put an act in the future or make it hypothetical.
const FUTURE_AUX: &[&str] = &["will", "shall"];
const HYPOTHETICAL_AUX: &[&str] = &["would", "could", "might", "may", "should", "can"];

/// What one claims for an act that makes it one's own ("claimed responsibility for").
const CLAIMED_NOUNS: &[&str] = &["responsibility", "credit", "blame"];
/// The verbs that claim it.
const CLAIMING_VERBS: &[&str] = &["claim", "take", "accept", "admit", "bear"];

/// One sentence's tree, tied to the coder's view.
pub(crate) struct Tree<'d> {
    doc: &'d Document,
    /// First token (index into `Document::tokens`) of the sentence.
    base: usize,
    /// For each node (token of the sentence, relative to `base`), its children in order.
    children: Vec<Vec<usize>>,
    /// For each node, the view token that overlaps it most (first overlap).
    view_of: Vec<Option<usize>>,
    /// For each view token, the first node overlapping it.
    node_of: Vec<Option<usize>>,
}

/// What the tree says of one trigger.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TreeRoles {
    /// Actor group of the doer.
    pub source: Option<usize>,
    /// View token of a pronoun or unlisted doer, when no group names it.
    pub source_word: Option<usize>,
    /// Actor group of the one acted on.
    pub target: Option<usize>,
    /// The noun phrase of the one acted on when no actor group names it ("investigating
    /// WeWork", "arresting 210 people"): its byte span, for an actor known by its words only.
    pub target_phrase: Option<attache_model::Span>,
    /// The noun phrase of the doer when no actor group names it and it is no pronoun.
    pub source_phrase: Option<attache_model::Span>,
    /// View token of a pronoun acted on ("threatened her"), for coreference to resolve.
    pub target_word: Option<usize>,
    /// The trigger is in the passive.
    pub passive: bool,
    /// The tree's doer, by whatever route (own subject, control, a relative clause's head),
    /// is a common noun that names no actor and that the kinds table calls an idea or a
    /// thing ("a text committing them to ...").
    pub doer_is_thing: bool,
    /// The doer is such a noun as the trigger's own subject in the active ("the trade war
    /// offers ...", "this case demonstrates ...").
    pub doer_cannot_act: bool,
    /// View token of the doer's head word, whatever it names ("delegations" in "the two
    /// delegations had signed"), for phrases only the coder reads.
    pub doer_at: Option<usize>,
}

impl<'d> Tree<'d> {
    /// The tree of the view's sentence, when the document's tokens carry heads for it.
    pub fn of(doc: &'d Document, view: &View) -> Option<Tree<'d>> {
        let range = doc.sentence_tokens(view.sentence);
        let toks = doc.tokens.get(range.clone())?;
        if toks.is_empty() || toks.iter().all(|t| t.deprel.is_empty()) {
            return None;
        }
        let base = range.start;
        let mut children = vec![Vec::new(); toks.len()];
        for (i, t) in toks.iter().enumerate() {
            if let Some(h) = t.head {
                if h >= base && h - base < toks.len() && h - base != i {
                    children[h - base].push(i);
                }
            }
        }
        let mut view_of = vec![None; toks.len()];
        let mut node_of = vec![None; view.toks.len()];
        let mut v = 0;
        for (i, t) in toks.iter().enumerate() {
            while v < view.toks.len() && view.toks[v].span.end <= t.span.start {
                v += 1;
            }
            if v < view.toks.len() && view.toks[v].span.start < t.span.end {
                view_of[i] = Some(v);
                // Each view token overlapping this node points at it, unless claimed earlier.
                let mut w = v;
                while w < view.toks.len() && view.toks[w].span.start < t.span.end {
                    node_of[w].get_or_insert(i);
                    w += 1;
                }
            }
        }
        Some(Tree {
            doc,
            base,
            children,
            view_of,
            node_of,
        })
    }

    fn tok(&self, n: usize) -> &attache_model::Token {
        &self.doc.tokens[self.base + n]
    }

    fn head(&self, n: usize) -> Option<usize> {
        let h = self.tok(n).head?;
        (h >= self.base && h - self.base < self.children.len()).then(|| h - self.base)
    }

    fn rel(&self, n: usize) -> &str {
        &self.tok(n).deprel
    }

    fn lemma(&self, n: usize) -> String {
        let t = self.tok(n);
        if t.lemma.is_empty() {
            self.doc.text_of(t.span).to_lowercase()
        } else {
            t.lemma.to_lowercase()
        }
    }

    /// The tagger's part of speech of a view token, if the tree covers it.
    pub fn upos_at(&self, view_token: usize) -> Option<attache_model::Upos> {
        self.node(view_token).map(|n| self.tok(n).upos)
    }

    /// True when the view token heads a clause of its own: it has a subject, as a predicate
    /// noun has ("Pakistan is under pressure").
    pub fn has_subject(&self, view_token: usize) -> bool {
        self.node(view_token)
            .is_some_and(|n| self.kids(n, &["nsubj", "nsubj:pass"]).next().is_some())
    }

    /// The actor group of the subject the tree gives the verb at view token `first`
    /// ("Philip Luther, a researcher at ... who ..., said"), however far before the verb.
    pub fn subject_group(&self, view: &View, first: usize) -> Option<usize> {
        let t = self.node(first)?;
        let s = self.kids(t, &["nsubj"]).next()?;
        self.group(view, self.referent(view, s))
    }

    /// True when the verb at view token `first` has a subject before it: a name after such
    /// a verb ("Luther said Iran must ...") is not its speaker but inside what it reports.
    pub fn subject_before(&self, first: usize) -> bool {
        self.node(first).is_some_and(|n| {
            self.kids(n, &["nsubj", "nsubj:pass"])
                .any(|s| self.view_of[s].is_some_and(|v| v < first))
        })
    }

    /// The node of a view token, if the tree covers it.
    pub fn node(&self, view_token: usize) -> Option<usize> {
        self.node_of.get(view_token).copied().flatten()
    }

    /// Children of `n` whose relation (with subtype) is one of `rels`.
    fn kids<'a>(&'a self, n: usize, rels: &'a [&str]) -> impl Iterator<Item = usize> + 'a {
        self.children[n]
            .iter()
            .copied()
            .filter(move |&c| rels.contains(&self.rel(c)))
    }

    /// The lemma of the `case` (preposition) child of `n`, if any.
    fn case_of(&self, n: usize) -> Option<String> {
        self.kids(n, &["case"]).next().map(|c| self.lemma(c))
    }

    /// The actor group a node names: its own word, else the first group found inside its
    /// noun phrase (breadth first, never into clauses), else, for a common noun in
    /// apposition, the name it describes ("Patrick Carlineo, a man convicted of ...").
    pub fn group(&self, view: &View, n: usize) -> Option<usize> {
        self.group_in_phrase(view, n).or_else(|| {
            let described = self.head(n).filter(|_| {
                self.rel(n) == "appos" && self.tok(n).upos != attache_model::Upos::Propn
            })?;
            self.view_of[described].and_then(|v| view.group_at.get(v).copied().flatten())
        })
    }

    fn group_in_phrase(&self, view: &View, n: usize) -> Option<usize> {
        let mut queue = std::collections::VecDeque::from([n]);
        let mut seen = 0;
        while let Some(m) = queue.pop_front() {
            seen += 1;
            if seen > 64 {
                break;
            }
            if let Some(g) = self.view_of[m].and_then(|v| view.group_at.get(v).copied().flatten()) {
                return Some(g);
            }
            for &c in &self.children[m] {
                let rel = self.rel(c).split(':').next().unwrap_or("");
                // An "nmod" inside the phrase names what the phrase is of ("minister of
                // Pakistan"), but one after a target preposition is another participant.
                let nested_target = rel == "nmod"
                    && self
                        .case_of(c)
                        .is_some_and(|p| p != "of" && TARGET_CASES.contains(&p.as_str()));
                if PHRASE_RELATIONS.contains(&rel) && !nested_target {
                    queue.push_back(c);
                }
            }
        }
        None
    }

    /// Whether any word under node `n` (clauses included) belongs to an actor group: a
    /// misparsed subject may hold its actor anywhere below ("Human rights watchdog Amnesty
    /// International accused" with "watchdog" read as a verb).
    fn subtree_names_actor(&self, view: &View, n: usize) -> bool {
        let mut stack = vec![n];
        let mut seen = 0;
        while let Some(m) = stack.pop() {
            seen += 1;
            if seen > 64 {
                return true;
            }
            if self.in_group(view, m) {
                return true;
            }
            stack.extend(self.children[m].iter().copied());
        }
        false
    }

    /// The kinds table's counts for the word of node `n` (by lemma, then form).
    fn noun_counts(&self, n: usize) -> Option<&'static attache_model::kinds::KindCounts> {
        let tok = self.tok(n);
        NounKinds::builtin().counts(&tok.lemma, self.doc.text_of(tok.span))
    }

    /// Whether a noun phrase no dictionary lists can be a party to an act: a name, or a
    /// common noun that GUM's annotators mostly typed as a person or an organisation
    /// ("people", "students", "the Legislature"; not "accusations", "firecrackers").
    fn can_be_party(&self, n: usize) -> bool {
        let tok = self.tok(n);
        match tok.upos {
            // A name the recogniser typed, not a month or a title word the tagger calls a
            // proper noun ("last February"). (Leaving out names typed as places lost three
            // found events on the real-news pages: the recogniser types "WeWork" a place.)
            attache_model::Upos::Propn => {
                // Entities are in text order and do not overlap: the one that may cover the
                // token is the last starting at or before it.
                let at = self.base + n;
                let entities = &self.doc.entities;
                let k = entities.partition_point(|e| e.first_token <= at);
                (k > 0 && at < entities[k - 1].end_token)
                    || self.kids(n, &["flat"]).next().is_some()
            }
            attache_model::Upos::Noun => self.noun_counts(n).is_some_and(|c| c.can_act()),
            _ => false,
        }
    }

    /// Whether the verb at view token `first` is a passive with its own auxiliary ("have
    /// been killed"), as opposed to one the tree only reads as passive (a reduced relative,
    /// a conjunct of a passive), where tagging errors on active verbs land.
    pub fn passive_auxiliary_at(&self, first: usize) -> bool {
        self.node(first)
            .is_some_and(|t| self.kids(t, &["aux:pass"]).next().is_some())
    }

    /// Whether the verb at view token `first` has an object the tree gives: its own, or the
    /// subject of its infinitive clause ("wants Iraq to leave" in analyses that hang "Iraq"
    /// there). True when the tree does not cover the word (nothing to judge by).
    pub fn has_object_at(&self, first: usize) -> bool {
        self.node(first)
            .is_none_or(|t| self.active_object(t).is_some())
    }

    /// The object of active verb `t`: its own, or ("asked X to": in some analyses the asked
    /// one is the subject of the infinitive clause) the subject of its clausal complement.
    fn active_object(&self, t: usize) -> Option<usize> {
        // "wants Uganda to reopen": the complement's subject is the one acted on; a clause
        // after "that" ("recognize that the concessions are ...") is what is said or known.
        self.kids(t, &["obj", "iobj"]).next().or_else(|| {
            self.kids(t, &["xcomp", "ccomp"])
                .filter(|&c| !self.kids(c, &["mark"]).any(|m| self.lemma(m) == "that"))
                .find_map(|c| self.kids(c, &["nsubj"]).next())
        })
    }

    /// What the verb trigger at view token `first` acts on: its object; in the passive, its
    /// subject; for a clause modifying a noun with no object of its own, that noun (a
    /// participle, "the transcript released on Monday", or a relative clause with a subject
    /// of its own, "a call the White House released"). A relative pronoun stands for the
    /// noun its clause modifies.
    fn object_of(&self, t: usize) -> Option<usize> {
        let object = self
            .kids(t, &["obj"])
            .next()
            .or_else(|| self.kids(t, &["nsubj:pass"]).next())
            .or_else(|| {
                let own_subject = self
                    .kids(t, &["nsubj"])
                    .any(|s| self.relative_antecedent(s) == s);
                let on_head = match self.rel(t) {
                    "acl" => true,
                    "acl:relcl" => own_subject,
                    _ => false,
                };
                (on_head && self.kids(t, &["obj"]).next().is_none())
                    .then(|| self.head(t))
                    .flatten()
            })?;
        Some(self.relative_antecedent(object))
    }

    /// The node that names whom noun `n` stands for. A common noun that no list names,
    /// followed by a name in apposition, stands for that name ("WikiLeaks co-founder Julian
    /// Assange", "the man, Michael Webb"): the noun's own modifiers ("WikiLeaks") say whom
    /// the named one belongs to, not who acted or was acted on.
    fn referent(&self, view: &View, n: usize) -> usize {
        if self.tok(n).upos != attache_model::Upos::Noun || self.in_group(view, n) {
            return n;
        }
        self.children[n]
            .iter()
            .copied()
            .find(|&c| {
                matches!(self.rel(c), "appos" | "flat")
                    && self.tok(c).upos == attache_model::Upos::Propn
            })
            .unwrap_or(n)
    }

    /// Whether node `m`'s word belongs to an actor group of the view.
    fn in_group(&self, view: &View, m: usize) -> bool {
        self.view_of[m].is_some_and(|v| view.group_at.get(v).copied().flatten().is_some())
    }

    /// Whether the words of noun `n` itself name an actor: its own word, a compound, a flat
    /// name, an apposition or a nationality adjective ("the Taliban regime", "Palestinian
    /// detainees"), not a phrase inside it ("a letter from his physician, Dr. Bornstein").
    fn names_actor_itself(&self, view: &View, n: usize) -> bool {
        self.in_group(view, n)
            || self
                .kids(n, &["compound", "flat", "appos", "amod"])
                .any(|m| self.in_group(view, m))
    }

    /// Whether the one the verb trigger at view token `first` acts on ([`Tree::object_of`])
    /// is named as a country, an organisation or a place ("Russia beat Croatia", "Shopify
    /// beats WordPress"), so no person or group of people. The dictionaries' reading of the
    /// name decides, else the entity recogniser's. False when the tree gives no object or
    /// the object is no name.
    pub fn object_named_non_person(&self, first: usize) -> bool {
        use attache_model::{ActorKind, EntityKind};
        let Some(object) = self.node(first).and_then(|t| self.object_of(t)) else {
            return false;
        };
        if self.tok(object).upos != attache_model::Upos::Propn {
            return false;
        }
        let span = self.tok(object).span;
        if let Some(m) = self.doc.mentions.iter().find(|m| m.span.overlaps(span)) {
            return matches!(
                m.kind,
                ActorKind::Country | ActorKind::Organisation | ActorKind::Place
            );
        }
        self.doc
            .entities
            .iter()
            .find(|e| e.span.overlaps(span))
            .is_some_and(|e| matches!(e.kind, EntityKind::Organisation | EntityKind::Place))
    }

    /// What the verb trigger at view token `first` acts on ([`Tree::object_of`]), when that
    /// is a common noun the kinds table knows and not one of the words its pattern matched:
    /// an idea ("fighting the policy"), a thing ("released the transcript"), or a person,
    /// group or place. A quantity's "of" phrase stands for it ("scores of refugees", "part
    /// of a stronghold"). `None` when the tree does not cover the trigger, it is no verb, it
    /// has no such object, or the object's own words name an actor.
    pub fn object_kind(&self, view: &View, first: usize, evidence: &[usize]) -> Option<NounKind> {
        let t = self.node(first)?;
        if self.tok(t).upos != attache_model::Upos::Verb {
            return None;
        }
        let object = self.object_of(t)?;
        // An object the pattern's own words name ("allow the return of inspectors") is the
        // one it means; an object naming an actor is a party ("obliterate the Taliban
        // regime").
        let under_object = |v: usize| {
            let mut n = self.node(v);
            for _ in 0..8 {
                match n {
                    Some(m) if m == object => return true,
                    Some(m) if m == t => return false,
                    Some(m) => n = self.head(m),
                    None => return false,
                }
            }
            false
        };
        if evidence.iter().any(|&v| under_object(v)) || self.names_actor_itself(view, object) {
            return None;
        }
        let kind = |n: usize| {
            (self.tok(n).upos == attache_model::Upos::Noun)
                .then(|| self.noun_counts(n).map(|c| c.kind()))
                .flatten()
        };
        let of_phrase = self
            .kids(object, &["nmod"])
            .find(|&c| self.case_of(c).as_deref() == Some("of"));
        match (kind(object), of_phrase) {
            // "positions of the Palestinian security forces": the forces are acted on.
            (_, Some(of)) if self.names_actor_itself(view, of) => None,
            (Some(NounKind::Abstract | NounKind::Concrete) | None, Some(of)) => kind(of),
            (k, _) => k,
        }
    }

    /// The bytes of a noun phrase's name: the node with its compounds, flat names, adjectives
    /// and numbers ("210 people", "U.S. forces", "Securities and Exchange Commission"), without
    /// determiners, clauses or prepositional phrases.
    fn phrase_span(&self, n: usize) -> attache_model::Span {
        let mut span = self.tok(n).span;
        let mut stack = vec![n];
        let mut seen = 0;
        while let Some(m) = stack.pop() {
            seen += 1;
            if seen > 32 {
                break;
            }
            for &c in &self.children[m] {
                let rel = self.rel(c).split(':').next().unwrap_or("");
                if matches!(rel, "compound" | "flat" | "amod" | "nummod") {
                    let s = self.tok(c).span;
                    span.start = span.start.min(s.start);
                    span.end = span.end.max(s.end);
                    stack.push(c);
                }
            }
        }
        span
    }

    /// The words of the subject of the verb at view token `first` when no dictionary names
    /// it but it can be a party ("the fundamentalist Umma party has said ..."): the speaker
    /// of a report known by its words.
    pub fn party_subject(&self, first: usize) -> Option<attache_model::Span> {
        let t = self.node(first)?;
        let s = self.kids(t, &["nsubj"]).next()?;
        self.can_be_party(s).then(|| self.phrase_span(s))
    }

    /// The passive verb a participle with no subject or auxiliary of its own is coordinated
    /// with, and so shares its voice with ("was convicted and sentenced to life").
    fn passive_conjunct_head(&self, t: usize) -> Option<usize> {
        let bare = self.rel(t) == "conj"
            && self.tok(t).xpos == "VBN"
            && self
                .kids(t, &["nsubj", "nsubj:pass", "aux", "aux:pass", "obj"])
                .next()
                .is_none();
        self.head(t)
            .filter(|&h| bare && self.kids(h, &["nsubj:pass", "aux:pass"]).next().is_some())
    }

    /// True when a noun is a predicate after "under" ("are under pressure"): its subject
    /// undergoes it rather than does it.
    fn is_under_predicate(&self, t: usize) -> bool {
        self.tok(t).upos == attache_model::Upos::Noun && self.case_of(t).as_deref() == Some("under")
    }

    /// A pronoun that stands for someone coreference may resolve to a party: a personal
    /// one ("he", "them", "its") or the relative "who"/"whose". Other relative,
    /// demonstrative and indefinite pronouns ("which", "that", "those", "something",
    /// "nothing") name no one by themselves.
    fn is_pronoun(&self, n: usize) -> bool {
        let tok = self.tok(n);
        tok.upos == attache_model::Upos::Pron
            && (tok.xpos.is_empty()
                || tok.xpos.starts_with("PRP")
                || (tok.xpos.starts_with("WP") && self.lemma(n).starts_with("who")))
    }

    /// Read the roles of a trigger: `first` is its first view token, `evidence` the view
    /// tokens of the words its pattern matched, `source`/`target` the pattern's slots (tried
    /// in order, as the word-window rules try them).
    pub fn roles(
        &self,
        view: &View,
        first: usize,
        verb: bool,
        evidence: &[usize],
        source: &[Slot],
        target: &[Slot],
    ) -> Option<TreeRoles> {
        let t = self.node(first)?;
        let mut out = TreeRoles::default();
        let upos = self.tok(t).upos;
        // A noun predicate after "under" ("are under pressure") has a subject without
        // being the subject's act: the subject undergoes it (`receiver`).
        let under = self.is_under_predicate(t);
        let is_verbal = (verb && !under)
            || matches!(upos, attache_model::Upos::Verb | attache_model::Upos::Aux)
            || (!under
                && self
                    .kids(t, &["nsubj", "nsubj:pass", "obj"])
                    .next()
                    .is_some());
        // The words a participant may hang from: the trigger, the other words its pattern
        // matched ("demand .. talks" + "with X"), and the trigger's object.
        let mut anchors = vec![t];
        for &v in evidence {
            if let Some(n) = self.node(v).filter(|n| !anchors.contains(n)) {
                anchors.push(n);
            }
        }
        for o in self.kids(t, &["obj"]).collect::<Vec<_>>() {
            if !anchors.contains(&o) {
                anchors.push(o);
            }
        }
        out.passive = is_verbal
            && !self.is_stance(t)
            && (self.kids(t, &["nsubj:pass", "aux:pass"]).next().is_some()
                || self.is_reduced_passive_relative(t)
                || self.passive_conjunct_head(t).is_some());
        let ctx = SlotContext {
            t,
            verbal: is_verbal,
            passive: out.passive,
            anchors: &anchors,
        };
        // "WeWork is facing scrutiny from the SEC", "Webb faces nine charges", "WeWork is
        // the subject of an SEC inquiry": the one who faces or undergoes a noun's act is its
        // target, and the doer is named after "from" or "by", or as the noun's possessor or
        // compound, never as the subject of the verb that frames it.
        let receiver = (!is_verbal).then(|| self.receiver(t)).flatten();
        let between = self.between_pair(view, &anchors);
        let doer = match receiver {
            Some(_) => self.received_from(t),
            None => source
                .iter()
                .find_map(|slot| self.fill(&ctx, slot, true))
                .or_else(|| {
                    let first_between = between.map(|(first, _)| first);
                    if is_verbal {
                        first_between
                    } else {
                        first_between.or_else(|| self.nominal_doer(view, t))
                    }
                }),
        }
        .map(|d| self.referent(view, d));
        if let Some(d) = doer {
            out.doer_at = self.view_of[d];
            out.source = self.group(view, d);
            out.doer_is_thing = out.source.is_none()
                && self.tok(d).upos == attache_model::Upos::Noun
                && !self.subtree_names_actor(view, d)
                && self.noun_counts(d).is_some_and(|c| {
                    !c.can_act() && matches!(c.kind(), NounKind::Abstract | NounKind::Concrete)
                });
            // Only the trigger's own subject in the active rules the act out: inherited and
            // prepositional doers are where parse errors land.
            out.doer_cannot_act = out.doer_is_thing
                && is_verbal
                && !out.passive
                && self.head(d) == Some(t)
                && self.rel(d) == "nsubj";
            if out.source.is_none() && self.is_pronoun(d) {
                out.source_word = self.view_of[d];
            } else if out.source.is_none() && self.can_be_party(d) {
                out.source_phrase = Some(self.phrase_span(d));
            }
        }
        let slots = || {
            receiver
                .into_iter()
                .chain(
                    target
                        .iter()
                        .filter(|_| receiver.is_none())
                        .take_while(|slot| !matches!(slot, Slot::Nothing))
                        .filter_map(|slot| self.fill(&ctx, slot, false)),
                )
                .map(|n| self.referent(view, n))
        };
        out.target = slots().find_map(|n| {
            let g = self.group(view, n)?;
            (Some(g) != out.source).then_some(g)
        });
        if out.target.is_none() {
            // No listed actor in any target slot: the first slot's noun phrase still says
            // who was acted on when it can be a party (a pronoun is left to coreference).
            if let Some(n) = slots().next().filter(|&n| Some(n) != doer) {
                if self.is_pronoun(n) {
                    out.target_word = self.view_of[n];
                } else if self.can_be_party(n) {
                    out.target_phrase = Some(self.phrase_span(n));
                } else if let Some(owner) = self
                    .kids(n, &["nmod:poss"])
                    .find(|&o| self.is_pronoun(o) && Some(o) != doer)
                {
                    // A thing acted on stands for its owner, named by a pronoun that
                    // coreference may resolve ("deflected attacks on his loyalty").
                    out.target_word = self.view_of[owner];
                }
            }
        }
        if out.target.is_none() {
            // "fighting between Azerbaijanis and Armenians": the first is the doer, the other
            // the one it is done with.
            if let Some((first, Some(other))) = between {
                if doer == Some(self.referent(view, first)) {
                    out.target = self.group(view, other).filter(|&g| Some(g) != out.source);
                }
            }
        }
        let no_target =
            out.target.is_none() && out.target_phrase.is_none() && out.target_word.is_none();
        if no_target && is_verbal && !out.passive {
            // "threatened to use live ammunition on them", "refused to meet Trump": the one
            // the announced act is aimed at is the one the announcing verb is aimed at.
            // So is the gerund a refusal governs ("balked at signing a deal with Kabul").
            let refused = self
                .kids(t, &["advcl"])
                .filter(|&g| self.is_refused_gerund(g, t));
            let aimed: Vec<usize> = self
                .kids(t, &["xcomp"])
                .chain(refused)
                .flat_map(|x| {
                    let objects = self.kids(x, &["obj", "iobj"]);
                    let marked = self.children[x].iter().copied().filter(move |&c| {
                        self.rel(c).starts_with("obl")
                            && self
                                .case_of(c)
                                .is_some_and(|p| TARGET_CASES.contains(&p.as_str()))
                    });
                    objects.chain(marked).collect::<Vec<_>>()
                })
                .filter(|&n| Some(n) != doer)
                .collect();
            // The first of them that names a party: "use live ammunition on them" passes
            // over the ammunition.
            for n in aimed {
                if self.take_target(view, n, &mut out) {
                    break;
                }
            }
        }
        Some(out)
    }

    /// Record node `n` as the one acted on when it names a party: an actor group other than
    /// the doer's, a pronoun for coreference to resolve, or an unlisted noun phrase that can
    /// act. False when it names none.
    fn take_target(&self, view: &View, n: usize, out: &mut TreeRoles) -> bool {
        match self.group(view, n) {
            Some(g) if Some(g) != out.source => out.target = Some(g),
            Some(_) => return false,
            None if self.is_pronoun(n) => out.target_word = self.view_of[n],
            None if self.can_be_party(n) => out.target_phrase = Some(self.phrase_span(n)),
            None => return false,
        }
        true
    }

    /// The node that fills one slot of a pattern.
    /// `as_source` picks the reading of `subj`/`obj` in the passive: the subject slot is
    /// then the `by` agent and the object slot the passive subject.
    fn fill(&self, ctx: &SlotContext<'_>, slot: &Slot, as_source: bool) -> Option<usize> {
        let t = ctx.t;
        match slot {
            Slot::Nothing => None,
            // Coordinated passives share their agent ("were attacked and killed by X").
            Slot::Subject if ctx.passive => self
                .agent(t)
                .or_else(|| self.passive_conjunct_head(t).and_then(|h| self.agent(h))),
            Slot::Subject if ctx.verbal => self.subject(t, 0).map(|(s, _)| s),
            Slot::Subject => self.light_verb_subject(t).or_else(|| self.apposed(t)),
            Slot::Object if ctx.passive => self.passive_patient(t),
            Slot::Object => self.active_object(t),
            Slot::Possessor => self.anchor_children(ctx, &["nmod:poss"]).next(),
            Slot::After(preps) => {
                if preps.iter().any(|p| p == "that") {
                    let clause = self
                        .kids(t, &["ccomp"])
                        .find_map(|c| self.kids(c, &["nsubj", "nsubj:pass"]).next());
                    if let Some(s) = clause {
                        return Some(s);
                    }
                }
                if as_source && ctx.passive && preps.iter().any(|p| p == "by") {
                    if let Some(a) = self.agent(t) {
                        return Some(a);
                    }
                }
                ctx.anchors.iter().find_map(|&a| {
                    self.children[a].iter().copied().find_map(|c| {
                        let rel = self.rel(c);
                        let nominal = rel.starts_with("obl") || rel.starts_with("nmod");
                        let case = self.case_of(c)?;
                        (nominal && preps.contains(&case)).then_some(c)
                    })
                })
            }
            Slot::AnyAfter => {
                if as_source {
                    return None;
                }
                self.kids(t, &["obj", "iobj"]).next().or_else(|| {
                    ctx.anchors.iter().find_map(|&a| {
                        self.children[a].iter().copied().find(|&c| {
                            let rel = self.rel(c);
                            (rel.starts_with("obl") || rel.starts_with("nmod"))
                                && self
                                    .case_of(c)
                                    .is_some_and(|p| TARGET_CASES.contains(&p.as_str()))
                        })
                    })
                })
            }
        }
    }

    /// Children of any anchor with one of these relations.
    fn anchor_children<'a>(
        &'a self,
        ctx: &'a SlotContext<'_>,
        rels: &'a [&str],
    ) -> impl Iterator<Item = usize> + 'a {
        ctx.anchors.iter().flat_map(move |&a| self.kids(a, rels))
    }

    /// Whether the trigger at view token `first` is a stance participle ([`Tree::is_stance`]).
    pub fn stance_at(&self, first: usize) -> bool {
        self.node(first).is_some_and(|t| self.is_stance(t))
    }

    /// Whether verb `t` is a stance participle after "be" with no `by` agent ("was
    /// committed to the truce"): its passive subject is the one who holds the stance.
    fn is_stance(&self, t: usize) -> bool {
        self.tok(t).xpos == "VBN"
            && STANCE_PARTICIPLES.contains(&self.lemma(t).as_str())
            && self.kids(t, &["aux:pass", "cop"]).next().is_some()
            && self.agent(t).is_none()
    }

    /// The `by` agent of a passive verb.
    fn agent(&self, t: usize) -> Option<usize> {
        self.children[t].iter().copied().find(|&c| {
            self.rel(c) == "obl:agent"
                || (self.rel(c).starts_with("obl") && self.case_of(c).as_deref() == Some("by"))
        })
    }

    /// The one a passive verb acts on: its passive subject, the noun a reduced relative
    /// modifies ("workers held by"), or a subject shared with a coordinated verb.
    fn passive_patient(&self, t: usize) -> Option<usize> {
        self.kids(t, &["nsubj:pass"])
            .next()
            .map(|p| self.relative_antecedent(p))
            .or_else(|| (self.rel(t) == "acl").then(|| self.head(t)).flatten())
            .or_else(|| {
                // "was convicted and sentenced": the conjunct's passive subject.
                self.passive_conjunct_head(t)
                    .and_then(|h| self.kids(h, &["nsubj:pass"]).next())
                    .map(|p| self.relative_antecedent(p))
            })
            .or_else(|| self.inherited_subject(t, 0).map(|(p, _)| p))
    }

    /// Who faces or undergoes the act a noun trigger names: the subject of a receiving verb
    /// the noun is the object of ("faces charges", "drew criticism"), of the noun it is "of"
    /// ("is the subject of an inquiry"), of "come under" ("came under scrutiny") or of "be
    /// under" ("are under pressure").
    fn receiver(&self, t: usize) -> Option<usize> {
        // "are under enormous pressure to ...", "is under investigation": the noun is the
        // predicate, its subject the one under it.
        if self.is_under_predicate(t) {
            if let Some(s) = self.kids(t, &["nsubj"]).next() {
                return Some(s);
            }
        }
        let h = self.head(t)?;
        let head_lemma = self.lemma(h);
        let rel = self.rel(t);
        let receives = (rel == "obj" && RECEIVING_VERBS.contains(&head_lemma.as_str()))
            || (rel.starts_with("obl")
                && head_lemma == "come"
                && self.case_of(t).as_deref() == Some("under"))
            || (rel.starts_with("nmod")
                && RECEIVING_NOUNS.contains(&head_lemma.as_str())
                && self.case_of(t).as_deref() == Some("of"));
        if !receives {
            return None;
        }
        if rel.starts_with("nmod") {
            // A copula makes the noun the predicate: "WeWork is the subject of".
            return self.kids(h, &["nsubj"]).next();
        }
        self.subject(h, 0).map(|(s, _)| s)
    }

    /// The doer of a received act: after "from" or "by", else the noun's possessor or the
    /// name compounded with it ("a U.S. Securities and Exchange Commission inquiry").
    fn received_from(&self, t: usize) -> Option<usize> {
        // The "from" phrase hangs from the noun or, as often, from the verb that frames it
        // ("faces criticism from the Taliban").
        let from = |n: usize| {
            self.children[n].iter().copied().find(|&c| {
                (self.rel(c).starts_with("nmod") || self.rel(c).starts_with("obl"))
                    && matches!(self.case_of(c).as_deref(), Some("from" | "by"))
            })
        };
        from(t)
            .or_else(|| self.head(t).and_then(from))
            .or_else(|| self.kids(t, &["nmod:poss"]).next())
            .or_else(|| {
                self.kids(t, &["compound"])
                    .find(|&c| self.tok(c).upos == attache_model::Upos::Propn)
            })
    }

    /// The doer of a noun trigger that its pattern's slots and the pair it is "between"
    /// ([`Tree::between_pair`]) leave without one, as the tree names it: an actor modifying
    /// the noun ("Hong Kong protests", "Palestinian riots", "Iranian military aid"), or the
    /// subject of the active verb the noun is an oblique of ("wounded two soldiers in a bomb
    /// attack", "raised the point in criticism of NASA").
    fn nominal_doer(&self, view: &View, t: usize) -> Option<usize> {
        let modifier = || {
            self.kids(t, &["compound", "amod"])
                .find(|&m| self.view_of[m].is_some_and(|v| view.group_at[v].is_some()))
        };
        let framing_subject = || {
            let h = self.head(t)?;
            let verbal = matches!(self.tok(h).upos, attache_model::Upos::Verb);
            let active = self.kids(h, &["nsubj:pass", "aux:pass"]).next().is_none();
            // "Following the stalled talks, Asif issued a warning", "testified about a
            // meeting": a time or a topic, not the subject's own act.
            let circumstance = self
                .case_of(t)
                .is_some_and(|p| CIRCUMSTANCE_CASES.contains(&p.as_str()));
            (self.rel(t) == "obl" && verbal && active && !circumstance)
                .then(|| self.kids(h, &["nsubj"]).next())
                .flatten()
        };
        // "The Taliban claimed responsibility for the attack": whoever claims an act (or
        // takes the credit or the blame for it) says it is theirs.
        let claimant = || {
            let h = self.head(t)?;
            let v = self.head(h)?;
            (self.rel(t) == "nmod"
                && self.case_of(t).as_deref() == Some("for")
                && CLAIMED_NOUNS.contains(&self.lemma(h).as_str())
                && self.rel(h) == "obj"
                && CLAIMING_VERBS.contains(&self.lemma(v).as_str()))
            .then(|| self.kids(v, &["nsubj"]).next())
            .flatten()
        };
        modifier().or_else(framing_subject).or_else(claimant)
    }

    /// The parties an act is "between" ("talks between the United States and China",
    /// "fighting between Azerbaijanis and Armenians"): the first one named, and the other
    /// when it is a group of its own (`None` when one group holds both).
    pub(crate) fn between_pair(
        &self,
        view: &View,
        anchors: &[usize],
    ) -> Option<(usize, Option<usize>)> {
        anchors.iter().find_map(|&a| {
            self.children[a].iter().copied().find_map(|c| {
                let rel = self.rel(c);
                if !(rel.starts_with("nmod") || rel.starts_with("obl"))
                    || self.case_of(c).as_deref() != Some("between")
                {
                    return None;
                }
                let g = self.group(view, c)?;
                if view.groups.get(g).is_some_and(|g| g.members.len() >= 2) {
                    return Some((c, None));
                }
                let other = self
                    .kids(c, &["conj"])
                    .find(|&o| self.group(view, o).is_some_and(|og| og != g))?;
                Some((c, Some(other)))
            })
        })
    }

    /// Whether the parser found no predicate for the clause of the word at view token
    /// `first`: climbing from it, the first clause head is not a verb (a sentence rooted in
    /// a noun, a noun read as a reported clause), as happens when the tagger takes a wire
    /// story's verb for an adjective ("guerrillas wounded two soldiers", "Klibi undertook
    /// mediation"). Roles read from such a tree are not evidence.
    pub fn clause_without_predicate(&self, first: usize) -> bool {
        let Some(mut n) = self.node(first) else {
            return false;
        };
        for _ in 0..32 {
            let verbal = matches!(
                self.tok(n).upos,
                attache_model::Upos::Verb | attache_model::Upos::Aux
            ) || self.kids(n, &["cop"]).next().is_some();
            if verbal {
                return false;
            }
            let rel = self.rel(n).split(':').next().unwrap_or("");
            if CLAUSE_RELATIONS.contains(&rel) {
                return true;
            }
            match self.head(n) {
                Some(h) => n = h,
                None => return true,
            }
        }
        false
    }

    /// The actor a role noun names by apposition: "mediators Türkiye and Qatar" (the name is
    /// the noun's `appos`) or "Qatar, the mediator" (the noun is the name's).
    fn apposed(&self, t: usize) -> Option<usize> {
        self.kids(t, &["appos"])
            .next()
            .or_else(|| (self.rel(t) == "appos").then(|| self.head(t)).flatten())
    }

    /// Whether the word at view token `first` is a participle the tree reads as a reduced
    /// passive relative ("tariffs imposed by China").
    pub fn reduced_passive_relative_at(&self, first: usize) -> bool {
        self.node(first)
            .is_some_and(|t| self.is_reduced_passive_relative(t))
    }

    /// A participle modifying a noun is a reduced passive relative ("workers held by the
    /// militants"), unless it has an object of its own: then the parser took an active verb
    /// in the past for one ("the ministries accused U.S. forces of ...").
    fn is_reduced_passive_relative(&self, t: usize) -> bool {
        self.rel(t) == "acl" && self.tok(t).xpos == "VBN" && self.kids(t, &["obj"]).next().is_none()
    }

    /// Whether the trigger at view token `first` is what a directive asks its object to do
    /// ("urged Pakistan to arrest the militants": the arrest is the content of the request,
    /// and Pakistan has not made it). Verbs with no object of their own keep their `xcomp`
    /// as the subject's intent ("wants to buy").
    pub fn requested_at(&self, first: usize) -> bool {
        self.node(first).is_some_and(|t| {
            self.rel(t) == "xcomp"
                && self.head(t).is_some_and(|h| {
                    DIRECTIVE_HEADS.contains(&self.lemma(h).as_str())
                        && self.kids(h, &["obj", "iobj"]).next().is_some()
                })
        })
    }

    /// Whether the verb trigger at view token `first` is in the passive with no `by` agent
    /// ("Carlineo was arrested in April", "a man convicted of threatening her").
    pub fn agentless_passive(&self, first: usize) -> bool {
        self.node(first).is_some_and(|t| {
            (!self.is_stance(t)
                && (self.kids(t, &["nsubj:pass", "aux:pass"]).next().is_some()
                    || self.is_reduced_passive_relative(t))
                && self.agent(t).is_none())
                || self
                    .passive_conjunct_head(t)
                    .is_some_and(|h| self.agent(t).is_none() && self.agent(h).is_none())
        })
    }

    /// Whether the verb at view token `first` happened "in" an accident ("killed in a
    /// helicopter crash", "died in a fire"): no one's use of force.
    pub fn in_accident(&self, first: usize) -> bool {
        self.node(first).is_some_and(|t| {
            self.children[t].iter().any(|&c| {
                self.rel(c).starts_with("obl")
                    && self.case_of(c).as_deref() == Some("in")
                    && ACCIDENT_NOUNS.contains(&self.lemma(c).as_str())
            })
        })
    }

    /// Whether the tree reads the trigger word at view token `first` as a particle, adverb
    /// or preposition ("roll back", "almost back", "claw back"), which no pattern means.
    pub fn is_particle(&self, first: usize) -> bool {
        self.node(first).is_some_and(|t| {
            matches!(
                self.tok(t).upos,
                attache_model::Upos::Adv | attache_model::Upos::Adp | attache_model::Upos::Part
            ) || self.rel(t) == "compound:prt"
        })
    }

    /// Whether the tree reads the word at view token `first` as a verb with a clause of its
    /// own (a gerund or participle heading a clause: "for shooting down the helicopter",
    /// "after meeting Trump"), not as a noun after a preposition ("in the fighting").
    /// A gerund after "of" is the content of what governs it ("accused India of backing
    /// militants", "convicted of kidnapping"), not an act the sentence asserts.
    /// `None` when the tree does not cover the word.
    pub fn heads_clause(&self, first: usize) -> Option<bool> {
        let t = self.node(first)?;
        let rel = self.rel(t).split(':').next().unwrap_or("");
        let after_of = self
            .kids(t, &["mark", "case"])
            .any(|m| self.lemma(m) == "of");
        Some(
            !after_of
                && self.tok(t).upos == attache_model::Upos::Verb
                && matches!(
                    rel,
                    "advcl" | "xcomp" | "ccomp" | "csubj" | "acl" | "root" | "conj" | "parataxis"
                ),
        )
    }

    /// Whether the trigger ending at view token `last` only modifies a noun after it, naming
    /// a kind of thing rather than an act ("his jail cell", "a consulting firm", "pipeline
    /// protest laws"). The noun's phrase is an act when a verb takes it as its object
    /// ("undertook a mediation mission", "launched war games"). A verb form modifies only as
    /// a gerund ("a consulting firm"): a past form read as a modifier is most often the
    /// clause's own verb misparsed ("The US rejected calls").
    pub fn modifies_noun(&self, last: usize) -> bool {
        self.node(last).is_some_and(|t| {
            let Some(head) = self.head(t).filter(|&h| h > t) else {
                return false;
            };
            let modifier = match self.rel(t) {
                "compound" => true,
                "amod" => self.tok(t).xpos == "VBG",
                _ => false,
            };
            // A head that is the root or a bare time noun ("reiterated its demand today")
            // most often shows a misparse of the trigger's clause, not a modifier.
            let act_or_misparse = matches!(
                self.rel(head),
                "obj" | "root" | "obl:tmod" | "obl:unmarked" | "nmod:tmod" | "nmod:unmarked"
            );
            modifier && !act_or_misparse
        })
    }

    /// Whether the noun trigger at view token `first` names its actor by apposition.
    pub fn has_apposed_actor(&self, view: &View, first: usize) -> bool {
        self.node(first)
            .and_then(|t| self.apposed(t))
            .is_some_and(|n| self.group(view, n).is_some())
    }

    /// The subject of the verb a noun trigger is the object of ("Pakistan made a demand").
    fn light_verb_subject(&self, t: usize) -> Option<usize> {
        // A trigger of several words ("war games") hangs from its last.
        let t = match self.head(t) {
            Some(h) if self.rel(t) == "compound" => h,
            _ => t,
        };
        // "launched ten days of war games", "held a round of talks": the act a measure or
        // part of it names is done by whoever does the measure.
        let t = match self.head(t) {
            Some(m)
                if self.rel(t) == "nmod"
                    && self.case_of(t).as_deref() == Some("of")
                    && self.rel(m) == "obj" =>
            {
                m
            }
            _ => t,
        };
        let h = self.head(t)?;
        (self.rel(t) == "obj")
            .then(|| self.subject(h, 0))
            .flatten()
            .map(|(s, _)| s)
    }

    /// The subject of verb `t`: its own, or the one of the verb controlling it or coordinated
    /// with it, or the noun its relative clause modifies. `depth` bounds the climb.
    fn subject(&self, t: usize, depth: usize) -> Option<(usize, &'static str)> {
        if depth > 6 {
            return None;
        }
        // Of two subjects the parser gives one verb (a dateline or a day read as one:
        // "ISLAMABAD: Pakistan has signaled", "Zia today rejected"), a relative pronoun or
        // one that can be a party is the verb's, the nearer on a tie.
        let subjects: &[&str] = match self.is_stance(t) {
            true => &["nsubj", "csubj", "nsubj:pass"],
            false => &["nsubj", "csubj"],
        };
        if let Some(s) = self.kids(t, subjects).min_by_key(|&s| {
            let likely = self.relative_antecedent(s) != s || self.can_be_party(s);
            (!likely, s.abs_diff(t))
        }) {
            return Some((self.relative_antecedent(s), "nsubj"));
        }
        self.inherited_subject(t, depth)
    }

    /// A subject a verb takes from elsewhere in the tree (control, coordination, relative
    /// clauses, adverbial participles).
    /// `depth` counts the verbs climbed so far (a chain of clauses ends the climb).
    fn inherited_subject(&self, t: usize, depth: usize) -> Option<(usize, &'static str)> {
        let h = self.head(t)?;
        match self.rel(t) {
            "xcomp" => {
                // Object control first ("asked Pakistan to resume"), then subject control.
                if let Some(o) = self.kids(h, &["obj", "iobj"]).next() {
                    return Some((o, "xcomp of obj"));
                }
                self.subject(h, depth + 1)
                    .map(|(s, _)| (s, "xcomp of nsubj"))
            }
            // A verb coordinated with a conjunction ("agreed and signed", "met, talked and
            // left": the "and" sits on the last conjunct) shares its subject; a verb the
            // parser hangs on another as a conjunct with no conjunction is most often a
            // misparsed clause of its own ("agreed to reopen the crossing, shut after an
            // attack that killed two guards").
            "conj"
                if self.kids(t, &["cc"]).next().is_some()
                    || self
                        .kids(h, &["conj"])
                        .any(|c| self.kids(c, &["cc"]).next().is_some()) =>
            {
                self.subject(h, depth + 1)
                    .map(|(s, _)| (s, "conj shares nsubj"))
            }
            "acl:relcl" | "acl" => Some((h, "relative clause head")),
            // An adverbial participle ("..., saying"), an infinitive of purpose ("opened
            // the bridge to allow the delivery") or a gerund after a preposition of time or
            // means ("pleaded guilty to threatening", "by warning candidates", "while
            // threatening to kill") is done by the subject of its main clause. Not one after
            // "for", which gives the reason for an act on someone else ("arrested him for
            // stealing").
            "advcl"
                if self.kids(t, &["mark"]).all(|m| {
                    let mark = self.lemma(m);
                    matches!(mark.as_str(), "to" | "in")
                        || (self.tok(t).xpos == "VBG" && GERUND_MARKS.contains(&mark.as_str()))
                }) && (self.kids(t, &["mark"]).next().is_none()
                    || matches!(self.tok(t).xpos.as_str(), "VB" | "VBG")) =>
            {
                self.subject(h, depth + 1)
                    .map(|(s, _)| (s, "advcl shares nsubj"))
            }
            _ => None,
        }
    }

    /// A relative pronoun ("who", "which", "that") stands for the noun its clause modifies.
    fn relative_antecedent(&self, n: usize) -> usize {
        let word = self.lemma(n);
        if matches!(word.as_str(), "who" | "which" | "that" | "whom") {
            let clause = self.head(n);
            if let Some(c) = clause.filter(|&c| self.rel(c) == "acl:relcl") {
                if let Some(noun) = self.head(c) {
                    return noun;
                }
            }
        }
        n
    }

    /// The modality the tree shows for the trigger at view token `first` (`None` when the
    /// tree does not cover it; `Some(None)` when it covers it and shows no cue: asserted).
    /// `statement`: the trigger names a statement (a demand, an accusation, a threat), which
    /// stays made when the noun is refused ("rejected these accusations as false").
    pub fn modality_at(
        &self,
        first: usize,
        verb: bool,
        statement: bool,
    ) -> Option<Option<Modality>> {
        let t = self.node(first)?;
        let verbal = verb
            || matches!(
                self.tok(t).upos,
                attache_model::Upos::Verb | attache_model::Upos::Aux
            );
        Some(self.modality(t, verbal, statement))
    }

    /// Whether a verb coordinated with node `n`, or a clause it reports, stands between `n`
    /// and its dependent `c`: a condition after it belongs to that verb, where the parser
    /// often leaves it on the first ("accused the UK of meddling and warned that China would
    /// act if the situation becomes uncontrollable": the accusation is no condition's).
    fn verb_between(&self, n: usize, c: usize) -> bool {
        let (lo, hi) = if n < c { (n, c) } else { (c, n) };
        self.kids(n, &["conj", "ccomp", "parataxis"])
            .any(|v| lo < v && v < hi)
    }

    /// Whether node `g` is a gerund that the refusal at node `head` refuses, after "at",
    /// "on" or "from" ("balking at committing", "refrained from attacking").
    fn is_refused_gerund(&self, g: usize, head: usize) -> bool {
        self.head(g) == Some(head)
            && self.rel(g) == "advcl"
            && self.tok(g).xpos == "VBG"
            && self
                .kids(g, &["mark"])
                .any(|m| matches!(self.lemma(m).as_str(), "at" | "on" | "from"))
            && REFUSAL_HEADS.contains(&self.lemma(head).as_str())
    }

    /// Whether node `n`, with auxiliaries `aux`, is "would" reported in the past tense:
    /// "said lawmakers would take action" reports "lawmakers will take action", a plan, not
    /// a supposition. "would have" stays a supposition ("said he would have objected").
    fn reported_future(&self, n: usize, aux: &[String]) -> bool {
        aux.iter().any(|a| a == "would")
            && !aux.iter().any(|a| a == "have")
            && self.rel(n) == "ccomp"
            && self
                .head(n)
                .is_some_and(|h| matches!(self.tok(h).xpos.as_str(), "VBD" | "VBN"))
    }

    /// Modality from the trigger's dependents and the words that govern it.
    fn modality(&self, t: usize, verbal: bool, statement: bool) -> Option<Modality> {
        let negated = |n: usize| {
            self.children[n].iter().any(|&c| {
                let lemma = self.lemma(c);
                (self.rel(c) == "advmod" || self.rel(c) == "neg")
                    && matches!(lemma.as_str(), "not" | "n't" | "never" | "no")
                    || (self.rel(c) == "det" && matches!(lemma.as_str(), "no"))
            })
        };
        let aux_of =
            |n: usize| -> Vec<String> { self.kids(n, &["aux"]).map(|a| self.lemma(a)).collect() };
        // Climb through the verbs that govern the trigger by `xcomp` (and a noun trigger's
        // light verb) reading negation, refusal, intent and auxiliaries on the way.
        let mut n = t;
        let mut found: Option<Modality> = None;
        for _ in 0..4 {
            if negated(n) {
                return Some(Modality::Negated);
            }
            if self.kids(n, &["advcl"]).any(|c| {
                self.kids(c, &["mark"])
                    .any(|m| matches!(self.lemma(m).as_str(), "if" | "unless"))
                    && !self.verb_between(n, c)
            }) || (self.rel(n) == "advcl"
                && self
                    .kids(n, &["mark"])
                    .any(|m| matches!(self.lemma(m).as_str(), "if" | "unless")))
            {
                found.get_or_insert(Modality::Conditional);
            }
            // "any further raids", "any attack": a noun of no particular act.
            if n == t
                && self.tok(t).upos == attache_model::Upos::Noun
                && self
                    .kids(n, &["det"])
                    .any(|c| matches!(self.lemma(c).as_str(), "any" | "every"))
            {
                found.get_or_insert(Modality::Hypothetical);
            }
            let aux = aux_of(n);
            if self.reported_future(n, &aux) {
                found.get_or_insert(Modality::Future);
            } else if aux.iter().any(|a| HYPOTHETICAL_AUX.contains(&a.as_str())) {
                found.get_or_insert(Modality::Hypothetical);
            } else if aux.iter().any(|a| FUTURE_AUX.contains(&a.as_str())) {
                found.get_or_insert(Modality::Future);
            }
            let Some(h) = self.head(n) else { break };
            let rel = self.rel(n);
            // A refusal governs the gerund after its preposition too ("balking at
            // committing"); a noun trigger, the verb it is the object of.
            let noun_of_verb = !verbal && n == t && rel == "obj";
            let climb = rel == "xcomp" || self.is_refused_gerund(n, h) || noun_of_verb;
            if !climb {
                break;
            }
            let head_lemma = self.lemma(h);
            // A refused act did not happen ("refused talks"); a refused statement was still
            // made: "rejected these accusations", "declined the demand" answer someone who
            // accused or demanded.
            if REFUSAL_HEADS.contains(&head_lemma.as_str()) && !(noun_of_verb && statement) {
                return Some(Modality::Negated);
            }
            if rel == "xcomp" && INTENT_HEADS.contains(&head_lemma.as_str()) {
                found.get_or_insert(Modality::Intended);
            }
            n = h;
        }
        found
    }
}

#[cfg(test)]
// A failed expectation in set-up is the test failing.
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::coder::tests::doc_with;
    use crate::cues::Cues;
    use attache_model::{ActorKind, Span, Token, Upos};

    fn cues() -> Cues {
        Cues::parse("cues.txt", include_str!("../../../../data/events/cues.txt")).expect("cues")
    }

    const WORLD: &[(&str, &str, ActorKind)] = &[
        ("Ruritania", "RUR", ActorKind::Country),
        ("Elbonia", "ELB", ActorKind::Country),
        ("Freedonia", "FRE", ActorKind::Country),
        ("militants", "RURREB", ActorKind::Group),
    ];

    /// A one-sentence document whose tokens carry the parse given as `form/UPOS/head/rel`
    /// items (heads 1-based, 0 the root; `form=lemma` where they differ).
    fn parsed(text: &str, parse: &str) -> Document {
        let mut doc = doc_with(text, WORLD);
        let mut at = 0;
        for item in parse.split_whitespace() {
            // Split from the right: the form may itself be "/" or ".".
            let parts: Vec<&str> = item.rsplitn(4, '/').collect();
            let (rel, head, upos, word) = (parts[0], parts[1], parts[2], parts[3]);
            // `form=lemma` when the lemma is not the lower-cased form.
            let (form, lemma) = word.split_once('=').unwrap_or((word, word));
            let start = at + text[at..].find(form).expect("form in text");
            at = start + form.len();
            let mut t = Token::new(Span::new(start, at), 0);
            t.upos = Upos::parse(upos).expect("a UPOS tag");
            t.lemma = lemma.to_lowercase();
            let h: usize = head.parse().expect("a head number");
            t.head = (h > 0).then(|| h - 1);
            t.deprel = rel.to_string();
            doc.tokens.push(t);
        }
        doc
    }

    fn roles_with(
        doc: &Document,
        trigger: &str,
        source: &[Slot],
        target: &[Slot],
    ) -> (Option<String>, Option<String>, Reading) {
        let cues = cues();
        let view = View::of_span(doc, 0, doc.sentences[0].span, &cues, false);
        let tree = Tree::of(doc, &view).expect("a tree");
        let first = view
            .toks
            .iter()
            .position(|t| t.norm == trigger)
            .expect("trigger word");
        let r = tree
            .roles(&view, first, true, &[], source, target)
            .expect("roles");
        let name = |g: Option<usize>| {
            g.map(|g| {
                view.groups[g]
                    .members
                    .iter()
                    .map(|&m| doc.mentions[m].code.clone())
                    .collect::<Vec<_>>()
                    .join("+")
            })
        };
        let reading = Reading {
            passive: r.passive,
            modality: tree.modality_at(first, true, false).flatten(),
        };
        (name(r.source), name(r.target), reading)
    }

    /// Voice and modality the tree gives a trigger.
    struct Reading {
        passive: bool,
        modality: Option<Modality>,
    }

    /// Roles with the default slots (subject, object).
    fn roles_of(doc: &Document, trigger: &str) -> (Option<String>, Option<String>, Reading) {
        roles_with(doc, trigger, &[Slot::Subject], &[Slot::Object])
    }

    #[test]
    fn a_passive_relative_clause_keeps_the_holder_as_doer() {
        // "Workers who had been held by the militants were released": held by militants.
        let doc = parsed(
            "Workers who had been held by the militants were released.",
            "Workers/NOUN/11/nsubj:pass who/PRON/5/nsubj:pass had/AUX/5/aux been/AUX/5/aux:pass \
             held/VERB/1/acl:relcl by/ADP/8/case the/DET/8/det militants/NOUN/5/obl:agent \
             were/AUX/10/aux:pass released/VERB/0/root ./PUNCT/10/punct",
        );
        let (source, _, r) = roles_of(&doc, "held");
        assert_eq!(source.as_deref(), Some("RURREB"));
        assert!(r.passive);
    }

    #[test]
    fn a_participle_with_an_object_is_active_not_a_passive_relative() {
        // Misparsed as "the militants [who were] accused": an object says it is active.
        let mut doc = parsed(
            "The militants accused Elbonia of raids.",
            "The/DET/2/det militants/NOUN/0/root accused=accuse/VERB/2/acl Elbonia/PROPN/3/obj \
             of/ADP/6/case raids=raid/NOUN/3/obl ./PUNCT/2/punct",
        );
        doc.tokens[2].xpos = "VBN".into();
        let (source, target, r) = roles_of(&doc, "accused");
        assert!(!r.passive);
        assert_eq!(source.as_deref(), Some("RURREB"));
        assert_eq!(target.as_deref(), Some("ELB"));
        // Without an object the participle stays a reduced passive ("militants accused of").
        doc.tokens[3].deprel = "obl".into();
        let (_, _, r) = roles_of(&doc, "accused");
        assert!(r.passive);
    }

    #[test]
    fn a_trigger_modifying_a_noun_names_a_kind_unless_a_verb_takes_the_noun() {
        let cues = cues();
        let modifies = |text: &str, parse: &str, word: &str| {
            let doc = parsed(text, parse);
            let view = View::of_span(&doc, 0, doc.sentences[0].span, &cues, false);
            let tree = Tree::of(&doc, &view).expect("a tree");
            let at = view.toks.iter().position(|t| t.norm == word).expect("word");
            tree.modifies_noun(at)
        };
        assert!(modifies(
            "The militants slept in a jail cell.",
            "The/DET/2/det militants/NOUN/3/nsubj slept=sleep/VERB/0/root in/ADP/7/case \
             a/DET/7/det jail/NOUN/7/compound cell/NOUN/3/obl ./PUNCT/3/punct",
            "jail"
        ));
        assert!(!modifies(
            "Ruritania undertook a mediation mission.",
            "Ruritania/PROPN/2/nsubj undertook=undertake/VERB/0/root a/DET/5/det \
             mediation/NOUN/5/compound mission/NOUN/2/obj ./PUNCT/2/punct",
            "mediation"
        ));
    }

    #[test]
    fn only_a_verb_coordinated_by_a_conjunction_shares_the_subject() {
        let parse = "Ruritania/PROPN/2/nsubj met=meet/VERB/0/root Elbonia/PROPN/2/obj \
                     and/CCONJ/5/cc attacked=attack/VERB/2/conj Freedonia/PROPN/5/obj \
                     ./PUNCT/2/punct";
        let mut doc = parsed("Ruritania met Elbonia and attacked Freedonia.", parse);
        let (source, _, _) = roles_of(&doc, "attacked");
        assert_eq!(source.as_deref(), Some("RUR"));
        // The same verb hung on "met" with no conjunction: a misparse, not coordination.
        doc.tokens[3].deprel = "punct".into();
        let (source, _, _) = roles_of(&doc, "attacked");
        assert_eq!(source, None);
    }

    #[test]
    fn a_two_word_name_the_recogniser_missed_is_a_party() {
        let doc = parsed(
            "Ruritania visited Walter Reed.",
            "Ruritania/PROPN/2/nsubj visited=visit/VERB/0/root Walter/PROPN/2/obj \
             Reed/PROPN/3/flat ./PUNCT/2/punct",
        );
        let cues = cues();
        let view = View::of_span(&doc, 0, doc.sentences[0].span, &cues, false);
        let tree = Tree::of(&doc, &view).expect("a tree");
        let r = tree
            .roles(&view, 1, true, &[], &[Slot::Subject], &[Slot::Object])
            .expect("roles");
        let phrase = r.target_phrase.map(|s| doc.text_of(s).to_string());
        assert_eq!(phrase.as_deref(), Some("Walter Reed"));
    }

    #[test]
    fn an_infinitive_of_purpose_is_done_by_the_main_clause_subject() {
        let mut doc = parsed(
            "Ruritania opened the border to allow aid to Elbonia.",
            "Ruritania/PROPN/2/nsubj opened=open/VERB/0/root the/DET/4/det border/NOUN/2/obj              to/PART/6/mark allow/VERB/2/advcl aid/NOUN/6/obj to/ADP/9/case              Elbonia/PROPN/6/obl ./PUNCT/2/punct",
        );
        doc.tokens[5].xpos = "VB".into();
        let (source, _, _) = roles_with(
            &doc,
            "allow",
            &[Slot::Subject],
            &[Slot::After(vec!["to".into()])],
        );
        assert_eq!(source.as_deref(), Some("RUR"));
        // A finite adverbial clause ("because it allows ...") has a subject of its own.
        doc.tokens[4].lemma = "because".into();
        doc.tokens[5].xpos = "VBZ".into();
        let (source, _, _) = roles_with(
            &doc,
            "allow",
            &[Slot::Subject],
            &[Slot::After(vec!["to".into()])],
        );
        assert_eq!(source, None);
    }

    #[test]
    fn control_gives_an_infinitive_the_subject_of_ready_and_intent() {
        let doc = parsed(
            "Ruritania is ready to resume talks with Elbonia.",
            "Ruritania/PROPN/3/nsubj is/AUX/3/cop ready/ADJ/0/root to/PART/5/mark \
             resume/VERB/3/xcomp talks/NOUN/5/obj with/ADP/8/case Elbonia/PROPN/6/nmod \
             ./PUNCT/3/punct",
        );
        let with = [Slot::Object, Slot::After(vec!["with".into()])];
        let (source, target, r) = roles_with(&doc, "resume", &[Slot::Subject], &with);
        assert_eq!(source.as_deref(), Some("RUR"));
        assert_eq!(target.as_deref(), Some("ELB"));
        assert_eq!(r.modality, Some(Modality::Intended));
    }

    #[test]
    fn object_control_makes_the_asked_one_the_doer() {
        let doc = parsed(
            "Freedonia asked Ruritania to resume talks.",
            "Freedonia/PROPN/2/nsubj asked/VERB/0/root Ruritania/PROPN/2/obj to/PART/5/mark \
             resume/VERB/2/xcomp talks/NOUN/5/obj ./PUNCT/2/punct",
        );
        let (source, _, _) = roles_of(&doc, "resume");
        assert_eq!(source.as_deref(), Some("RUR"));
        let (source, target, _) = roles_of(&doc, "asked");
        assert_eq!(
            (source.as_deref(), target.as_deref()),
            (Some("FRE"), Some("RUR"))
        );
    }

    #[test]
    fn negation_and_refusal_make_an_act_negated() {
        let doc = parsed(
            "Elbonia refused to attack Ruritania.",
            "Elbonia/PROPN/2/nsubj refused=refuse/VERB/0/root to/PART/4/mark attack/VERB/2/xcomp \
             Ruritania/PROPN/4/obj ./PUNCT/2/punct",
        );
        let (source, target, r) = roles_of(&doc, "attack");
        assert_eq!(
            (source.as_deref(), target.as_deref()),
            (Some("ELB"), Some("RUR"))
        );
        assert_eq!(r.modality, Some(Modality::Negated));
    }

    #[test]
    fn a_noun_trigger_takes_its_possessor_and_prepositional_target() {
        let doc = parsed(
            "Ruritania's demand to Elbonia was clear.",
            "Ruritania/PROPN/3/nmod:poss 's/PART/1/case demand/NOUN/7/nsubj to/ADP/5/case \
             Elbonia/PROPN/3/nmod was/AUX/7/cop clear/ADJ/0/root ./PUNCT/7/punct",
        );
        let cues = cues();
        let view = View::of_span(&doc, 0, doc.sentences[0].span, &cues, false);
        let tree = Tree::of(&doc, &view).expect("a tree");
        let first = view
            .toks
            .iter()
            .position(|t| t.norm == "demand")
            .expect("demand");
        let r = tree
            .roles(
                &view,
                first,
                false,
                &[],
                &[Slot::Possessor, Slot::Subject],
                &[Slot::After(vec!["to".into()])],
            )
            .expect("roles");
        assert!(r.source.is_some() && r.target.is_some() && r.source != r.target);
    }

    #[test]
    fn a_conditional_clause_makes_the_act_conditional() {
        let doc = parsed(
            "Elbonia will attack Ruritania if talks fail.",
            "Elbonia/PROPN/3/nsubj will/AUX/3/aux attack/VERB/0/root Ruritania/PROPN/3/obj \
             if/SCONJ/7/mark talks/NOUN/7/nsubj fail/VERB/3/advcl ./PUNCT/3/punct",
        );
        let (_, _, r) = roles_of(&doc, "attack");
        assert_eq!(r.modality, Some(Modality::Conditional));
    }

    #[test]
    fn no_tree_without_parsed_tokens() {
        let doc = doc_with("Elbonia attacked Ruritania.", WORLD);
        let cues = cues();
        let view = View::of_span(&doc, 0, doc.sentences[0].span, &cues, false);
        assert!(Tree::of(&doc, &view).is_none());
    }
}
