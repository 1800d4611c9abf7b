//! `attache code`: extract articles, find actors, code events; one JSON line per event (or a
//! readable table, or each sentence with its actors and triggers marked).
//!
//! `--records FILE` codes the sentences of a gold file instead (PETRARCH validation XML or
//! PLOVER GSR JSON), each with its own date, ignoring the answers; events carry `record_id`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use attache_analysis::pipeline::Analysis;
use attache_events::gold::{Environment, GoldRecord};
use attache_events::petrarch::{PicoTable, VerbDictionary};
use attache_events::{Coder, CoderSettings};
use attache_model::{Annotator, Article, Document, Event, Extraction};
use attache_nlp::{ActorResolver, Day, Settings};
use serde::Serialize;

use crate::cmd::actors::actor_dictionary;
use crate::inputs;

/// Output formats of `attache code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CodeFormat {
    /// One JSON object per event.
    Jsonl,
    /// A readable table, one event per line.
    Text,
}

/// Arguments of `attache code`.
#[derive(clap::Args)]
pub struct CodeArgs {
    /// Files, folders, or `-` for standard input.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CodeFormat::Jsonl)]
    pub format: CodeFormat,
    /// Show each sentence with its actors [bracketed] and triggers <<marked>>, then its events.
    #[arg(long)]
    pub explain: bool,
    /// Code the sentences of a gold file (PETRARCH XML or PLOVER JSON) instead of articles.
    #[arg(long)]
    pub records: Option<PathBuf>,
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
    /// Refuse inputs larger than this many megabytes (after decompression).
    #[arg(long, default_value_t = 20)]
    pub max_mb: usize,
}

/// Dictionary options shared by `attache code` and `attache eval events`.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct DictionaryArgs {
    /// Load the PETRARCH dictionaries of this folder: actors and agents (`*.actors.txt`,
    /// `*.agents.txt`), verbs (the gold file's `<Verbfile>`, else `*.verbs.txt`/`CAMEO*.txt`)
    /// and, when present, the coding ontology `PETR.Internal.Coding.Ontology.txt`.
    #[arg(long)]
    pub petrarch_dictionaries: Option<PathBuf>,
    /// Leave out the team's built-in actor dictionaries (e.g. for fictional unit-test actors).
    #[arg(long)]
    pub no_builtin: bool,
    /// With `--petrarch-dictionaries`, code with the team's event patterns too (by default a
    /// PETRARCH verb dictionary replaces them, so its own codes are measured).
    #[arg(long)]
    pub team_patterns: bool,
}

/// The sentence analysis (tokens, tags, and the tree, entities and coreference once their
/// models exist) with the built-in models: the one place every command that codes events
/// (code, ingest, eval, serve's ingest) and `attache parse` get it from.
pub fn analysis() -> anyhow::Result<Analysis> {
    Analysis::builtin().context("cannot load the built-in analysis models")
}

/// The actor resolver, the sentence analysis and the coder for a run.
pub struct Coders {
    /// Finds sentences and actor mentions.
    pub resolver: ActorResolver,
    /// Tokens, tags and what else the analysis models provide.
    pub analysis: Analysis,
    /// Codes events.
    pub coder: Coder,
}

/// Build the resolver and the coder; `env` is the gold file's `<Environment>` (it names the
/// verb file to take from the PETRARCH folder).
pub fn build(args: &DictionaryArgs, env: Option<&Environment>) -> anyhow::Result<Coders> {
    let dict = actor_dictionary(args.no_builtin, args.petrarch_dictionaries.as_deref(), &[])?;
    let settings = CoderSettings {
        skip_team_patterns: args.petrarch_dictionaries.is_some() && !args.team_patterns,
        ..CoderSettings::default()
    };
    let mut coder = Coder::builtin(settings)?;
    if let Some(dir) = &args.petrarch_dictionaries {
        for path in verb_files(dir, env)? {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let verbs = VerbDictionary::parse(&name, &text)?;
            tracing::info!(file = %name, patterns = verbs.pattern_count(), warnings = verbs.warnings.len(), "verb dictionary");
            for w in &verbs.warnings {
                tracing::debug!("{w}");
            }
            let left_out = coder.add_petrarch_verbs(&name, &verbs);
            if left_out > 0 {
                tracing::info!(
                    file = %name,
                    patterns = left_out,
                    "verb patterns with a bare preposition after the verb left out: this \
                     dictionary brackets its prepositional phrases, so they never match"
                );
            }
        }
        let pico = dir.join(PICO_FILE);
        if pico.is_file() {
            let text = std::fs::read_to_string(&pico)
                .with_context(|| format!("cannot read {}", pico.display()))?;
            let table = PicoTable::parse(&pico.display().to_string(), &text);
            for w in &table.warnings {
                tracing::warn!("PICO line not read: {w}");
            }
            if table.is_empty() {
                tracing::warn!(file = %pico.display(), "PICO file has no code: codes are not combined");
            }
            coder.set_petrarch_ontology(table);
        }
    }
    Ok(Coders {
        resolver: ActorResolver::new(dict)?,
        analysis: analysis()?,
        coder,
    })
}

