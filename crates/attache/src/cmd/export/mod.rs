//! `attache export`: stored events as a GDELT-shaped table (CSV, JSON lines, Parquet) or as
//! PLOVER JSON records; stored articles as a document table.
//!
//! Event columns (one row per stored event report; `IsRootEvent` marks the first report of
//! each happening): GlobalEventID, Day (YYYYMMDD), Date, Actor1Code, Actor1Name,
//! Actor1CountryCode, Actor1Codes, Actor2Code, Actor2Name, Actor2CountryCode, Actor2Codes,
//! IsRootEvent, EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale,
//! NumMentions, NumSources, NumArticles, ActionGeo_FullName, ActionGeo_CountryCode, SOURCEURL,
//! then attache's own: PloverType, PloverMode, PloverIntensity, Modality, ClaimedByCode,
//! ClaimedByName, EvidenceText, EvidenceStart, EvidenceEnd, Rule, ArticleID, StoryID, Site,
//! Title. Article columns are listed in [`ARTICLE_COLUMNS`].

//!
//! One file per format: `csv`, `jsonl` and `parquet` (the row sinks), `plover` (records).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use attache_store::{EventFilter, StoredArticle, StoredEvent};

mod csv;
mod jsonl;
mod parquet;
mod plover;

pub use self::csv::csv_field;
use self::csv::CsvSink;
use self::jsonl::JsonlSink;
use self::parquet::ParquetSink;
use self::plover::plover_record;

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
    /// Events, GDELT-shaped.
    Events,
    /// Articles with their metadata and text.
    Articles,
}

/// Arguments of `attache export`.
#[derive(clap::Args)]
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
    /// Only the first report of each happening.
    #[arg(long)]
    pub first_reports_only: bool,
}

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (None is empty / null).
    Str(Option<String>),
    /// Integer.
    Int(Option<i64>),
    /// Number.
    Float(Option<f64>),
}

/// Column kinds, for the Parquet schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Str,
    /// 64-bit integer.
    Int,
    /// 64-bit float.
    Float,
}

/// The event columns and their kinds.
pub const EVENT_COLUMNS: &[(&str, Kind)] = &[
    ("GlobalEventID", Kind::Str),
    ("Day", Kind::Int),
    ("Date", Kind::Str),
    ("Actor1Code", Kind::Str),
    ("Actor1Name", Kind::Str),
    ("Actor1CountryCode", Kind::Str),
    ("Actor1Codes", Kind::Str),
    ("Actor2Code", Kind::Str),
    ("Actor2Name", Kind::Str),
    ("Actor2CountryCode", Kind::Str),
    ("Actor2Codes", Kind::Str),
    ("IsRootEvent", Kind::Int),
    ("EventCode", Kind::Str),
    ("EventBaseCode", Kind::Str),
    ("EventRootCode", Kind::Str),
    ("QuadClass", Kind::Int),
    ("GoldsteinScale", Kind::Float),
    ("NumMentions", Kind::Int),
    ("NumSources", Kind::Int),
    ("NumArticles", Kind::Int),
    ("ActionGeo_FullName", Kind::Str),
    ("ActionGeo_CountryCode", Kind::Str),
    ("SOURCEURL", Kind::Str),
    ("PloverType", Kind::Str),
    ("PloverMode", Kind::Str),
    ("PloverIntensity", Kind::Float),
    ("Modality", Kind::Str),
    ("ClaimedByCode", Kind::Str),
    ("ClaimedByName", Kind::Str),
    ("EvidenceText", Kind::Str),
    ("EvidenceStart", Kind::Int),
    ("EvidenceEnd", Kind::Int),
    ("Rule", Kind::Str),
    ("ArticleID", Kind::Str),
    ("StoryID", Kind::Str),
    ("Site", Kind::Str),
    ("Title", Kind::Str),
];

/// The article columns and their kinds.
pub const ARTICLE_COLUMNS: &[(&str, Kind)] = &[
    ("ArticleID", Kind::Str),
    ("URL", Kind::Str),
    ("CanonicalURL", Kind::Str),
    ("Site", Kind::Str),
    ("Title", Kind::Str),
    ("Standfirst", Kind::Str),
    ("Bylines", Kind::Str),
    ("Published", Kind::Str),
    ("Modified", Kind::Str),
    ("Dateline", Kind::Str),
    ("Language", Kind::Str),
    ("StoryID", Kind::Str),
    ("DuplicateOf", Kind::Str),
    ("DuplicateKind", Kind::Str),
    ("ContentHash", Kind::Str),
    ("FetchedURL", Kind::Str),
    ("FetchedAt", Kind::Str),
    ("IngestedAt", Kind::Str),
    ("Text", Kind::Str),
];

