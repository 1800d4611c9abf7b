//! Triggers and patterns, compiled from the team dictionary and from PETRARCH verb
//! dictionaries into one form, and matched against a sentence's tokens without a parse.
//!
//! A trigger (a verb form or a noun, possibly several words) points to a block of patterns.
//! A pattern lists elements before and after the trigger: words (with plurals), synset
//! phrases, and actor slots (`$` source, `+` target, `%` compound). Elements marked adjacent
//! must follow directly; others may be up to [`MAX_PATTERN_GAP`] tokens away, within the
//! clause. The most specific matching pattern of a trigger wins; a null code blocks the event.

use std::sync::Arc;

use attache_model::PloverCategory;

use super::matching::{match_passive, match_passive_agent, match_pattern};
use super::text::{View, INFINITIVE_TO};
use super::wordclass::{
    after_determiner, after_preposition, gerund_noun, noun_after_complementizer,
};
use crate::cues::{Cue, Cues};
use crate::inflect::noun_plural;
use crate::patterns::{Slot, TeamPattern};
use crate::petrarch::{EventCode, Pattern, PatternToken, Token, VerbDictionary};
use rustc_hash::FxHashMap as FastMap;

/// How many tokens a non-adjacent pattern element may be from the previous one. PETRARCH
/// matches within parse constituents; without a parse, a short window in the same clause
/// keeps "said ... talks" from linking words of different phrases.
pub const MAX_PATTERN_GAP: usize = 6;

/// One element of a compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct Elem {
    pub kind: ElemKind,
    /// Must directly follow the previous element (or the trigger).
    pub adjacent: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum ElemKind {
    /// Alternative word sequences, plural forms included.
    Words(Alts),
    /// An actor group that is the source.
    Source,
    /// An actor group that is the target.
    Target,
    /// An actor group that is both (compound).
    Compound,
}

/// Alternative word sequences as vocabulary ids, sorted by first word (longest first within
/// one first word), so the alternatives that can start at a token are found by binary search.
#[derive(Debug, Clone, Default)]
pub(crate) struct Alts {
    seqs: Vec<Box<[u32]>>,
    /// The distinct first words, sorted.
    firsts: Vec<u32>,
}

impl Alts {
    fn new(mut seqs: Vec<Box<[u32]>>) -> Alts {
        seqs.retain(|s| !s.is_empty());
        seqs.sort_by(|a, b| a[0].cmp(&b[0]).then(b.len().cmp(&a.len())).then(a.cmp(b)));
        seqs.dedup();
        let mut firsts: Vec<u32> = seqs.iter().map(|s| s[0]).collect();
        firsts.dedup();
        Alts { seqs, firsts }
    }

    /// The alternatives starting with word `id`, longest first.
    pub(super) fn starting(&self, id: u32) -> &[Box<[u32]>] {
        let lo = self.seqs.partition_point(|s| s[0] < id);
        let hi = lo + self.seqs[lo..].partition_point(|s| s[0] == id);
        &self.seqs[lo..hi]
    }

    /// True when one of the alternatives' first words is among the sentence's words
    /// (`present`, sorted): a cheap test before any matching.
    fn may_occur(&self, present: &[u32]) -> bool {
        if self.firsts.len() <= present.len() {
            self.firsts.iter().any(|f| present.binary_search(f).is_ok())
        } else {
            present.iter().any(|p| self.firsts.binary_search(p).is_ok())
        }
    }
}

/// Vocabulary id of a word no pattern or trigger uses.
pub(super) const UNKNOWN: u32 = u32::MAX;

/// The words of all triggers and patterns, numbered: a sentence's tokens are looked up once
/// and matching compares numbers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocab {
    ids: FastMap<String, u32>,
}

impl Vocab {
    fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).unwrap_or(UNKNOWN - 1);
        self.ids.insert(w.to_string(), id);
        id
    }

    fn get(&self, w: &str) -> u32 {
        self.ids.get(w).copied().unwrap_or(UNKNOWN)
    }
}

