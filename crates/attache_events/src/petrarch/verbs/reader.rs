//! The line-by-line reader: which kind each line is (header, synset, verb, pattern,
//! transformation), the block it belongs to, and the checks made once the file is read.

use super::lines::{parse_code, parse_pattern, parse_verb};
use super::{EventCode, Synset, SynsetMember, Token, Transformation, VerbBlock, VerbDictionary};
use crate::petrarch::strip_comments;
use crate::EventsError;

enum State {
    None,
    Synset(String),
    Block,
}

impl VerbDictionary {
    /// Parse a verb dictionary; `file` names it in errors and warnings.
    pub fn parse(file: &str, text: &str) -> Result<VerbDictionary, EventsError> {
        let mut dict = VerbDictionary::default();
        let mut state = State::None;
        let mut in_comment = false;
        let mut comment_start = 0;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let was_in_comment = in_comment;
            let body = strip_comments(raw, &mut in_comment);
            if in_comment && !was_in_comment {
                comment_start = line;
            }
            let body = body.trim();
            if body.is_empty() {
                if raw.trim().is_empty() {
                    if let State::Synset(_) = state {
                        state = if dict.blocks.is_empty() {
                            State::None
                        } else {
                            State::Block
                        };
                    }
                }
                continue;
            }
            if body.starts_with("---") && body.len() > 3 {
                dict.blocks
                    .push(parse_header(file, line, body, &mut dict.warnings)?);
                state = State::Block;
            } else if let Some(label) = body.strip_prefix('&') {
                let label = label.split_whitespace().next().unwrap_or("");
                let name = label.trim_end_matches('_').to_string();
                if name.is_empty() {
                    return Err(EventsError::data(file, line, "synset label without a name"));
                }
                if dict.synsets.contains_key(&name) {
                    dict.warnings.push(format!(
                        "{file}:{line}: synset &{name} defined again; members added"
                    ));
                } else {
                    let plurals = !label.ends_with('_');
                    dict.synsets.insert(
                        name.clone(),
                        Synset {
                            name: name.clone(),
                            line,
                            plurals,
                            members: vec![],
                        },
                    );
                }
                state = State::Synset(name);
            } else if let Some(member) = body
                .strip_prefix('+')
                .filter(|_| matches!(state, State::Synset(_)))
            {
                if let State::Synset(name) = &state {
                    let m = parse_member(member);
                    if let Some(s) = dict.synsets.get_mut(name) {
                        s.members.extend(m);
                    }
                }
            } else if body.starts_with('~') {
                match parse_transformation(line, body) {
                    Some(t) => dict.transformations.push(t),
                    None => dict.warnings.push(format!(
                        "{file}:{line}: transformation without `= a b code`; skipped"
                    )),
                }
            } else if let Some(pattern) = body.strip_prefix('-') {
                let Some(block) = dict.blocks.last_mut() else {
                    return Err(EventsError::data(
                        file,
                        line,
                        "pattern before any `--- VERB ---` block",
                    ));
                };
                if let State::Synset(_) = state {
                    state = State::Block;
                }
                match parse_pattern(file, line, pattern)? {
                    Ok(p) => {
                        // PETRARCH stores a block's patterns in a tree keyed by their
                        // elements, so a pattern written again replaces the earlier one
                        // (CAMEO.2.0.txt gives `- * &INVESTIGATION` to ORDER twice). The
                        // replacement takes the earlier one's place, as overwriting a key
                        // does, so ties between equally specific patterns keep their order.
                        match block.patterns.iter().position(|q| q.same_shape(&p)) {
                            Some(k) => {
                                let replaced = std::mem::replace(&mut block.patterns[k], p);
                                if replaced.code != block.patterns[k].code {
                                    dict.warnings.push(format!(
                                        "{file}:{line}: pattern repeats line {} with another \
                                         code; the later one is kept",
                                        replaced.line
                                    ));
                                }
                            }
                            None => block.patterns.push(p),
                        }
                    }
                    Err(why) => dict
                        .warnings
                        .push(format!("{file}:{line}: {why}; pattern skipped")),
                }
            } else {
                let Some(block) = dict.blocks.last_mut() else {
                    return Err(EventsError::data(
                        file,
                        line,
                        format!("`{body}` is outside any verb block"),
                    ));
                };
                if let State::Synset(name) = &state {
                    dict.warnings.push(format!(
                        "{file}:{line}: `{body}` follows synset &{name}; read as a verb"
                    ));
                    state = State::Block;
                }
                block.verbs.push(parse_verb(file, line, body)?);
            }
        }
        if in_comment {
            return Err(EventsError::data(
                file,
                comment_start,
                "`<!--` comment never closed",
            ));
        }
        if dict.blocks.is_empty() {
            return Err(EventsError::file(
                file,
                "no `--- VERB [code] ---` block: not a verb dictionary",
            ));
        }
        dict.check_synsets(file);
        Ok(dict)
    }

    /// Drop patterns that use undefined synsets (PETRARCH ignores them too), with a warning.
    fn check_synsets(&mut self, file: &str) {
        let synsets = &self.synsets;
        let warnings = &mut self.warnings;
        for block in &mut self.blocks {
            block.patterns.retain(|p| {
                let missing = p
                    .before
                    .iter()
                    .chain(&p.after)
                    .find_map(|t| match &t.token {
                        Token::Synset(n) if !synsets.contains_key(n) => Some(n.clone()),
                        _ => None,
                    });
                if let Some(n) = &missing {
                    warnings.push(format!(
                        "{file}:{}: synset &{n} is not defined; pattern skipped",
                        p.line
                    ));
                }
                missing.is_none()
            });
        }
    }
}

