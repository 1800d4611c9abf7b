//! The team's event pattern dictionary (`data/events/patterns.txt`).
//!
//! One rule per line: a CAMEO code (optionally `/mode` for the PLOVER mode), a trigger, and
//! options saying where the actors are:
//!
//! ```text
//! 040    ~talk           target=with|to          # "talks with Afghanistan"
//! 0233   ~send..aid      target=to
//! 1384/violence ~threaten_to_~attack             # `_` adjacent, `..` a short gap
//! 100    demand          source=poss target=that|from   # "Pakistan's demand that Kabul ..."
//! ```
//!
//! - `CODE@CATEGORY` overrides the PLOVER category the CAMEO map gives (`0831@RETREAT/resign`).
//! - Trigger words are joined by `_` (next word) or `..` (up to a few words between). A word
//!   starting with `~` is a verb: it matches its regular forms (`~attack`: attack, attacks,
//!   attacked, attacking) plus irregular ones listed in braces (`~say{said}`). Other words match
//!   themselves and their regular plural. Matching ignores case.
//! - `source=` where the source actor is: `subj` (default: the actor before the trigger, or the
//!   actor after `by` in the passive), `poss` (possessor: "Pakistan's demand"), a preposition
//!   (`from`, `by`, `of`...), or `none`.
//! - `target=` where the target is: `obj` (default: the first actor after the trigger with no
//!   preposition before it), `subj` (the clause subject, for nominal triggers such as
//!   "requests from X"), one or more prepositions joined by `|` (`with|to`), `that` (the actor
//!   after a following "that"), or `none`.
//! - `report`: a reporting verb that is an event only when what it reports is not one
//!   ("warned that X will attack" codes the attack threat, not a warning).
//! - `object=party`: the verb has this sense only when its object (in the passive, its
//!   subject), if the tree gives it one, can be a party: an actor, a name, a pronoun or a
//!   person or group noun ("released the prisoners", not "released the transcript").
//! - `object=needed`: as `object=party`, and the sense needs the object: "wants Iraq to
//!   leave" asks Iraq, "wants to leave" is the subject's own wish, no request.
//! - `object=person`: as `object=party`, and the one acted on is a person or a group of
//!   people, not a country, an organisation or a place: one beats or stabs people; "Russia
//!   beat Croatia" and "Shopify beats WordPress" are contests.
//! - `addressee=SECTOR`: with no target named, the act answers the one kind of body it
//!   always answers, a sector code appended to the doer's country (`addressee=JUD`: "Noel
//!   pleaded not guilty" rejects the prosecution's charges).
//! - `agent=SECTOR`: in the passive with no agent named, the act is done by the one kind of
//!   body that does it, a sector code appended to the country of the one acted on
//!   (`agent=COP`: "Carlineo was arrested" is the police's arrest; `agent=JUD`: "he was
//!   convicted" is a court's conviction).

use attache_model::PloverCategory;

use crate::EventsError;

/// Where a pattern finds an actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// The clause subject: the nearest actor before the trigger that is not in a
    /// prepositional phrase (or, in the passive, the `by` phrase for the source).
    Subject,
    /// The first actor after the trigger with no preposition before it.
    Object,
    /// The possessor right before a nominal trigger ("Pakistan's demand").
    Possessor,
    /// The first actor after one of these prepositions following the trigger.
    After(Vec<String>),
    /// The first actor after the trigger, whatever precedes it (PETRARCH-style).
    AnyAfter,
    /// No actor in this role.
    Nothing,
}

/// One element of a trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerWord {
    /// Lower-case surface forms that match.
    pub forms: Vec<String>,
    /// True when this is a verb (`~word`).
    pub verb: bool,
    /// True when it must follow the previous element directly (`_`); false after `..`.
    pub adjacent: bool,
}

