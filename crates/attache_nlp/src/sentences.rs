//! Sentence splitting with byte-accurate spans that never cross a paragraph break.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis (plus any closing quotes or brackets)
//! followed by a space and something that can open a sentence. Periods after known
//! abbreviations, initials and dotted forms ("U.S.") are judged with the word lists in
//! `data/abbreviations.txt`. A dateline ("ISLAMABAD: Pakistan has ...") stays with its
//! sentence because a colon never ends one.

use std::collections::HashSet;

use attache_model::Span;

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");

/// The abbreviation lists, loaded once.
#[derive(Debug, Clone)]
pub struct SentenceSplitter {
    always: HashSet<String>,
    before_number: HashSet<String>,
    starters: HashSet<String>,
    continues: HashSet<String>,
}

impl Default for SentenceSplitter {
    fn default() -> Self {
        Self::new()
    }
}

impl SentenceSplitter {
    /// A splitter with the team's abbreviation lists.
    pub fn new() -> Self {
        let mut splitter = SentenceSplitter {
            always: HashSet::new(),
            before_number: HashSet::new(),
            starters: HashSet::new(),
            continues: HashSet::new(),
        };
        let mut section = "";
        for line in ABBREVIATIONS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                section = line;
                continue;
            }
            let set = match section {
                "[always]" => &mut splitter.always,
                "[before-number]" => &mut splitter.before_number,
                "[continues]" => &mut splitter.continues,
                _ => &mut splitter.starters,
            };
            set.insert(line.to_string());
        }
        splitter
    }

    /// Sentence spans of `text`, in order, trimmed of surrounding whitespace.
    pub fn split(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut para_start = 0;
        while para_start < text.len() {
            let para_end = text[para_start..]
                .find("\n\n")
                .map_or(text.len(), |i| para_start + i);
            self.split_paragraph(text, para_start, para_end, &mut out);
            para_start = para_end + 2;
        }
        out
    }

    fn split_paragraph(&self, text: &str, from: usize, to: usize, out: &mut Vec<Span>) {
        let para = &text[from..to];
        let bytes = para.as_bytes();
        let mut start = 0;
        let mut chars = para.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if let Some(run_end) = separator_line(para, i, c) {
                // "***" or "=====" standing alone between sentences is a sentence of its own.
                push_trimmed(text, from + start, from + i, out);
                push_trimmed(text, from + i, from + run_end, out);
                start = run_end;
                while chars.next_if(|&(j, _)| j < run_end).is_some() {}
                continue;
            }
            if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
                continue;
            }
            // Run of terminators ("?!", "...") then closing quotes and brackets.
            let mut end = i + c.len_utf8();
            let mut ellipsis = c == '\u{2026}';
            let mut quoted = false;
            while let Some(&(j, n)) = chars.peek() {
                if matches!(n, '.' | '!' | '?' | '\u{2026}') {
                    ellipsis |= n == '.' || n == '\u{2026}';
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            while let Some(&(j, n)) = chars.peek() {
                if matches!(
                    n,
                    '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '\u{00BB}'
                ) {
                    quoted = true;
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let next_is_space = bytes.get(end).is_none_or(|b| b.is_ascii_whitespace());
            if !next_is_space && !glued(&para[..i], &para[end..]) {
                continue;
            }
            let rest = para[end..].trim_start();
            if rest.is_empty() {
                continue;
            }
            let next_word: &str = rest
                .split(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or("");
            let opens = rest.chars().next().is_some_and(|ch| {
                ch.is_uppercase()
                    || ch.is_ascii_digit()
                    || matches!(ch, '"' | '\u{201C}' | '\'' | '\u{2018}' | '(' | '[')
            });
            if !opens && !self.lowercase_start_ends(&para[..i], c, quoted, ellipsis, rest) {
                continue;
            }
            if ellipsis {
                // "Talks resumed... and ended": an ellipsis ends a sentence only before a capital.
                if !rest.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
            } else if c == '.' && !self.period_ends(&para[..i], rest, next_word) {
                continue;
            }
            push_trimmed(text, from + start, from + end, out);
            start = end;
        }
        push_trimmed(text, from + start, to, out);
    }

    /// Does a terminator followed by a lowercase word end the sentence? In news such a word
    /// follows a quotation ("“Why?” she asked") or an abbreviation ("et al. found"), but in
    /// web text and comments a sentence often starts lowercase ("are you kidding? why would
    /// you", "aren't even friendly. do you think"), and UD splits there. So it ends after a
    /// "?" or "!" that no quote or bracket closes, and after a period that follows a plain
    /// lowercase word (two letters or more, not a known abbreviation); never after an
    /// ellipsis ("Talks resumed... and ended").
    fn lowercase_start_ends(
        &self,
        before: &str,
        terminator: char,
        quoted: bool,
        ellipsis: bool,
        rest: &str,
    ) -> bool {
        if quoted || ellipsis || !rest.starts_with(|ch: char| ch.is_lowercase()) {
            return false;
        }
        if terminator != '.' {
            return true;
        }
        let word = before
            .rsplit(|ch: char| !ch.is_alphanumeric() && ch != '.')
            .next()
            .unwrap_or("");
        word.chars().count() >= 2
            && word.chars().all(char::is_lowercase)
            && !self.always.contains(word)
            && !self.before_number.contains(word)
            && !self.continues.contains(word)
    }

    /// Does the period after `before` end the sentence, given what follows?
    fn period_ends(&self, before: &str, rest: &str, next_word: &str) -> bool {
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|(_, ch)| ch.is_alphanumeric() || *ch == '.')
            .last()
            .map_or(before.len(), |(j, _)| j);
        let word = &before[word_start..];
        if word.is_empty() {
            return true;
        }
        if self.always.contains(word) {
            return false;
        }
        if self.before_number.contains(word) {
            return !rest.starts_with(|ch: char| ch.is_ascii_digit());
        }
        let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let dotted = word.contains('.');
        if single_initial || dotted {
            return self.starters.contains(next_word);
        }
        true
    }
}

/// Symbols whose runs of three or more, standing alone, separate sentences.
const SEPARATOR_MARKS: [char; 6] = ['*', '=', '_', '~', '#', '-'];

/// Where a run of one separator mark (three or more) that starts a word at `i` and stands
/// alone ends ("***", "=====").
fn separator_line(para: &str, i: usize, c: char) -> Option<usize> {
    if !SEPARATOR_MARKS.contains(&c)
        || !para[..i]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
    {
        return None;
    }
    let run = para[i..]
        .bytes()
        .take_while(|&b| char::from(b) == c)
        .count();
    let end = i + run;
    (run >= 3 && para[end..].chars().next().is_none_or(char::is_whitespace)).then_some(end)
}

/// A terminator with no space after it still ends a sentence between a plain lowercase word
/// and a capitalised one ("of high quality.You'll also find"): text whose spaces were lost,
/// which UD splits. Dotted forms ("e.g.The", "U.S.Army") and host names ("site.Com") are
/// not plain words before or after.
fn glued(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|ch: char| !ch.is_alphabetic())
        .next()
        .unwrap_or("");
    let word_start = before.len() - word.len();
    let mut next = after.chars();
    let capital = next.next().is_some_and(char::is_uppercase);
    let tail: &str = next.as_str();
    let tail_word = tail
        .split(|ch: char| !ch.is_alphabetic())
        .next()
        .unwrap_or("");
    word.chars().count() >= 2
        && word.chars().all(char::is_lowercase)
        && !before[..word_start].ends_with('.')
        && capital
        && !tail_word.is_empty()
        && tail_word.chars().all(char::is_lowercase)
        && !tail[tail_word.len()..].starts_with('.')
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        SentenceSplitter::new()
            .split(text)
            .iter()
            .filter_map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn survives_titles_and_initials() {
        let t = "Lt. Col. J. K. Smith met Gen. Asim Munir and Dr. Rao. They talked.";
        assert_eq!(
            sentences(t),
            [
                "Lt. Col. J. K. Smith met Gen. Asim Munir and Dr. Rao.",
                "They talked."
            ]
        );
    }

    #[test]
    fn dotted_forms_end_a_sentence_only_before_a_starter() {
        let t = "Aid came from the U.S. The U.K. Foreign Office said no.";
        assert_eq!(
            sentences(t),
            ["Aid came from the U.S.", "The U.K. Foreign Office said no."]
        );
        assert_eq!(
            sentences("He met U.S. officials at 9 a.m. on Nov. 5 in No. 10.").len(),
            1
        );
    }

    #[test]
    fn quotes_and_ellipses() {
        let t = "He said “we will stay.” Talks resumed... and ended. “Why?” she asked. Then... Nothing.";
        assert_eq!(
            sentences(t),
            [
                "He said “we will stay.”",
                "Talks resumed... and ended.",
                "“Why?” she asked.",
                "Then...",
                "Nothing."
            ]
        );
    }

    #[test]
    fn lowercase_starts_end_a_sentence_only_after_a_plain_word_or_an_unquoted_question() {
        let t = "are you kidding? why would you. do you think so? The study by Rao et al. found \
                 more, e.g. this. “Why?” she asked. Talks resumed... and ended.";
        assert_eq!(
            sentences(t),
            [
                "are you kidding?",
                "why would you.",
                "do you think so?",
                "The study by Rao et al. found more, e.g. this.",
                "“Why?” she asked.",
                "Talks resumed... and ended."
            ]
        );
    }

    #[test]
    fn separator_lines_and_lost_spaces_end_sentences() {
        let t = "He was named. *** She was too. Most are of high quality.You'll see e.g.The end.";
        assert_eq!(
            sentences(t),
            [
                "He was named.",
                "***",
                "She was too.",
                "Most are of high quality.",
                "You'll see e.g.The end."
            ]
        );
    }

    #[test]
    fn datelines_stay_and_paragraphs_always_break() {
        let t = "ISLAMABAD: Pakistan is ready\n\nKabul said no";
        assert_eq!(
            sentences(t),
            ["ISLAMABAD: Pakistan is ready", "Kabul said no"]
        );
    }

    #[test]
    fn spans_are_byte_accurate_with_multibyte_text() {
        let t = "Türkiye mediated. Qatar – too.";
        let spans = SentenceSplitter::new().split(t);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[1].slice(t), Some("Qatar – too."));
    }
}
