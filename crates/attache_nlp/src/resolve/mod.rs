//! Actor resolution: dictionary hits in each sentence, composed into coded mentions.
//!
//! [`ActorResolver`] is built once from an [`ActorDictionary`] (the automaton is the costly
//! part) and then annotates any number of documents, from any number of threads.

mod compose;
mod matcher;
#[cfg(test)]
mod tests;
mod words;

use std::collections::HashMap;

use attache_model::{AnnotateError, Annotator, Document, Layers, Mention, Sentence};

use crate::codes::{self, country_of};
use crate::date::Day;
use crate::dict::{ActorDictionary, EntryKind};
use crate::sentences::SentenceSplitter;
use crate::tokenize::{tokenize_into, Token};
use crate::NlpError;
use compose::{compose_sentence, Context, Coref};
use matcher::{Hit, Matcher, Scratch, Via};

/// Options of actor resolution.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The article's day: picks dated roles ("the Taliban" before and after 2021-08-15).
    /// `None` takes the article's `published` date, and without one the current roles.
    pub date: Option<Day>,
    /// Country for titles and state bodies the sentence does not qualify ("officials said").
    /// `None` lets the resolver infer it when [`Settings::infer_default_country`] is on.
    pub default_country: Option<String>,
    /// Infer the default country from the dateline, else the country mentioned most (at
    /// least twice). Off for lone sentences (benchmarks), on for articles.
    pub infer_default_country: bool,
    /// Resolve later surnames and "he"/"she" to the person named before.
    pub coreference: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            date: None,
            default_country: None,
            infer_default_country: true,
            coreference: true,
        }
    }
}

/// Finds actor mentions and resolves them to codes.
pub struct ActorResolver {
    dict: ActorDictionary,
    matcher: Matcher,
    splitter: SentenceSplitter,
    settings: Settings,
    country_names: HashMap<String, String>,
}

impl ActorResolver {
    /// Build the automaton for `dict`.
    pub fn new(mut dict: ActorDictionary) -> Result<Self, NlpError> {
        dict.refine_from_petrarch();
        let matcher = Matcher::new(&dict)?;
        let mut country_names = HashMap::new();
        // The team's first country line per code gives the display name.
        let mut best: HashMap<String, crate::dict::Source> = HashMap::new();
        for e in dict
            .entries()
            .iter()
            .filter(|e| e.kind == EntryKind::Country)
        {
            let Some(role) = e.roles.first() else {
                continue;
            };
            let better = best.get(&role.code).is_none_or(|s| e.source > *s);
            if better {
                best.insert(role.code.clone(), e.source);
                country_names.insert(role.code.clone(), e.name.clone());
            }
        }
        Ok(ActorResolver {
            dict,
            matcher,
            splitter: SentenceSplitter::new(),
            settings: Settings::default(),
            country_names,
        })
    }

    /// A resolver over the team's built-in dictionaries.
    pub fn builtin() -> Result<Self, NlpError> {
        Self::new(ActorDictionary::builtin()?)
    }

    /// The same resolver with other settings.
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// The settings used by [`Annotator::annotate`].
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The dictionary the resolver matches.
    pub fn dictionary(&self) -> &ActorDictionary {
        &self.dict
    }

    /// The sentence splitter it uses when a document has no sentences yet.
    pub fn splitter(&self) -> &SentenceSplitter {
        &self.splitter
    }

    /// Split sentences when there are none yet, then find mentions, with the resolver's
    /// settings (the date defaults to the article's `published` day).
    pub fn resolve(&self, doc: &mut Document) {
        self.resolve_with(doc, &self.settings);
    }

    /// [`ActorResolver::resolve`] with explicit settings. When the document's
    /// [`Document::deadline`] passes, the mentions found so far are kept; the
    /// [`Annotator`] reports that as [`AnnotateError::OverBudget`].
    pub fn resolve_with(&self, doc: &mut Document, settings: &Settings) {
        let _ = self.resolve_within(doc, settings);
    }

