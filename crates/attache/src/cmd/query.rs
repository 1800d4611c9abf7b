//! `attache query`: events by actor, target, type and date; dyad time series; full-text search.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context};
use attache_model::{Modality, PloverCategory};
use attache_store::{day_number, DyadBucket, DyadQuery, EventFilter, Period, SearchQuery};

use super::export::{csv_field, event_row, EVENT_COLUMNS};

/// Output formats of `attache query`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header.
    Csv,
}

/// Arguments of `attache query`.
#[derive(clap::Args)]
pub struct QueryArgs {
    /// The store: a SQLite file or a PostgreSQL URL (`postgres://user@host/db`).
    #[arg(long, default_value = "attache.db", global = true)]
    pub db: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QueryFormat::Table, global = true)]
    pub format: QueryFormat,
    /// What to ask.
    #[command(subcommand)]
    pub what: QueryKind,
}

/// The queries.
#[derive(clap::Subcommand)]
pub enum QueryKind {
    /// Events matching filters, newest first.
    Events(EventsArgs),
    /// What one actor did to another over time, per PLOVER type and quad class.
    Dyad(DyadArgs),
    /// Articles matching words (`"quoted words"` for a phrase).
    Search(SearchArgs),
}

/// Filters of `attache query events`.
#[derive(clap::Args)]
pub struct EventsArgs {
    /// Source actor code prefix (`PAK` matches `PAKGOV`).
    #[arg(long)]
    pub actor: Option<String>,
    /// Target actor code prefix.
    #[arg(long)]
    pub target: Option<String>,
    /// Match actor and target either way round.
    #[arg(long)]
    pub undirected: bool,
    /// PLOVER type (THREATEN, ASSAULT...).
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// CAMEO code prefix (`19`, `138`).
    #[arg(long)]
    pub cameo: Option<String>,
    /// Modality (asserted, negated, future, intended, hypothetical, conditional).
    #[arg(long)]
    pub modality: Option<String>,
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[arg(long)]
    pub to: Option<String>,
    /// Words the reporting article must contain.
    #[arg(long)]
    pub text: Option<String>,
    /// Only the first report of each happening.
    #[arg(long)]
    pub first_reports_only: bool,
    /// At most this many.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
}

/// Arguments of `attache query dyad`.
#[derive(clap::Args)]
pub struct DyadArgs {
    /// Source actor code prefix.
    pub a: String,
    /// Target actor code prefix.
    pub b: String,
    /// Bucket size.
    #[arg(long, value_enum, default_value_t = By::Day)]
    pub by: By,
    /// Count B → A as well.
    #[arg(long)]
    pub undirected: bool,
    /// Count negated, hypothetical, conditional and background events too (by default the
    /// series counts happenings only).
    #[arg(long)]
    pub include_unasserted: bool,
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD.
    #[arg(long)]
    pub to: Option<String>,
}

/// Bucket sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// Days.
    Day,
    /// Weeks (Monday first).
    Week,
    /// Months.
    Month,
}

/// Arguments of `attache query search`.
#[derive(clap::Args)]
pub struct SearchArgs {
    /// Words to find.
    pub text: String,
    /// At most this many.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

fn day(flag: &str, value: &Option<String>) -> anyhow::Result<Option<i32>> {
    match value {
        None => Ok(None),
        Some(v) => day_number(v)
            .map(Some)
            .with_context(|| format!("{flag} {v}: expected a date as YYYY-MM-DD")),
    }
}

fn modality(name: &str) -> anyhow::Result<Modality> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "asserted" => Modality::Asserted,
        "negated" => Modality::Negated,
        "future" => Modality::Future,
        "intended" => Modality::Intended,
        "hypothetical" => Modality::Hypothetical,
        "conditional" => Modality::Conditional,
        other => bail!("--modality {other}: expected asserted, negated, future, intended, hypothetical or conditional"),
    })
}

