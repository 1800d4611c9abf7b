//! Scoring on raw text the CoNLL 2018 shared-task way: the gold treebank's text is rebuilt
//! (tokens joined by their `SpaceAfter`, sentences of a paragraph by a space, paragraphs and
//! documents by a blank line), the system analyses that text from scratch, and the two are
//! compared by character offsets:
//! - **tokens** and **sentences** count as right when both their ends match a gold one
//!   (precision, recall, F1);
//! - **words** are aligned as the shared task's evaluation script does: by span outside
//!   multiword tokens, and by the longest common subsequence of their lowercased forms inside a
//!   stretch of overlapping multiword tokens; UPOS, UAS and LAS are then F1 over aligned words
//!   (LAS compares the universal relation, subtypes ignored, punctuation included).
//!
//! System and gold share the rebuilt text, so byte offsets stand in for the script's
//! offsets over non-whitespace characters.
//!
//! ```
//! use attache_analysis::{conllu, tokens::{self, score}};
//! use attache_model::{Annotator, Sentence, Span};
//! let gold = conllu::parse("# text = Hi there.\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n", "x").unwrap();
//! let raw = score::RawText::from_sentences(&gold);
//! let mut doc = raw.document();
//! doc.sentences.push(Sentence { span: Span::new(0, raw.text.len()) });
//! tokens::TokenAnnotator.annotate(&mut doc).unwrap();
//! let scores = score::score(&raw, &doc);
//! assert_eq!(scores.tokens.f1(), 1.0);
//! assert_eq!(scores.sentences.f1(), 1.0);
//! ```

use std::fmt;

use attache_model::{Article, Document, Span};
use rustc_hash::FxHashMap;

use crate::conllu::Sentence;

use super::continues_token;

/// Counts for precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prf {
    /// Items in the gold annotation.
    pub gold: usize,
    /// Items the system produced.
    pub system: usize,
    /// System items that match a gold one.
    pub correct: usize,
}

impl Prf {
    /// Correct over system (1 when the system produced nothing and there was nothing).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.system, self.gold == 0)
    }
    /// Correct over gold.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold, self.system == 0)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let total = self.gold + self.system;
        if total == 0 {
            1.0
        } else {
            2.0 * self.correct as f64 / total as f64
        }
    }
}

fn ratio(n: usize, d: usize, empty_is_perfect: bool) -> f64 {
    if d == 0 {
        if empty_is_perfect {
            1.0
        } else {
            0.0
        }
    } else {
        n as f64 / d as f64
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.4}  R {:.4}  F1 {:.4}  (gold {}, system {}, correct {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.gold,
            self.system,
            self.correct
        )
    }
}

/// A gold word of the rebuilt text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldWord {
    /// The span used for alignment: the word's written token (the whole multiword token for
    /// its words).
    pub span: Span,
    /// True when the word is part of a multiword token.
    pub multiword: bool,
    /// The word form.
    pub form: String,
    /// Its UPOS tag.
    pub upos: String,
    /// Index (among all gold words) of its head, `None` for a root.
    pub head: Option<usize>,
    /// Its universal relation (subtype removed).
    pub relation: String,
}

/// A treebank's text rebuilt as raw text, with where its gold tokens, words and sentences lie.
#[derive(Debug, Clone, Default)]
pub struct RawText {
    /// The text, as a system would receive it.
    pub text: String,
    /// Gold written tokens (multiword tokens whole).
    pub tokens: Vec<Span>,
    /// Gold sentences (first token's start to last token's end).
    pub sentences: Vec<Span>,
    /// Gold words in order.
    pub words: Vec<GoldWord>,
}

/// Between paragraphs and between documents, as in an article's text.
const PARAGRAPH_BREAK: &str = "\n\n";

