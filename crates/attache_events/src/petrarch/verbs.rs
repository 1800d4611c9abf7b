//! The PETRARCH verb dictionary: synsets, verb blocks with their verbs and patterns, and
//! transformations.
//!
//! ```text
//! &CURRENCY                  a synset: `&NAME` (`&NAME_` = no plurals), then `+member` lines
//! +DOLLARS
//! +SWISS FRANCS
//!
//! --- GRANT [070] ---        a verb block: `--- NAME [code] ---`
//! GRANT                      verbs; regular forms are generated
//! GIVE {GAVE GIVEN} [071]    irregular forms in {...} (empty {} = none), own code in [...]
//! +HAND_OVER                 multi-word verb: `+` marks the verb word, `_` joins words
//! - * &CURRENCY [0711]       pattern: words before/after the verb `*`, `_` = adjacent,
//! - $ * (TO +) [071:072]     `$` source, `+` target, `%` compound, `^` skip, `(...)`
//!                            prepositional phrase, `{...}` noun phrase, [fwd:reverse] codes
//! ~ a (a b ATTACK) SAY = a b 015    a transformation (kept as text)
//! ```
//!
//! Malformed structure (a pattern outside any block, an unclosed `[`) is an error naming file
//! and line; lines that are well-formed but unusable (an undefined synset, a pattern without
//! `*`, unbalanced brackets) are skipped and listed in [`VerbDictionary::warnings`].

use std::collections::BTreeMap;

use super::strip_comments;
use crate::inflect::verb_forms;
use crate::EventsError;

/// A loaded verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    /// Synsets by name (without `&` and trailing `_`).
    pub synsets: BTreeMap<String, Synset>,
    /// Verb blocks in file order.
    pub blocks: Vec<VerbBlock>,
    /// Transformations, as written.
    pub transformations: Vec<Transformation>,
    /// Skipped lines, as `file:line: problem`.
    pub warnings: Vec<String>,
}

/// A synonym set.
#[derive(Debug, Clone, PartialEq)]
pub struct Synset {
    /// Name without `&`.
    pub name: String,
    /// Line of the label.
    pub line: usize,
    /// False when the label ends with `_` (no plurals for any member).
    pub plurals: bool,
    /// Members in file order.
    pub members: Vec<SynsetMember>,
}

/// A member of a synset.
#[derive(Debug, Clone, PartialEq)]
pub enum SynsetMember {
    /// Consecutive words (upper case); `plurals` false when the member ends with `_`.
    Phrase {
        /// The words.
        words: Vec<String>,
        /// Whether plurals may match.
        plurals: bool,
    },
    /// Another synset, by name (the unit-test dictionary nests them).
    Synset(String),
}

/// An event code as `[forward:reverse]`: `forward` codes source→target, `reverse` codes a
/// paired event target→source. `None` for the null code `---`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventCode {
    /// Code of the event from source to target.
    pub forward: Option<String>,
    /// Code of the paired event from target to source, if any.
    pub reverse: Option<String>,
}

impl EventCode {
    /// True when neither direction codes an event.
    pub fn is_null(&self) -> bool {
        self.forward.is_none() && self.reverse.is_none()
    }
}

/// A verb block: synonymous verbs sharing patterns.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbBlock {
    /// The block name from its header.
    pub name: String,
    /// Line of the header.
    pub line: usize,
    /// The block code (for verbs without their own).
    pub code: EventCode,
    /// Its verbs.
    pub verbs: Vec<VerbEntry>,
    /// Its patterns, in file order (PETRARCH tries longer ones first; the coder decides).
    pub patterns: Vec<Pattern>,
}

/// One verb (possibly multi-word) of a block.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbEntry {
    /// Line in the file.
    pub line: usize,
    /// Its words, upper case (`["ASK", "FOR"]`).
    pub words: Vec<String>,
    /// Index of the verb word in `words`.
    pub verb_at: usize,
    /// Every surface form, each as words: the base, generated regular forms, listed forms.
    pub forms: Vec<Vec<String>>,
    /// Its own code, overriding the block's.
    pub code: Option<EventCode>,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A word (upper case).
    Word(String),
    /// A synset reference, by name.
    Synset(String),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor (both source and target).
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
    /// `(` opens a prepositional phrase, `{` a noun phrase.
    Open(char),
    /// `)` or `}` closes one.
    Close(char),
}

