//! A sentence as the coder sees it: word tokens with byte spans, clause numbers, and the actor
//! groups (compound actors joined) that attache_nlp's mentions give.

use attache_model::{ActorKind, Document, Mention, Span};

use crate::cues::{Cue, Cues};

/// The infinitive marker: the one preposition-spelled word after which a verb form stays a
/// verb ("asking Obama to help", "bans on travel" but "to travel"), so the word-class and
/// pattern rules that treat prepositions leave it alone.
pub(crate) const INFINITIVE_TO: &str = "to";
/// One token of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    /// Byte span in the article text.
    pub span: Span,
    /// Lower case, curly apostrophes made straight.
    pub norm: String,
}

/// An actor or a compound of actors ("Türkiye and Qatar").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    /// Indices into `Document::mentions`, in text order.
    pub members: Vec<usize>,
    /// First token of the group.
    pub first: usize,
    /// Last token of the group (inclusive).
    pub last: usize,
}

/// A sentence prepared for matching.
#[derive(Debug, Clone, Default)]
pub(crate) struct View {
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Its tokens.
    pub toks: Vec<Tok>,
    /// Clause number of each token (boundaries come from the `clause` cues).
    pub clause: Vec<usize>,
    /// Actor groups in text order.
    pub groups: Vec<Group>,
    /// For each token, the group covering it.
    pub group_at: Vec<Option<usize>>,
    /// Place mentions (indices into `Document::mentions`) with their first token.
    pub places: Vec<(usize, usize)>,
}

/// Whether the word at `t` is a "before" the tagger read as a preposition ("testified before
/// the committee", "appeared before the court") rather than a conjunction opening a clause
/// ("before the talks began", which keeps its break). "After", "since" and "until" stay
/// breaks either way: their phrases are mostly other events ("agreed on patrols after talks
/// between their ministers": the talks are not the agreement's).
fn is_tagged_preposition(doc: &Document, t: &Tok) -> bool {
    if t.norm != "before" {
        return false;
    }
    let at = doc.tokens.partition_point(|d| d.span.start < t.span.start);
    doc.tokens
        .get(at)
        .is_some_and(|d| d.span.start == t.span.start && d.upos == attache_model::Upos::Adp)
}

impl View {
    /// The view of `span`, a part of sentence `index` (the whole sentence, or one of its
    /// [`windows`]). With `places_as_actors`, place mentions are actors too (PETRARCH codes
    /// "in South Carolina" as the USA); otherwise they are only locations.
    pub fn of_span(
        doc: &Document,
        index: usize,
        span: Span,
        cues: &Cues,
        places_as_actors: bool,
    ) -> View {
        let text = doc.article.text.get(span.start..span.end).unwrap_or("");
        let toks = tokenize(text, span.start);
        let mut clause = Vec::with_capacity(toks.len());
        let mut c = 0;
        for t in &toks {
            if cues.has_word(Cue::Clause, &t.norm) && !is_tagged_preposition(doc, t) {
                c += 1;
            }
            clause.push(c);
        }
        let mut view = View {
            sentence: index,
            group_at: vec![None; toks.len()],
            toks,
            clause,
            ..View::default()
        };
        view.build_groups(doc, span, cues, places_as_actors);
        view
    }

    /// The token words, for cue matching.
    pub fn words(&self) -> Vec<&str> {
        self.toks.iter().map(|t| t.norm.as_str()).collect()
    }

    /// True when token `i` follows an infinitive "to" ("asking Obama to help"): there a
    /// word is a verb, not a noun.
    pub fn after_to(&self, i: usize) -> bool {
        i.checked_sub(1)
            .and_then(|k| self.toks.get(k))
            .is_some_and(|t| t.norm == INFINITIVE_TO)
    }

    /// Token range `first..=last` covering a span, if any token overlaps it.
    fn tokens_of(&self, span: Span) -> Option<(usize, usize)> {
        // Tokens are in text order and do not overlap: the overlapping ones are a run found
        // by two binary searches.
        let first = self.toks.partition_point(|t| t.span.end <= span.start);
        let end = self.toks.partition_point(|t| t.span.start < span.end);
        (first < end).then(|| (first, end - 1))
    }

