//! Words and punctuation with byte offsets, and the folded form the dictionaries match on.
//!
//! Rules, chosen so dictionary phrases and text normalise the same way:
//! - a word is a run of letters/digits; an inner apostrophe stays ("d'Ivoire", "Sa'ar");
//! - a possessive `'s` (or a bare `'` after a plural) is its own token: "Pakistan's" gives
//!   "Pakistan" + "'s";
//! - a hyphen between words is a joiner token that the folded stream drops, so "al-Qaeda",
//!   "al Qaeda" and "Indian-backed" (with "Indian" in it) all match;
//! - dotted abbreviations ("U.S.", "a.m.") are one token whose folded form has no dots, so
//!   "U.S." and "US" match the same entry;
//! - every other character that is not a space is a one-character token.

use crate::fold::{is_apostrophe, push_folded};

/// A token of the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte in the article text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What the token looks like ([`Token::WORD`], [`Token::CAP`]...).
    pub flags: u8,
}

impl Token {
    /// Contains a letter or digit.
    pub const WORD: u8 = 1;
    /// Starts with an uppercase letter.
    pub const CAP: u8 = 1 << 1;
    /// Has letters and none of them is lowercase ("UN", "TTP", "U.S.").
    pub const UPPER: u8 = 1 << 2;
    /// A dotted abbreviation ("U.S.", "a.m.").
    pub const DOTTED: u8 = 1 << 3;
    /// A hyphen between two words; left out of the folded stream.
    pub const JOINER: u8 = 1 << 4;
    /// A possessive `'s` or `'`.
    pub const POSSESSIVE: u8 = 1 << 5;

    /// True when every flag of `flag` is set.
    pub fn is(&self, flag: u8) -> bool {
        self.flags & flag == flag
    }

    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Append the folded form of the token (what dictionaries are matched on) to `out`.
    pub fn push_folded(&self, text: &str, out: &mut String) {
        let t = self.text(text);
        if self.is(Token::DOTTED) {
            t.chars()
                .filter(|c| *c != '.')
                .for_each(|c| push_folded(c, out));
        } else if self.is(Token::POSSESSIVE) {
            out.push('\'');
            if t.len() > 1 {
                out.push('s');
            }
        } else {
            t.chars().for_each(|c| push_folded(c, out));
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Tokenize `text[range]`, pushing tokens with offsets into `text` onto `out`.
///
/// Walks byte positions rather than a peekable char iterator: after a word the walk jumps to
/// its end instead of stepping over its characters again (a fifth of resolution time went
/// to tokenizing).
pub fn tokenize_into(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Token>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let base = range.start;
    let mut pos = 0;
    while let Some(c) = slice.get(pos..).and_then(|rest| rest.chars().next()) {
        let i = pos;
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        if is_word_char(c) {
            if let Some(len) = dotted_len(&slice[i..]) {
                out.push(Token {
                    start: base + i,
                    end: base + i + len,
                    flags: word_flags(&slice[i..i + len]) | Token::DOTTED,
                });
                pos = i + len;
                continue;
            }
            let end = word_end(slice, i);
            out.push(Token {
                start: base + i,
                end: base + end,
                flags: word_flags(&slice[i..end]),
            });
            pos = end;
            continue;
        }
        let end = i + c.len_utf8();
        pos = end;
        let prev_is_word = out
            .last()
            .is_some_and(|t| t.end == base + i && t.is(Token::WORD));
        let next = slice[end..].chars().next();
        let flags = if (c == '-' || c == '\u{2010}' || c == '\u{2011}')
            && prev_is_word
            && next.is_some_and(is_word_char)
        {
            Token::JOINER
        } else if is_apostrophe(c) && prev_is_word {
            // "'s" closing a word, or a bare "'" after a plural ("Palestinians'").
            let after = &slice[end..];
            let mut chars = after.chars();
            if matches!(chars.next(), Some('s' | 'S')) && !chars.next().is_some_and(is_word_char) {
                pos = end + 1;
                out.push(Token {
                    start: base + i,
                    end: base + end + 1,
                    flags: Token::POSSESSIVE,
                });
                continue;
            }
            let prev_ends_s = slice[..i].ends_with(['s', 'S']);
            if prev_ends_s && !next.is_some_and(is_word_char) {
                Token::POSSESSIVE
            } else {
                0
            }
        } else {
            0
        };
        out.push(Token {
            start: base + i,
            end: base + end,
            flags,
        });
    }
}

/// Tokenize a whole string.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, 0..text.len(), &mut out);
    out
}

/// End of the word starting at `i`: letters and digits, with inner apostrophes kept unless
/// they start a possessive "'s".
fn word_end(s: &str, i: usize) -> usize {
    let mut end = i;
    for (j, c) in s[i..].char_indices() {
        if is_word_char(c) {
            end = i + j + c.len_utf8();
            continue;
        }
        if is_apostrophe(c) {
            let rest = &s[i + j + c.len_utf8()..];
            let mut r = rest.chars();
            let first = r.next();
            let possessive =
                matches!(first, Some('s' | 'S')) && !r.next().is_some_and(is_word_char);
            if first.is_some_and(is_word_char) && !possessive {
                continue;
            }
        }
        break;
    }
    end
}

/// Length of a dotted abbreviation at the start of `s` ("U.S.", "a.m.", "F.W."): at least
/// two groups of one or two letters each followed by a period, not followed by a letter.
fn dotted_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let (mut pos, mut groups) = (0, 0);
    loop {
        let letters = bytes[pos..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        if letters == 0 || letters > 2 || bytes.get(pos + letters) != Some(&b'.') {
            break;
        }
        pos += letters + 1;
        groups += 1;
    }
    let followed_by_letter = s[pos..].chars().next().is_some_and(char::is_alphanumeric);
    (groups >= 2 && !followed_by_letter).then_some(pos)
}

fn word_flags(word: &str) -> u8 {
    let mut flags = Token::WORD;
    if word.chars().next().is_some_and(char::is_uppercase) {
        flags |= Token::CAP;
    }
    let mut letters = false;
    let mut lower = false;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters = true;
            lower |= c.is_lowercase();
        }
    }
    if letters && !lower {
        flags |= Token::UPPER;
    }
    flags
}