/// Run `attache query`.
pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    crate::cmd::require_store(&args.db)?;
    let store = attache_store::open_read_only(&args.db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.what {
        QueryKind::Events(q) => {
            let plover = match &q.kind {
                Some(t) => Some(PloverCategory::from_name(t).with_context(|| {
                    format!(
                        "--type {t}: not one of the 16 PLOVER types (AGREE, CONSULT, ..., ASSAULT)"
                    )
                })?),
                None => None,
            };
            let filter = EventFilter {
                actor: q.actor,
                target: q.target,
                undirected: q.undirected,
                plover,
                cameo: q.cameo,
                modality: q.modality.as_deref().map(modality).transpose()?,
                from_day: day("--from", &q.from)?,
                to_day: day("--to", &q.to)?,
                text: q.text,
                first_reports_only: q.first_reports_only,
                limit: q.limit,
                ..EventFilter::default()
            };
            let events = store.events(&filter)?;
            match args.format {
                QueryFormat::Jsonl => {
                    for e in &events {
                        serde_json::to_writer(&mut out, e)?;
                        writeln!(out)?;
                    }
                }
                QueryFormat::Csv => {
                    let header: Vec<&str> = EVENT_COLUMNS.iter().map(|c| c.name).collect();
                    writeln!(out, "{}", header.join(","))?;
                    for e in &events {
                        let row: Vec<String> =
                            event_row(e).iter().map(|v| csv_field(&v.text())).collect();
                        writeln!(out, "{}", row.join(","))?;
                    }
                }
                QueryFormat::Table => {
                    writeln!(
                        out,
                        "{:<10} {:<14} {:<14} {:<10} {:<6} {:>4} {:>4} {:<12} evidence",
                        "date", "source", "target", "type", "cameo", "arts", "srcs", "modality"
                    )?;
                    for e in &events {
                        let ev = &e.event;
                        let codes = |a: &[attache_model::EventActor]| {
                            a.iter()
                                .map(|x| x.code.as_str())
                                .collect::<Vec<_>>()
                                .join("+")
                        };
                        writeln!(
                            out,
                            "{:<10} {:<14} {:<14} {:<10} {:<6} {:>4} {:>4} {:<12} {}",
                            ev.date.as_deref().and_then(|d| d.get(..10)).unwrap_or("-"),
                            codes(&ev.source),
                            codes(&ev.target),
                            ev.plover.as_ref().map_or("-", |p| p.category.as_str()),
                            ev.cameo.code,
                            e.num_articles,
                            e.num_sources,
                            ev.modality.as_str(),
                            ev.evidence.text.replace('\n', " ")
                        )?;
                    }
                    writeln!(out, "{} events", events.len())?;
                }
            }
        }
        QueryKind::Dyad(q) => {
            let buckets = store.dyad_series(&DyadQuery {
                a: q.a,
                b: q.b,
                by: match q.by {
                    By::Day => Period::Day,
                    By::Week => Period::Week,
                    By::Month => Period::Month,
                },
                from_day: day("--from", &q.from)?,
                to_day: day("--to", &q.to)?,
                include_unasserted: q.include_unasserted,
                undirected: q.undirected,
            })?;
            write_dyad(&mut out, &buckets, args.format)?;
        }
        QueryKind::Search(q) => {
            let hits = store.search(&SearchQuery {
                text: q.text,
                limit: q.limit,
                offset: 0,
            })?;
            match args.format {
                QueryFormat::Jsonl => {
                    for h in &hits {
                        serde_json::to_writer(&mut out, h)?;
                        writeln!(out)?;
                    }
                }
                QueryFormat::Csv => {
                    writeln!(out, "id,published,site,title,url,snippet")?;
                    for h in &hits {
                        let f = |v: &Option<String>| csv_field(v.as_deref().unwrap_or(""));
                        writeln!(
                            out,
                            "{},{},{},{},{},{}",
                            h.id,
                            f(&h.published),
                            f(&h.site),
                            f(&h.title),
                            f(&h.url),
                            csv_field(&h.snippet)
                        )?;
                    }
                }
                QueryFormat::Table => {
                    for h in &hits {
                        writeln!(
                            out,
                            "{}  {}  {}",
                            h.published
                                .as_deref()
                                .and_then(|d| d.get(..10))
                                .unwrap_or("----------"),
                            h.site.as_deref().unwrap_or("-"),
                            h.title.as_deref().unwrap_or("(no title)")
                        )?;
                        writeln!(out, "    {}", h.snippet.replace('\n', " "))?;
                        writeln!(out, "    {} {}", h.id, h.url.as_deref().unwrap_or(""))?;
                    }
                    writeln!(out, "{} articles", hits.len())?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

const QUADS: [&str; 4] = [
    "verbal_coop",
    "material_coop",
    "verbal_conflict",
    "material_conflict",
];

fn write_dyad(
    out: &mut impl Write,
    buckets: &[DyadBucket],
    format: QueryFormat,
) -> anyhow::Result<()> {
    let mean = |m: Option<f64>| m.map_or(String::new(), |v| format!("{v:.2}"));
    match format {
        QueryFormat::Jsonl => {
            for b in buckets {
                serde_json::to_writer(&mut *out, b)?;
                writeln!(out)?;
            }
        }
        QueryFormat::Csv => {
            let types: Vec<&str> = PloverCategory::ALL.iter().map(|c| c.as_str()).collect();
            writeln!(
                out,
                "period,events,reports,{},{},mean_intensity,mean_goldstein",
                types.join(","),
                QUADS.join(",")
            )?;
            for b in buckets {
                let counts: Vec<String> = types
                    .iter()
                    .map(|t| b.by_type.get(*t).copied().unwrap_or(0).to_string())
                    .collect();
                let quads: Vec<String> = b.quad.iter().map(u64::to_string).collect();
                writeln!(
                    out,
                    "{},{},{},{},{},{},{}",
                    b.period,
                    b.events,
                    b.reports,
                    counts.join(","),
                    quads.join(","),
                    mean(b.mean_intensity),
                    mean(b.mean_goldstein)
                )?;
            }
        }
        QueryFormat::Table => {
            writeln!(
                out,
                "{:<10} {:>6} {:>7} {:>5} {:>5} {:>5} {:>5} {:>9} {:>9}  types",
                "period",
                "events",
                "reports",
                "vcoop",
                "mcoop",
                "vconf",
                "mconf",
                "intensity",
                "goldstein"
            )?;
            for b in buckets {
                let types: Vec<String> =
                    b.by_type.iter().map(|(t, n)| format!("{t} {n}")).collect();
                writeln!(
                    out,
                    "{:<10} {:>6} {:>7} {:>5} {:>5} {:>5} {:>5} {:>9} {:>9}  {}",
                    b.period,
                    b.events,
                    b.reports,
                    b.quad[0],
                    b.quad[1],
                    b.quad[2],
                    b.quad[3],
                    mean(b.mean_intensity),
                    mean(b.mean_goldstein),
                    types.join(", ")
                )?;
            }
        }
    }
    Ok(())
}
