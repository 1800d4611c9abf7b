//! PLOVER gold-standard records (JSON array; format in `plover-gsr-cameo/README.md`).

use serde_json::Value;

use super::{
    normalise_date, GoldActor, GoldExpected, GoldFormat, GoldLocation, GoldRecord, GoldSet,
    PloverGold,
};
use crate::EventsError;

/// Read a PLOVER GSR JSON file. The `DOCUMENT` metadata record is skipped silently; records
/// without text or event, and malformed actor fields, are reported in `problems`.
pub fn read_plover_json(name: &str, text: &str) -> Result<GoldSet, EventsError> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| EventsError::data(name, e.line(), format!("not valid JSON: {e}")))?;
    let Value::Array(items) = value else {
        return Err(EventsError::file(name, "the top level is not a JSON array"));
    };
    let mut set = GoldSet {
        format: GoldFormat::PloverJson,
        records: Vec::new(),
        environment: Default::default(),
        problems: Vec::new(),
    };
    for (i, item) in items.iter().enumerate() {
        let id = str_field(item, "id").unwrap_or_else(|| format!("#{i}"));
        let event = str_field(item, "event").unwrap_or_default();
        if event == "DOCUMENT" {
            continue;
        }
        let mut problems = Vec::new();
        let Some(text) = str_field(item, "text").filter(|t| !t.trim().is_empty()) else {
            set.problems.push(format!("{id}: no text; skipped"));
            continue;
        };
        if event.is_empty() {
            set.problems.push(format!("{id}: no event; skipped"));
            continue;
        }
        let source = actors(item.get("source"), "source", &mut problems);
        let target = actors(item.get("target"), "target", &mut problems);
        let location = item.get("eventLoc").and_then(|l| {
            let name = str_field(l, "name")?;
            Some(GoldLocation {
                name,
                country: str_field(l, "country code"),
            })
        });
        let category = id.split('-').nth(2).map(String::from);
        let gold = PloverGold {
            event,
            mode: str_field(item, "mode").filter(|m| !m.trim().is_empty()),
            contexts: str_field(item, "context")
                .map(|c| {
                    c.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            source,
            target,
            event_text: str_field(item, "eventText").unwrap_or_default(),
            location,
        };
        for p in problems {
            set.problems.push(format!("{id}: {p}"));
        }
        set.records.push(GoldRecord {
            date: str_field(item, "date").and_then(|d| normalise_date(&d)),
            id,
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            category,
            options: Vec::new(),
            evaluate: true,
            expected: GoldExpected::Plover(gold),
        });
    }
    Ok(set)
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An actor list: an array of `{actorText, code, sector?}`; `""` or absent means none; any
/// other string (one record holds `"diplomatic"`) is reported and treated as none.
fn actors(v: Option<&Value>, what: &str, problems: &mut Vec<String>) -> Vec<GoldActor> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) if s.trim().is_empty() => Vec::new(),
        Some(Value::String(s)) => {
            problems.push(format!(
                "{what} is the string {s:?}, not an actor list; treated as none"
            ));
            Vec::new()
        }
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|a| {
                let code = str_field(a, "code");
                if code.is_none() {
                    problems.push(format!("a {what} actor has no code; dropped"));
                }
                Some(GoldActor {
                    text: str_field(a, "actorText").unwrap_or_default(),
                    code: code?,
                    sector: str_field(a, "sector").filter(|s| !s.is_empty()),
                })
            })
            .collect(),
        Some(other) => {
            problems.push(format!(
                "{what} is {other}, not an actor list; treated as none"
            ));
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"[
      {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "meta"},
      {"id": "PLOVER-GSR01-AGREE-0001", "date": "2000-01-01", "event": "AGREE",
       "source": [{"actorText": "Ruritania", "code": "RUR"}, {"actorText": "Elbonia", "code": "ELB"}],
       "target": "", "eventText": "agreed", "context": "military, diplomatic",
       "text": "Ruritania and Elbonia agreed to hold joint drills."},
      {"id": "PLOVER-GSR01-FIGHT-0002", "event": "FIGHT", "mode": "heavy-weapons",
       "source": [{"actorText": "rebels", "code": "RUR", "sector": "REB"}],
       "target": "diplomatic", "eventLoc": {"name": "Strelsau", "country code": "RU"},
       "text": "Rebels shelled the  capital."},
      {"id": "PLOVER-GSR01-AGREE-0003", "event": "AGREE"}
    ]"#;

    #[test]
    fn records_read_with_actor_lists_and_metadata_skipped() {
        let set = match read_plover_json("gsr.json", SAMPLE) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(set.records.len(), 2);
        let r = &set.records[0];
        assert_eq!(r.date.as_deref(), Some("2000-01-01"));
        assert_eq!(r.category.as_deref(), Some("AGREE"));
        let GoldExpected::Plover(g) = &r.expected else {
            panic!("not a PLOVER record")
        };
        assert_eq!(g.source.len(), 2);
        assert!(g.target.is_empty());
        assert_eq!(g.contexts, vec!["military", "diplomatic"]);
    }

    #[test]
    fn odd_target_string_and_missing_text_are_reported_not_fatal() {
        let set = read_plover_json("gsr.json", SAMPLE)
            .map(|s| s.problems)
            .unwrap_or_default();
        assert!(set
            .iter()
            .any(|p| p.contains("FIGHT-0002") && p.contains("diplomatic")));
        assert!(set
            .iter()
            .any(|p| p.contains("AGREE-0003") && p.contains("no text")));
    }

    #[test]
    fn location_and_sector_are_kept() {
        let set = read_plover_json("gsr.json", SAMPLE).ok();
        let r = set.as_ref().and_then(|s| s.records.get(1));
        let Some(GoldExpected::Plover(g)) = r.map(|r| &r.expected) else {
            panic!("missing")
        };
        assert_eq!(
            g.location.as_ref().map(|l| l.name.as_str()),
            Some("Strelsau")
        );
        assert_eq!(g.source[0].sector.as_deref(), Some("REB"));
        assert_eq!(
            r.map(|r| r.text.as_str()),
            Some("Rebels shelled the capital.")
        );
    }

    #[test]
    fn invalid_json_names_the_line() {
        let err = read_plover_json("gsr.json", "[\n{\"id\": }\n]")
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("gsr.json:2:")));
    }
}
