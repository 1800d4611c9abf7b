//! Triggers and patterns, compiled from the team dictionary and from PETRARCH verb
//! dictionaries into one form, and matched against a sentence's tokens without a parse.
//!
//! A trigger (a verb form or a noun, possibly several words) points to a block of patterns.
//! A pattern lists elements before and after the trigger: words (with plurals), synset
//! phrases, and actor slots (`$` source, `+` target, `%` compound). Elements marked adjacent
//! must follow directly; others may be up to [`MAX_PATTERN_GAP`] tokens away, within the
//! clause. The most specific matching pattern of a trigger wins; a null code blocks the event.

use std::collections::HashMap;
use std::sync::Arc;

use attache_model::PloverCategory;

use super::text::View;
use crate::inflect::noun_plural;
use crate::patterns::{Slot, TeamPattern};
use crate::petrarch::{EventCode, PatternToken, Token, VerbDictionary};

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
    /// Alternative word sequences (lower case), plural forms included.
    Words(Vec<Vec<String>>),
    /// An actor group that is the source.
    Source,
    /// An actor group that is the target.
    Target,
    /// An actor group that is both (compound).
    Compound,
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
    /// `file:line text`, for the event's `rule`.
    pub origin: String,
    /// Number of elements: more specific patterns win.
    pub specificity: usize,
}

/// A trigger: the words that must be at the match position, and the patterns to try there.
#[derive(Debug, Clone)]
pub(crate) struct Trigger {
    /// Lower-case words, adjacent.
    pub words: Vec<String>,
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
}

/// How far back a determiner makes a PETRARCH verb form a noun ("a brief private visit").
const NOUN_DETERMINER_WINDOW: usize = 3;

/// Words that introduce a noun phrase.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "this", "these", "those", "'s",
];

/// Words after which the next word is a verb again ("to visit", "will not visit").
const VERB_CONTEXT: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "shall", "should", "must", "did", "do",
    "does", "not", "n't", "never", "has", "have", "had",
];