/// The folded form of a phrase as the matcher sees it: folded tokens separated by single
/// spaces, joiners dropped ("Tehreek-e-Taliban  Pakistan" gives "tehreek e taliban pakistan").
pub fn folded_phrase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for token in tokenize(text) {
        if token.is(Token::JOINER) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        token.push_folded(text, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn splits_possessives_and_keeps_inner_apostrophes() {
        assert_eq!(texts("Pakistan’s demand"), ["Pakistan", "’s", "demand"]);
        assert_eq!(texts("Côte d'Ivoire"), ["Côte", "d'Ivoire"]);
        assert_eq!(texts("Palestinians' homes"), ["Palestinians", "'", "homes"]);
    }

    #[test]
    fn hyphens_join_and_vanish_from_the_folded_phrase() {
        assert_eq!(
            folded_phrase("Tehreek-e-Taliban Pakistan"),
            "tehreek e taliban pakistan"
        );
        assert_eq!(folded_phrase("AL-QAEDA"), "al qaeda");
        assert_eq!(folded_phrase("Indian-backed"), "indian backed");
    }

    #[test]
    fn dotted_abbreviations_are_one_token_without_dots() {
        assert_eq!(texts("the U.S. said"), ["the", "U.S.", "said"]);
        assert_eq!(folded_phrase("U.S."), "us");
        assert_eq!(
            folded_phrase("U.N. Security Council"),
            "un security council"
        );
        assert_eq!(texts("Gen. Asim"), ["Gen", ".", "Asim"]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let s = "ISLAMABAD: Türkiye, Qatar.";
        for t in tokenize(s) {
            assert!(s.get(t.start..t.end).is_some());
        }
        assert_eq!(texts(s), ["ISLAMABAD", ":", "Türkiye", ",", "Qatar", "."]);
    }

    #[test]
    fn flags_describe_case() {
        let s = "TTP Pakistan he";
        let t = tokenize(s);
        assert!(t[0].is(Token::UPPER) && t[1].is(Token::CAP) && !t[2].is(Token::CAP));
    }
}
