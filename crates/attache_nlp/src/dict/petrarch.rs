//! Loaders for PETRARCH/TABARI actor and agent dictionaries (the format is described in
//! PETRARCH-2's `docs/source/dictionaries.rst`; this is the team's own reading of it).
//!
//! Actors:
//! ```text
//! AFGHANISTAN_  [AFG]          primary phrase, optional default code
//! +KABUL_                      synonym
//! KHAWAJA_ASIF_                a person whose codes follow on indented lines
//!     [PAKGOV 130607-180426]   dated role: `D-D` between, `<D` before, `>D` after
//!     [PAKELI]                 undated role: the default
//! ```
//! Agents:
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      substitution marker
//! POLICE!PERSON!  [~COP]                         every marker value, no plural
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]    explicit plural; `{}` = none
//! HUMAN_RIGHTS_BODY [NGO~]                       sector before the actor code
//! ```
//! Comments: `#` and `;` to the end of the line, `<!-- ... -->` (also over several lines).
//! Underscores and spaces both separate words; words must be consecutive (the format lets
//! a blank in an agent phrase stand for a gap of other words; PETRARCH-2 itself matches
//! consecutive words only, and so does the team's matcher). A phrase's open last word is a
//! stem when the file's own words say so (`DEFENSE_MINIST`: see `stems.rs`).

use std::collections::HashMap;
use std::sync::Arc;

use attache_model::petrarch_format::strip_comments;
use attache_model::ActorKind;

use super::stems::Stems;
use super::{ActorDictionary, CaseRule, Entry, EntryKind, Origin, Role, Source};
use crate::codes::{is_valid_code, kind_of};
use crate::date::Day;
use crate::NlpError;

/// Single-word PETRARCH names this short are acronyms ("UN", "US", "IRA") and must be
/// written in capitals to match; PETRARCH writes every entry in capitals, so case as
/// written cannot tell.
const MAX_ACRONYM_LETTERS: usize = 3;

struct Record {
    phrases: Vec<String>,
    roles: Vec<Role>,
    line: usize,
}

pub(super) fn parse_actors(text: &str, file: &str) -> Result<ActorDictionary, NlpError> {
    let file_arc: Arc<str> = Arc::from(file);
    let mut dict = ActorDictionary::new();
    let mut in_comment = false;
    let mut current: Option<Record> = None;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let err = |problem: String| NlpError::dictionary(file, line_no, problem);
        let line = strip_comments(raw, &mut in_comment);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut problems = Vec::new();
        let (phrase, roles) = split_codes(line, &mut problems).map_err(err)?;
        dict.warnings.extend(
            problems
                .into_iter()
                .map(|p| format!("{file}:{line_no}: {p}")),
        );
        if let Some(synonym) = line.strip_prefix('+') {
            let record = current
                .as_mut()
                .ok_or_else(|| err("synonym line `+...` before any actor".into()))?;
            let (phrase, _) = split_codes(synonym, &mut Vec::new()).map_err(err)?;
            if !phrase.is_empty() {
                record.phrases.push(phrase);
            }
            record.roles.extend(roles);
        } else if line.starts_with('[') {
            let record = current
                .as_mut()
                .ok_or_else(|| err("code line `[...]` before any actor".into()))?;
            record.roles.extend(roles);
        } else {
            if let Some(done) = current.take() {
                finish_actor(&mut dict, done, &file_arc);
            }
            if phrase.is_empty() {
                return Err(err("actor line without a phrase".into()));
            }
            current = Some(Record {
                phrases: vec![phrase],
                roles,
                line: line_no,
            });
        }
    }
    if in_comment {
        return Err(NlpError::dictionary(
            file,
            text.lines().count(),
            "`<!--` comment never closed",
        ));
    }
    if let Some(done) = current.take() {
        finish_actor(&mut dict, done, &file_arc);
    }
    Ok(dict)
}

/// Turn a finished record into an entry. A record without any code is PETRARCH's null
/// actor: nothing to resolve it to, so it is left out.
fn finish_actor(dict: &mut ActorDictionary, record: Record, file: &Arc<str>) {
    if record.roles.is_empty() {
        return;
    }
    let dated = record
        .roles
        .iter()
        .any(|r| r.from.is_some() || r.to.is_some());
    let first = &record.roles[0].code;
    let kind = if dated {
        EntryKind::Person
    } else {
        match kind_of(first) {
            ActorKind::Country => EntryKind::Country,
            ActorKind::Government => EntryKind::Government,
            ActorKind::ArmedGroup => EntryKind::ArmedGroup,
            ActorKind::Organisation => EntryKind::Organisation,
            _ => EntryKind::Group,
        }
    };
    let entry = Entry {
        kind,
        name: pretty_name(&record.phrases[0]),
        roles: record.roles,
        prefix: false,
        source: Source::Petrarch,
        origin: Origin {
            file: file.clone(),
            line: record.line as u32,
        },
    };
    let id = dict.add_entry_only(entry);
    for phrase in &record.phrases {
        let single = !phrase.contains(' ');
        let letters = phrase.chars().filter(|c| c.is_alphabetic()).count();
        let case = if single && letters <= MAX_ACRONYM_LETTERS {
            CaseRule::Exact
        } else {
            CaseRule::Capitalized
        };
        dict.push_alias(id, phrase, case);
    }
}

