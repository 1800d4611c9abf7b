//! Events as CSV (RFC 4180), for a spreadsheet. Columns follow the event's JSON fields; the
//! full GDELT-shaped table comes from `attache export`.
//!
//! Text from articles can start with `=`, `+`, `-` or `@`, which spreadsheets run as a formula
//! (CSV injection); such cells get a leading `'` so they stay text.

use attache_model::EventActor;
use attache_store::StoredEvent;

/// The header row, in column order.
pub const COLUMNS: &[&str] = &[
    "id",
    "date",
    "source_codes",
    "source_names",
    "plover_type",
    "plover_mode",
    "intensity",
    "cameo",
    "goldstein",
    "quad_class",
    "target_codes",
    "target_names",
    "modality",
    "claimed_by",
    "location",
    "evidence",
    "rule",
    "num_articles",
    "num_sources",
    "first_report",
    "article_id",
    "site",
    "url",
    "title",
];

/// One CSV cell: quoted when it holds a separator, quote or line break; defused when a
/// spreadsheet would read it as a formula.
fn cell(out: &mut String, value: &str) {
    let formula =
        value.starts_with(['=', '+', '-', '@', '\t', '\r']) && value.parse::<f64>().is_err();
    let quote = formula || value.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
        if formula {
            out.push('\'');
        }
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

fn codes(actors: &[EventActor]) -> String {
    actors
        .iter()
        .map(|a| a.code.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

fn names(actors: &[EventActor]) -> String {
    actors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The CSV text of some events, header first, CRLF line ends (RFC 4180).
pub fn events_csv(events: &[StoredEvent]) -> String {
    let mut out = String::with_capacity(256 * (events.len() + 1));
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for s in events {
        let e = &s.event;
        let plover = e.plover.as_ref();
        let row = [
            s.id.clone(),
            e.date.clone().unwrap_or_default(),
            codes(&e.source),
            names(&e.source),
            opt(plover.map(|p| p.category.as_str())),
            opt(plover.and_then(|p| p.mode.clone())),
            opt(plover.map(|p| p.intensity)),
            e.cameo.code.clone(),
            opt(e.cameo.goldstein),
            opt(e.cameo.quad_class.map(u8::from)),
            codes(&e.target),
            names(&e.target),
            e.modality.as_str().to_string(),
            opt(e.claimed_by.as_ref().map(|c| c.code.clone())),
            opt(e.location.as_ref().map(|l| l.name.clone())),
            e.evidence.text.clone(),
            e.rule.clone(),
            s.num_articles.to_string(),
            s.num_sources.to_string(),
            u8::from(s.first_report).to_string(),
            s.article_id.clone(),
            s.site.clone().unwrap_or_default(),
            s.url.clone().unwrap_or_default(),
            s.title.clone().unwrap_or_default(),
        ];
        for (i, value) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            cell(&mut out, value);
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(value: &str) -> String {
        let mut s = String::new();
        cell(&mut s, value);
        s
    }

    #[test]
    fn separators_and_quotes_are_quoted() {
        assert_eq!(one("plain"), "plain");
        assert_eq!(one("a,b"), "\"a,b\"");
        assert_eq!(one("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(one("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_defused_but_negative_numbers_are_not() {
        assert_eq!(one("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(one("@cmd"), "\"'@cmd\"");
        assert_eq!(one("-7.5"), "-7.5");
    }

    #[test]
    fn an_empty_table_still_has_its_header() {
        assert_eq!(events_csv(&[]), format!("{}\r\n", COLUMNS.join(",")));
    }
}
