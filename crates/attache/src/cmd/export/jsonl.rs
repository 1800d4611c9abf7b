//! JSON lines: one object per row, keys as the CSV header, empty cells as `null`.

use std::io::Write;

use super::{Column, RowSink, Value};

pub(super) struct JsonlSink<W: Write> {
    pub(super) out: W,
    pub(super) columns: &'static [Column],
}

impl<W: Write> RowSink for JsonlSink<W> {
    fn row(&mut self, values: Vec<Value>) -> anyhow::Result<()> {
        let obj: serde_json::Map<String, serde_json::Value> = self
            .columns
            .iter()
            .zip(&values)
            .map(|(c, v)| (c.name.to_string(), cell_json(v)))
            .collect();
        serde_json::to_writer(&mut self.out, &obj)?;
        writeln!(self.out)?;
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

fn cell_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Str(x) => x
            .clone()
            .map_or(serde_json::Value::Null, serde_json::Value::String),
        Value::Int(x) => x.map_or(serde_json::Value::Null, |n| n.into()),
        Value::Float(x) => x.map_or(serde_json::Value::Null, |n| n.into()),
        Value::Date(x) => x.map_or(serde_json::Value::Null, |_| v.text().into()),
    }
}