/// One rule of the team pattern dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamPattern {
    /// Line in the file.
    pub line: usize,
    /// The line as written (without comment), for the `rule` field of events.
    pub text: String,
    /// CAMEO code.
    pub code: String,
    /// PLOVER category override (`CODE@CATEGORY`), when the CAMEO map's category is not the
    /// one meant (a resignation is CAMEO 0831 but PLOVER RETREAT).
    pub category: Option<PloverCategory>,
    /// PLOVER mode override (`CODE/mode`).
    pub mode: Option<String>,
    /// The trigger, first element first.
    pub trigger: Vec<TriggerWord>,
    /// Where the source is: alternatives tried in order.
    pub source: Vec<Slot>,
    /// Where the target is: alternatives tried in order.
    pub target: Vec<Slot>,
    /// A reporting verb (see the module docs).
    pub report: bool,
    /// The object must be able to be a party (`object=party`, see the module docs).
    pub object_party: bool,
    /// The sense needs an object (`object=needed`, see the module docs).
    pub object_needed: bool,
    /// The one acted on must be a person or a group of people (`object=person`, see the
    /// module docs).
    pub object_person: bool,
    /// The sector of the implied doer of an agentless passive (`agent=COP`, see the module
    /// docs).
    pub implied_agent: Option<String>,
    /// The sector of the body an act with no named target answers (`addressee=JUD`, see
    /// the module docs).
    pub implied_addressee: Option<String>,
}

/// Parse a pattern dictionary; `file` names it in errors.
pub fn parse_patterns(file: &str, text: &str) -> Result<Vec<TeamPattern>, EventsError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let body = raw.split('#').next().unwrap_or("").trim();
        if body.is_empty() {
            continue;
        }
        let err = |p: String| EventsError::data(file, line, p);
        let mut parts = body.split_whitespace();
        let (Some(code_part), Some(trigger_part)) = (parts.next(), parts.next()) else {
            return Err(err("a rule needs a code and a trigger".into()));
        };
        let (code, mode) = match code_part.split_once('/') {
            Some((c, m)) => (c, Some(m.to_string())),
            None => (code_part, None),
        };
        let (code, category) = match code.split_once('@') {
            Some((c, cat)) => {
                let cat = PloverCategory::from_name(cat)
                    .ok_or_else(|| err(format!("`{cat}` is not a PLOVER 2.0 category")))?;
                (c, Some(cat))
            }
            None => (code, None),
        };
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(format!("`{code}` is not a CAMEO code")));
        }
        let trigger = parse_trigger(trigger_part).map_err(err)?;
        let mut rule = TeamPattern {
            line,
            text: body.to_string(),
            code: code.to_string(),
            category,
            mode,
            trigger,
            source: vec![Slot::Subject],
            target: vec![Slot::Object],
            report: false,
            object_party: false,
            object_needed: false,
            object_person: false,
            implied_agent: None,
            implied_addressee: None,
        };
        for opt in parts {
            match opt.split_once('=') {
                Some(("source", v)) => rule.source = parse_slot(v).map_err(err)?,
                Some(("target", v)) => rule.target = parse_slot(v).map_err(err)?,
                None if opt == "report" => rule.report = true,
                Some(("object", "party")) => rule.object_party = true,
                Some(("object", "needed")) => {
                    rule.object_party = true;
                    rule.object_needed = true;
                }
                Some(("object", "person")) => {
                    rule.object_party = true;
                    rule.object_person = true;
                }
                Some((role @ ("agent" | "addressee"), v)) => {
                    if !(v.len() == 3 && v.bytes().all(|b| b.is_ascii_uppercase())) {
                        return Err(err(format!(
                            "`{role}={v}`: the {role} is a three-letter sector code (COP, JUD)"
                        )));
                    }
                    if role == "agent" {
                        rule.implied_agent = Some(v.to_string());
                    } else {
                        rule.implied_addressee = Some(v.to_string());
                    }
                }
                _ => return Err(err(format!("unknown option `{opt}`"))),
            }
        }
        out.push(rule);
    }
    Ok(out)
}

/// `a|b|c`: alternatives tried in order; neighbouring prepositions form one [`Slot::After`].
fn parse_slot(v: &str) -> Result<Vec<Slot>, String> {
    let mut out: Vec<Slot> = Vec::new();
    for part in v.split('|').map(|p| p.trim().to_lowercase()) {
        let slot = match part.as_str() {
            "subj" => Slot::Subject,
            "obj" => Slot::Object,
            "poss" => Slot::Possessor,
            "any" => Slot::AnyAfter,
            "none" => Slot::Nothing,
            p if !p.is_empty() && p.chars().all(|c| c.is_ascii_alphabetic()) => {
                if let Some(Slot::After(preps)) = out.last_mut() {
                    preps.push(p.to_string());
                    continue;
                }
                Slot::After(vec![p.to_string()])
            }
            _ => {
                return Err(format!(
                    "`{v}` is not a slot (subj, obj, poss, any, none, or prepositions)"
                ))
            }
        };
        out.push(slot);
    }
    Ok(out)
}

