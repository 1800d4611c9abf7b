//! Tokenisation edge cases, one test per convention, and the span invariant on odd inputs.

use attache_model::{Annotator, Article, Document, Layers, Sentence, Span};

use super::*;

/// The words of `text` as strings, with "+" glued before a word that continues its token.
fn words(text: &str) -> Vec<String> {
    tokenize(text, 0..text.len())
        .iter()
        .map(|p| {
            let w = p.span.slice(text).unwrap_or("<bad span>");
            if p.joined {
                format!("+{w}")
            } else {
                w.to_string()
            }
        })
        .collect()
}

fn check(text: &str, expected: &[&str]) {
    assert_eq!(words(text), expected, "tokenising {text:?}");
}

/// Spans in order, non-overlapping, non-empty, on character boundaries, inside `range`, and
/// never covering a space.
fn assert_span_invariant(text: &str, range: std::ops::Range<usize>, pieces: &[Piece]) {
    let mut last = range.start;
    for p in pieces {
        let s = p.span;
        assert!(
            s.start >= last,
            "{s:?} overlaps or is out of order in {text:?}"
        );
        assert!(s.start < s.end, "empty span {s:?}");
        assert!(s.end <= range.end, "{s:?} leaves {range:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let w = &text[s.start..s.end];
        assert!(!w.chars().any(char::is_whitespace), "{w:?} holds a space");
        last = s.end;
    }
}

#[test]
fn clitics_are_words_of_their_token() {
    check(
        "I don't know, can't say; we're sure you'll see they've gone and I'd go, I'm told.",
        &[
            "I", "do", "+n't", "know", ",", "ca", "+n't", "say", ";", "we", "+'re", "sure", "you",
            "+'ll", "see", "they", "+'ve", "gone", "and", "I", "+'d", "go", ",", "I", "+'m",
            "told", ".",
        ],
    );
    check(
        "Won’t it’s DON'T",
        &["Wo", "+n’t", "it", "+’s", "DO", "+N'T"],
    );
    check(
        "cannot gonna Gotta dont Im",
        &[
            "can", "+not", "gon", "+na", "Got", "+ta", "do", "+nt", "I", "+m",
        ],
    );
}

#[test]
fn possessives_split_but_decades_and_inner_apostrophes_stay() {
    check(
        "Pakistan's army, the Sanders' farm, O'Connell's 1960's d'Ivoire",
        &[
            "Pakistan",
            "+'s",
            "army",
            ",",
            "the",
            "Sanders",
            "+'",
            "farm",
            ",",
            "O'Connell",
            "+'s",
            "1960's",
            "d'Ivoire",
        ],
    );
}

#[test]
fn a_closing_single_quote_is_not_a_possessive() {
    check(
        "He said 'yes' and 'goals'.",
        &["He", "said", "'", "yes", "'", "and", "'", "goals", "'", "."],
    );
}

#[test]
fn hyphens_split_compounds_but_not_prefixes() {
    check(
        "a search-engine and e-mail, non-violent al-Qaeda self-rule",
        &[
            "a",
            "search",
            "-",
            "engine",
            "and",
            "e-mail",
            ",",
            "non-violent",
            "al",
            "-",
            "Qaeda",
            "self",
            "-",
            "rule",
        ],
    );
    check(
        "well--known 1990-1995",
        &["well", "--", "known", "1990", "-", "1995"],
    );
    check("al-Qaeda's", &["al", "-", "Qaeda", "+'s"]);
}

#[test]
fn quotes_straight_and_curly_are_tokens() {
    check(
        "\"Yes,\" he said. “No.” ‘Maybe’ ''fine''",
        &[
            "\"", "Yes", ",", "\"", "he", "said", ".", "“", "No", ".", "”", "‘", "Maybe", "’",
            "''", "fine", "''",
        ],
    );
}

#[test]
fn abbreviations_keep_their_period() {
    check(
        "Mr. Smith of the U.S. met Dr. J. Rao on Jan. 5 at 9 a.m. in Washington, D.C.",
        &[
            "Mr.",
            "Smith",
            "of",
            "the",
            "U.S.",
            "met",
            "Dr.",
            "J.",
            "Rao",
            "on",
            "Jan.",
            "5",
            "at",
            "9",
            "a.m.",
            "in",
            "Washington",
            ",",
            "D.C.",
        ],
    );
    check("apples, pears etc.", &["apples", ",", "pears", "etc."]);
    check("He left.", &["He", "left", "."]);
    check(
        "PVT. LTD. No. 10 or No.",
        &["PVT.", "LTD.", "No.", "10", "or", "No", "."],
    );
    check(
        "the album.That was e.g.Fine",
        &["the", "album", ".", "That", "was", "e.g.Fine"],
    );
}

#[test]
fn numbers_stay_whole_and_signs_split_off() {
    check(
        "1,000.5 on 9/11 at 3:30 cost $5 or 10% or US$4.5, -3 and 5pm 35mm 1st",
        &[
            "1,000.5", "on", "9/11", "at", "3:30", "cost", "$", "5", "or", "10", "%", "or", "US$",
            "4.5", ",", "-", "3", "and", "5", "pm", "35", "mm", "1st",
        ],
    );
    check(
        "call 713-853-3989 or 345-9945",
        &["call", "713-853-3989", "or", "345-9945"],
    );
}

#[test]
fn urls_and_emails_are_one_token_without_trailing_punctuation() {
    check(
        "See http://www.example.com/a-b?x=1. Mail kyle.jones@radianz.com, or (www.un.org).",
        &[
            "See",
            "http://www.example.com/a-b?x=1",
            ".",
            "Mail",
            "kyle.jones@radianz.com",
            ",",
            "or",
            "(",
            "www.un.org",
            ")",
            ".",
        ],
    );
    check(
        "at whitehouse.gov and ENRON.XLS",
        &["at", "whitehouse.gov", "and", "ENRON.XLS"],
    );
}

#[test]
fn emoticons_and_ellipses() {
    check(
        "great :) really:( wait... what?! and…then ;-)",
        &[
            "great", ":)", "really", ":(", "wait", "...", "what", "?!", "and", "…", "then", ";-)",
        ],
    );
    check("so.... ok!!!", &["so", "....", "ok", "!!!"]);
    check("missing..and", &["missing", "..", "and"]);
}

#[test]
fn slashes_split_words_but_not_dates_or_short_forms() {
    check(
        "he/she w/o and/or 11/28/2000",
        &["he", "/", "she", "w/o", "and", "/", "or", "11/28/2000"],
    );
}

#[test]
fn pieces_rebuild_multiword_tokens() {
    let text = "Don't stop Pakistan's search-engine.";
    let pieces = tokenize(text, 0..text.len());
    for pair in pieces.windows(2) {
        assert_eq!(
            continues_token(text, pair[0].span, pair[1].span),
            pair[1].joined,
            "{:?} then {:?}",
            pair[0].span.slice(text),
            pair[1].span.slice(text)
        );
    }
}

#[test]
fn span_invariant_holds_on_odd_inputs() {
    let hyphens = "-".repeat(10_000);
    let parts = vec!["a"; 10_000].join("-");
    let inputs: Vec<String> = vec![
        String::new(),
        " \n\t ".into(),
        "!?.,;:\"'()[]{}".into(),
        "... --- ''' \u{2026}".into(),
        hyphens,
        parts,
        "Türkiye и Россия 中国和日本 مرحبا بالعالم".into(),
        "e\u{301}te\u{301} cafe\u{301}'s \u{301}x .\u{301}".into(),
        "👍🏽 great👨\u{200D}👩\u{200D}👧!".into(),
        "zero\u{200B}width\u{FEFF}bom\u{0}nul".into(),
        "'''s n't 's ' '' `` ’’".into(),
        "http:// www. @ # $ % 'a-'b -'- a'".into(),
    ];
    for text in &inputs {
        let pieces = tokenize(text, 0..text.len());
        assert_span_invariant(text, 0..text.len(), &pieces);
        // Nothing but spaces is lost.
        let covered: usize = pieces.iter().map(|p| p.span.len()).sum();
        let visible: usize = text
            .chars()
            .filter(|&c| {
                !(c.is_whitespace() || c.is_control() || c == '\u{200B}' || c == '\u{FEFF}')
            })
            .map(char::len_utf8)
            .sum();
        assert_eq!(covered, visible, "text lost from {text:?}");
    }
    // A range that cuts a character, or lies outside the text, gives nothing.
    assert!(tokenize("é", 1..2).is_empty());
    assert!(tokenize("abc", 2..10).is_empty());
}

#[test]
fn ten_thousand_hyphens_make_one_token_and_hyphenated_parts_many() {
    let hyphens = "-".repeat(10_000);
    assert_eq!(tokenize(&hyphens, 0..hyphens.len()).len(), 1);
    let parts = vec!["word"; 10_000].join("-");
    assert_eq!(tokenize(&parts, 0..parts.len()).len(), 19_999);
}

fn doc(text: &str, sentences: &[(usize, usize)]) -> Document {
    let mut d = Document::new(
        "t",
        Article {
            text: text.to_string(),
            ..Article::default()
        },
    );
    d.sentences = sentences
        .iter()
        .map(|&(s, e)| Sentence {
            span: Span::new(s, e),
        })
        .collect();
    d.layers |= Layers::SENTENCES;
    d
}

#[test]
fn annotator_fills_tokens_inside_their_sentences() {
    let text = "Aid came from the U.S. The U.K. said no.";
    // A splitter that cut "U.S." from its period: tokens still stay inside sentences.
    let mut d = doc(text, &[(0, 21), (21, text.len())]);
    TokenAnnotator.annotate(&mut d).expect("annotates");
    assert!(d.layers.contains(Layers::TOKENS));
    for t in &d.tokens {
        let s = d.sentences[t.sentence].span;
        assert!(s.contains(t.span), "{t:?} outside {s:?}");
        assert!(t.xpos.is_empty() && t.lemma.is_empty() && t.head.is_none());
    }
    assert_eq!(d.text_of(d.tokens[4].span), "U.S");
    assert_eq!(d.text_of(d.tokens[5].span), ".");
    assert_eq!(d.sentence_tokens(1), 5..d.tokens.len());
}

#[test]
fn annotator_needs_sentences_unless_the_text_is_empty() {
    let mut d = doc("Some text.", &[]);
    d.layers = Layers::NONE;
    assert!(TokenAnnotator.annotate(&mut d).is_err());
    let mut empty = doc("  ", &[]);
    empty.layers = Layers::NONE;
    TokenAnnotator
        .annotate(&mut empty)
        .expect("empty text needs no sentences");
    assert!(empty.tokens.is_empty());
}

#[test]
fn annotator_survives_overlapping_or_bad_sentences() {
    let text = "One two. Three four.";
    let mut d = doc(text, &[(0, 8), (4, 14), (30, 40), (9, text.len())]);
    TokenAnnotator.annotate(&mut d).expect("annotates");
    for pair in d.tokens.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start);
    }
}