    /// True when another mention starts in the noun phrase after token `last`, before a
    /// comma, a clause word or a preposition other than "of", within [`NP_WINDOW`] tokens.
    fn actor_later_in_phrase(&self, last: usize, starts: &[bool], cues: &Cues) -> bool {
        for k in last + 1..(last + 1 + NP_WINDOW).min(self.toks.len()) {
            if starts.get(k).copied().unwrap_or(false) {
                return true;
            }
            let w = self.toks[k].norm.as_str();
            if w == ","
                || cues.has_word(Cue::Clause, w)
                || (w != "of" && cues.has_word(Cue::Preposition, w))
            {
                return false;
            }
        }
        false
    }

    fn build_groups(&mut self, doc: &Document, span: Span, cues: &Cues, places_as_actors: bool) {
        // Single actors first: mentions of the sentence, adjacent ones merged (a title mention
        // right before a name mention names one actor).
        let mut singles: Vec<Group> = Vec::new();
        // Mentions are in text order (a `Document` invariant): the sentence's are a run found
        // by binary search, not a scan of the whole document per sentence.
        let from = doc.mentions.partition_point(|m| m.span.start < span.start);
        let to = doc.mentions.partition_point(|m| m.span.start < span.end);
        let located: Vec<(usize, usize, usize)> = (from..to.max(from))
            .filter(|&i| span.contains(doc.mentions[i].span))
            .filter_map(|i| self.tokens_of(doc.mentions[i].span).map(|(f, l)| (i, f, l)))
            .collect();
        let mut starts = vec![false; self.toks.len()];
        for &(_, first, _) in &located {
            starts[first] = true;
        }
        for &(i, first, last) in &located {
            let m = &doc.mentions[i];
            // A name inside a hyphenated word modifies it: "non-Muslims" is no actor, and
            // "Al Qaeda-linked Somali militant group al-Shabab", "a government-held part of
            // Syria's second city" name another actor in the same phrase, which is the one
            // acting or acted on. Alone in its phrase it stays ("Indian-backed groups").
            if self.toks[first].span.start < m.span.start {
                continue;
            }
            if self.toks[last].span.end > m.span.end
                && self.actor_later_in_phrase(last, &starts, cues)
            {
                continue;
            }
            if m.kind == ActorKind::Place {
                self.places.push((i, first));
                if !places_as_actors {
                    continue;
                }
            }
            match singles.last_mut() {
                Some(g) if first <= g.last + 1 => {
                    g.members.push(i);
                    g.last = g.last.max(last);
                }
                _ => singles.push(Group {
                    members: vec![i],
                    first,
                    last,
                }),
            }
        }
        // Keep one member per merged run: the most specific code ("Bree Prime Minister"
        // BREGOV over the name "Romendacil" BRE; "Defense Minister Khawaja Asif" PAKGOV over
        // "Pakistani" PAK), the later one on a tie.
        for g in &mut singles {
            if g.members.len() > 1 {
                let code_len = |i: &usize| {
                    doc.mentions
                        .get(*i)
                        .map_or(0, |m| m.code.trim_start_matches('-').len())
                };
                let best = g.members.iter().copied().rev().max_by_key(code_len);
                if let Some(head) = best {
                    g.members = vec![head];
                }
            }
        }
        // Compounds: singles separated only by `compound` cues. A list joined by commas
        // alone is no compound unless a real joiner closes it ("A, B and C"), so a trailing
        // ", Reuters reports" stays apart.
        let words = self.words();
        let links: Vec<Link> = singles
            .windows(2)
            .map(|w| link(&words, w[0].last + 1, w[1].first, cues))
            .collect();
        let mut groups: Vec<Group> = Vec::new();
        // The run of links from i up to the next `None` (its end and its last `And`), kept
        // while i stays inside it, so a list of 40,000 comma-joined actors is read once, not
        // once per actor.
        let mut run: Option<(usize, Option<usize>)> = None;
        let mut i = 0;
        while i < singles.len() {
            // The run of linked singles starting at i, cut after its last `and`-type link.
            // "X, and Y pledged ...": a comma before `and`, then an actor that a verb follows,
            // coordinates two clauses, not two actors (Y is the next clause's subject). A list
            // ("X, Y, and Z") has its commas before; it stays joined.
            let clause_break = i < links.len()
                && links[i] == Link::And
                && joins_clauses(&words, &singles[i], &singles[i + 1], cues);
            let (_, last_and) = match run {
                _ if clause_break => (i, None),
                Some((stop, last_and)) if i <= stop => (stop, last_and),
                _ => {
                    let mut j = i;
                    let mut last_and = None;
                    while j < links.len() && links[j] != Link::None {
                        if links[j] == Link::And {
                            last_and = Some(j);
                        }
                        j += 1;
                    }
                    run = Some((j, last_and));
                    (j, last_and)
                }
            };
            let end = match last_and {
                Some(l) if l >= i => l + 1,
                _ => i,
            };
            let mut g = singles[i].clone();
            for s in &singles[i + 1..=end] {
                g.members.extend(s.members.iter().copied());
                g.last = s.last;
            }
            groups.push(g);
            i = end + 1;
        }
        for (gi, g) in groups.iter().enumerate() {
            for slot in self.group_at.iter_mut().take(g.last + 1).skip(g.first) {
                *slot = Some(gi);
            }
        }
        self.groups = groups;
    }
}

