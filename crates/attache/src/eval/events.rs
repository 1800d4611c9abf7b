//! `attache eval events`: code the sentences of an event gold file and score them.
//!
//! PETRARCH XML (validation records, unit tests): triples (source code, target code, event
//! code) per sentence, correct / missed / extra, precision, recall, F1, plus event-type-only
//! (CAMEO root) and actor-only agreement. PLOVER GSR JSON: event-type accuracy after mapping
//! the gold's PLOVER 0.5b1 names to 2.0, and actor agreement. Scoring rules are in
//! `attache_events::score`. Records marked not to evaluate, and error-handling records
//! (`dateline`, `storydiscard`...), are counted and left out. Real-news page gold (JSON
//! lines, one page per line) is scored by [`super::news`] over the raw pages under `--pages`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use attache_events::gold::{GoldExpected, GoldFormat, GoldTriple};
use attache_events::score::{triples, Counts, PloverScore, TripleScore};

use crate::cmd::code::{code_record, records_pipeline, DictionaryArgs};

/// Arguments of `attache eval events`.
#[derive(clap::Args)]
pub struct EventsEvalArgs {
    /// The gold file: PETRARCH validation / unit-test XML, PLOVER GSR JSON, or real-news
    /// page gold (JSON lines, with `--pages`).
    #[arg(long)]
    pub bench: PathBuf,
    /// With real-news page gold: the extraction benchmark folder holding the raw pages
    /// (`../shared/bench/extraction`).
    #[arg(long)]
    pub pages: Option<PathBuf>,
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
    /// Only score records of this category (`AFP`, `DEMO`, `COMPOUND`...).
    #[arg(long)]
    pub category: Option<String>,
    /// List every sentence (page) with a miss or an extra on standard error.
    #[arg(long)]
    pub verbose: bool,
}

