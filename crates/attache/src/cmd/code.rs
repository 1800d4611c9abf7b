//! `attache code`: extract articles, find actors, code events; one JSON line per event (or a
//! readable table, or each sentence with its actors and triggers marked).
//!
//! `--records FILE` codes the sentences of a gold file instead (PETRARCH validation XML or
//! PLOVER GSR JSON), each with its own date, ignoring the answers; events carry `record_id`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use attache_events::gold::{GoldFormat, GoldRecord, GoldSet};
use attache_extract::encoding::InputKind;
use attache_model::{Article, DateBasis, Document, Event, Extraction, NotArticleReason};
use serde::Serialize;

use crate::inputs::{self, Input};
use crate::pipeline::stages::PipelineBuilder;
use crate::pipeline::{Overrides, Pipeline};

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
#[command(after_help = "\
Examples:
  attache code article.html                      one JSON line per event
  echo \"Pakistan accused India of backing militants.\" | attache code -
  attache code --text \"Pakistan accused India of backing militants.\" --format text
  attache code article.html --explain | jq .      the commentary goes to stderr

Plain text too short to be a news article (a sentence or a paragraph, from a file or stdin) is \
coded as it is, with a note on stderr; text given with --text always is. An HTML page that is \
not an article is reported and left out.")]
pub struct CodeArgs {
    /// Files, folders, or `-` for standard input.
    pub paths: Vec<PathBuf>,
    /// Code this text as it is (a sentence or a paragraph; no article extraction). May be
    /// given several times; each is named `text#N` in the output.
    #[arg(long, value_name = "TEXT")]
    pub text: Vec<String>,
    /// Output format (stdout holds only this: JSON lines or the table).
    #[arg(long, value_enum, default_value_t = CodeFormat::Jsonl)]
    pub format: CodeFormat,
    /// Also show each sentence with its actors [bracketed] and triggers <<marked>>, then its
    /// events, on stderr: stdout stays machine-readable (`| jq` works) in every format.
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
    /// The day the articles were first seen (YYYY-MM-DD): the date of the events of an
    /// article that gives no date (default: today).
    #[arg(long)]
    pub date: Option<String>,
}

/// Dictionary and coding options shared by `attache code` and `attache eval events`.
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
    /// Keep the events of an article whose target or doer was not found ("Pakistan
    /// protested on Monday", "two soldiers were killed"). By default an event needs who did
    /// it and the one it is aimed at; the sentences of a gold
    /// file (`--records`) keep them always, since their target may stand in a sentence the
    /// record does not have.
    #[arg(long)]
    pub one_sided: bool,
}

/// The pipeline for articles (`attache code` on paths and `--text`, and the real-news pages
/// of `attache eval events`): the stages of `attache ingest` with these dictionaries.
pub fn pipeline(args: &DictionaryArgs) -> anyhow::Result<Pipeline> {
    with_dictionaries(Pipeline::builder(), args).build()
}

/// The pipeline for the records of a gold file (`--records`, `attache eval events`): lone
/// sentences, whose verb files the file's `<Environment>` may name; PETRARCH XML sets are
/// coded by PETRARCH's conventions, with its `require_dyad` default and only the actors its
/// dictionaries list (its gold codes no others).
pub fn records_pipeline(args: &DictionaryArgs, set: &GoldSet) -> anyhow::Result<Pipeline> {
    let petrarch_style = set.format == GoldFormat::PetrarchXml;
    with_dictionaries(Pipeline::builder(), args)
        .petrarch_verb_files(&set.environment.verb_files)
        .lone_sentences(true)
        .one_sided(true)
        .entity_actors(!petrarch_style)
        .petrarch_compat(petrarch_style)
        .require_dyad(petrarch_style && PETRARCH_REQUIRE_DYAD)
        .build()
}

/// The dictionary options of the command line on a pipeline builder.
fn with_dictionaries(builder: PipelineBuilder, args: &DictionaryArgs) -> PipelineBuilder {
    let petrarch = args.petrarch_dictionaries.as_deref();
    builder
        .builtin_actors(!args.no_builtin)
        .petrarch_dictionaries(petrarch)
        // A PETRARCH verb dictionary replaces the team's patterns unless both are asked for.
        .team_patterns(petrarch.is_none() || args.team_patterns)
        .one_sided(args.one_sided)
}

/// PETRARCH's default for `require_dyad` (its `PETR_config.ini`): events need both actors.
const PETRARCH_REQUIRE_DYAD: bool = true;