/// Most tokens coded as one sentence. Prose sentences have a few dozen; a "sentence" of
/// thousands is a list, a table or text the splitter could not cut, and several of the
/// coder's searches (subjects, overlaps, reported speech) look across the whole sentence
/// for each trigger. Longer sentences are coded in windows of this many tokens, so the work
/// per token stays bounded (one 'Pakistan and Afghanistan ... met.' sentence of 120,000
/// tokens took 26 s whole).
pub(crate) const MAX_SENTENCE_TOKENS: usize = 300;

/// The parts of sentence `index` the coder reads one at a time: the sentence itself, or
/// windows of [`MAX_SENTENCE_TOKENS`] tokens when it is longer (a mention cut by a window's
/// edge is left out).
pub(crate) fn windows(doc: &Document, index: usize) -> Vec<Span> {
    let Some(sentence) = doc.sentences.get(index) else {
        return vec![];
    };
    let span = sentence.span;
    let text = doc.article.text.get(span.start..span.end).unwrap_or("");
    // Every token holds at least one byte, so a short text cannot hold too many.
    if text.len() <= MAX_SENTENCE_TOKENS {
        return vec![span];
    }
    let toks = tokenize(text, span.start);
    if toks.len() <= MAX_SENTENCE_TOKENS {
        return vec![span];
    }
    toks.chunks(MAX_SENTENCE_TOKENS)
        .filter_map(|c| Some(Span::new(c.first()?.span.start, c.last()?.span.end)))
        .collect()
}

/// How far after a hyphenated modifier ("government-held") the phrase's own actor may
/// start ("part of Syria").
const NP_WINDOW: usize = 5;

/// Adjectives allowed inside a compound after its joiner ("Fornost and the evil awful
/// Gondor"): at most this many, so two clauses are not glued into one actor.
const MAX_COMPOUND_ADJECTIVES: usize = 2;

/// How two neighbouring actors are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// Not joined.
    None,
    /// By commas only.
    Comma,
    /// By a real joiner ("and", "as well as", "or").
    And,
}

/// How `words[from..to]` joins two actors: joiners, then optionally a determiner and up to
/// [`MAX_COMPOUND_ADJECTIVES`] plain words ("the Philippines and the European Union";
/// "Fornost and the evil awful Gondor"). Words that look verbal (-ed, -ing) or are
/// prepositions break the compound.
fn link(words: &[&str], from: usize, to: usize, cues: &Cues) -> Link {
    let mut at = from;
    let mut joined = Link::None;
    let mut adjectives = 0;
    while at < to {
        if let Some(n) = cues
            .match_at(Cue::Compound, words, at)
            .filter(|n| at + n <= to)
        {
            if words[at] != "," {
                joined = Link::And;
            } else if joined == Link::None {
                joined = Link::Comma;
            }
            adjectives = 0;
            at += n;
            continue;
        }
        let w = words[at];
        let plain = w.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
            && !w.ends_with("ed")
            && !w.ends_with("ing")
            && !cues.has_word(Cue::Preposition, w)
            && !cues.has_word(Cue::Clause, w);
        if matches!(w, "the" | "a" | "an") || cues.has_word(Cue::Modifier, w) {
            at += 1;
        } else if joined != Link::None && plain && adjectives < MAX_COMPOUND_ADJECTIVES {
            adjectives += 1;
            at += 1;
        } else {
            return Link::None;
        }
    }
    joined
}