    /// [`ActorResolver::resolve_with`], telling how many sentences were done when the
    /// document's deadline stopped it.
    fn resolve_within(&self, doc: &mut Document, settings: &Settings) -> Result<(), usize> {
        if doc.sentences.is_empty() {
            doc.sentences = self
                .splitter
                .split(&doc.article.text)
                .into_iter()
                .map(|span| Sentence { span })
                .collect();
            doc.layers |= Layers::SENTENCES;
        }
        let mut settings = settings.clone();
        if settings.date.is_none() {
            settings.date = doc.article.published.as_deref().and_then(Day::parse);
        }
        let (mentions, stopped) = self.mentions_within(
            &doc.article.text,
            &doc.sentences,
            doc.article.dateline.as_deref(),
            &settings,
            doc.deadline,
        );
        doc.mentions = mentions;
        doc.layers |= Layers::MENTIONS;
        match stopped {
            Some(done) => Err(done),
            None => Ok(()),
        }
    }

    /// Mentions in `text`, sentence by sentence, in text order.
    pub fn mentions(
        &self,
        text: &str,
        sentences: &[Sentence],
        dateline: Option<&str>,
        settings: &Settings,
    ) -> Vec<Mention> {
        self.mentions_within(text, sentences, dateline, settings, None)
            .0
    }

    /// [`ActorResolver::mentions`], stopping at the first sentence window after `deadline`;
    /// then also the number of sentences done.
    fn mentions_within(
        &self,
        text: &str,
        sentences: &[Sentence],
        dateline: Option<&str>,
        settings: &Settings,
        deadline: Option<std::time::Instant>,
    ) -> (Vec<Mention>, Option<usize>) {
        let past = || deadline.is_some_and(|d| std::time::Instant::now() >= d);
        let mut tokens = Vec::with_capacity(text.len() / 5);
        // Token ranges read one at a time, with the sentence each belongs to: a sentence,
        // or a window of it when it is longer than MAX_SENTENCE_TOKENS.
        let mut ranges = Vec::with_capacity(sentences.len());
        let mut owner = Vec::with_capacity(sentences.len());
        for (index, s) in sentences.iter().enumerate() {
            let first = tokens.len();
            tokenize_into(text, s.span.start..s.span.end, &mut tokens);
            let end = tokens.len();
            let mut a = first;
            loop {
                let b = (a + MAX_SENTENCE_TOKENS).min(end);
                ranges.push(a..b);
                owner.push(index);
                if b >= end {
                    break;
                }
                a = b;
            }
        }
        let mut scratch = Scratch::default();
        let mut hits: Vec<Vec<Hit>> = Vec::with_capacity(sentences.len());
        for (w, range) in ranges.iter().enumerate() {
            if past() {
                return (Vec::new(), Some(owner[w]));
            }
            let mut found = Vec::new();
            self.matcher.find(
                &self.dict,
                text,
                &tokens,
                range.clone(),
                &mut scratch,
                &mut found,
            );
            hits.push(found);
        }
        learn_acronyms(&self.dict, text, &tokens, &ranges, &mut hits);
        let default_country = match &settings.default_country {
            Some(c) => Some((c.clone(), "set by the caller".to_string())),
            None if settings.infer_default_country => {
                self.infer_default_country(text, &tokens, &hits, dateline, settings.date)
            }
            None => None,
        };
        let names = |code: &str| self.country_names.get(code).cloned();
        let ctx = Context {
            dict: &self.dict,
            text,
            tokens: &tokens,
            day: settings.date,
            default_country,
            country_name: &names,
        };
        let mut coref = Coref::default();
        let mut out = Vec::new();
        let mut last = None;
        for (w, (range, &index)) in ranges.iter().zip(&owner).enumerate() {
            if !settings.coreference && last != Some(index) {
                coref = Coref::default();
            }
            last = Some(index);
            if past() {
                return (out, Some(index));
            }
            compose_sentence(&ctx, &hits[w], range.clone(), index, &mut coref, &mut out);
        }
        (out, None)
    }