/// Code one gold record with a [`records_pipeline`]: its text as an article dated with the
/// record's date, its own `require_dyad` option applied; the events are in `doc.events`.
pub fn code_record(pipeline: &Pipeline, record: &GoldRecord) -> Document {
    let article = Article {
        text: record.text.clone(),
        published: record.date.clone(),
        ..Article::default()
    };
    let mut doc = Document::new(record.id.clone(), article);
    let overrides = Overrides {
        require_dyad: record
            .option("require_dyad")
            .map(|v| v.trim().eq_ignore_ascii_case("true")),
    };
    if let Err(stopped) = pipeline.annotate_with(&mut doc, &overrides) {
        doc.warnings.push(stopped.to_string());
    }
    doc
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
        let pipeline = records_pipeline(&args.dictionaries, &set)?;
        for record in &set.records {
            let doc = code_record(&pipeline, record);
            emit(&mut out, &args, &name, Some(&record.id), &doc)
                .context("cannot write to standard output")?;
        }
    } else {
        let pipeline = pipeline(&args.dictionaries)?;
        let first_seen = match &args.date {
            Some(d) if attache_model::calendar::day_number(d).is_some() => d.clone(),
            Some(d) => anyhow::bail!("--date {d}: expected YYYY-MM-DD"),
            None => attache_store::now_rfc3339(),
        };
        let settings = attache_extract::Settings {
            max_bytes: args.max_mb.saturating_mul(1024 * 1024),
            ..attache_extract::Settings::default()
        };
        for (i, text) in args.text.iter().enumerate() {
            let name = format!("text#{}", i + 1);
            let doc = code_doc(&pipeline, &name, plain_article(text), &first_seen);
            emit(&mut out, &args, &name, None, &doc).context("cannot write to standard output")?;
        }
        let paths_given = !args.paths.is_empty() || args.text.is_empty();
        for input in inputs::list(&args.paths)
            .into_iter()
            .filter(|_| paths_given)
        {
            let name = input.name();
            let article = match article_of(&input, &settings) {
                Ok(a) => a,
                Err(Skip::NotArticle(reason)) => {
                    eprintln!("attache: {name}: not an article: {}", reason.describe());
                    continue;
                }
                Err(Skip::Failed(err)) => {
                    failures += 1;
                    let hint = match &input {
                        Input::Unreadable(p, _) if p.to_string_lossy().contains(' ') => {
                            " (to code text given on the command line, use --text)"
                        }
                        _ => "",
                    };
                    eprintln!("attache: {name}: {err:#}{hint}");
                    continue;
                }
            };
            let doc = code_doc(&pipeline, &name, article, &first_seen);
            emit(&mut out, &args, &name, None, &doc).context("cannot write to standard output")?;
        }
    }
    out.flush().context("cannot write to standard output")?;
    Ok(inputs::exit_code(failures))
}

/// Why an input gives no article to code.
enum Skip {
    /// A page that is not an article (HTML, or a binary or empty input).
    NotArticle(NotArticleReason),
    /// The input could not be read.
    Failed(anyhow::Error),
}

/// The article of one input. Plain text that is too short for a news article (the sentence a
/// curious user pipes in) is taken whole as the article's text, with a note on stderr: its
/// first line is not a title, and every sentence of it is coded.
fn article_of(input: &Input, settings: &attache_extract::Settings) -> Result<Article, Skip> {
    let bytes = input.read(settings.max_bytes).map_err(Skip::Failed)?;
    match attache_extract::extract(&bytes, None, settings) {
        Ok(Extraction::Article(a)) => Ok(a),
        Ok(Extraction::NotArticle {
            reason: NotArticleReason::TooLittleText,
            ..
        }) if attache_extract::encoding::sniff(&bytes) == InputKind::PlainText => {
            eprintln!(
                "attache: {}: {}; coded as plain text",
                input.name(),
                NotArticleReason::TooLittleText.describe()
            );
            Ok(plain_article(&attache_extract::encoding::decode(
                &bytes, None,
            )))
        }
        Ok(Extraction::NotArticle { reason, .. }) => Err(Skip::NotArticle(reason)),
        Err(e) => Err(Skip::Failed(e.into())),
    }
}

/// Text taken as it is: the whole of it is the body, with no title, date or dateline.
fn plain_article(text: &str) -> Article {
    Article {
        text: text.trim().to_string(),
        ..Article::default()
    }
}

/// An article run through `pipeline`; `first_seen` dates it when the page gives no date.
/// The events are in `doc.events`.
pub(crate) fn code_doc(
    pipeline: &Pipeline,
    name: &str,
    article: Article,
    first_seen: &str,
) -> Document {
    let mut doc = Document::new(name.to_string(), article);
    doc.first_seen = Some(first_seen.to_string());
    if let Err(stopped) = pipeline.annotate(&mut doc) {
        doc.warnings.push(stopped.to_string());
    }
    doc
}