fn s(v: impl Into<String>) -> Value {
    let v = v.into();
    Value::Str((!v.is_empty()).then_some(v))
}

fn opt(v: Option<&str>) -> Value {
    Value::Str(v.filter(|x| !x.is_empty()).map(str::to_string))
}

/// One event as a row of [`EVENT_COLUMNS`].
pub fn event_row(e: &StoredEvent) -> Vec<Value> {
    let ev = &e.event;
    let codes = |a: &[attache_model::EventActor]| {
        a.iter()
            .map(|x| x.code.as_str())
            .collect::<Vec<_>>()
            .join(";")
    };
    let first = |a: &[attache_model::EventActor]| a.first().cloned().unwrap_or_default();
    let (a1, a2) = (first(&ev.source), first(&ev.target));
    let country = |code: &str| opt(code.get(..3));
    let date = ev.date.clone().unwrap_or_default();
    let day = attache_store::day_number(&date)
        .map(|d| attache_store::format_day(d).replace('-', ""))
        .and_then(|d| d.parse::<i64>().ok());
    let code = ev.cameo.code.as_str();
    vec![
        s(e.id.clone()),
        Value::Int(day),
        s(date.get(..10).unwrap_or(&date)),
        s(a1.code.clone()),
        s(a1.name.clone()),
        country(&a1.code),
        s(codes(&ev.source)),
        s(a2.code.clone()),
        s(a2.name.clone()),
        country(&a2.code),
        s(codes(&ev.target)),
        Value::Int(Some(i64::from(e.first_report))),
        s(code),
        opt(code.get(..3).or(Some(code))),
        opt(code.get(..2)),
        Value::Int(ev.cameo.quad_class.map(|q| i64::from(u8::from(q)))),
        Value::Float(ev.cameo.goldstein.map(f64::from)),
        Value::Int(Some(ev.mentions as i64)),
        Value::Int(Some(i64::from(e.num_sources))),
        Value::Int(Some(i64::from(e.num_articles))),
        opt(ev.location.as_ref().map(|l| l.name.as_str())),
        opt(ev.location.as_ref().and_then(|l| l.country.as_deref())),
        opt(e.url.as_deref()),
        opt(ev.plover.as_ref().map(|p| p.category.as_str())),
        opt(ev.plover.as_ref().and_then(|p| p.mode.as_deref())),
        Value::Float(ev.plover.as_ref().map(|p| f64::from(p.intensity))),
        s(ev.modality.as_str()),
        opt(ev.claimed_by.as_ref().map(|c| c.code.as_str())),
        opt(ev.claimed_by.as_ref().map(|c| c.name.as_str())),
        s(ev.evidence.text.clone()),
        Value::Int(Some(ev.evidence.start as i64)),
        Value::Int(Some(ev.evidence.end as i64)),
        s(ev.rule.clone()),
        s(e.article_id.clone()),
        s(e.story_id.clone()),
        opt(e.site.as_deref()),
        opt(e.title.as_deref()),
    ]
}

/// One article as a row of [`ARTICLE_COLUMNS`].
pub fn article_row(a: &StoredArticle) -> Vec<Value> {
    let x = &a.article;
    vec![
        s(a.id.clone()),
        opt(x.url.as_deref()),
        opt(a.canonical_url.as_deref()),
        opt(x.site.as_deref()),
        opt(x.title.as_deref()),
        opt(x.standfirst.as_deref()),
        s(x.bylines.join("; ")),
        opt(x.published.as_deref()),
        opt(x.modified.as_deref()),
        opt(x.dateline.as_deref()),
        opt(x.language.as_deref()),
        s(a.story_id.clone()),
        opt(a.duplicate_of.as_deref()),
        opt(a.duplicate_kind.map(|k| k.as_str())),
        s(a.content_hash.clone()),
        opt(a.fetched_url.as_deref()),
        opt(a.fetched_at.as_deref()),
        s(a.ingested_at.clone()),
        s(x.text.clone()),
    ]
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
            let header: Vec<&str> = columns.iter().map(|c| c.0).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_row_has_one_value_per_column() {
        let e = StoredEvent {
            id: "x-0".into(),
            article_id: "x".into(),
            url: None,
            site: None,
            title: None,
            story_id: "x".into(),
            event: attache_model::Event::default(),
            num_articles: 1,
            num_sources: 1,
            first_report: true,
        };
        assert_eq!(event_row(&e).len(), EVENT_COLUMNS.len());
    }
}