impl RawText {
    /// Rebuild the raw text of treebank sentences (in document order).
    pub fn from_sentences(sentences: &[Sentence]) -> RawText {
        let mut raw = RawText::default();
        let mut space_pending = false;
        for sentence in sentences {
            if sentence.words.is_empty() {
                continue;
            }
            if !raw.text.is_empty() {
                if sentence.starts_paragraph() {
                    raw.text.push_str(PARAGRAPH_BREAK);
                } else if space_pending {
                    raw.text.push(' ');
                }
            }
            let first_word = raw.words.len();
            let sentence_start = raw.text.len();
            let mut multi = sentence.multiword.iter().peekable();
            let mut i = 0;
            while i < sentence.words.len() {
                let start = raw.text.len();
                let (form, last, space_after, multiword) =
                    match multi.next_if(|m| m.first == i + 1 && m.last > i) {
                        Some(m) => {
                            let last = m.last.min(sentence.words.len()).max(i + 1);
                            let no_space = m.misc.split('|').any(|x| x == "SpaceAfter=No");
                            (m.form.as_str(), last, !no_space, true)
                        }
                        None => {
                            let w = &sentence.words[i];
                            (w.form.as_str(), i + 1, !w.no_space_after(), false)
                        }
                    };
                raw.text.push_str(form);
                let span = Span::new(start, raw.text.len());
                raw.tokens.push(span);
                for w in &sentence.words[i..last] {
                    let head = match w.head {
                        0 | usize::MAX => None,
                        h => Some(first_word + h - 1),
                    };
                    raw.words.push(GoldWord {
                        span,
                        multiword,
                        form: w.form.to_lowercase(),
                        upos: w.upos.clone(),
                        head,
                        relation: w.relation().to_string(),
                    });
                }
                space_pending = space_after;
                i = last;
                if i < sentence.words.len() && space_after {
                    raw.text.push(' ');
                }
            }
            raw.sentences
                .push(Span::new(sentence_start, raw.text.len()));
        }
        raw
    }

    /// A document holding the rebuilt text, ready for a sentence splitter and the analysis.
    pub fn document(&self) -> Document {
        Document::new(
            "raw text",
            Article {
                text: self.text.clone(),
                ..Article::default()
            },
        )
    }
}

/// The CoNLL 2018 raw-text scores of one system output.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RawScores {
    /// Written tokens (multiword tokens whole).
    pub tokens: Prf,
    /// Sentences.
    pub sentences: Prf,
    /// Syntactic words (aligned).
    pub words: Prf,
    /// Aligned words with the right UPOS.
    pub upos: Prf,
    /// Aligned words whose head is aligned to the gold head (or both roots).
    pub uas: Prf,
    /// As UAS, and with the right universal relation.
    pub las: Prf,
}

/// A system word for alignment.
struct SysWord {
    span: Span,
    multiword: bool,
    form: String,
}

/// Score the analysis in `doc` (of `raw.document()`'s text) against the gold annotation.
/// Sentences with no token count for nothing; the tags and tree are scored as they are (all
/// wrong when the tagger and parser did not run).
pub fn score(raw: &RawText, doc: &Document) -> RawScores {
    let text = &doc.article.text;
    let words = &doc.tokens;
    // Group words into written tokens.
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if continues_token(text, words[i - 1].span, w.span) => g.end = i + 1,
            _ => groups.push(i..i + 1),
        }
    }
    let mut system_words: Vec<SysWord> = Vec::with_capacity(words.len());
    let mut system_tokens = Vec::with_capacity(groups.len());
    for g in &groups {
        let span = Span::new(words[g.start].span.start, words[g.end - 1].span.end);
        system_tokens.push(span);
        for w in &words[g.clone()] {
            system_words.push(SysWord {
                span,
                multiword: g.len() > 1,
                form: w.span.slice(text).unwrap_or("").to_lowercase(),
            });
        }
    }
    let system_sentences: Vec<Span> = (0..doc.sentences.len())
        .filter_map(|s| {
            let r = doc.sentence_tokens(s);
            (!r.is_empty()).then(|| Span::new(words[r.start].span.start, words[r.end - 1].span.end))
        })
        .collect();

    let alignment = align(&raw.words, &system_words);
    let mut upos = Prf {
        gold: raw.words.len(),
        system: words.len(),
        correct: 0,
    };
    let mut uas = upos;
    let mut las = upos;
    let aligned_to: FxHashMap<usize, usize> = alignment.iter().copied().collect();
    for &(g, s) in &alignment {
        let gold = &raw.words[g];
        let sys = &words[s];
        if gold.upos == sys.upos.as_str() {
            upos.correct += 1;
        }
        // A token's `head` is `None` both for a root and before parsing; only a parsed root
        // has the relation "root".
        let heads_agree = match (gold.head, sys.head) {
            (None, None) => sys.relation() == "root",
            (Some(gh), Some(sh)) => aligned_to.get(&gh) == Some(&sh),
            _ => false,
        };
        if heads_agree {
            uas.correct += 1;
            if gold.relation == sys.relation() {
                las.correct += 1;
            }
        }
    }
    RawScores {
        tokens: match_spans(&raw.tokens, &system_tokens),
        sentences: match_spans(&raw.sentences, &system_sentences),
        words: Prf {
            gold: raw.words.len(),
            system: words.len(),
            correct: alignment.len(),
        },
        upos,
        uas,
        las,
    }
}

