//! The team's dictionary format: one entry per line.
//!
//! ```text
//! # kind      | codes                                   | name            | aliases
//! country     | TUR                                     | Türkiye         | Turkey; Republic of Türkiye
//! armed_group | AFGREB ..2021-08-14, AFGGOV 2021-08-15.. | Afghan Taliban  | Taliban; the Taliban
//! ```
//!
//! - `kind`: country, demonym, capital, place, government, person, armed_group,
//!   organisation, group, title, agent, attached (see [`EntryKind`]).
//! - `codes`: comma-separated roles, each a code with an optional inclusive date range
//!   `FROM..TO` (days as `YYYY-MM-DD`, either end may be left open). The first role whose
//!   range holds the article day wins; a role without dates is the default. For title,
//!   agent and attached lines the code is a sector (`GOV`), appended to the country code;
//!   written `NGO~` it goes before it instead (PETRARCH's convention).
//! - `name`: the canonical name, also matched.
//! - `aliases`: optional, separated by `;`. Case as written decides matching: all capitals
//!   match only in capitals (`US`, never "us"), a leading capital needs one, lowercase
//!   matches any case.
//! - `#` starts a comment line; blank lines are skipped.

use std::sync::Arc;

use super::{ActorDictionary, Entry, EntryKind, Origin, Role, Source};
use crate::codes::is_valid_code;
use crate::date::Day;
use crate::NlpError;

pub(super) fn parse(text: &str, file: &str, source: Source) -> Result<ActorDictionary, NlpError> {
    let file_arc: Arc<str> = Arc::from(file);
    let mut dict = ActorDictionary::new();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |problem: String| NlpError::dictionary(file, line_no, problem);
        let fields: Vec<&str> = line.split('|').map(str::trim).collect();
        if fields.len() < 3 || fields.len() > 4 {
            return Err(err(format!(
                "expected `kind | codes | name | aliases` (3 or 4 fields separated by `|`), found {} field(s)",
                fields.len()
            )));
        }
        let kind = EntryKind::parse(fields[0]).ok_or_else(|| {
            err(format!(
                "unknown kind `{}` (expected country, demonym, capital, place, government, person, \
                 armed_group, organisation, group, title, agent or attached)",
                fields[0]
            ))
        })?;
        let (roles, prefix) = parse_roles(fields[1], kind).map_err(err)?;
        let name = fields[2];
        if name.is_empty() {
            return Err(err("the name field is empty".into()));
        }
        let aliases: Vec<&str> = fields
            .get(3)
            .map(|a| {
                a.split(';')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let entry = Entry {
            kind,
            name: name.to_string(),
            roles,
            prefix,
            source,
            origin: Origin {
                file: file_arc.clone(),
                line: line_no as u32,
            },
        };
        dict.add(entry, &aliases, None);
    }
    Ok(dict)
}

/// `AFGREB ..2021-08-14, AFGGOV 2021-08-15..` into roles; for sector kinds also whether the
/// sector is a prefix (`NGO~`).
fn parse_roles(field: &str, kind: EntryKind) -> Result<(Vec<Role>, bool), String> {
    let mut roles = Vec::new();
    let mut prefix = false;
    for part in field.split(',').map(str::trim) {
        if part.is_empty() {
            return Err("empty code in the codes field".into());
        }
        let mut words = part.split_whitespace();
        let mut code = words.next().unwrap_or_default().to_string();
        if kind.is_sector() {
            if let Some(stripped) = code.strip_suffix('~') {
                prefix = true;
                code = stripped.to_string();
            } else if let Some(stripped) = code.strip_prefix('~') {
                code = stripped.to_string();
            }
        }
        if !is_valid_code(&code) {
            return Err(format!(
                "`{code}` is not a code (3+ capitals, digits or `-`, e.g. PAKGOV)"
            ));
        }
        let (from, to) = match words.next() {
            None => (None, None),
            Some(range) => parse_range(range)?,
        };
        if let Some(extra) = words.next() {
            return Err(format!(
                "unexpected `{extra}` after the date range of `{code}`"
            ));
        }
        roles.push(Role { code, from, to });
    }
    Ok((roles, prefix))
}

fn parse_range(range: &str) -> Result<(Option<Day>, Option<Day>), String> {
    let (a, b) = range.split_once("..").ok_or_else(|| {
        format!("`{range}` is not a date range (expected FROM..TO, e.g. 2024-03-11..)")
    })?;
    let day = |s: &str| -> Result<Option<Day>, String> {
        if s.is_empty() {
            Ok(None)
        } else {
            Day::parse(s)
                .map(Some)
                .ok_or_else(|| format!("`{s}` is not a day (expected YYYY-MM-DD)"))
        }
    };
    let (from, to) = (day(a)?, day(b)?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(format!("date range `{range}` ends before it starts"));
        }
    }
    if from.is_none() && to.is_none() {
        return Err("the date range `..` has no end at all; leave it out instead".into());
    }
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dated_roles_and_aliases() {
        let text = "armed_group | AFGREB ..2021-08-14, AFGGOV 2021-08-15.. | Afghan Taliban | Taliban; the Taliban\n";
        let dict = parse(text, "t.txt", Source::Builtin).expect("parses");
        let e = &dict.entries()[0];
        assert_eq!(e.roles.len(), 2);
        assert_eq!(e.code_at(Day::new(2020, 1, 1)), "AFGREB");
        assert_eq!(dict.aliases().len(), 3);
    }

    #[test]
    fn errors_name_the_file_line_and_problem() {
        let text = "# ok\ncountry | PAK | Pakistan\nperson | PAKGOV 2024-13-01.. | X\n";
        let err = parse(text, "people.txt", Source::User).expect_err("bad day");
        assert_eq!(
            err.to_string(),
            "people.txt:3: `2024-13-01` is not a day (expected YYYY-MM-DD)"
        );
        let err = parse("nation | PAK | Pakistan", "x.txt", Source::User).expect_err("bad kind");
        assert!(err
            .to_string()
            .starts_with("x.txt:1: unknown kind `nation`"));
        let err = parse("country | pak | Pakistan", "x.txt", Source::User).expect_err("bad code");
        assert!(err.to_string().contains("`pak` is not a code"));
        let err = parse("country | PAK", "x.txt", Source::User).expect_err("few fields");
        assert!(err.to_string().contains("found 2 field(s)"));
    }

    #[test]
    fn sector_codes_may_be_prefixes() {
        let dict = parse("agent | NGO~ | rights group", "a.txt", Source::User).expect("parses");
        assert!(dict.entries()[0].prefix);
        assert_eq!(dict.entries()[0].roles[0].code, "NGO");
    }
}