    /// The dateline's country, else the country mentioned most often (at least
    /// [`words::MIN_MENTIONS_FOR_DEFAULT`] times; the first mentioned wins ties).
    fn infer_default_country(
        &self,
        text: &str,
        tokens: &[Token],
        hits: &[Vec<Hit>],
        dateline: Option<&str>,
        day: Option<Day>,
    ) -> Option<(String, String)> {
        let place_kinds = [EntryKind::Capital, EntryKind::Place, EntryKind::Country];
        if let Some(dateline) = dateline {
            let found = self
                .dict
                .lookup(dateline)
                .into_iter()
                .find(|e| place_kinds.contains(&e.kind));
            if let Some(e) = found {
                return Some((
                    country_of(e.code_at(day)).to_string(),
                    format!("dateline {dateline}"),
                ));
            }
        }
        // A dateline opening the body: "ISLAMABAD: ...".
        if let Some(h) = hits.first().and_then(|s| s.first()) {
            let e = &self.dict.entries()[h.entry as usize];
            let upper = tokens.get(h.a).is_some_and(|t| t.is(Token::UPPER));
            let colon = tokens
                .get(h.b)
                .is_some_and(|t| matches!(t.text(text), ":" | "," | "\u{2014}"));
            if h.a == 0 && upper && colon && place_kinds.contains(&e.kind) {
                let word = tokens[h.a].text(text);
                return Some((
                    country_of(e.code_at(day)).to_string(),
                    format!("dateline {word}"),
                ));
            }
        }
        let mut counts: Vec<(String, usize)> = Vec::new();
        for h in hits.iter().flatten() {
            let e = &self.dict.entries()[h.entry as usize];
            let counted = matches!(
                e.kind,
                EntryKind::Country
                    | EntryKind::Demonym
                    | EntryKind::Capital
                    | EntryKind::Government
                    | EntryKind::Person
            );
            let country = country_of(e.code_at(day));
            let real = country.len() == 3
                && country.bytes().all(|b| b.is_ascii_uppercase())
                && !codes::INTERNATIONAL_PREFIXES.contains(&country)
                && country != codes::ARMED_INTERNATIONAL_PREFIX;
            if !counted || !real {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| c == country) {
                Some((_, n)) => *n += 1,
                None => counts.push((country.to_string(), 1)),
            }
        }
        let mut best: Option<&(String, usize)> = None;
        for c in &counts {
            if best.is_none_or(|b| c.1 > b.1) {
                best = Some(c);
            }
        }
        best.filter(|(_, n)| *n >= words::MIN_MENTIONS_FOR_DEFAULT)
            .map(|(c, n)| (c.clone(), format!("most mentioned country, {n} times")))
    }
}

/// Acronyms the article itself defines, which override dictionary acronyms on the same word
/// (the article says what it means):
/// - "Tehreek-e-Taliban Pakistan (TTP)": a name followed by a bracketed capitalised word
///   makes that word an alias of the name for the whole article;
/// - "the Rapid Support Forces ... the RSF": a capitalised word spelling the initials of a
///   multiword actor named earlier is that actor (not Reporters Sans Frontières).
fn learn_acronyms(
    dict: &ActorDictionary,
    text: &str,
    tokens: &[Token],
    ranges: &[std::ops::Range<usize>],
    hits: &mut [Vec<Hit>],
) {
    // (acronym, entry, first token it applies from, defined in brackets)
    let mut learned: Vec<(String, u32, usize, bool)> = Vec::new();
    for h in hits.iter().flatten() {
        let kind = dict.entries()[h.entry as usize].kind;
        if kind.is_sector()
            || matches!(
                kind,
                EntryKind::Demonym | EntryKind::Capital | EntryKind::Place
            )
        {
            continue;
        }
        if let (Some(open), Some(word), Some(close)) =
            (tokens.get(h.b), tokens.get(h.b + 1), tokens.get(h.b + 2))
        {
            let letters = word
                .text(text)
                .chars()
                .filter(|c| c.is_alphabetic())
                .count();
            if open.text(text) == "("
                && close.text(text) == ")"
                && word.is(Token::UPPER)
                && (MIN_ACRONYM_LETTERS..=MAX_ACRONYM_LETTERS).contains(&letters)
            {
                learned.push((word.text(text).to_string(), h.entry, 0, true));
                continue;
            }
        }
        if matches!(kind, EntryKind::Person | EntryKind::Country) {
            continue;
        }
        if let Some(initials) = initials(text, &tokens[h.a..h.b]) {
            learned.push((initials, h.entry, h.b, false));
        }
    }
    if learned.is_empty() {
        return;
    }
    for (range, found) in ranges.iter().zip(hits.iter_mut()) {
        let mut changed = false;
        for t in range.clone() {
            if !tokens[t].is(Token::UPPER) {
                continue;
            }
            let word = tokens[t].text(text);
            // A bracket definition wins over initials; among initials the latest name.
            let Some(&(_, entry, _, _)) = learned
                .iter()
                .filter(|(w, _, from, _)| w == word && t >= *from)
                .max_by_key(|(_, _, from, bracket)| (*bracket, *from))
            else {
                continue;
            };
            match found.iter().position(|h| h.a <= t && t < h.b) {
                Some(p) if found[p].a == t && found[p].b == t + 1 && found[p].entry != entry => {
                    found[p] = Hit {
                        a: t,
                        b: t + 1,
                        entry,
                        via: Via::Acronym,
                    };
                }
                Some(_) => {}
                None => {
                    found.push(Hit {
                        a: t,
                        b: t + 1,
                        entry,
                        via: Via::Acronym,
                    });
                    changed = true;
                }
            }
        }
        if changed {
            found.sort_by_key(|h| h.a);
        }
    }
}