/// Count spans that appear in both sorted lists.
fn match_spans(gold: &[Span], system: &[Span]) -> Prf {
    let (mut g, mut s, mut correct) = (0, 0, 0);
    while g < gold.len() && s < system.len() {
        let (a, b) = (gold[g], system[s]);
        if a == b {
            correct += 1;
            g += 1;
            s += 1;
        } else if (a.start, a.end) < (b.start, b.end) {
            g += 1;
        } else {
            s += 1;
        }
    }
    Prf {
        gold: gold.len(),
        system: system.len(),
        correct,
    }
}

/// Align gold and system words as the CoNLL 2018 evaluation script does: pairs (gold index,
/// system index).
fn align(gold: &[GoldWord], system: &[SysWord]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut gi, mut si) = (0, 0);
    while gi < gold.len() && si < system.len() {
        if gold[gi].multiword || system[si].multiword {
            let (gs, ss, ge, se) = multiword_stretch(gold, system, gi, si);
            align_by_forms(gold, system, gs..ge, ss..se, &mut out);
            gi = ge;
            si = se;
        } else if gold[gi].span == system[si].span {
            out.push((gi, si));
            gi += 1;
            si += 1;
        } else if gold[gi].span.start <= system[si].span.start {
            gi += 1;
        } else {
            si += 1;
        }
    }
    out
}

/// The smallest stretch of gold and system words around a multiword token that no token
/// crosses: (gold start, system start, gold end, system end).
fn multiword_stretch(
    gold: &[GoldWord],
    system: &[SysWord],
    mut gi: usize,
    mut si: usize,
) -> (usize, usize, usize, usize) {
    let mut end;
    if gold[gi].multiword {
        end = gold[gi].span.end;
        if !system[si].multiword && system[si].span.start < gold[gi].span.start {
            si += 1;
        }
    } else {
        end = system[si].span.end;
        if !gold[gi].multiword && gold[gi].span.start < system[si].span.start {
            gi += 1;
        }
    }
    let (gs, ss) = (gi, si);
    loop {
        let gold_inside = gi < gold.len() && gold[gi].span.start < end;
        let system_inside = si < system.len() && system[si].span.start < end;
        if !gold_inside && !system_inside {
            break;
        }
        if gold_inside && (!system_inside || gold[gi].span.start <= system[si].span.start) {
            if gold[gi].multiword {
                end = end.max(gold[gi].span.end);
            }
            gi += 1;
        } else {
            if system[si].multiword {
                end = end.max(system[si].span.end);
            }
            si += 1;
        }
    }
    (gs, ss, gi, si)
}

/// Align two stretches of words by the longest common subsequence of their forms.
fn align_by_forms(
    gold: &[GoldWord],
    system: &[SysWord],
    g: std::ops::Range<usize>,
    s: std::ops::Range<usize>,
    out: &mut Vec<(usize, usize)>,
) {
    let (n, m) = (g.len(), s.len());
    if n == 0 || m == 0 {
        return;
    }
    // lcs[i][j]: LCS length of gold[g.start + i..] and system[s.start + j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if gold[g.start + i].form == system[s.start + j].form {
                1 + lcs[i + 1][j + 1]
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if gold[g.start + i].form == system[s.start + j].form {
            out.push((g.start + i, s.start + j));
            i += 1;
            j += 1;
        } else if lcs[i][j] == lcs[i + 1][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
}