/// A pattern element with how it attaches to what precedes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternToken {
    /// The element.
    pub token: Token,
    /// True when joined to the previous element (or to the verb) by `_`: must be adjacent.
    pub joined: bool,
}

/// A pattern line: what comes before and after the verb, and the code it gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// Line in the file.
    pub line: usize,
    /// The pattern as written (without the leading `-`, code and comment).
    pub text: String,
    /// Elements before the verb, in text order.
    pub before: Vec<PatternToken>,
    /// True when the verb is joined by `_` to the last `before` element.
    pub verb_joined: bool,
    /// Elements after the verb, in text order (`joined` on the first means adjacent to it).
    pub after: Vec<PatternToken>,
    /// The code the pattern gives.
    pub code: EventCode,
}

impl Pattern {
    /// True when both patterns have the same elements (whatever their codes).
    pub fn same_shape(&self, other: &Pattern) -> bool {
        self.before == other.before
            && self.verb_joined == other.verb_joined
            && self.after == other.after
    }
}

/// A transformation line (`~ a (a b ATTACK) SAY = a b 015`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// Line in the file.
    pub line: usize,
    /// Left-hand side as written.
    pub pattern: String,
    /// Right-hand side: source variable, target variable, code.
    pub result: (String, String, String),
}

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
                        // (CAMEO.2.0.txt gives `- * &INVESTIGATION` to ORDER twice).
                        if let Some(k) = block.patterns.iter().position(|q| q.same_shape(&p)) {
                            let replaced = block.patterns.remove(k);
                            if replaced.code != p.code {
                                dict.warnings.push(format!(
                                    "{file}:{line}: pattern repeats line {} with another code; \
                                     the later one is kept",
                                    replaced.line
                                ));
                            }
                        }
                        block.patterns.push(p);
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

    /// True when some pattern writes a prepositional phrase in brackets (`(TO +)`): the
    /// PETRARCH-2 style, matched against a parse, rather than TABARI's word sequences.
    pub fn uses_phrase_brackets(&self) -> bool {
        self.blocks
            .iter()
            .flat_map(|b| &b.patterns)
            .flat_map(|p| p.before.iter().chain(&p.after))
            .any(|t| t.token == Token::Open('('))
    }

    /// Number of patterns over all blocks.
    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }

    /// The phrases of a synset, nested synsets expanded (cycles cut), upper-case words each.
    pub fn synset_phrases(&self, name: &str) -> Vec<(Vec<String>, bool)> {
        let mut out = Vec::new();
        let mut stack = vec![name.to_string()];
        let mut seen = std::collections::HashSet::new();
        while let Some(n) = stack.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            let Some(s) = self.synsets.get(&n) else {
                continue;
            };
            for m in &s.members {
                match m {
                    SynsetMember::Phrase { words, plurals } => {
                        out.push((words.clone(), *plurals && s.plurals))
                    }
                    SynsetMember::Synset(inner) => stack.push(inner.clone()),
                }
            }
        }
        out
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