fn parse_header(
    file: &str,
    line: usize,
    body: &str,
    warnings: &mut Vec<String>,
) -> Result<VerbBlock, EventsError> {
    let inner = body.trim_start_matches('-').trim_end_matches('-').trim();
    let (name, codes) = match inner.find('[') {
        Some(i) => (inner[..i].trim(), &inner[i..]),
        None => (inner, ""),
    };
    let mut code = EventCode::default();
    let mut rest = codes;
    let mut n = 0;
    while let Some(start) = rest.find('[') {
        let end = rest[start..]
            .find(']')
            .ok_or_else(|| EventsError::data(file, line, "`[` without `]` in block header"))?;
        let c = parse_code(&rest[start + 1..start + end]);
        if n == 0 {
            code = c;
        } else {
            warnings.push(format!(
                "{file}:{line}: extra code `{}` in block header ignored",
                &rest[start..=start + end]
            ));
        }
        n += 1;
        rest = &rest[start + end + 1..];
    }
    if name.is_empty() {
        return Err(EventsError::data(file, line, "block header without a name"));
    }
    Ok(VerbBlock {
        name: name.to_string(),
        line,
        code,
        verbs: vec![],
        patterns: vec![],
    })
}

fn parse_member(member: &str) -> Vec<SynsetMember> {
    let member = member.trim();
    if let Some(name) = member.strip_prefix('&') {
        return vec![SynsetMember::Synset(name.trim_end_matches('_').to_string())];
    }
    let plurals = !member.ends_with('_');
    let words: Vec<String> = member
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect();
    if words.is_empty() {
        return vec![];
    }
    vec![SynsetMember::Phrase { words, plurals }]
}

fn parse_transformation(line: usize, body: &str) -> Option<Transformation> {
    let (lhs, rhs) = body.trim_start_matches('~').split_once('=')?;
    let r: Vec<&str> = rhs.split_whitespace().collect();
    let [s, t, c] = r.as_slice() else { return None };
    Some(Transformation {
        line,
        pattern: lhs.trim().to_string(),
        result: (s.to_string(), t.to_string(), c.to_string()),
    })
}
