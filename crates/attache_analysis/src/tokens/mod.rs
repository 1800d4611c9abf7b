//! Tokens that agree with Universal Dependencies, with byte spans into the article text, and
//! the raw-text scoring of the CoNLL 2018 shared task.
//!
//! The tokenizer follows how the English Web Treebank and GUM tokenise (checked against their
//! `# text =` lines and tokens; the word lists and their counts are in [`lexicon`]):
//! - clitics are separate words of one token (a UD multiword token): "don't" = "do" + "n't",
//!   "can't" = "ca" + "n't", "I'm" = "I" + "'m", "Pakistan's" = "Pakistan" + "'s",
//!   "Sanders'" = "Sanders" + "'", "cannot" = "can" + "not", "gonna" = "gon" + "na", with
//!   straight or curly apostrophes; each word's span is its own part of the written word;
//! - hyphenated compounds split ("search-engine" = "search" "-" "engine", "al-Qaeda") unless
//!   the first part is a prefix UD keeps ("e-mail", "non-violent", "re-elected");
//! - quotes, brackets and other punctuation are tokens of their own; runs of the same mark
//!   ("--", "!!!", "...", "?!") are one token;
//! - abbreviations keep their period ("U.S.", "Mr.", "Jan.", "etc."), even at a sentence end;
//! - numbers stay whole ("1,000.5", "9/11", "3:30", "713-853-3989") while a currency sign, a
//!   percent sign or a unit is split off ("$" "5", "10" "%", "5" "pm");
//! - URLs, e-mail addresses, host names, file names, handles and emoticons are one token.
//!
//! Sentences come first (the [`TokenAnnotator`] requires `Layers::SENTENCES`, made by
//! attache_nlp's sentence splitter); each sentence is tokenised on its own, so a token never
//! crosses a sentence boundary.
//!
//! ```
//! use attache_analysis::tokens;
//! let text = "Pakistan's envoy didn't say.";
//! let words: Vec<&str> = tokens::tokenize(text, 0..text.len())
//!     .iter()
//!     .filter_map(|p| p.span.slice(text))
//!     .collect();
//! assert_eq!(words, ["Pakistan", "'s", "envoy", "did", "n't", "say", "."]);
//! ```

pub mod lexicon;
mod scan;
pub mod score;

use attache_model::{AnnotateError, Annotator, Document, Layers, Span, Token};

/// One word found by the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Its bytes in the text.
    pub span: Span,
    /// True when it continues the previous piece's written token (a clitic: the "n't" of
    /// "don't", the "'s" of "Pakistan's"), i.e. the two are words of one UD multiword token.
    pub joined: bool,
}

/// The words of `text[range]` in order. Spans are into `text`, non-overlapping, on character
/// boundaries and inside `range`; a range that does not fit `text` gives nothing.
pub fn tokenize(text: &str, range: std::ops::Range<usize>) -> Vec<Piece> {
    let mut out = Vec::new();
    scan::tokenize_into(text, range, &mut out);
    out
}

/// Does the word at `this` continue the written token of the word at `prev` (as the
/// tokenizer's `joined` said when it made them)? Lets a reader of `Document::tokens`, which
/// keeps only spans, rebuild UD multiword tokens ("do" + "n't" = "don't").
pub fn continues_token(text: &str, prev: Span, this: Span) -> bool {
    if prev.end != this.start || prev.is_empty() {
        return false;
    }
    let (Some(before), Some(word)) = (prev.slice(text), this.slice(text)) else {
        return false;
    };
    let Some(joined) = text.get(prev.start..this.end) else {
        return false;
    };
    tokenize(joined, 0..joined.len())
        .iter()
        .any(|p| p.joined && p.span.start == before.len() && p.span.len() == word.len())
}

/// The tokenisation stage: fills `Document::tokens` from `Document::sentences`, one sentence
/// at a time, with empty tags (the tagger fills them).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenAnnotator;

impl TokenAnnotator {
    /// The stage.
    pub fn new() -> Self {
        TokenAnnotator
    }
}

impl Annotator for TokenAnnotator {
    fn name(&self) -> &'static str {
        "tokens"
    }
    fn requires(&self) -> Layers {
        Layers::SENTENCES
    }
    fn provides(&self) -> Layers {
        Layers::TOKENS
    }
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        if !doc.layers.contains(Layers::SENTENCES) && doc.sentences.is_empty() {
            if doc.article.text.trim().is_empty() {
                doc.tokens.clear();
                doc.layers |= Layers::TOKENS;
                return Ok(());
            }
            return Err(AnnotateError::MissingLayers {
                stage: "tokens",
                missing: Layers::SENTENCES,
            });
        }
        let text = &doc.article.text;
        let mut tokens = Vec::new();
        let mut pieces = Vec::new();
        let mut last_end = 0;
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let span = sentence.span;
            // Sentences are in order and disjoint; a stage bug that breaks that must not
            // make tokens overlap, so a sentence is read only from where the last one ended.
            let start = span.start.max(last_end);
            if start >= span.end || text.get(start..span.end).is_none() {
                continue;
            }
            pieces.clear();
            scan::tokenize_into(text, start..span.end, &mut pieces);
            tokens.extend(pieces.iter().map(|p| Token::new(p.span, i)));
            last_end = span.end;
        }
        doc.tokens = tokens;
        doc.layers |= Layers::TOKENS;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
