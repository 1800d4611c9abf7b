//! Events as CSV (RFC 4180), for a spreadsheet: the GDELT-shaped columns of `attache export`.
//!
//! Text from articles can start with `=`, `+`, `-` or `@`, which spreadsheets run as a formula
//! (CSV injection); such cells get a leading `'` so they stay text.

use attache_store::StoredEvent;

use crate::cmd::export::{event_row, EVENT_COLUMNS};

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

/// The CSV text of some events, header first, CRLF line ends (RFC 4180): the columns of
/// `attache export` (the same names, values and order), so a file downloaded from the
/// dashboard and one exported from the store read the same way.
pub fn events_csv(events: &[StoredEvent]) -> String {
    let mut out = String::with_capacity(256 * (events.len() + 1));
    let header: Vec<&str> = EVENT_COLUMNS.iter().map(|c| c.name).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for e in events {
        for (i, value) in event_row(e).iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            cell(&mut out, &value.text());
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
        let header: Vec<&str> = EVENT_COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(events_csv(&[]), format!("{}\r\n", header.join(",")));
    }
}