/// A sentence as the matcher sees it: the view, each token's vocabulary id, and the sorted
/// distinct ids present.
pub(crate) struct Ctx<'v> {
    pub view: &'v View,
    pub cues: &'v Cues,
    pub(super) ids: Vec<u32>,
    pub(super) present: Vec<u32>,
    /// Sorted ids of past verb forms (see [`RuleSet::past_forms`]).
    pub(super) past_forms: &'v [u32],
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub(crate) struct Pat {
    pub before: Vec<Elem>,
    /// The trigger is adjacent to the last `before` element.
    pub trigger_joined: bool,
    pub after: Vec<Elem>,
    pub code: EventCode,
    pub category: Option<PloverCategory>,
    pub mode: Option<String>,
    pub source: Vec<Slot>,
    pub target: Vec<Slot>,
    pub report: bool,
    /// The object must be able to be a party (`object=party` in the team's patterns).
    pub object_party: bool,
    /// The sense needs an object (`object=needed`).
    pub object_needed: bool,
    /// The one acted on must be a person or a group of people (`object=person`).
    pub object_person: bool,
    /// The sector of the implied doer of an agentless passive (`agent=` in the team's
    /// patterns).
    pub implied_agent: Option<String>,
    /// The sector of the body an act with no named target answers (`addressee=`).
    pub implied_addressee: Option<String>,
    /// `file:line text`, for the event's `rule`.
    pub origin: String,
    /// Number of elements: more specific patterns win.
    pub specificity: usize,
}

/// A trigger: the words that must be at the match position, and the patterns to try there.
#[derive(Debug, Clone)]
pub(crate) struct Trigger {
    /// Vocabulary ids of its words, adjacent.
    pub words: Box<[u32]>,
    /// Index into `RuleSet::blocks`.
    pub block: usize,
    /// A code of the verb itself (PETRARCH `GIVE [071]`), used when no pattern matches.
    pub own: Option<Arc<Pat>>,
    /// True when the trigger is a verb.
    pub verb: bool,
    /// True when this form can be a past participle (for passive voice).
    pub participle: bool,
    /// True for a PETRARCH verb form that is also a noun form (`visit`, `attacks`): skipped
    /// after a determiner ("a brief private visit"), where PETRARCH's parser would see a noun.
    pub noun_form: bool,
    /// True for a base or "-s" form of a team verb pattern (`~pressure`): skipped right
    /// after a complementizer "that", where it is the clause's subject noun
    /// ([`noun_after_complementizer`]).
    pub complement_noun: bool,
}

/// The patterns shared by a block's triggers, and its default code.
#[derive(Debug, Clone, Default)]
pub(crate) struct Block {
    pub patterns: Vec<Arc<Pat>>,
    /// The pattern-less coding when no pattern matches (None: the bare trigger codes nothing).
    pub default: Option<Arc<Pat>>,
}

/// All triggers, indexed by their first word.
#[derive(Debug, Clone, Default)]
pub(crate) struct RuleSet {
    pub blocks: Vec<Block>,
    /// Triggers by the vocabulary id of their first word.
    pub index: FastMap<u32, Vec<Trigger>>,
    pub vocab: Vocab,
    /// Vocabulary ids of one-word past forms of PETRARCH verbs ("enjoyed", "fired"): a
    /// finite verb that ends the phrase of the verb before it.
    pub past_forms: Vec<u32>,
}

/// A match of a pattern at a place in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    /// First and last token of the trigger.
    pub first: usize,
    pub last: usize,
    /// Tokens of the evidence (trigger and matched words), sorted.
    pub evidence: Vec<usize>,
    /// Actor groups bound by `$`, `+`, `%`.
    pub source_group: Option<usize>,
    pub target_group: Option<usize>,
    pub code: EventCode,
    pub pat: Arc<Pat>,
    pub verb: bool,
    pub participle: bool,
}

impl Hit {
    /// The last word the pattern matched: the trigger's, or a later word of the pattern
    /// ("claiming responsibility for").
    pub fn last_word(&self) -> usize {
        self.evidence
            .last()
            .copied()
            .unwrap_or(self.last)
            .max(self.last)
    }
}