/// `042`, `042:043`, `:173`, `---` (null).
fn parse_code(inside: &str) -> EventCode {
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
fn split_code<'a>(
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

/// `VERB {FORMS} [code]`, `+ASK_FOR {+ASKED_FOR} [020]`, `KLM_NOP_+RST [002]`.
fn parse_verb(file: &str, line: usize, body: &str) -> Result<VerbEntry, EventsError> {
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
fn parse_pattern(
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

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
<!-- a team-written sample in PETRARCH syntax -->
&MONEY_
+DOLLARS
+SWISS FRANCS
+&COINS

&COINS
+GOLD_COIN_

--- GRANT  [070]  ---
GRANT   # a comment
GIVE {GAVE GIVEN} [071]
+HAND_OVER {+HANDED_OVER , +HANDS_OVER}
- * &MONEY  [0711]
- IN_* (TO +) [072:073]
- $ * ^ &NOWHERE [099]
- * (TO [075]
- SPY_*_DEAL [---]

~ a (a b ATTACK) SAY = a b 015
";

    fn dict() -> VerbDictionary {
        match VerbDictionary::parse("sample.verbs", SAMPLE) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn synsets_blocks_verbs_and_patterns_are_read() {
        let d = dict();
        assert_eq!(d.blocks.len(), 1);
        let b = &d.blocks[0];
        assert_eq!(b.code.forward.as_deref(), Some("070"));
        assert_eq!(b.verbs.len(), 3);
        assert!(b.verbs[1].forms.iter().any(|f| f == &["GAVE"]));
        assert!(b.verbs[0].forms.iter().any(|f| f == &["GRANTED"]));
        assert_eq!(b.verbs[2].words, vec!["HAND", "OVER"]);
        assert!(b.verbs[2].forms.iter().any(|f| f == &["HANDED", "OVER"]));
        assert!(b.verbs[2].forms.iter().all(|f| f.iter().all(|w| w != ",")));
        assert_eq!(d.transformations.len(), 1);
    }

    #[test]
    fn pattern_markers_codes_and_adjacency_are_kept() {
        let d = dict();
        let p = &d.blocks[0].patterns[1];
        assert!(p.verb_joined);
        assert_eq!(
            p.code,
            EventCode {
                forward: Some("072".into()),
                reverse: Some("073".into())
            }
        );
        assert_eq!(p.after[0].token, Token::Open('('));
        assert_eq!(p.after[2].token, Token::Target);
        let null = d.blocks[0].patterns.last().map(|p| p.code.is_null());
        assert_eq!(null, Some(true));
    }

    #[test]
    fn nested_synsets_expand_and_underscore_labels_stop_plurals() {
        let d = dict();
        let phrases = d.synset_phrases("MONEY");
        assert!(phrases.iter().any(|(w, _)| w == &["GOLD", "COIN"]));
        assert!(phrases.iter().all(|(_, plural)| !plural));
    }

    #[test]
    fn unusable_patterns_are_warned_with_file_and_line() {
        let d = dict();
        assert!(d
            .warnings
            .iter()
            .any(|w| w.starts_with("sample.verbs:16:") && w.contains("&NOWHERE")));
        assert!(d
            .warnings
            .iter()
            .any(|w| w.starts_with("sample.verbs:17:") && w.contains("unclosed")));
        assert_eq!(d.blocks[0].patterns.len(), 3);
    }

    #[test]
    fn a_pattern_written_again_in_its_block_replaces_the_earlier_one() {
        let text = "--- CHARGE [010] ---\nCHARGE\n- * FEE [012]\n- * TAX [013]\n- * FEE [014]\n";
        let d = match VerbDictionary::parse("again.verbs", text) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let codes: Vec<_> = d.blocks[0]
            .patterns
            .iter()
            .map(|p| p.code.forward.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(codes, ["013", "014"]);
        assert!(d
            .warnings
            .iter()
            .any(|w| w.starts_with("again.verbs:5:") && w.contains("line 3")));
    }

    #[test]
    fn malformed_structure_is_an_error_naming_the_line() {
        let err = VerbDictionary::parse("bad.verbs", "\n- * X [010]\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("bad.verbs:2: pattern before any `--- VERB ---` block")
        );
        let err = VerbDictionary::parse("bad.verbs", "--- A [010] ---\nA [01\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("bad.verbs:2: `[` without `]`"));
    }

    fn shared(rel: &str) -> Option<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared")
            .join(rel);
        match std::fs::read_to_string(&path) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("skipping: {} not readable ({e})", path.display());
                None
            }
        }
    }

    #[test]
    fn both_petrarch_verb_dictionaries_load() {
        for (rel, min_patterns) in [
            (
                "bench/events/petrarch2-gsr-validation/dictionaries/CAMEO.2.0.txt",
                4000,
            ),
            (
                "bench/events/petrarch2-unittest/dictionaries/PETR.Validate.verbs.txt",
                150,
            ),
        ] {
            let Some(text) = shared(rel) else { return };
            let d = match VerbDictionary::parse(rel, &text) {
                Ok(d) => d,
                Err(e) => panic!("{e}"),
            };
            eprintln!(
                "{rel}: {} blocks, {} patterns, {} synsets, {} warnings",
                d.blocks.len(),
                d.pattern_count(),
                d.synsets.len(),
                d.warnings.len()
            );
            for w in &d.warnings {
                eprintln!("  {w}");
            }
            assert!(
                d.pattern_count() >= min_patterns,
                "{rel}: {} patterns",
                d.pattern_count()
            );
        }
    }
}