pub(super) fn parse_agents(text: &str, file: &str) -> Result<ActorDictionary, NlpError> {
    let file_arc: Arc<str> = Arc::from(file);
    let mut dict = ActorDictionary::new();
    let mut in_comment = false;
    let mut macros: HashMap<String, Vec<String>> = HashMap::new();
    let mut stems = Stems::default();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let err = |problem: String| NlpError::dictionary(file, line_no, problem);
        let line = strip_comments(raw, &mut in_comment);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') && line.contains('=') && !line.contains('[') {
            let (name, values) = line.split_once('=').unwrap_or((line, ""));
            let name = name.trim();
            if !(name.len() > 2 && name.ends_with('!')) {
                return Err(err(format!(
                    "substitution marker `{name}` must be written `!NAME!`"
                )));
            }
            let values: Vec<String> = values
                .split(',')
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            if values.is_empty() {
                return Err(err(format!("substitution marker `{name}` has no values")));
            }
            values.iter().for_each(|v| stems.note_words(v));
            macros.insert(name.to_string(), values);
            continue;
        }
        let Some(open) = line.find('[') else {
            // "ISLAMIC_EXTREMIST" alone in Phoenix.agents.txt: nothing to code it as.
            dict.warnings.push(format!(
                "{file}:{line_no}: agent line without a `[code]`, skipped"
            ));
            continue;
        };
        let close = match line[open..].find(']') {
            Some(i) => open + i,
            // "DEPARMENT_OF_ENVIRONMENT [~ENV}" in Phoenix.agents.txt: a slip, read as meant.
            None => match line[open..].find('}') {
                Some(i) => {
                    dict.warnings
                        .push(format!("{file}:{line_no}: `[` closed by `}}`, read as `]`"));
                    open + i
                }
                None => return Err(err("unclosed `[`".into())),
            },
        };
        let code_text: String = line[open + 1..close]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let (code, prefix) = if let Some(c) = code_text.strip_prefix('~') {
            (c.to_ascii_uppercase(), false)
        } else if let Some(c) = code_text.strip_suffix('~') {
            (c.to_ascii_uppercase(), true)
        } else {
            (code_text.to_ascii_uppercase(), false)
        };
        if !is_valid_code(&code) {
            return Err(err(format!(
                "`{code_text}` is not an agent code (expected ~ABC or ABC~)"
            )));
        }
        let mut head = line[..open].trim();
        let mut plurals: Option<Vec<String>> = None;
        if let Some(brace) = head.find('{') {
            let end = head[brace..]
                .find('}')
                .map(|i| brace + i)
                .ok_or_else(|| err("unclosed `{`".into()))?;
            plurals = Some(head[brace + 1..end].split_whitespace().map(words).collect());
            head = head[..brace].trim();
        }
        if head.is_empty() {
            return Err(err("agent line without a phrase".into()));
        }
        let no_plural = head.ends_with('_');
        let mut forms = Vec::new();
        if head.contains('!') {
            let expanded = expand_markers(head, &macros).map_err(err)?;
            forms.extend(expanded.iter().map(|s| words(s)));
        } else {
            let base = words(head);
            match &plurals {
                Some(list) => forms.extend(list.iter().cloned()),
                None if !no_plural => forms.push(plural(&base)),
                None => {}
            }
            forms.insert(0, base);
        }
        let entry = Entry {
            kind: EntryKind::Agent,
            name: forms[0].to_lowercase(),
            roles: vec![Role::always(code)],
            prefix,
            source: Source::Petrarch,
            origin: Origin {
                file: file_arc.clone(),
                line: line_no as u32,
            },
        };
        let id = dict.add_entry_only(entry);
        for form in &forms {
            dict.push_alias(id, form, CaseRule::Any);
        }
        let open = !no_plural && plurals.is_none() && !head.contains('!');
        match forms.split_first() {
            Some((base, others)) if !head.contains('!') => {
                stems.note_phrase(id, base, open);
                others.iter().for_each(|f| stems.note_words(f));
            }
            _ => forms.iter().for_each(|f| stems.note_words(f)),
        }
    }
    let mut named = std::collections::HashSet::new();
    for (id, phrase) in stems.expansions() {
        dict.push_alias(id, &phrase, CaseRule::Any);
        // The entry is named after its first whole form ("defense minister"), not the stem.
        if named.insert(id) {
            if let Some(e) = dict.entries.get_mut(id as usize) {
                e.name = phrase.to_lowercase();
            }
        }
    }
    Ok(dict)
}