fn emit(
    out: &mut impl Write,
    args: &CodeArgs,
    article: &str,
    record_id: Option<&str>,
    doc: &Document,
) -> std::io::Result<()> {
    let events = &doc.events;
    if args.explain {
        // The commentary goes to stderr, after what stdout holds so far, so a terminal shows
        // each article's commentary next to its events.
        out.flush()?;
        explain(&mut std::io::stderr().lock(), doc, events)?;
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

/// `where  s3  THREATEN/138  conditional  PAK -> AFGGOV  (claimed by Khawaja Asif)  "warned"  2025-10-29 ("yesterday")`.
fn table_line(place: &str, e: &Event) -> String {
    let actors = |v: &[attache_model::EventActor]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.iter()
                .map(|a| {
                    if a.code.is_empty() {
                        a.text.clone()
                    } else if a.known_by_name() {
                        // Private persons share their code: the words say who.
                        format!("{}({})", a.code, a.text)
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
    let when = match (&e.date, e.dating.basis) {
        (None, _) => String::new(),
        (Some(d), DateBasis::Text) => format!(
            "  {d} (\"{}\"{})",
            e.dating.text.as_deref().unwrap_or(""),
            if e.dating.background {
                ", background"
            } else {
                ""
            }
        ),
        (Some(d), DateBasis::FirstSeen) => format!("  {d} (first seen; the article has no date)"),
        (Some(d), _) => format!("  {d}"),
    };
    let times = if e.mentions > 1 {
        format!(" x{}", e.mentions)
    } else {
        String::new()
    };
    format!(
        "{place}  s{}  {kind}/{}  {}  {} -> {}{claim}  \"{}\"{times}{when}",
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
                // An actor no dictionary codes shows its kind ("person"), so the
                // reader sees it was recognised.
                format!(
                    "|{}]",
                    if m.code.is_empty() {
                        m.kind.name()
                    } else {
                        &m.code
                    }
                ),
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
        for line in crate::cmd::explain_analysis::lines(doc, i) {
            writeln!(out, "#   {line}")?;
        }
        for e in here {
            writeln!(
                out,
                "#   {}  rule: {}",
                table_line("", e).trim_start(),
                e.rule
            )?;
            for line in crate::cmd::explain_analysis::event_lines(doc, e) {
                writeln!(out, "#     {line}")?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::EventActor;

    fn built(pipeline: anyhow::Result<Pipeline>) -> Pipeline {
        pipeline.unwrap_or_else(|e| panic!("the pipeline does not build: {e:#}"))
    }

    fn gold_set(format: GoldFormat) -> GoldSet {
        GoldSet {
            format,
            records: Vec::new(),
            environment: attache_events::gold::Environment::default(),
            problems: Vec::new(),
        }
    }

    #[test]
    fn code_eval_and_ingest_run_the_same_stages() {
        let ingest = built(crate::cmd::ingest::pipeline()).stage_names();
        let code = built(pipeline(&DictionaryArgs::default())).stage_names();
        assert_eq!(code, ingest);
        let plover = built(records_pipeline(
            &DictionaryArgs::default(),
            &gold_set(GoldFormat::PloverJson),
        ));
        assert_eq!(plover.stage_names(), ingest);
        // PETRARCH's benchmarks leave out only the stages that make actors no dictionary
        // lists; the rest run in the same order.
        let petrarch = built(records_pipeline(
            &DictionaryArgs::default(),
            &gold_set(GoldFormat::PetrarchXml),
        ));
        let kept: Vec<&str> = ingest
            .iter()
            .copied()
            .filter(|s| !["entity_actors", "article_country"].contains(s))
            .collect();
        assert_eq!(petrarch.stage_names(), kept);
    }

    #[test]
    fn code_and_ingest_code_an_article_alike() {
        let text = "ISLAMABAD (Reuters) - Pakistan warned Afghanistan on Monday. \
                    Officials said the two countries would meet in Istanbul. \
                    Defence Minister Khawaja Asif accused the Taliban of backing militants.";
        let article = || Article {
            text: text.into(),
            published: Some("2025-10-27".into()),
            dateline: Some("ISLAMABAD".into()),
            ..Article::default()
        };
        let code = built(pipeline(&DictionaryArgs::default()));
        let doc = code_doc(&code, "a", article(), "2025-10-28");
        let mut ingested = Document::new("a", article());
        ingested.first_seen = Some("2025-10-28".into());
        let ingest = built(crate::cmd::ingest::pipeline());
        crate::pipeline::annotate_within(
            &mut ingested,
            Some(&ingest),
            &crate::pipeline::Budget::default(),
        );
        assert!(doc.events.len() >= 2, "{:?}", doc.events);
        assert_eq!(doc.mentions, ingested.mentions);
        assert_eq!(doc.events, ingested.events);
    }

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