impl RuleSet {
    /// Add the team's patterns.
    pub fn add_team(&mut self, file: &str, patterns: &[TeamPattern]) {
        for p in patterns {
            let Some((head, rest)) = p.trigger.split_first() else {
                continue;
            };
            let after: Vec<Elem> = rest
                .iter()
                .map(|w| Elem {
                    kind: ElemKind::Words(Alts::new(
                        w.forms
                            .iter()
                            .map(|f| vec![self.vocab.intern(f)].into_boxed_slice())
                            .collect(),
                    )),
                    adjacent: w.adjacent,
                })
                .collect();
            let block = self.blocks.len();
            let code = EventCode {
                forward: Some(p.code.clone()),
                reverse: None,
            };
            self.blocks.push(Block {
                patterns: vec![Arc::new(Pat {
                    before: vec![],
                    trigger_joined: false,
                    specificity: p.trigger.len(),
                    after,
                    code,
                    category: p.category,
                    mode: p.mode.clone(),
                    source: p.source.clone(),
                    target: p.target.clone(),
                    report: p.report,
                    object_party: p.object_party,
                    object_needed: p.object_needed,
                    object_person: p.object_person,
                    implied_agent: p.implied_agent.clone(),
                    implied_addressee: p.implied_addressee.clone(),
                    origin: format!("{file}:{} {}", p.line, p.text),
                })],
                default: None,
            });
            let base = head.forms.first().cloned().unwrap_or_default();
            for form in &head.forms {
                let participle =
                    head.verb && form != &base && !form.ends_with('s') && !form.ends_with("ing");
                let id = self.vocab.intern(form);
                self.index.entry(id).or_default().push(Trigger {
                    words: vec![id].into_boxed_slice(),
                    block,
                    own: None,
                    verb: head.verb,
                    participle,
                    noun_form: false,
                    complement_noun: head.verb && !participle && !form.ends_with("ing"),
                });
            }
        }
    }

    /// Add a PETRARCH verb dictionary; returns how many of its patterns were left out because
    /// they can never match in it ([`bare_preposition_after_verb`]), so the caller can say so.
    pub fn add_petrarch(&mut self, file: &str, dict: &VerbDictionary, cues: &Cues) -> usize {
        let bracketed = dict.uses_phrase_brackets();
        let mut never_matching = 0;
        for b in &dict.blocks {
            let block = self.blocks.len();
            // PETRARCH codes its reporting verbs (SAY [010]) alongside what they report, and its gold
            // records expect both, so its rules are never `report` rules.
            let is_report = false;
            let mut patterns = Vec::new();
            for p in &b.patterns {
                if bracketed && bare_preposition_after_verb(p, cues) {
                    never_matching += 1;
                    continue;
                }
                let before = compile_tokens(&p.before, dict, &mut self.vocab);
                let after = compile_tokens(&p.after, dict, &mut self.vocab);
                let (Some(before), Some(after)) = (before, after) else {
                    continue;
                };
                let specificity = 1 + before.len() + after.len();
                patterns.push(Arc::new(Pat {
                    before,
                    trigger_joined: p.verb_joined,
                    after,
                    code: p.code.clone(),
                    category: None,
                    mode: None,
                    source: vec![Slot::Subject],
                    target: vec![Slot::AnyAfter],
                    report: is_report,
                    object_party: false,
                    object_needed: false,
                    object_person: false,
                    implied_agent: None,
                    implied_addressee: None,
                    origin: format!(
                        "{file}:{} {} - {} [{}]",
                        p.line,
                        b.name,
                        p.text,
                        code_text(&p.code)
                    ),
                    specificity,
                }));
            }
            let default = (!b.code.is_null()).then(|| {
                bare(
                    b.code.clone(),
                    format!("{file}:{} {} [{}]", b.line, b.name, code_text(&b.code)),
                )
            });
            self.blocks.push(Block { patterns, default });
            self.past_forms.sort_unstable();
            self.past_forms.dedup();
            for v in &b.verbs {
                let own = v.code.clone().map(|c| {
                    let origin = format!(
                        "{file}:{} {} [{}]",
                        v.line,
                        v.words.join("_"),
                        code_text(&c)
                    );
                    bare(c, origin)
                });
                let base = v
                    .words
                    .get(v.verb_at)
                    .map(|w| w.to_lowercase())
                    .unwrap_or_default();
                for form in &v.forms {
                    let words: Vec<String> = form.iter().map(|w| w.to_lowercase()).collect();
                    if words.is_empty() {
                        continue;
                    }
                    let verb_word = words.get(v.verb_at).cloned().unwrap_or_default();
                    let participle = verb_word != base
                        && !verb_word.ends_with('s')
                        && !verb_word.ends_with("ing");
                    // Gerunds too: "the brutal slaying of", "the fighting".
                    let noun_form = !participle;
                    let ids: Box<[u32]> = words.iter().map(|w| self.vocab.intern(w)).collect();
                    if participle && ids.len() == 1 {
                        self.past_forms.push(ids[0]);
                    }
                    self.index.entry(ids[0]).or_default().push(Trigger {
                        words: ids,
                        block,
                        own: own.clone(),
                        verb: true,
                        participle,
                        noun_form,
                        complement_noun: false,
                    });
                }
            }
        }
        never_matching
    }