/// Every expansion of the `!MARKER!`s in `phrase`.
fn expand_markers(
    phrase: &str,
    macros: &HashMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    let mut out = vec![phrase.to_string()];
    while let Some(start) = out[0].find('!') {
        let end = out[0][start + 1..]
            .find('!')
            .map(|i| start + 1 + i)
            .ok_or_else(|| format!("unclosed substitution marker in `{phrase}`"))?;
        let marker = out[0][start..=end].to_string();
        let values = macros
            .get(&marker)
            .ok_or_else(|| format!("undefined substitution marker `{marker}`"))?;
        let marker = marker.as_str();
        out = out
            .iter()
            .flat_map(|p| values.iter().map(move |v| p.replacen(marker, v, 1)))
            .collect();
    }
    Ok(out)
}

/// The regular plural PETRARCH generates for the last word: +S, Y -> IES, SS -> SSES.
fn plural(phrase: &str) -> String {
    let upper = phrase.to_ascii_uppercase();
    let before_y = upper
        .len()
        .checked_sub(2)
        .and_then(|i| upper.as_bytes().get(i))
        .copied();
    if upper.ends_with('Y') && !matches!(before_y, Some(b'A' | b'E' | b'O' | b'U')) {
        format!("{}ies", &phrase[..phrase.len() - 1])
    } else if upper.ends_with("SS")
        || upper.ends_with("CH")
        || upper.ends_with("SH")
        || upper.ends_with('X')
    {
        format!("{phrase}es")
    } else {
        format!("{phrase}s")
    }
}

