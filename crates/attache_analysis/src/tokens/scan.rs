//! The tokenizer proper: whitespace-separated chunks, each peeled from both ends and split
//! inside by the UD English rules (see the module above for the conventions and
//! [`super::lexicon`] for the word lists).
//!
//! Each chunk is worked off an explicit stack of ranges, never by recursion, so a chunk of
//! ten thousand hyphenated parts neither overflows the stack nor rescans what it has emitted.
//! Every cut falls on a character boundary, and a combining mark, a variation selector or a
//! zero-width joiner always stays with the character before it.

use attache_model::Span;

use super::lexicon::{
    ABBREVIATIONS, APOSTROPHE_CLITICS, BEFORE_NUMBER, DOMAINS, EMOTICONS, FILE_EXTENSIONS,
    HYPHEN_PREFIXES, HYPHEN_SUFFIXES, NUMBER_UNITS, SPLIT_WORDS,
};
use super::Piece;

/// Cores longer than this skip the shape tests that scan the whole core (number, domain, file
/// name): no number or host name is that long, and it keeps pathological chunks linear.
const MAX_SHAPE_LEN: usize = 256;

/// Tokenize `text[range]` (a sentence, or any stretch of text), appending pieces with offsets
/// into `text` to `out`. A range that does not fit `text` or cuts a character adds nothing.
pub(super) fn tokenize_into(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Piece>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let mut state = State::default();
    // Chunks are handled one behind, so each knows whether a number follows it.
    let mut pending: Option<(usize, usize)> = None;
    let mut chunk_start = None;
    let mut flush = |start: usize, end: usize, state: &mut State, out: &mut Vec<Piece>| {
        if let Some((s, e)) = pending.replace((start, end)) {
            state.number_follows = text[start..end].starts_with(|c: char| c.is_ascii_digit());
            chunk(text, s, e, state, out);
        }
    };
    for (i, c) in slice.char_indices() {
        if is_separator(c) {
            if let Some(s) = chunk_start.take() {
                flush(range.start + s, range.start + i, &mut state, out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        flush(range.start + s, range.end, &mut state, out);
    }
    flush(range.end, range.end, &mut state, out);
}

/// What the scanner remembers across the chunks of one sentence.
#[derive(Default)]
struct State {
    /// A single quote opened a quotation that has not been closed yet, so a final `'` closes
    /// it rather than marking a plural possessive.
    open_single: bool,
    /// The next chunk starts with a digit ("No. 10").
    number_follows: bool,
}

/// Characters between chunks: whitespace, controls, and the invisible zero-width space and
/// byte-order mark.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// Marks that belong to the character before them (combining diacritics, variation
/// selectors, the zero-width joiner and non-joiner, emoji skin tones).
fn is_attached(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0100}'..='\u{E01EF}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_attached(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '`')
}

/// Terminal punctuation that groups into one token when repeated or mixed ("?!", "...").
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

/// Characters whose runs are one token ("--", "***", "''", "<<", "=====").
fn groups_in_runs(c: char) -> bool {
    matches!(
        c,
        '-' | '*'
            | '='
            | '_'
            | '~'
            | '#'
            | '<'
            | '>'
            | '+'
            | '\''
            | '`'
            | '"'
            | '\u{2019}'
            | '\u{2018}'
            | '/'
            | '\\'
            | '|'
            | '^'
            | ':'
            | ','
            | ';'
            | '$'
    ) || is_terminator(c)
}

/// Inside a word these stay part of it ("AT&T", "Rice@ENRON", "f*ed", "O'Connell", "1.5",
/// "C++", "snake_case").
fn joins_inside(c: char) -> bool {
    matches!(c, '&' | '@' | '*' | '_' | '+' | '.' | '#' | '%' | '$') || is_apostrophe(c)
}

/// Length in bytes of the character starting `s` plus the marks attached to it.
fn unit_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let mut end = first.len_utf8();
    let mut after_joiner = false;
    for (i, c) in chars {
        if is_attached(c) || after_joiner {
            after_joiner = c == '\u{200D}';
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Length in bytes of the run of `s`'s first character repeated (terminators mix: "?!").
fn run_len(s: &str) -> usize {
    let Some(first) = s.chars().next() else {
        return 0;
    };
    if !groups_in_runs(first) {
        return unit_len(s);
    }
    let same = |c: char| {
        if is_terminator(first) {
            is_terminator(c)
        } else {
            c == first
        }
    };
    s.char_indices()
        .find(|&(_, c)| !same(c))
        .map_or(s.len(), |(i, _)| i)
}

/// Length of the run of `first`'s kind at the end of `s`.
fn run_len_back(s: &str) -> usize {
    let Some(last) = s.chars().next_back() else {
        return 0;
    };
    if is_attached(last) {
        // A mark at the end: the unit is its base character plus the marks.
        let base = s
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_attached(c))
            .map_or(0, |(i, _)| i);
        return s.len() - base;
    }
    if !groups_in_runs(last) {
        return last.len_utf8();
    }
    let same = |c: char| {
        if is_terminator(last) {
            is_terminator(c)
        } else {
            c == last
        }
    };
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !same(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    s.len() - start
}

/// One step of work on a chunk.
enum Work {
    /// A range still to be looked at.
    Split(usize, usize),
    /// A finished piece; `joined` when it continues the previous piece's token.
    Emit(usize, usize, bool),
}

/// What to do with a range.
enum Action {
    /// It is one piece.
    Whole,
    /// The first `n` bytes are a piece of their own; go on with the rest.
    Prefix(usize),
    /// The last `n` bytes are a piece (a clitic of the same token when `joined`).
    Suffix(usize, bool),
    /// Bytes `at..at + n` are a piece that splits the range in two.
    Infix(usize, usize),
    /// Two words of one token, split after `n` bytes ("can" + "not").
    Parts(usize),
    /// Two tokens split after `n` bytes ("5" + "pm").
    Cut(usize),
}

fn chunk(text: &str, start: usize, end: usize, state: &mut State, out: &mut Vec<Piece>) {
    let mut stack = vec![Work::Split(start, end)];
    while let Some(work) = stack.pop() {
        let (s, e) = match work {
            Work::Emit(s, e, joined) => {
                if s < e {
                    out.push(Piece {
                        span: Span::new(s, e),
                        joined,
                    });
                }
                continue;
            }
            Work::Split(s, e) => (s, e),
        };
        let Some(core) = text.get(s..e) else { continue };
        if core.is_empty() {
            continue;
        }
        let action = classify(core, state);
        // Every action must leave two non-empty parts; anything else is one piece.
        let valid = |n: usize| n > 0 && n < core.len() && core.is_char_boundary(n);
        match action {
            Action::Prefix(n) if valid(n) => {
                stack.push(Work::Split(s + n, e));
                stack.push(Work::Emit(s, s + n, false));
            }
            Action::Suffix(n, joined) if valid(core.len() - n.min(core.len())) => {
                stack.push(Work::Emit(e - n, e, joined));
                stack.push(Work::Split(s, e - n));
            }
            Action::Infix(at, n) if valid(at) && valid(at + n) => {
                stack.push(Work::Split(s + at + n, e));
                stack.push(Work::Emit(s + at, s + at + n, false));
                stack.push(Work::Split(s, s + at));
            }
            Action::Parts(n) if valid(n) => {
                stack.push(Work::Emit(s + n, e, true));
                stack.push(Work::Emit(s, s + n, false));
            }
            Action::Cut(n) if valid(n) => {
                stack.push(Work::Emit(s + n, e, false));
                stack.push(Work::Emit(s, s + n, false));
            }
            _ => stack.push(Work::Emit(s, e, false)),
        }
    }
}

/// Decide what to do with `core`, a non-empty stretch without separators.
fn classify(core: &str, state: &mut State) -> Action {
    let first = core.chars().next().unwrap_or(' ');
    let last = core.chars().next_back().unwrap_or(' ');
    if unit_len(core) == core.len() || EMOTICONS.contains(&core) {
        return Action::Whole;
    }
    if let Some(n) = special_len(core) {
        return if n >= core.len() {
            Action::Whole
        } else {
            Action::Prefix(n)
        };
    }
    if core.len() <= MAX_SHAPE_LEN && (is_number(core) || is_file_name(core)) {
        return Action::Whole;
    }
    if !is_word_char(first) {
        return leading(core, first, state);
    }
    if !is_word_char(last) {
        return trailing(core, last, state);
    }
    if let Some(n) = clitic_len(core) {
        return Action::Suffix(n, true);
    }
    if let Some(n) = split_word(core) {
        return Action::Parts(n);
    }
    if let Some(n) = number_then_unit(core).or_else(|| currency_code(core)) {
        return Action::Cut(n);
    }
    match infix(core) {
        Some((at, n)) => Action::Infix(at, n),
        None => Action::Whole,
    }
}

/// A chunk that opens with punctuation.
fn leading(core: &str, first: char, state: &mut State) -> Action {
    let rest = &core[first.len_utf8()..];
    if is_apostrophe(first) || first == '\u{2018}' {
        // "'72": a year with its apostrophe is one token; a bare clitic ("'s" written apart)
        // is one word.
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 2 {
            // "'90s" keeps its plural s.
            let s = usize::from(rest[digits..].starts_with('s'));
            return Action::Prefix(first.len_utf8() + digits + s);
        }
        if is_clitic(core) {
            return Action::Whole;
        }
        if rest.starts_with(|c: char| c.is_alphanumeric()) || rest.starts_with(is_opener) {
            state.open_single = true;
        }
    }
    if matches!(first, '@' | '#') && rest.starts_with(char::is_alphabetic) {
        // A handle or hashtag is one token.
        let n = rest
            .char_indices()
            .find(|&(_, c)| !(is_word_char(c) || c == '_'))
            .map_or(rest.len(), |(i, _)| i);
        if n > 0 {
            return Action::Prefix(first.len_utf8() + n);
        }
    }
    Action::Prefix(run_len(core))
}

fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '"' | '\u{201C}')
}

/// A chunk that ends with punctuation (and starts with a word character).
fn trailing(core: &str, last: char, state: &mut State) -> Action {
    if let Some(n) = emoticon_suffix(core) {
        return Action::Suffix(n, false);
    }
    if is_terminator(last) {
        let n = run_len_back(core);
        let stem = &core[..core.len() - n];
        let before_number = state.number_follows && BEFORE_NUMBER.contains(&stem);
        if n == 1 && last == '.' && (before_number || is_abbreviation(stem)) {
            return Action::Whole;
        }
        // "etc..": the abbreviation keeps its own period and the second one is punctuation.
        if n == 2 && core.ends_with("..") && is_abbreviation(stem) {
            return Action::Suffix(1, false);
        }
        return Action::Suffix(n, false);
    }
    if is_apostrophe(last) {
        let n = run_len_back(core);
        if n == 1 {
            let stem = &core[..core.len() - 1];
            let plural = stem
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, 's' | 'S' | 'z' | 'x'));
            if plural && !state.open_single && stem.chars().all(is_word_char) {
                return Action::Suffix(1, true);
            }
        }
        state.open_single = false;
        return Action::Suffix(n, false);
    }
    Action::Suffix(run_len_back(core), false)
}