/// Whether `a, and b` joins two clauses: the joiner opens with ", and" and a predicate word
/// (lowercase, not a preposition, joiner or clause word) follows `b`.
fn joins_clauses(words: &[&str], a: &Group, b: &Group, cues: &Cues) -> bool {
    let between = words.get(a.last + 1..b.first).unwrap_or(&[]);
    if !between.starts_with(&[",", "and"]) {
        return false;
    }
    words.get(b.last + 1).is_some_and(|w| {
        w.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
            && !matches!(*w, "and" | "or")
            && !cues.has_word(Cue::Preposition, w)
            && !cues.has_word(Cue::Clause, w)
    })
}

/// The mentions of a group.
pub(crate) fn members<'d>(doc: &'d Document, g: &Group) -> impl Iterator<Item = &'d Mention> + 'd {
    let ids = g.members.clone();
    ids.into_iter().filter_map(move |i| doc.mentions.get(i))
}

/// Split a sentence into tokens: words (letters/digits with inner `-`, `.`, `'`), `'s` and
/// `n't` split off, punctuation one character each; quotation marks dropped (they never carry
/// an event and would break adjacency).
pub(crate) fn tokenize(text: &str, base: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() || is_quote(c) {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            push(&mut out, text, base, start, start + c.len_utf8());
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let ch = chars[j].1;
            let next_alnum = chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric());
            // "25,000" and "1.5" stay one token: a comma between digits is no punctuation.
            let digit_comma = ch == ','
                && chars[j - 1].1.is_ascii_digit()
                && chars.get(j + 1).is_some_and(|(_, n)| n.is_ascii_digit());
            let inner = (matches!(ch, '-' | '.' | '\'' | '’' | '&') && next_alnum) || digit_comma;
            if ch.is_alphanumeric() || inner {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
        let word = &text[start..end];
        // Split off possessive 's and negative n't, keep the rest as one word.
        let lower = word.to_lowercase().replace('’', "'");
        if lower.len() > 2 && (lower.ends_with("'s")) {
            let cut = end
                - (word
                    .chars()
                    .rev()
                    .take(2)
                    .map(char::len_utf8)
                    .sum::<usize>());
            push(&mut out, text, base, start, cut);
            push(&mut out, text, base, cut, end);
        } else if lower.len() > 3 && lower.ends_with("n't") {
            let cut = end
                - (word
                    .chars()
                    .rev()
                    .take(3)
                    .map(char::len_utf8)
                    .sum::<usize>());
            push(&mut out, text, base, start, cut);
            push(&mut out, text, base, cut, end);
        } else {
            push(&mut out, text, base, start, end);
        }
        i = j;
    }
    out
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '‘' | '’' | '«' | '»' | '\'')
}

fn push(out: &mut Vec<Tok>, text: &str, base: usize, start: usize, end: usize) {
    if start >= end {
        return;
    }
    let norm = text[start..end].to_lowercase().replace('’', "'");
    out.push(Tok {
        span: Span::new(base + start, base + end),
        norm,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s, 0).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn possessives_negations_and_quotes_split_cleanly() {
        assert_eq!(
            words("Pakistan’s key demand"),
            ["pakistan", "'s", "key", "demand"]
        );
        assert_eq!(
            words("Kabul didn't commit."),
            ["kabul", "did", "n't", "commit", "."]
        );
        assert_eq!(
            words("He said “no”, U.S. officials"),
            ["he", "said", "no", ",", "u.s", ".", "officials"]
        );
        assert_eq!(
            words("Tehreek-e-Taliban Pakistan (TTP)"),
            ["tehreek-e-taliban", "pakistan", "(", "ttp", ")"]
        );
        assert_eq!(
            words("nearly 25,000 tons, then"),
            ["nearly", "25,000", "tons", ",", "then"]
        );
    }

    #[test]
    fn spans_point_into_the_article() {
        let toks = tokenize("Türkiye and Qatar", 10);
        assert_eq!(toks[0].span, Span::new(10, 18));
        assert_eq!(toks[2].span, Span::new(23, 28));
    }
}