    /// All pattern hits in a sentence, before overlap resolution: for each trigger position,
    /// the most specific matching pattern (or the trigger's default code).
    ///
    /// `passive_aux(i)` gives where the passive auxiliary of a participle at `i` starts: there
    /// the words a pattern wants after the verb (its object) are looked for in the subject
    /// before it ("Evidence against Russia was presented by the US" matches `* EVIDENCE`).
    pub fn hits(
        &self,
        view: &View,
        cues: &Cues,
        passive_aux: &dyn Fn(usize) -> Option<usize>,
    ) -> Vec<Hit> {
        let ids: Vec<u32> = view.toks.iter().map(|t| self.vocab.get(&t.norm)).collect();
        let mut present = ids.clone();
        present.sort_unstable();
        present.dedup();
        let ctx = Ctx {
            view,
            cues,
            ids,
            present,
            past_forms: &self.past_forms,
        };
        let mut out = Vec::new();
        for i in 0..view.toks.len() {
            if view.group_at[i].is_some() {
                continue; // a word inside an actor name is not a trigger
            }
            let Some(triggers) = self.index.get(&ctx.ids[i]) else {
                continue;
            };
            for t in triggers {
                let last = i + t.words.len() - 1;
                if ctx.ids.get(i..=last) != Some(&t.words[..]) {
                    continue;
                }
                let gerund = view.toks[i].norm.ends_with("ing");
                if t.noun_form
                    && (after_determiner(view, i)
                        || (gerund && gerund_noun(view, i))
                        || (!gerund && after_preposition(view, cues, i)))
                {
                    continue;
                }
                if t.complement_noun && noun_after_complementizer(view, cues, i) {
                    continue;
                }
                let aux = if t.participle { passive_aux(i) } else { None };
                if let Some(hit) = self.best(&ctx, t, i, last, aux) {
                    out.push(hit);
                }
            }
        }
        out
    }

    fn best(
        &self,
        ctx: &Ctx<'_>,
        t: &Trigger,
        first: usize,
        last: usize,
        aux: Option<usize>,
    ) -> Option<Hit> {
        let block = self.blocks.get(t.block)?;
        let mut best: Option<Hit> = None;
        for p in &block.patterns {
            if best
                .as_ref()
                .is_some_and(|b| b.pat.specificity >= p.specificity)
                || !p.may_occur(&ctx.present)
            {
                continue;
            }
            let found = match_pattern(ctx, p, first, last)
                .or_else(|| aux.and_then(|a| match_passive(ctx, p, first, a)))
                .or_else(|| aux.and_then(|_| match_passive_agent(ctx, p, first, last)));
            let Some((evidence, sg, tg)) = found else {
                continue;
            };
            if best
                .as_ref()
                .is_some_and(|b| b.pat.specificity >= p.specificity)
            {
                continue;
            }
            best = Some(Hit {
                first,
                last,
                evidence,
                source_group: sg,
                target_group: tg,
                code: p.code.clone(),
                pat: p.clone(),
                verb: t.verb,
                participle: t.participle,
            });
        }
        if best.is_none() {
            let pat = t.own.clone().or_else(|| block.default.clone())?;
            best = Some(Hit {
                first,
                last,
                evidence: (first..=last).collect(),
                source_group: None,
                target_group: None,
                code: pat.code.clone(),
                pat,
                verb: t.verb,
                participle: t.participle,
            });
        }
        best
    }
}