/// Is `stem` (a word without its final period) an abbreviation that keeps the period?
fn is_abbreviation(stem: &str) -> bool {
    if stem.is_empty() {
        return false;
    }
    if ABBREVIATIONS.contains(&stem) {
        return true;
    }
    // "LTD.", "PVT.": a listed abbreviation in capitals.
    if stem.len() > 1 && stem.chars().all(|c| c.is_ascii_uppercase()) {
        let titled: String = stem
            .chars()
            .enumerate()
            .map(|(i, c)| if i == 0 { c } else { c.to_ascii_lowercase() })
            .collect();
        if ABBREVIATIONS.contains(&titled.as_str()) {
            return true;
        }
    }
    let mut chars = stem.chars();
    let one_capital = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    one_capital || is_dotted(stem)
}

/// "U.S", "a.m", "Ph.D", "e.g": runs of one or two letters joined by periods.
fn is_dotted(stem: &str) -> bool {
    let mut parts = 0;
    for part in stem.split('.') {
        let n = part.chars().count();
        if !(1..=2).contains(&n) || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// An emoticon glued to the end of a word ("great:)").
fn emoticon_suffix(core: &str) -> Option<usize> {
    EMOTICONS
        .iter()
        .filter(|e| e.starts_with([':', ';', '=']))
        .filter(|e| core.len() > e.len() && core.ends_with(*e))
        .find(|e| {
            core[..core.len() - e.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
        })
        .map(|e| e.len())
}

/// The chunk is a clitic on its own ("'s", "n't").
fn is_clitic(core: &str) -> bool {
    APOSTROPHE_CLITICS.iter().any(|c| same_clitic(core, c))
}

/// `written` spells `clitic` with any apostrophe and in any case.
fn same_clitic(written: &str, clitic: &str) -> bool {
    let mut w = written.chars();
    let mut c = clitic.chars();
    loop {
        match (w.next(), c.next()) {
            (None, None) => return true,
            (Some(a), Some('\'')) if is_apostrophe(a) => {}
            (Some(a), Some(b)) if a.to_lowercase().eq(b.to_lowercase()) => {}
            _ => return false,
        }
    }
}

/// Length of a clitic at the end of a word ("n't" of "don't", "'s" of "Pakistan's"), when
/// what comes before it is a word with a letter in it (so "60's" stays whole).
fn clitic_len(core: &str) -> Option<usize> {
    for clitic in APOSTROPHE_CLITICS {
        let n_chars = clitic.chars().count();
        let Some((at, _)) = core.char_indices().rev().nth(n_chars - 1) else {
            continue;
        };
        if at == 0 || !same_clitic(&core[at..], clitic) {
            continue;
        }
        let stem = &core[..at];
        if stem.chars().any(char::is_alphabetic)
            && stem.chars().next_back().is_some_and(is_word_char)
        {
            return Some(core.len() - at);
        }
    }
    None
}

/// A whole word UD splits without an apostrophe ("cannot", "gonna", "dont"): the length of
/// its first part.
fn split_word(core: &str) -> Option<usize> {
    if core.len() > 8 || !core.is_ascii() {
        return None;
    }
    SPLIT_WORDS
        .iter()
        .find(|(w, _)| core.eq_ignore_ascii_case(w))
        .map(|&(_, n)| n)
}

/// "5pm", "35mm", "10k": the number's length when a unit follows it.
fn number_then_unit(core: &str) -> Option<usize> {
    let digits = core.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let mut n = digits;
    if core[n..].starts_with('.') && core[n + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        n += 1 + core[n + 1..].bytes().take_while(u8::is_ascii_digit).count();
    }
    let unit = &core[n..];
    NUMBER_UNITS
        .iter()
        .any(|u| unit.eq_ignore_ascii_case(u))
        .then_some(n)
}

/// "US$5", "C$10": the length of the currency code with its dollar sign.
fn currency_code(core: &str) -> Option<usize> {
    let letters = core.bytes().take_while(u8::is_ascii_uppercase).count();
    let rest = &core.as_bytes()[letters..];
    ((1..=3).contains(&letters)
        && rest.first() == Some(&b'$')
        && rest.get(1).is_some_and(u8::is_ascii_digit))
    .then_some(letters + 1)
}

/// Numbers UD keeps whole: "1,000.5", "-5", ".04", "9/11", "11/28/2000", "3:30", "01:39:56",
/// "202.456.1414", phone and zip forms ("713-853-3989", "345-9945", "77042-2016"), decades
/// with an apostrophe ("60's").
fn is_number(core: &str) -> bool {
    // A leading "+" stays ("+44"); UD splits a leading minus off ("-" "0.39").
    let body = core.strip_prefix('+').unwrap_or(core);
    let body = body
        .strip_suffix("'s")
        .or_else(|| body.strip_suffix("\u{2019}s"))
        .unwrap_or(body);
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return false;
    }
    let mut groups = body.split([',', '.', '/', ':', '-']);
    if body.starts_with('.') {
        groups.next(); // ".04": the empty group before the point
    }
    if !groups.all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let hyphens = body.matches('-').count();
    if hyphens == 0 {
        return true;
    }
    // Hyphens join digits only in phone numbers, zip codes and numeric dates; a range
    // ("1969-1970", "3-4") is split.
    if body.contains([',', ':']) {
        return false;
    }
    let lens: Vec<usize> = body.split('-').map(str::len).collect();
    lens.len() >= 3 || matches!(lens.as_slice(), [3, 4] | [5, 4] | [3, 3] | [1, 4])
}

/// File names ("ENRON.XLS", "02-05-02.doc") and a bare extension (".doc").
fn is_file_name(core: &str) -> bool {
    let Some((name, ext)) = core.rsplit_once('.') else {
        return false;
    };
    FILE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e))
        && name
            .chars()
            .all(|c| is_word_char(c) || matches!(c, '-' | '_' | '#' | '.'))
}

