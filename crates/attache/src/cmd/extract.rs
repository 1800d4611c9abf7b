//! `attache extract`: pages or text files in, one JSON article record per input out.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use attache_model::{Article, Extraction};
use serde::Serialize;

use crate::inputs::{self, Input};

/// Output formats of `attache extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object (pretty-printed) for a single input, JSON lines for several.
    Json,
    /// Always one JSON object per line.
    Jsonl,
    /// A readable summary: metadata lines, then the body.
    Text,
}

/// Arguments of `attache extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// HTML pages or plain-text articles: files, folders (read recursively), `.gz` files,
    /// or `-` for standard input (the default when no path is given).
    pub paths: Vec<PathBuf>,
    /// The page's URL, when the page itself does not say (used for `url`, `site` and URL dates).
    #[arg(long)]
    pub url: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    /// Refuse inputs larger than this many megabytes (after decompression).
    #[arg(long, default_value_t = 20)]
    pub max_mb: usize,
}

/// One output record: where the input came from, what it is, and the article fields.
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    #[serde(flatten)]
    article: Option<&'a Article>,
}

/// Run `attache extract`.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let settings = attache_extract::Settings {
        max_bytes: args.max_mb.saturating_mul(1024 * 1024),
        ..attache_extract::Settings::default()
    };
    let listed = inputs::list(&args.paths);
    let several = listed.len() > 1;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    for input in listed {
        let outcome = input.extract(args.url.as_deref(), &settings);
        if let Err(err) = &outcome {
            failures += 1;
            eprintln!("attache: {}: {err:#}", input.name());
        }
        write_record(&mut out, &input, &outcome, args.format, several)
            .context("cannot write to standard output")?;
    }
    out.flush().context("cannot write to standard output")?;
    Ok(inputs::exit_code(failures))
}

fn write_record(
    out: &mut impl Write,
    input: &Input,
    outcome: &anyhow::Result<Extraction>,
    format: ExtractFormat,
    several: bool,
) -> std::io::Result<()> {
    let name = input.name();
    let record = match outcome {
        Ok(Extraction::Article(article)) => Record {
            path: &name,
            status: "article",
            reason: None,
            error: None,
            article: Some(article),
        },
        Ok(Extraction::NotArticle { reason, article }) => Record {
            path: &name,
            status: "not_article",
            reason: Some(reason.describe()),
            error: None,
            article: Some(article),
        },
        Err(err) => Record {
            path: &name,
            status: "error",
            reason: None,
            error: Some(format!("{err:#}")),
            article: None,
        },
    };
    match format {
        ExtractFormat::Json if !several => {
            serde_json::to_writer_pretty(&mut *out, &record)?;
            writeln!(out)
        }
        ExtractFormat::Json | ExtractFormat::Jsonl => {
            serde_json::to_writer(&mut *out, &record)?;
            writeln!(out)
        }
        ExtractFormat::Text => write_text(out, &record),
    }
}

fn write_text(out: &mut impl Write, record: &Record<'_>) -> std::io::Result<()> {
    writeln!(out, "== {} ({})", record.path, record.status)?;
    if let Some(reason) = record.reason {
        writeln!(out, "reason:     {reason}")?;
    }
    if let Some(error) = &record.error {
        writeln!(out, "error:      {error}")?;
    }
    if let Some(a) = record.article {
        let fields = [
            ("title", a.title.as_deref()),
            ("standfirst", a.standfirst.as_deref()),
            ("url", a.url.as_deref()),
            ("site", a.site.as_deref()),
            ("published", a.published.as_deref()),
            ("modified", a.modified.as_deref()),
            ("dateline", a.dateline.as_deref()),
            ("language", a.language.as_deref()),
        ];
        for (label, value) in fields {
            if let Some(value) = value {
                writeln!(out, "{:<11} {value}", format!("{label}:"))?;
            }
        }
        if !a.bylines.is_empty() {
            writeln!(out, "{:<11} {}", "bylines:", a.bylines.join("; "))?;
        }
        writeln!(out)?;
        writeln!(out, "{}", a.text)?;
    }
    writeln!(out)
}