/// True when a determiner stands shortly before token `i` with nothing verbal between.
fn after_determiner(view: &View, i: usize) -> bool {
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
    pub index: HashMap<String, Vec<Trigger>>,
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
                    kind: ElemKind::Words(w.forms.iter().map(|f| vec![f.clone()]).collect()),
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
                    origin: format!("{file}:{} {}", p.line, p.text),
                })],
                default: None,
            });
            let base = head.forms.first().cloned().unwrap_or_default();
            for form in &head.forms {
                let participle =
                    head.verb && form != &base && !form.ends_with('s') && !form.ends_with("ing");
                self.index.entry(form.clone()).or_default().push(Trigger {
                    words: vec![form.clone()],
                    block,
                    own: None,
                    verb: head.verb,
                    participle,
                    noun_form: false,
                });
            }
        }
    }

    /// Add a PETRARCH verb dictionary.
    pub fn add_petrarch(&mut self, file: &str, dict: &VerbDictionary) {
        for b in &dict.blocks {
            let block = self.blocks.len();
            // PETRARCH codes its reporting verbs (SAY [010]) alongside what they report, and its gold
            // records expect both, so its rules are never `report` rules.
            let is_report = false;
            let mut patterns = Vec::new();
            for p in &b.patterns {
                let before = compile_tokens(&p.before, dict);
                let after = compile_tokens(&p.after, dict);
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
                    let Some(first) = words.first().cloned() else {
                        continue;
                    };
                    let verb_word = words.get(v.verb_at).cloned().unwrap_or_default();
                    let participle = verb_word != base
                        && !verb_word.ends_with('s')
                        && !verb_word.ends_with("ing");
                    let noun_form = !participle && !verb_word.ends_with("ing");
                    self.index.entry(first).or_default().push(Trigger {
                        words,
                        block,
                        own: own.clone(),
                        verb: true,
                        participle,
                        noun_form,
                    });
                }
            }
        }
    }

    /// All pattern hits in a sentence, before overlap resolution: for each trigger position,
    /// the most specific matching pattern (or the trigger's default code).
    pub fn hits(&self, view: &View) -> Vec<Hit> {
        let mut out = Vec::new();
        for i in 0..view.toks.len() {
            if view.group_at[i].is_some() {
                continue; // a word inside an actor name is not a trigger
            }
            let Some(triggers) = self.index.get(&view.toks[i].norm) else {
                continue;
            };
            for t in triggers {
                let last = i + t.words.len() - 1;
                if last >= view.toks.len()
                    || !t
                        .words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| view.toks[i + k].norm == *w)
                {
                    continue;
                }
                if t.noun_form && after_determiner(view, i) {
                    continue;
                }
                if let Some(hit) = self.best(view, t, i, last) {
                    out.push(hit);
                }
            }
        }
        out
    }

    fn best(&self, view: &View, t: &Trigger, first: usize, last: usize) -> Option<Hit> {
        let block = self.blocks.get(t.block)?;
        let mut best: Option<Hit> = None;
        for p in &block.patterns {
            let Some((evidence, sg, tg)) = match_pattern(view, p, first, last) else {
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

/// PETRARCH pattern tokens to elements; brackets are dropped (no parse to check them against)
/// and `^` only widens the gap. `None` when a synset is unknown.
fn compile_tokens(tokens: &[PatternToken], dict: &VerbDictionary) -> Option<Vec<Elem>> {
    let mut out = Vec::new();
    let mut pending_adjacent: Option<bool> = None;
    for t in tokens {
        let adjacent = pending_adjacent.take().unwrap_or(t.joined);
        let kind = match &t.token {
            Token::Word(w) => {
                let w = w.to_lowercase();
                let plural = noun_plural(&w);
                let mut alts = vec![vec![w.clone()]];
                if plural != w {
                    alts.push(vec![plural]);
                }
                ElemKind::Words(alts)
            }
            Token::Synset(name) => {
                let phrases = dict.synset_phrases(name);
                if phrases.is_empty() && !dict.synsets.contains_key(name) {
                    return None;
                }
                let mut alts = Vec::new();
                for (words, plurals) in phrases {
                    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                    if plurals {
                        if let Some((last, head)) = lower.split_last() {
                            let mut p = head.to_vec();
                            p.push(noun_plural(last));
                            alts.push(p);
                        }
                    }
                    alts.push(lower);
                }
                ElemKind::Words(alts)
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

/// Evidence tokens and bound groups when `p` matches around the trigger `first..=last`.
fn match_pattern(
    view: &View,
    p: &Pat,
    first: usize,
    last: usize,
) -> Option<(Vec<usize>, Option<usize>, Option<usize>)> {
    let mut evidence: Vec<usize> = (first..=last).collect();
    let (mut sg, mut tg) = (None, None);
    let clause = view.clause[first];
    // After the trigger, left to right.
    let mut pos = last + 1;
    for e in &p.after {
        let (start, end) = find_forward(view, e, pos, clause)?;
        bind(view, e, start, &mut evidence, end, &mut sg, &mut tg);
        pos = end;
    }
    // Before the trigger, right to left.
    let mut pos = first; // exclusive end
    let mut adjacent = p.trigger_joined;
    for e in p.before.iter().rev() {
        let (start, end) = find_backward(view, e, pos, adjacent, clause)?;
        bind(view, e, start, &mut evidence, end, &mut sg, &mut tg);
        adjacent = e.adjacent;
        pos = start;
    }
    evidence.sort_unstable();
    evidence.dedup();
    Some((evidence, sg, tg))
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

/// Length of the element matched at `at`, if it matches there.
fn match_here(view: &View, e: &Elem, at: usize) -> Option<usize> {
    match &e.kind {
        ElemKind::Words(alts) => alts.iter().find_map(|a| {
            let end = at + a.len();
            (end <= view.toks.len()
                && a.iter()
                    .enumerate()
                    .all(|(k, w)| view.toks[at + k].norm == *w))
            .then_some(a.len())
        }),
        _ => {
            // An actor group starting here, or after one determiner.
            let skip = usize::from(matches!(
                view.toks.get(at).map(|t| t.norm.as_str()),
                Some("the" | "a" | "an")
            ));
            let g = view.group_at.get(at + skip).copied().flatten()?;
            let group = view.groups.get(g)?;
            (group.first == at + skip).then_some(group.last + 1 - at)
        }
    }
}

fn find_forward(view: &View, e: &Elem, from: usize, clause: usize) -> Option<(usize, usize)> {
    let limit = if e.adjacent {
        from
    } else {
        from + MAX_PATTERN_GAP
    };
    for at in from..=limit.min(view.toks.len().saturating_sub(1)) {
        // Pattern words stay in the verb's phrase: not across a clause or a comma.
        if view.clause[at] != clause || (at > from && view.toks[at - 1].norm == ",") {
            return None;
        }
        if let Some(n) = match_here(view, e, at) {
            return Some((at, at + n));
        }
    }
    None
}

fn find_backward(
    view: &View,
    e: &Elem,
    end: usize,
    adjacent: bool,
    clause: usize,
) -> Option<(usize, usize)> {
    // Try each possible end position going left; the element must end exactly there.
    let lowest = if adjacent {
        end
    } else {
        end.saturating_sub(MAX_PATTERN_GAP)
    };
    let mut stop = end;
    while stop >= lowest.max(1) {
        // Candidates that end at `stop` (exclusive).
        for start in (stop.saturating_sub(8)..stop).rev() {
            if view.clause[start] != clause {
                continue;
            }
            if match_here(view, e, start) == Some(stop - start) {
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