/// The pattern-less coding of a bare trigger: the subject acts on the first actor after it.
fn bare(code: EventCode, origin: String) -> Arc<Pat> {
    Arc::new(Pat {
        before: vec![],
        trigger_joined: false,
        after: vec![],
        code,
        category: None,
        mode: None,
        source: vec![Slot::Subject],
        target: vec![Slot::AnyAfter],
        report: false,
        object_party: false,
        object_needed: false,
        object_person: false,
        implied_agent: None,
        implied_addressee: None,
        origin,
        specificity: 0,
    })
}

fn code_text(c: &EventCode) -> String {
    match (&c.forward, &c.reverse) {
        (Some(f), Some(r)) => format!("{f}:{r}"),
        (Some(f), None) => f.clone(),
        (None, Some(r)) => format!(":{r}"),
        (None, None) => "---".into(),
    }
}

impl Pat {
    /// False when some word element of the pattern cannot match: none of its first words is
    /// in the sentence.
    fn may_occur(&self, present: &[u32]) -> bool {
        self.before
            .iter()
            .chain(&self.after)
            .all(|e| match &e.kind {
                ElemKind::Words(a) => a.may_occur(present),
                _ => true,
            })
    }
}

/// True when a pattern's first element after the verb is a bare preposition (`- * FROM +`,
/// a TABARI leftover). PETRARCH-2, whose dictionaries write prepositional phrases in
/// brackets (`- * (FROM +)`), matches a bare word only against the head of a noun (or
/// adverb) phrase, which a preposition never is, so such a pattern never matches. "to" is
/// left alone: a bare `TO` mostly stands for an infinitive (`- * TO CONGRATULATE`), which
/// word order matches, and the GSR records show no case either way.
fn bare_preposition_after_verb(p: &Pattern, cues: &Cues) -> bool {
    match p.after.first().map(|t| &t.token) {
        Some(Token::Word(w)) => {
            let w = w.to_lowercase();
            w != INFINITIVE_TO && cues.has_word(Cue::Preposition, &w)
        }
        _ => false,
    }
}

/// PETRARCH pattern tokens to elements; brackets are dropped (no parse to check them against)
/// and `^` only widens the gap. `None` when a synset is unknown.
fn compile_tokens(
    tokens: &[PatternToken],
    dict: &VerbDictionary,
    vocab: &mut Vocab,
) -> Option<Vec<Elem>> {
    let mut out = Vec::new();
    let mut pending_adjacent: Option<bool> = None;
    for t in tokens {
        let adjacent = pending_adjacent.take().unwrap_or(t.joined);
        let kind = match &t.token {
            Token::Word(w) => {
                let w = w.to_lowercase();
                let plural = noun_plural(&w);
                let mut alts = vec![vec![vocab.intern(&w)].into_boxed_slice()];
                if plural != w {
                    alts.push(vec![vocab.intern(&plural)].into_boxed_slice());
                }
                ElemKind::Words(Alts::new(alts))
            }
            Token::Synset(name) => {
                let phrases = dict.synset_phrases(name);
                if phrases.is_empty() && !dict.synsets.contains_key(name) {
                    return None;
                }
                let mut alts: Vec<Box<[u32]>> = Vec::new();
                for (words, plurals) in phrases {
                    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                    if plurals {
                        if let Some((last, head)) = lower.split_last() {
                            let mut p: Vec<u32> = head.iter().map(|w| vocab.intern(w)).collect();
                            p.push(vocab.intern(&noun_plural(last)));
                            alts.push(p.into_boxed_slice());
                        }
                    }
                    alts.push(lower.iter().map(|w| vocab.intern(w)).collect());
                }
                ElemKind::Words(Alts::new(alts))
            }
            Token::Source => ElemKind::Source,
            Token::Target => ElemKind::Target,
            Token::Compound => ElemKind::Compound,
            Token::Skip | Token::Open(_) | Token::Close(_) => {
                // Keep the adjacency of what follows relative to what preceded.
                pending_adjacent = Some(false);
                continue;
            }
        };
        out.push(Elem { kind, adjacent });
    }
    Some(out)
}