/// PETRARCH's name for its internal coding ontology (`PICOfile` in its `PETR_config.ini`):
/// when a dictionary folder has it, reported futures are coded as intents the way PETRARCH
/// combines codes.
const PICO_FILE: &str = "PETR.Internal.Coding.Ontology.txt";

/// The verb dictionaries of a PETRARCH folder.
fn verb_files(dir: &Path, env: Option<&Environment>) -> anyhow::Result<Vec<PathBuf>> {
    if let Some(env) = env {
        let named: Vec<PathBuf> = env
            .verb_files
            .iter()
            .map(|f| dir.join(f))
            .filter(|p| p.is_file())
            .collect();
        if !named.is_empty() {
            return Ok(named);
        }
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            n.ends_with(".verbs.txt") || (n.starts_with("cameo") && n.ends_with(".txt"))
        })
        .collect();
    out.sort();
    if out.is_empty() {
        anyhow::bail!(
            "{}: no verb dictionary (*.verbs.txt or CAMEO*.txt)",
            dir.display()
        );
    }
    Ok(out)
}

/// PETRARCH's default for `require_dyad` (its `PETR_config.ini`): events need both actors.
const PETRARCH_REQUIRE_DYAD: bool = true;

/// Code one gold record: its text as an article dated with the record's date, sentences and
/// actors found alone (no article-level default country), the record's coder options applied.
pub fn code_record(
    c: &Coders,
    record: &GoldRecord,
    petrarch_style: bool,
) -> (Document, Vec<Event>) {
    let article = Article {
        text: record.text.clone(),
        published: record.date.clone(),
        ..Article::default()
    };
    let mut doc = Document::new(record.id.clone(), article);
    let settings = Settings {
        date: record.date.as_deref().and_then(Day::parse),
        infer_default_country: false,
        ..Settings::default()
    };
    c.resolver.resolve_with(&mut doc, &settings);
    analyse(c, &mut doc);
    let require_dyad = match record.option("require_dyad") {
        Some(v) => v.trim().eq_ignore_ascii_case("true"),
        None => petrarch_style && PETRARCH_REQUIRE_DYAD,
    };
    let settings = CoderSettings {
        require_dyad,
        petrarch_compat: petrarch_style,
        ..CoderSettings::default()
    };
    let events = c.coder.code_with(&doc, &settings);
    (doc, events)
}

/// Add the analysis layers after sentences and mentions; a failure is kept as a warning, so
/// the document is still coded by the word-window rules.
fn analyse(c: &Coders, doc: &mut Document) {
    if let Err(err) = c.analysis.annotate(doc) {
        doc.warnings.push(format!("analysis: {err}"));
    }
}

#[derive(Serialize)]
struct Line<'a> {
    article: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    record_id: Option<&'a str>,
    #[serde(flatten)]
    event: &'a Event,
}

/// Run `attache code`.
pub fn run(args: CodeArgs) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    if let Some(path) = &args.records {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {name}"))?;
        let set = attache_events::gold::read_gold(&name, &text)?;
        for p in &set.problems {
            eprintln!("attache: {name}: {p}");
        }
        let coders = build(&args.dictionaries, Some(&set.environment))?;
        let petrarch_style = set.format == attache_events::gold::GoldFormat::PetrarchXml;
        for record in &set.records {
            let (doc, events) = code_record(&coders, record, petrarch_style);
            emit(&mut out, &args, &name, Some(&record.id), &doc, &events)
                .context("cannot write to standard output")?;
        }
    } else {
        let coders = build(&args.dictionaries, None)?;
        let settings = attache_extract::Settings {
            max_bytes: args.max_mb.saturating_mul(1024 * 1024),
            ..attache_extract::Settings::default()
        };
        for input in inputs::list(&args.paths) {
            let name = input.name();
            let article = match input.extract(None, &settings) {
                Ok(Extraction::Article(a)) => a,
                Ok(Extraction::NotArticle { reason, .. }) => {
                    eprintln!("attache: {name}: not an article: {}", reason.describe());
                    continue;
                }
                Err(err) => {
                    failures += 1;
                    eprintln!("attache: {name}: {err:#}");
                    continue;
                }
            };
            let mut doc = Document::new(name.clone(), article);
            coders.resolver.resolve(&mut doc);
            analyse(&coders, &mut doc);
            let events = coders.coder.code(&doc);
            emit(&mut out, &args, &name, None, &doc, &events)
                .context("cannot write to standard output")?;
        }
    }
    out.flush().context("cannot write to standard output")?;
    Ok(inputs::exit_code(failures))
}

fn emit(
    out: &mut impl Write,
    args: &CodeArgs,
    article: &str,
    record_id: Option<&str>,
    doc: &Document,
    events: &[Event],
) -> std::io::Result<()> {
    if args.explain {
        explain(out, doc, events)?;
    }
    for e in events {
        match args.format {
            CodeFormat::Jsonl => {
                serde_json::to_writer(
                    &mut *out,
                    &Line {
                        article,
                        record_id,
                        event: e,
                    },
                )?;
                writeln!(out)?;
            }
            CodeFormat::Text => writeln!(out, "{}", table_line(record_id.unwrap_or(article), e))?,
        }
    }
    Ok(())
}

