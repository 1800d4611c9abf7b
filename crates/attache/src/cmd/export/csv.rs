//! CSV rows: a header, then one line per row, fields quoted as RFC 4180 says.

use std::io::Write;

use super::{RowSink, Value};

/// Quote a CSV field when it needs it (RFC 4180).
pub fn csv_field(v: &str) -> String {
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

pub(super) struct CsvSink<W: Write> {
    pub(super) out: W,
}

impl<W: Write> RowSink for CsvSink<W> {
    fn row(&mut self, values: Vec<Value>) -> anyhow::Result<()> {
        let line: Vec<String> = values.iter().map(|v| csv_field(&v.text())).collect();
        writeln!(self.out, "{}", line.join(","))?;
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"no\"\n"), "\"say \"\"no\"\"\n\"");
    }
}