/// Run `attache eval events`.
pub fn run(args: EventsEvalArgs) -> anyhow::Result<ExitCode> {
    let name = args.bench.display().to_string();
    let text =
        std::fs::read_to_string(&args.bench).with_context(|| format!("cannot read {name}"))?;
    if is_page_gold(&text) {
        let Some(pages) = &args.pages else {
            anyhow::bail!("{name}: real-news page gold needs --pages (the folder of raw pages, ../shared/bench/extraction)");
        };
        let set = attache_events::gold::read_news_jsonl(&name, &text)?;
        super::news::run(&name, &set, pages, &args.dictionaries, args.verbose)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.pages.is_some() {
        anyhow::bail!(
            "{name}: --pages goes with real-news page gold (JSON lines), not with this file"
        );
    }
    let set = attache_events::gold::read_gold(&name, &text)?;
    for p in &set.problems {
        eprintln!("attache: {name}: {p}");
    }
    let pipeline = records_pipeline(&args.dictionaries, &set)?;
    let mut triple_score = TripleScore::default();
    let mut plover_score = PloverScore::default();
    let (mut skipped_eval, mut skipped_error, mut unscorable) = (0, 0, 0);
    let started = Instant::now();
    let mut coded = 0usize;
    for record in &set.records {
        if args
            .category
            .as_deref()
            .is_some_and(|c| record.category.as_deref() != Some(c))
        {
            continue;
        }
        if !record.evaluate {
            skipped_eval += 1;
            continue;
        }
        if matches!(record.expected, GoldExpected::Error(_)) {
            skipped_error += 1;
            continue;
        }
        let doc = code_record(&pipeline, record);
        let events = &doc.events;
        coded += 1;
        match &record.expected {
            GoldExpected::Triples(gold) => {
                let predicted = triples(events);
                triple_score.add(&predicted, gold);
                if args.verbose
                    && Counts::of(predicted.iter().cloned(), gold.iter().cloned())
                        != correct_only(gold)
                {
                    report_miss(&record.id, &record.text, &predicted, gold, &doc);
                }
            }
            GoldExpected::NoEvents => {
                let predicted = triples(events);
                triple_score.add(&predicted, &[]);
                if args.verbose && !predicted.is_empty() {
                    report_miss(&record.id, &record.text, &predicted, &[], &doc);
                }
            }
            GoldExpected::Plover(g) => {
                let ok = plover_score.add(
                    pipeline.ontology(),
                    events,
                    &g.event,
                    g.mode.as_deref(),
                    &g.source,
                    &g.target,
                );
                match ok {
                    None => unscorable += 1,
                    Some(false) if args.verbose => {
                        let got: Vec<String> = events
                            .iter()
                            .map(|e| {
                                format!(
                                    "{}:{}",
                                    e.plover.as_ref().map_or("-", |p| p.category.as_str()),
                                    e.evidence.text
                                )
                            })
                            .collect();
                        eprintln!(
                            "{:<30} gold {:<11} got [{}]  {}",
                            record.id,
                            g.event,
                            got.join(", "),
                            record.text
                        );
                    }
                    Some(_) => {}
                }
            }
            GoldExpected::Error(_) => {}
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "events on {name}{}",
        args.category
            .as_deref()
            .map_or(String::new(), |c| format!(" (category {c})"))
    );
    if let Some(dir) = &args.dictionaries.petrarch_dictionaries {
        println!("  PETRARCH dictionaries       {}", dir.display());
    }
    println!("  records coded               {coded} ({skipped_eval} marked not to evaluate, {skipped_error} error-handling records left out)");
    match set.format {
        GoldFormat::PetrarchXml => print_triples(&triple_score),
        GoldFormat::PloverJson => print_plover(&plover_score, unscorable),
    }
    println!("  speed                       {:.0} sentences/s (resolution + coding, debug builds are slower)", coded as f64 / seconds.max(1e-9));
    Ok(ExitCode::SUCCESS)
}

/// Real-news page gold is JSON lines: its first non-blank character opens an object.
fn is_page_gold(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// The counts a perfect answer would get (to tell a sentence with a miss or extra).
fn correct_only(gold: &[GoldTriple]) -> Counts {
    Counts {
        correct: gold.len(),
        missed: 0,
        extra: 0,
    }
}

fn report_miss(
    id: &str,
    text: &str,
    predicted: &[GoldTriple],
    gold: &[GoldTriple],
    doc: &attache_model::Document,
) {
    let show = |v: &[GoldTriple]| {
        v.iter()
            .map(|t| format!("{} {} {}", t.source, t.target, t.event))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let actors: Vec<String> = doc
        .mentions
        .iter()
        .map(|m| format!("{}={}", doc.text_of(m.span), m.code))
        .collect();
    eprintln!(
        "{id}\n  text   {text}\n  gold   {}\n  coded  {}\n  actors {}",
        show(gold),
        show(predicted),
        actors.join(", ")
    );
}

fn print_triples(s: &TripleScore) {
    let t = &s.triples;
    println!(
        "  sentences scored            {} ({} noevents, {} of them left quiet)",
        s.sentences, s.quiet, s.quiet_correct
    );
    println!("  gold triples                {}", t.correct + t.missed);
    println!(
        "  correct / missed / extra    {} / {} / {}",
        t.correct, t.missed, t.extra
    );
    println!("  found (recall)              {:.3}", t.recall());
    println!("  extra (per gold triple)     {:.3}", t.extra_rate());
    println!(
        "  precision / recall / F1     {:.3} / {:.3} / {:.3}",
        t.precision(),
        t.recall(),
        t.f1()
    );
    for (label, part) in [
        ("event type only (root)", &s.types),
        ("actors only (pair)", &s.actors),
    ] {
        println!(
            "  {label:<28}P {:.3} R {:.3} F1 {:.3}  (accuracy {}/{})",
            part.precision(),
            part.recall(),
            part.f1(),
            part.correct,
            part.correct + part.missed
        );
    }
}

fn print_plover(s: &PloverScore, unscorable: usize) {
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!(
        "  records scored              {} ({unscorable} with no PLOVER category left out)",
        s.records
    );
    println!("  event-type accuracy         {:.3} ({}/{}; first coded event, PLOVER 0.5b1 names mapped to 2.0)", s.type_accuracy(), s.type_correct, s.records);
    println!(
        "  any coded event of the type {:.3} ({}/{})",
        pct(s.type_any, s.records),
        s.type_any,
        s.records
    );
    println!("  uncoded records             {}", s.uncoded);
    println!(
        "  coded events per record     {:.2}",
        pct(s.events, s.records)
    );
    println!(
        "  source country agreement    {:.3} ({}/{})",
        pct(s.source_correct, s.records),
        s.source_correct,
        s.records
    );
    println!(
        "  target country agreement    {:.3} ({}/{})",
        pct(s.target_correct, s.with_target),
        s.target_correct,
        s.with_target
    );
}