/// `where  s3  THREATEN/138  conditional  PAK -> AFGGOV  (claimed by Khawaja Asif)  "warned"`.
fn table_line(place: &str, e: &Event) -> String {
    let actors = |v: &[attache_model::EventActor]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.iter()
                .map(|a| {
                    if a.code.is_empty() {
                        a.text.clone()
                    } else {
                        a.code.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join("+")
        }
    };
    let kind = e.plover.as_ref().map_or("-", |p| p.category.as_str());
    let claim = e.claimed_by.as_ref().map_or(String::new(), |c| {
        format!("  (claimed by {})", claimant_label(c))
    });
    let times = if e.mentions > 1 {
        format!(" x{}", e.mentions)
    } else {
        String::new()
    };
    format!(
        "{place}  s{}  {kind}/{}  {}  {} -> {}{claim}  \"{}\"{times}",
        e.sentence,
        e.cameo.code,
        e.modality,
        actors(&e.source),
        actors(&e.target),
        e.evidence.text
    )
}

/// How the table names who claims an event: the words of the text, or, when those words
/// share nothing with the actor's name (a pronoun such as "He" resolved to an earlier
/// person), the name with the words quoted, so the reader sees both who and why.
fn claimant_label(c: &attache_model::EventActor) -> String {
    if c.name.is_empty() || shares_a_word(&c.text, &c.name) {
        c.text.clone()
    } else {
        format!("{} \"{}\"", c.name, c.text)
    }
}

/// Whether two phrases share a word, allowing for inflection ("officials" / "official",
/// "Pakistani" / "Pakistan"): one word starts the other, case aside. Words shorter than
/// three letters never count, so "He" does not match "Hekmatyar".
fn shares_a_word(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    a.iter().any(|x| {
        b.iter()
            .any(|y| x.starts_with(y.as_str()) || y.starts_with(x.as_str()))
    })
}

/// Each sentence, actors as `[text|CODE]` and triggers as `<<text>>`.
fn explain(out: &mut impl Write, doc: &Document, events: &[Event]) -> std::io::Result<()> {
    for (i, s) in doc.sentences.iter().enumerate() {
        // Sentences without events are shown too: their actors explain what was missed.
        let here: Vec<&Event> = events.iter().filter(|e| e.sentence == i).collect();
        // Marks as (offset, is_open, text), applied from the end so offsets stay valid.
        let mut marks: Vec<(usize, usize, String)> = Vec::new();
        for m in doc.mentions.iter().filter(|m| m.sentence == i) {
            marks.push((
                m.span.end,
                0,
                format!("|{}]", if m.code.is_empty() { "place" } else { &m.code }),
            ));
            marks.push((m.span.start, 1, "[".into()));
        }
        for e in &here {
            marks.push((e.evidence.end, 0, ">>".into()));
            marks.push((e.evidence.start, 1, "<<".into()));
        }
        marks.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut text = doc.text_of(s.span).to_string();
        for (at, _, mark) in marks {
            if let Some(k) = at
                .checked_sub(s.span.start)
                .filter(|k| text.is_char_boundary(*k))
            {
                text.insert_str(k, &mark);
            }
        }
        writeln!(
            out,
            "# s{i}: {}",
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
        // The analysis layers go to stderr, keeping stdout machine-readable.
        out.flush()?;
        for line in crate::cmd::explain_analysis::lines(doc, i) {
            eprintln!("#   {line}");
        }
        for e in here {
            writeln!(
                out,
                "#   {}  rule: {}",
                table_line("", e).trim_start(),
                e.rule
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::EventActor;

    fn claimant(name: &str, text: &str) -> EventActor {
        EventActor {
            code: "PAKGOV".into(),
            name: name.into(),
            text: text.into(),
            ..EventActor::default()
        }
    }

    #[test]
    fn a_pronoun_claimant_is_shown_with_the_person_it_stands_for() {
        let e = Event {
            claimed_by: Some(claimant("Khawaja Asif", "He")),
            ..Event::default()
        };
        assert!(table_line("a.txt", &e).contains("(claimed by Khawaja Asif \"He\")"));
        let he = claimant("Gulbuddin Hekmatyar", "He");
        assert_eq!(claimant_label(&he), "Gulbuddin Hekmatyar \"He\"");
    }

    #[test]
    fn a_named_claimant_is_shown_as_written() {
        let c = claimant("Khawaja Asif", "Defence Minister Khawaja Asif");
        assert_eq!(claimant_label(&c), "Defence Minister Khawaja Asif");
        assert_eq!(claimant_label(&claimant("", "sources")), "sources");
        let officials = claimant("Pakistan official", "Pakistani officials");
        assert_eq!(claimant_label(&officials), "Pakistani officials");
    }
}
