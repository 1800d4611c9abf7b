//! Apache Parquet (Snappy): one optional column per field, rows buffered into row groups.

use std::fs::File;
use std::sync::Arc;

use ::parquet::basic::{Compression, Repetition, Type as PhysicalType};
use ::parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use ::parquet::file::properties::WriterProperties;
use ::parquet::file::writer::SerializedFileWriter;
use ::parquet::schema::types::Type;
use anyhow::Context;

use super::{Column, Kind, RowSink, Value};

/// Rows per Parquet row group: large enough for good compression and fast scans, small enough
/// to hold in memory while it is written.
pub const PARQUET_ROW_GROUP: usize = 50_000;

/// Buffers rows column by column and writes a row group every [`PARQUET_ROW_GROUP`] rows.
pub struct ParquetSink {
    writer: SerializedFileWriter<File>,
    columns: &'static [Column],
    buffer: Vec<Vec<Value>>,
}

impl ParquetSink {
    /// Create the file with a schema of optional columns.
    pub fn create(
        path: &std::path::Path,
        columns: &'static [Column],
    ) -> anyhow::Result<ParquetSink> {
        let fields = columns
            .iter()
            .map(|c| {
                let (physical, logical) = match c.kind {
                    Kind::Str => (
                        PhysicalType::BYTE_ARRAY,
                        Some(::parquet::basic::LogicalType::String),
                    ),
                    Kind::Int => (PhysicalType::INT64, None),
                    Kind::Float => (PhysicalType::DOUBLE, None),
                    Kind::Date => (
                        PhysicalType::INT32,
                        Some(::parquet::basic::LogicalType::Date),
                    ),
                };
                Type::primitive_type_builder(c.name, physical)
                    .with_repetition(Repetition::OPTIONAL)
                    .with_logical_type(logical)
                    .build()
                    .map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let schema = Type::group_type_builder("schema")
            .with_fields(fields)
            .build()?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let file =
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        let writer = SerializedFileWriter::new(file, Arc::new(schema), Arc::new(props))?;
        Ok(ParquetSink {
            writer,
            columns,
            buffer: Vec::new(),
        })
    }

    fn flush_group(&mut self) -> anyhow::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        let mut i = 0;
        while let Some(mut col) = group.next_column()? {
            let cells = self
                .buffer
                .iter()
                .map(|row| row.get(i).cloned().unwrap_or(Value::Str(None)));
            let mut defs = Vec::with_capacity(self.buffer.len());
            match self.columns.get(i).map_or(Kind::Str, |c| c.kind) {
                Kind::Str => {
                    let vals: Vec<ByteArray> = cells
                        .filter_map(|c| {
                            let v = match c {
                                Value::Str(v) => v,
                                _ => None,
                            };
                            defs.push(i16::from(v.is_some()));
                            v.map(|s| ByteArray::from(s.into_bytes()))
                        })
                        .collect();
                    col.typed::<ByteArrayType>()
                        .write_batch(&vals, Some(&defs), None)?;
                }
                Kind::Int => {
                    let vals: Vec<i64> = cells
                        .filter_map(|c| {
                            let v = match c {
                                Value::Int(v) => v,
                                _ => None,
                            };
                            defs.push(i16::from(v.is_some()));
                            v
                        })
                        .collect();
                    col.typed::<Int64Type>()
                        .write_batch(&vals, Some(&defs), None)?;
                }
                Kind::Date => {
                    let vals: Vec<i32> = cells
                        .filter_map(|c| {
                            let v = match c {
                                Value::Date(v) => v,
                                _ => None,
                            };
                            defs.push(i16::from(v.is_some()));
                            v
                        })
                        .collect();
                    col.typed::<Int32Type>()
                        .write_batch(&vals, Some(&defs), None)?;
                }
                Kind::Float => {
                    let vals: Vec<f64> = cells
                        .filter_map(|c| {
                            let v = match c {
                                Value::Float(v) => v,
                                _ => None,
                            };
                            defs.push(i16::from(v.is_some()));
                            v
                        })
                        .collect();
                    col.typed::<DoubleType>()
                        .write_batch(&vals, Some(&defs), None)?;
                }
            }
            col.close()?;
            i += 1;
        }
        group.close()?;
        self.buffer.clear();
        Ok(())
    }
}

impl RowSink for ParquetSink {
    fn row(&mut self, values: Vec<Value>) -> anyhow::Result<()> {
        self.buffer.push(values);
        if self.buffer.len() >= PARQUET_ROW_GROUP {
            self.flush_group()?;
        }
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> anyhow::Result<()> {
        self.flush_group()?;
        self.writer.close()?;
        Ok(())
    }
}