/// Most tokens read as one sentence. Prose sentences have a few dozen; a "sentence" of
/// thousands is a list, a table or text the splitter could not cut, and composing mentions
/// looks around each hit within its sentence. Longer sentences are read in windows of this
/// many tokens (a name cut by a window's edge is not found), so the work per token stays
/// bounded: one 'Pakistan and Afghanistan ...' sentence of 80,000 names took 26 s whole.
pub const MAX_SENTENCE_TOKENS: usize = 300;

/// Fewest and most letters of an acronym the article defines.
const MIN_ACRONYM_LETTERS: usize = 2;
/// See [`MIN_ACRONYM_LETTERS`].
const MAX_ACRONYM_LETTERS: usize = 8;

/// The initials of the capitalised words of a name of two or more of them ("Rapid Support
/// Forces" = RSF; "Islamic State in Iraq and the Levant" = ISIL), if any.
fn initials(text: &str, tokens: &[Token]) -> Option<String> {
    let mut out = String::new();
    for t in tokens {
        if t.is(Token::WORD) && t.is(Token::CAP) {
            out.extend(t.text(text).chars().next());
        }
    }
    (MIN_ACRONYM_LETTERS..=MAX_ACRONYM_LETTERS)
        .contains(&out.chars().count())
        .then_some(out)
}

/// The sentence stage: fills [`Document::sentences`].
#[derive(Debug, Clone, Default)]
pub struct SentenceAnnotator {
    splitter: SentenceSplitter,
}

impl SentenceAnnotator {
    /// A sentence stage with the team's abbreviation lists.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Annotator for SentenceAnnotator {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn requires(&self) -> Layers {
        Layers::NONE
    }
    fn provides(&self) -> Layers {
        Layers::SENTENCES
    }
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        doc.sentences = self
            .splitter
            .split(&doc.article.text)
            .into_iter()
            .map(|span| Sentence { span })
            .collect();
        doc.layers |= Layers::SENTENCES;
        Ok(())
    }
}

impl Annotator for ActorResolver {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn requires(&self) -> Layers {
        Layers::SENTENCES
    }
    fn provides(&self) -> Layers {
        Layers::MENTIONS
    }
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        if !doc.layers.contains(Layers::SENTENCES)
            && doc.sentences.is_empty()
            && !doc.article.text.trim().is_empty()
        {
            return Err(AnnotateError::MissingLayers {
                stage: "actors",
                missing: Layers::SENTENCES,
            });
        }
        let settings = self.settings.clone();
        self.resolve_within(doc, &settings)
            .map_err(|done| AnnotateError::OverBudget {
                stage: "actors",
                done,
                total: doc.sentences.len(),
            })
    }
}