/// Underscores to spaces, trailing underscore dropped.
fn words(phrase: &str) -> String {
    phrase
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "AFGHAN_NATIONAL_ARMY_" -> "Afghan National Army".
fn pretty_name(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The phrase before the first `[` (words joined by spaces) and the roles in every `[...]`;
/// roles with unreadable dates are left out and described in `warnings`.
fn split_codes(line: &str, warnings: &mut Vec<String>) -> Result<(String, Vec<Role>), String> {
    let line = line.trim_start_matches('+');
    let phrase_end = line.find('[').unwrap_or(line.len());
    let phrase = words(&line[..phrase_end]);
    let mut roles = Vec::new();
    let mut rest = &line[phrase_end..];
    while let Some(open) = rest.find('[') {
        let close = rest[open..]
            .find(']')
            .map(|i| open + i)
            .ok_or("unclosed `[`")?;
        let inner = rest[open + 1..close].trim();
        if !inner.is_empty() {
            match parse_role(inner) {
                Ok(role) => roles.push(role),
                Err(problem) if problem.starts_with(DATE_WARNING) => warnings.push(problem),
                Err(problem) => return Err(problem),
            }
        }
        rest = &rest[close + 1..];
    }
    Ok((phrase, roles))
}

/// `PAKGOV 970217-991012`, `PAKGOV >20130605`, `AFGELI < 20010101` or `PAK`.
fn parse_role(inner: &str) -> Result<Role, String> {
    let mut parts = inner.split_whitespace();
    let code = parts.next().unwrap_or_default().to_ascii_uppercase();
    if !is_petrarch_code(&code) {
        return Err(format!("`{code}` is not an actor code"));
    }
    // "< 950601" is written with a space now and then.
    let restriction: String = parts.collect();
    if restriction.is_empty() {
        return Ok(Role::always(code));
    }
    let day = |s: &str| {
        Day::parse(s).ok_or_else(|| {
            BadDate(format!(
                "`{s}` is not a date (YYMMDD or YYYYMMDD) in `[{inner}]`"
            ))
        })
    };
    let dates = if let Some(d) = restriction.strip_prefix('<') {
        day(d).map(|d| (None, Some(d)))
    } else if let Some(d) = restriction.strip_prefix('>') {
        day(d).map(|d| (Some(d), None))
    } else if let Some((a, b)) = restriction.split_once('-') {
        day(a).and_then(|a| day(b).map(|b| (Some(a), Some(b))))
    } else {
        Err(BadDate(format!(
            "`{restriction}` is not a date restriction (<D, >D or D-D) in `[{inner}]`"
        )))
    };
    match dates {
        Ok((from, to)) => Ok(Role { code, from, to }),
        Err(BadDate(problem)) => Err(format!("{DATE_WARNING}{problem}")),
    }
}

/// PETRARCH codes: the team's rule plus `+`, `#` and `/`, which the unit-test dictionary
/// uses (`[+++]`, `[###]`, `[ELR/GAL]`).
fn is_petrarch_code(code: &str) -> bool {
    is_valid_code(&code.replace(['+', '#', '/'], "A"))
}

/// A date restriction that cannot be read.
struct BadDate(String);

/// Marks role problems that skip the role (a warning) rather than fail the file: the
/// field's own dictionaries carry a few such slips (`[ARMUNR 9008223-911221]`).
const DATE_WARNING: &str = "role skipped: ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_synonyms_and_dated_roles() {
        let text = "<!-- header\n still header -->\nAFGHANISTAN_  [AFG]\n+AFGHAN_ \n+KABUL_ # city\n\n\
                    KHAWAJA_ASIF_  ; legacy comment\n\t[PAKGOV 130607-180426]\n\t[PAKGOV >20240311]\n\t[PAKELI]\n";
        let dict = parse_actors(text, "t.actors.txt").expect("parses");
        assert_eq!(dict.len(), 2);
        let asif = &dict.entries()[1];
        assert_eq!(asif.kind, EntryKind::Person);
        assert_eq!(asif.code_at(Day::new(2016, 1, 1)), "PAKGOV");
        assert_eq!(asif.code_at(Day::new(2020, 1, 1)), "PAKELI");
        assert_eq!(asif.code_at(Day::new(2025, 1, 1)), "PAKGOV");
        assert_eq!(dict.aliases().iter().filter(|a| a.entry == 0).count(), 3);
    }

    #[test]
    fn bad_lines_name_file_line_and_problem() {
        let dict = parse_actors("X [PAKGOV 2013-06]\n+Y\n\t[PAK < 950601]\n", "a.actors.txt")
            .expect("a bad date is a warning");
        assert_eq!(
            dict.warnings(),
            ["a.actors.txt:1: role skipped: `2013` is not a date (YYMMDD or YYYYMMDD) in `[PAKGOV 2013-06]`"]
        );
        assert_eq!(dict.entries()[0].roles[0].to, Day::new(1995, 6, 1));
        let err = parse_actors("X [pak!]\n", "a.actors.txt").expect_err("bad code");
        assert_eq!(
            err.to_string(),
            "a.actors.txt:1: `PAK!` is not an actor code"
        );
        let err = parse_actors("+SYN\n", "a.actors.txt").expect_err("orphan synonym");
        assert!(err.to_string().contains("a.actors.txt:1: synonym line"));
        let err = parse_actors("X [PAK\n", "a.actors.txt").expect_err("unclosed");
        assert!(err.to_string().contains("unclosed `[`"));
    }

    #[test]
    fn agent_stems_stand_for_the_files_words() {
        let text = "!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES\n\
                    DEFENSE_MINIST [~GOVMIL]\nMAN [~PPL]\nMANAGER [~BUS]\n";
        let dict = parse_agents(text, "t.agents.txt").expect("parses");
        let of = |entry: u32| -> Vec<&str> {
            dict.aliases()
                .iter()
                .filter(|a| a.entry == entry)
                .map(|a| a.folded.as_str())
                .collect()
        };
        assert_eq!(
            of(0),
            [
                "defense minist",
                "defense minists",
                "defense minister",
                "defense ministers",
                "defense ministry",
                "defense ministries"
            ]
        );
        assert_eq!(dict.entries()[0].name, "defense minister");
        // A word alone is a noun with its plural, never a stem of "manager".
        assert_eq!(of(1), ["man", "mans"]);
    }

    #[test]
    fn agents_expand_markers_and_plurals() {
        let text = "!PERSON! = MAN, MEN\nPOLICE!PERSON! [~COP]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n\
                    POLICE {} [ ~COP]\nMILITIA [~REB]\nHUMAN_RIGHTS_BODY  [NGO~]\n";
        let dict = parse_agents(text, "t.agents.txt").expect("parses");
        let folded: Vec<&str> = dict.aliases().iter().map(|a| a.folded.as_str()).collect();
        assert_eq!(
            folded,
            [
                "policeman",
                "policemen",
                "attorney general",
                "attorneys general",
                "police",
                "militia",
                "militias",
                "human rights body",
                "human rights bodies"
            ]
        );
        assert!(dict.entries()[4].prefix);
        let err = parse_agents("X!Y! [~GOV]\n", "t.agents.txt").expect_err("undefined marker");
        assert!(err
            .to_string()
            .contains("undefined substitution marker `!Y!`"));
    }
}
