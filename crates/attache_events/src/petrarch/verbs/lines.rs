//! Parsers for the parts of a line: event codes, verb lines with their generated and listed
//! forms, and pattern lines split into elements around the verb.

use super::{EventCode, Pattern, PatternToken, Token, VerbEntry};
use crate::inflect::verb_forms;
use crate::EventsError;

/// `042`, `042:043`, `:173`, `---` (null).
pub(super) fn parse_code(inside: &str) -> EventCode {
    let norm = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && !s.chars().all(|c| c == '-' || c == '+')).then(|| s.to_string())
    };
    match inside.split_once(':') {
        Some((f, r)) => EventCode {
            forward: norm(f),
            reverse: norm(r),
        },
        None => EventCode {
            forward: norm(inside),
            reverse: None,
        },
    }
}

/// Split off a trailing `[code]`; error when a `[` is not closed.
pub(super) fn split_code<'a>(
    file: &str,
    line: usize,
    body: &'a str,
) -> Result<(&'a str, Option<EventCode>), EventsError> {
    match body.rfind('[') {
        Some(i) => {
            let end = body[i..]
                .find(']')
                .ok_or_else(|| EventsError::data(file, line, "`[` without `]`"))?;
            Ok((body[..i].trim(), Some(parse_code(&body[i + 1..i + end]))))
        }
        None => Ok((body.trim(), None)),
    }
}

/// `VERB {FORMS} [code]`, `+ASK_FOR {+ASKED_FOR} [020]`, `KLM_NOP_+RST [002]`.
pub(super) fn parse_verb(file: &str, line: usize, body: &str) -> Result<VerbEntry, EventsError> {
    let (body, code) = split_code(file, line, body)?;
    let (main, listed) = match body.find('{') {
        Some(i) => {
            let end = body[i..]
                .find('}')
                .ok_or_else(|| EventsError::data(file, line, "`{` without `}`"))?;
            (body[..i].trim(), Some(body[i + 1..i + end].trim()))
        }
        None => (body, None),
    };
    let (words, verb_at) = verb_words(main);
    if words.is_empty() {
        return Err(EventsError::data(file, line, "verb line without a verb"));
    }
    let mut forms = vec![words.clone()];
    if listed != Some("") {
        for f in verb_forms(&words[verb_at]) {
            let mut w = words.clone();
            w[verb_at] = f;
            forms.push(w);
        }
    }
    // Forms are separated by blanks, sometimes by commas (`{+WAS_DETERMINED , +BE_DETERMINED}`).
    for form in listed
        .unwrap_or("")
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|f| !f.is_empty())
    {
        let (w, _) = verb_words(form);
        if !w.is_empty() {
            forms.push(w);
        }
    }
    let mut seen = std::collections::HashSet::new();
    forms.retain(|f| seen.insert(f.clone()));
    Ok(VerbEntry {
        line,
        words,
        verb_at,
        forms,
        code,
    })
}

/// Words of a verb phrase and the index of the verb (the word after `+`, else the first).
fn verb_words(s: &str) -> (Vec<String>, usize) {
    let mut words = Vec::new();
    let mut verb_at = None;
    for w in s
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if let Some(v) = w.strip_prefix('+') {
            if v.is_empty() {
                continue;
            }
            verb_at.get_or_insert(words.len());
            words.push(v.to_uppercase());
        } else {
            words.push(w.to_uppercase());
        }
    }
    (words, verb_at.unwrap_or(0))
}

/// Parse a pattern body (after the `-`). Outer error: malformed line; inner error: a reason to
/// skip it.
pub(super) fn parse_pattern(
    file: &str,
    line: usize,
    body: &str,
) -> Result<Result<Pattern, String>, EventsError> {
    let (body, code) = split_code(file, line, body)?;
    let Some(code) = code else {
        return Ok(Err("no [code]".into()));
    };
    let spaced: String = body
        .chars()
        .flat_map(|c| match c {
            '(' | ')' | '{' | '}' => vec![' ', c, ' '],
            _ => vec![c],
        })
        .collect();
    let mut tokens: Vec<(PatternToken, bool)> = Vec::new(); // (token, is_verb)
    let mut depth: Vec<char> = Vec::new();
    for chunk in spaced.split_whitespace() {
        let parts: Vec<&str> = chunk.split('_').collect();
        for (k, part) in parts.iter().enumerate() {
            if part.is_empty() {
                continue;
            }
            let joined = k > 0 && !parts[k - 1].is_empty();
            // `*SCEPTICAL` (a typo in CAMEO.2.0.txt) reads as `* SCEPTICAL`.
            if let Some(word) = part
                .strip_prefix('*')
                .filter(|r| r.starts_with(|c: char| c.is_alphabetic()))
            {
                tokens.push((
                    PatternToken {
                        token: Token::Skip,
                        joined,
                    },
                    true,
                ));
                tokens.push((
                    PatternToken {
                        token: Token::Word(word.to_uppercase()),
                        joined: false,
                    },
                    false,
                ));
                continue;
            }
            let token = match *part {
                "*" | "**" => {
                    tokens.push((
                        PatternToken {
                            token: Token::Skip,
                            joined,
                        },
                        true,
                    ));
                    continue;
                }
                "$" => Token::Source,
                "+" => Token::Target,
                "%" => Token::Compound,
                "^" => Token::Skip,
                "(" | "{" => {
                    depth.push(part.chars().next().unwrap_or('('));
                    Token::Open(part.chars().next().unwrap_or('('))
                }
                ")" | "}" => {
                    let close = part.chars().next().unwrap_or(')');
                    let want = if close == ')' { '(' } else { '{' };
                    if depth.pop() != Some(want) {
                        return Ok(Err(format!("unbalanced `{close}`")));
                    }
                    Token::Close(close)
                }
                w if w.starts_with('&') => Token::Synset(w[1..].trim_end_matches('_').to_string()),
                w => Token::Word(w.to_uppercase()),
            };
            tokens.push((PatternToken { token, joined }, false));
        }
    }
    if !depth.is_empty() {
        return Ok(Err("unclosed bracket".into()));
    }
    let verbs: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, (_, v))| *v)
        .map(|(i, _)| i)
        .collect();
    let &[at] = verbs.as_slice() else {
        return Ok(Err(format!(
            "{} verb markers `*` (need exactly one)",
            verbs.len()
        )));
    };
    let verb_joined = tokens[at].0.joined;
    let before = tokens[..at].iter().map(|(t, _)| t.clone()).collect();
    let after = tokens[at + 1..].iter().map(|(t, _)| t.clone()).collect();
    Ok(Ok(Pattern {
        line,
        text: body.trim().to_string(),
        before,
        verb_joined,
        after,
        code,
    }))
}