/// URLs, e-mail addresses and host names at the start of `core`: their length, without the
/// punctuation that closes the sentence or a bracket after them.
fn special_len(core: &str) -> Option<usize> {
    let lower_start: String = core.chars().take(8).flat_map(char::to_lowercase).collect();
    let url = ["http://", "https://", "ftp://", "www.", "mailto:"]
        .iter()
        .any(|p| lower_start.starts_with(p));
    let shaped = core.len() <= MAX_SHAPE_LEN && (is_email(core) || is_host(core));
    if !url && !shaped {
        return None;
    }
    let len = core.len();
    // Trailing punctuation belongs to the sentence, except a ")" the URL opened.
    let mut end = len;
    let body = &core[..end];
    let opens = body.matches('(').count();
    while let Some(c) = core[..end].chars().next_back() {
        let closing_paren = c == ')' && core[..end].matches(')').count() > opens;
        if matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '\u{201D}' | '\u{2019}' | ']' | '>'
        ) || closing_paren
        {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    (end > 0).then_some(end)
}

/// "kyle.jones@radianz.com", "Rice@ENRON": word characters on both sides of one "@".
fn is_email(core: &str) -> bool {
    let Some((user, host)) = core.split_once('@') else {
        return false;
    };
    let ok = |s: &str| {
        s.starts_with(|c: char| c.is_alphanumeric())
            && s.chars()
                .all(|c| is_word_char(c) || matches!(c, '.' | '-' | '_' | '%' | '+'))
    };
    let host = host.trim_end_matches(|c: char| !c.is_alphanumeric());
    ok(user.trim_end_matches('.')) && ok(host)
}

/// "galleryfurniture.com", "news.bbc.co.uk/2/hi": labels joined by periods ending in a known
/// top-level domain (lowercase), optionally followed by a path.
fn is_host(core: &str) -> bool {
    let trimmed = core.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let (host, _path) = trimmed.split_once('/').unwrap_or((trimmed, ""));
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    DOMAINS.contains(&tld)
        && !name.is_empty()
        && name
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// The first place inside `core` (which starts and ends with word characters) where it
/// splits: (byte offset, length of the separating piece).
fn infix(core: &str) -> Option<(usize, usize)> {
    let mut prev: Option<char> = None;
    let mut iter = core.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let before = prev;
        prev = Some(c);
        if is_word_char(c) || i == 0 {
            continue;
        }
        let digits_around =
            before.is_some_and(|b| b.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        match c {
            '-' => {
                let run = run_len(&core[i..]);
                if run > 1 || !before.is_some_and(is_word_char) {
                    return Some((i, run));
                }
                if !keeps_hyphen(&core[..i], &core[i + 1..]) {
                    return Some((i, 1));
                }
            }
            ',' | ':' if digits_around => {}
            '/' => {
                let left = word_before(&core[..i]);
                let right = word_after(&core[i + 1..]);
                let letters = |w: &str| !w.is_empty() && w.chars().all(char::is_alphabetic);
                let short = left.chars().count() == 1 && right.chars().count() == 1;
                if letters(left) && letters(right) && !short {
                    return Some((i, 1));
                }
            }
            '.' if core[i..].starts_with("..") => return Some((i, run_len(&core[i..]))),
            // "quality.You'll": a missing space after a sentence's last word.
            '.' if glued_sentences(&core[..i], &core[i + 1..]) => return Some((i, 1)),
            c if joins_inside(c) => {}
            c if is_terminator(c) || groups_in_runs(c) => return Some((i, run_len(&core[i..]))),
            _ => return Some((i, unit_len(&core[i..]))),
        }
    }
    None
}

/// "album.That": a lowercase word of two letters or more, a period, then a capitalised word
/// in lowercase after its first letter (so "e.g", "U.S", "x.Net" and host names stay whole).
fn glued_sentences(left: &str, right: &str) -> bool {
    let l = word_before(left);
    let r = word_after(right);
    let mut rest = r.chars();
    let capital = rest.next().is_some_and(char::is_uppercase);
    let tail = rest.as_str();
    l.len() == left.len()
        && l.chars().count() >= 2
        && l.chars().all(char::is_lowercase)
        && capital
        && !tail.is_empty()
        && tail.chars().all(char::is_lowercase)
        && !right[r.len()..].starts_with('.')
}

/// Does the hyphen between `left` and `right` stay inside the word ("e-mail", "non-violent",
/// "career-wise")?
fn keeps_hyphen(left: &str, right: &str) -> bool {
    let l = word_before(left);
    let r = word_after(right);
    if l.is_empty() || r.is_empty() {
        return false;
    }
    let is = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
    // Only a letter-initial part can be a prefix: "F-102" and "3-4" split.
    (l.chars().all(char::is_alphabetic) && is(l, HYPHEN_PREFIXES))
        || (r.chars().all(char::is_alphabetic) && is(r, HYPHEN_SUFFIXES))
}

/// The run of word characters at the end of `s`.
fn word_before(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

/// The run of word characters at the start of `s`.
fn word_after(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}
