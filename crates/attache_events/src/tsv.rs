//! The team's TSV table format (documented in `data/ontology/README.md`): `#` comments, blank
//! lines ignored, a header line checked column by column, then one row per line.

use crate::EventsError;

/// One data row with its line number, for error messages.
pub(crate) struct Row<'a> {
    /// 1-based line number in the file.
    pub line: usize,
    cells: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Cell `i`, trimmed; "" when the row is short (trailing empty cells may be cut by editors).
    pub fn get(&self, i: usize) -> &'a str {
        self.cells.get(i).map(|c| c.trim()).unwrap_or("")
    }
}

/// Split `text` into rows after checking that its header is exactly `header`.
pub(crate) fn rows<'a>(
    file: &str,
    text: &'a str,
    header: &[&str],
) -> Result<Vec<Row<'a>>, EventsError> {
    let mut out = Vec::new();
    let mut seen_header = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = raw.split('\t').collect();
        if !seen_header {
            let got: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
            if got != header {
                return Err(EventsError::data(
                    file,
                    line,
                    format!(
                        "header should be `{}`, found `{}`",
                        header.join(" "),
                        got.join(" ")
                    ),
                ));
            }
            seen_header = true;
            continue;
        }
        if cells.len() > header.len() {
            return Err(EventsError::data(
                file,
                line,
                format!("{} cells, the header has {}", cells.len(), header.len()),
            ));
        }
        out.push(Row { line, cells });
    }
    if !seen_header {
        return Err(EventsError::file(file, "no header line"));
    }
    Ok(out)
}

/// Parse an optional number cell ("" gives `None`).
pub(crate) fn opt_f32(
    file: &str,
    row: &Row<'_>,
    i: usize,
    what: &str,
) -> Result<Option<f32>, EventsError> {
    let cell = row.get(i);
    if cell.is_empty() {
        return Ok(None);
    }
    cell.parse::<f32>()
        .map(Some)
        .map_err(|_| EventsError::data(file, row.line, format!("{what} `{cell}` is not a number")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped_and_lines_counted() {
        let text = "# c\n\na\tb\n1\t2\n# mid\n3\n";
        let rows = rows("t.tsv", text, &["a", "b"]).unwrap_or_default();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 4);
        assert_eq!(rows[1].get(1), "");
    }

    #[test]
    fn wrong_header_names_file_and_line() {
        let err = rows("t.tsv", "# c\nx\ty\n", &["a", "b"])
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref().map(|e| e.starts_with("t.tsv:2: header")),
            Some(true)
        );
    }

    #[test]
    fn too_many_cells_is_an_error() {
        assert!(rows("t.tsv", "a\n1\t2\n", &["a"]).is_err());
    }
}
