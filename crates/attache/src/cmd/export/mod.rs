//! `attache export`: stored events as a GDELT-shaped table (CSV, JSON lines, Parquet) or as
//! PLOVER JSON records; stored articles as a document table. The columns, each with what it
//! holds and how it relates to GDELT's event table, are data in `columns.rs`
//! ([`EVENT_COLUMNS`], [`ARTICLE_COLUMNS`]); `attache export --help` and the README list them.

//!
//! One file per format: `csv`, `jsonl` and `parquet` (the row sinks), `plover` (records).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use attache_store::EventFilter;

mod columns;
mod csv;
mod jsonl;
mod parquet;
mod plover;

pub use self::csv::csv_field;
use self::csv::CsvSink;
use self::jsonl::JsonlSink;
use self::parquet::ParquetSink;
use self::plover::plover_record;
pub use columns::{
    article_row, columns_help, event_row, Column, Kind, Value, ARTICLE_COLUMNS, EVENT_COLUMNS,
};

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values with a header row (RFC 4180 quoting).
    Csv,
    /// One JSON object per row, keys as the CSV header.
    Jsonl,
    /// Apache Parquet (Snappy), one column per field.
    Parquet,
    /// PLOVER-style JSON records, one per line (events only).
    Plover,
}

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportTable {
    /// Events, GDELT-shaped (columns below).
    Events,
    /// Articles with their metadata and text.
    Articles,
}

/// Arguments of `attache export`.
#[derive(clap::Args)]
#[command(after_long_help = columns_help())]
pub struct ExportArgs {
    /// The store: a SQLite file or a PostgreSQL URL (`postgres://user@host/db`).
    #[arg(long, default_value = "attache.db")]
    pub db: String,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (`-` for standard output, except Parquet).
    #[arg(long)]
    pub out: PathBuf,
    /// Which table.
    #[arg(long, value_enum, default_value_t = ExportTable::Events)]
    pub table: ExportTable,
    /// Only the first report of each happening (rows with IsFirstReport = 1).
    #[arg(long)]
    pub first_reports_only: bool,
    /// Export negated, hypothetical, conditional and background events too (by default an
    /// export holds the events that count as happenings).
    #[arg(long)]
    pub include_unasserted: bool,
}

/// Writes rows in one of the text formats, or buffers them for Parquet.
pub trait RowSink {
    /// Write one row.
    fn row(&mut self, values: Vec<Value>) -> anyhow::Result<()>;
    /// Flush and close.
    fn finish(self: Box<Self>) -> anyhow::Result<()>;
}

fn text_out(path: &std::path::Path) -> anyhow::Result<Box<dyn Write>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(BufWriter::new(std::io::stdout())));
    }
    let f = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(Box::new(BufWriter::new(f)))
}

/// Run `attache export`.
pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    crate::cmd::require_store(&args.db)?;
    let store = attache_store::open_read_only(&args.db)?;
    let columns = match args.table {
        ExportTable::Events => EVENT_COLUMNS,
        ExportTable::Articles => ARTICLE_COLUMNS,
    };
    if args.format == ExportFormat::Plover {
        anyhow::ensure!(
            args.table == ExportTable::Events,
            "--format plover exports events only"
        );
        let mut out = text_out(&args.out)?;
        let filter = EventFilter {
            first_reports_only: args.first_reports_only,
            happenings_only: !args.include_unasserted,
            ..EventFilter::default()
        };
        let mut n = 0u64;
        store.for_each_event(&filter, &mut |e| {
            let ok = serde_json::to_writer(&mut out, &plover_record(&e)).is_ok()
                && writeln!(out).is_ok();
            n += 1;
            Ok(ok)
        })?;
        out.flush()?;
        eprintln!(
            "attache: exported {n} PLOVER records to {}",
            args.out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut sink: Box<dyn RowSink> = match args.format {
        ExportFormat::Csv => {
            let mut out = text_out(&args.out)?;
            let header: Vec<&str> = columns.iter().map(|c| c.name).collect();
            writeln!(out, "{}", header.join(","))?;
            Box::new(CsvSink { out })
        }
        ExportFormat::Jsonl => Box::new(JsonlSink {
            out: text_out(&args.out)?,
            columns,
        }),
        ExportFormat::Parquet => {
            anyhow::ensure!(
                args.out.as_os_str() != "-",
                "Parquet needs a file (--out PATH)"
            );
            Box::new(ParquetSink::create(&args.out, columns)?)
        }
        ExportFormat::Plover => unreachable!("handled above"),
    };
    let mut n = 0u64;
    let mut failure: Option<anyhow::Error> = None;
    let mut push = |row: Vec<Value>| -> bool {
        match sink.row(row) {
            Ok(()) => {
                n += 1;
                true
            }
            Err(e) => {
                failure = Some(e);
                false
            }
        }
    };
    match args.table {
        ExportTable::Events => {
            let filter = EventFilter {
                first_reports_only: args.first_reports_only,
                happenings_only: !args.include_unasserted,
                ..EventFilter::default()
            };
            store.for_each_event(&filter, &mut |e| Ok(push(event_row(&e))))?
        }
        ExportTable::Articles => store.for_each_article(&mut |a| Ok(push(article_row(&a))))?,
    }
    if let Some(e) = failure {
        return Err(e.context(format!("cannot write {}", args.out.display())));
    }
    sink.finish()?;
    eprintln!("attache: exported {n} rows to {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