fn parse_trigger(t: &str) -> Result<Vec<TriggerWord>, String> {
    let mut out = Vec::new();
    let mut adjacent = true;
    let mut rest = t;
    while !rest.is_empty() {
        let cut = [rest.find('_'), rest.find("..")]
            .into_iter()
            .flatten()
            .min();
        let (word, next_adjacent, tail) = match cut {
            Some(i) if rest[i..].starts_with("..") => (&rest[..i], false, &rest[i + 2..]),
            Some(i) => (&rest[..i], true, &rest[i + 1..]),
            None => (rest, true, ""),
        };
        if word.is_empty() {
            return Err(format!("empty word in trigger `{t}`"));
        }
        out.push(parse_word(word, adjacent)?);
        adjacent = next_adjacent;
        rest = tail;
        if cut.is_some() && rest.is_empty() {
            return Err(format!("trigger `{t}` ends with a joiner"));
        }
    }
    Ok(out)
}

fn parse_word(w: &str, adjacent: bool) -> Result<TriggerWord, String> {
    let (verb, w) = match w.strip_prefix('~') {
        Some(v) => (true, v),
        None => (false, w),
    };
    let (base, listed) = match w.find('{') {
        Some(i) => {
            let inner = w[i + 1..]
                .strip_suffix('}')
                .ok_or_else(|| format!("`{w}`: `{{` without `}}`"))?;
            (
                &w[..i],
                inner
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>(),
            )
        }
        None => (w, vec![]),
    };
    if base.is_empty()
        || !base
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
    {
        return Err(format!("`{base}` is not a word"));
    }
    let base = base.to_lowercase();
    let mut forms = if verb {
        crate::inflect::verb_forms(&base)
    } else {
        vec![base.clone()]
    };
    if !verb {
        let plural = crate::inflect::noun_plural(&base);
        if plural != base {
            forms.push(plural);
        }
    }
    forms.extend(listed.iter().map(|s| s.to_lowercase()));
    let mut seen = std::collections::HashSet::new();
    forms.retain(|f| seen.insert(f.clone()));
    Ok(TriggerWord {
        forms,
        verb,
        adjacent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> TeamPattern {
        match parse_patterns("p.txt", line).map(|mut v| v.pop()) {
            Ok(Some(p)) => p,
            Ok(None) => panic!("no rule"),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn verbs_inflect_and_irregular_forms_are_added() {
        let p = one("010 ~say{said} report");
        let forms = &p.trigger[0].forms;
        for f in ["say", "says", "said", "saying"] {
            assert!(forms.iter().any(|x| x == f), "{f}");
        }
        assert!(p.report);
    }

    #[test]
    fn joiners_set_adjacency_and_slots_parse() {
        let p = one("1384/violence ~threaten_to..~attack target=with|against source=poss");
        assert_eq!(p.trigger.len(), 3);
        assert!(p.trigger[1].adjacent && !p.trigger[2].adjacent);
        assert_eq!(p.mode.as_deref(), Some("violence"));
        assert_eq!(
            p.target,
            vec![Slot::After(vec!["with".into(), "against".into()])]
        );
        assert_eq!(p.source, vec![Slot::Possessor]);
        let p = one("100 demand source=poss|subj target=that|from|obj");
        assert_eq!(p.source, vec![Slot::Possessor, Slot::Subject]);
        assert_eq!(
            p.target,
            vec![
                Slot::After(vec!["that".into(), "from".into()]),
                Slot::Object
            ]
        );
        let p = one("0831@RETREAT/resign ~resign target=none");
        assert_eq!(p.category, Some(PloverCategory::Retreat));
        assert_eq!(p.target, vec![Slot::Nothing]);
    }

    #[test]
    fn nouns_match_their_plural() {
        let p = one("040 talk target=with");
        assert_eq!(p.trigger[0].forms, vec!["talk", "talks"]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = parse_patterns("p.txt", "# c\n040 ~talk target=wi th\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("p.txt:2: unknown option `th`"));
        let e = parse_patterns("p.txt", "04x ~talk\n")
            .err()
            .map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("p.txt:1: `04x` is not a CAMEO code"));
        assert!(parse_patterns("p.txt", "040 ~talk_\n").is_err());
    }
}
