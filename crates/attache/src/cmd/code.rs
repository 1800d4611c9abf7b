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
use attache_extract::encoding::InputKind;
use attache_model::{Annotator, Article, DateBasis, Document, Event, Extraction, NotArticleReason};
use attache_nlp::{ActorResolver, Day, Settings};
use serde::Serialize;

use crate::cmd::actors::actor_dictionary;
use crate::inputs::{self, Input};

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

/// The sentence analysis (tokens, tags, entities, and the tree and coreference once their
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
            // Named like the other dictionary files in warnings: by file name.
            let table = PicoTable::parse(PICO_FILE, &text);
            for w in &table.warnings {
                crate::cmd::warn(format_args!("{w}; line skipped"));
            }
            if table.is_empty() {
                crate::cmd::warn(format_args!(
                    "{PICO_FILE}: no code read; codes are not combined"
                ));
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
    analyse(c, &mut doc, !petrarch_style);
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
            let doc = code_doc(&coders, &name, plain_article(text), &first_seen);
            let events = coders.coder.code(&doc);
            emit(&mut out, &args, &name, None, &doc, &events)
                .context("cannot write to standard output")?;
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
            let doc = code_doc(&coders, &name, article, &first_seen);
            let events = coders.coder.code(&doc);
            emit(&mut out, &args, &name, None, &doc, &events)
                .context("cannot write to standard output")?;
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

/// An article with its actors resolved; `first_seen` dates it when the page gives no date.
pub(crate) fn code_doc(
    coders: &Coders,
    name: &str,
    article: Article,
    first_seen: &str,
) -> Document {
    let mut doc = Document::new(name.to_string(), article);
    doc.first_seen = Some(first_seen.to_string());
    coders.resolver.resolve(&mut doc);
    analyse(coders, &mut doc, true);
    doc
}

/// Add the analysis layers after sentences and mentions; a failure is kept as a warning, so
/// the document is still coded by the word-window rules. With `entity_actors`, named
/// entities no dictionary covers become actors (not for PETRARCH's benchmarks, whose gold
/// codes only the actors its dictionaries list).
fn analyse(c: &Coders, doc: &mut Document, entity_actors: bool) {
    if let Err(err) = c.analysis.annotate(doc) {
        doc.warnings.push(format!("analysis: {err}"));
    }
    if entity_actors {
        attache_nlp::EntityActors.apply(doc);
        attache_nlp::ArticleCountry.apply(doc);
    }
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
