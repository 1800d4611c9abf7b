//! `attache actors`: extract each article, split sentences, find the actors and print them,
//! one JSON line per mention or the article with mentions bracketed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use attache_model::{Document, Mention};
use attache_nlp::{
    petrarch_files, ActorDictionary, ActorResolver, Day, NlpError, PetrarchFile, Settings,
};
use serde::Serialize;

use crate::inputs::{self, Input};

/// Output formats of `attache actors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ActorsFormat {
    /// One JSON object per mention.
    Jsonl,
    /// The article, one sentence per line, mentions as `[text|CODE]`.
    Text,
}

/// Arguments of `attache actors`.
#[derive(clap::Args)]
pub struct ActorsArgs {
    /// HTML pages or plain-text articles: files, folders (read recursively), `.gz` files,
    /// or `-` for standard input (the default when no path is given).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ActorsFormat::Jsonl)]
    pub format: ActorsFormat,
    /// The article's day (YYYY-MM-DD) for dated roles; default: its published date, else
    /// today's office holders.
    #[arg(long)]
    pub date: Option<String>,
    /// Country code for titles and bodies no country qualifies ("officials said");
    /// default: the dateline's country, else the country mentioned most.
    #[arg(long)]
    pub default_country: Option<String>,
    /// Also load the PETRARCH actor and agent dictionaries of this folder.
    #[arg(long)]
    pub petrarch_dictionaries: Option<PathBuf>,
    /// Also load a dictionary in the team format (data/actors/README.md); repeatable.
    /// Its entries override every other source.
    #[arg(long)]
    pub dictionary: Vec<PathBuf>,
    /// Leave out the team's built-in dictionaries.
    #[arg(long)]
    pub no_builtin: bool,
    /// The page's URL, when the page itself does not say.
    #[arg(long)]
    pub url: Option<String>,
    /// Refuse inputs larger than this many megabytes (after decompression).
    #[arg(long, default_value_t = 20)]
    pub max_mb: usize,
}

/// One output line.
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    text: &'a str,
    start: usize,
    end: usize,
    sentence: usize,
    kind: attache_model::ActorKind,
    code: &'a str,
    name: &'a str,
    why: &'a str,
}

/// Run `attache actors`.
pub fn run(args: ActorsArgs) -> anyhow::Result<ExitCode> {
    let resolver = ActorResolver::new(actor_dictionary(
        args.no_builtin,
        args.petrarch_dictionaries.as_deref(),
        &args.dictionary,
    )?)?;
    let date = match &args.date {
        Some(d) => Some(Day::parse(d).with_context(|| format!("--date {d}: expected YYYY-MM-DD"))?),
        None => None,
    };
    let settings = Settings {
        date,
        default_country: args.default_country.clone(),
        ..Settings::default()
    };
    let extract_settings = attache_extract::Settings {
        max_bytes: args.max_mb.saturating_mul(1024 * 1024),
        ..attache_extract::Settings::default()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    for input in inputs::list(&args.paths) {
        let doc = match annotate_one(&input, &args, &resolver, &settings, &extract_settings) {
            Ok(doc) => doc,
            Err(err) => {
                failures += 1;
                eprintln!("attache: {}: {err:#}", input.name());
                continue;
            }
        };
        write_doc(&mut out, &input.name(), &doc, args.format)
            .context("cannot write to standard output")?;
    }
    out.flush().context("cannot write to standard output")?;
    Ok(inputs::exit_code(failures))
}

/// The actor dictionary a run's flags choose, the one loader behind `attache actors`,
/// `attache code` and `attache eval actors`/`events`: the team's built-in files (unless
/// `no_builtin`), a PETRARCH folder's actors and agents, then the user's team-format files,
/// in that order. Lines loaded only in part, and PETRARCH lines skipped, are reported on
/// stderr, naming file and line.
pub fn actor_dictionary(
    no_builtin: bool,
    petrarch_dictionaries: Option<&Path>,
    team_files: &[PathBuf],
) -> anyhow::Result<ActorDictionary> {
    let mut dict = if no_builtin {
        ActorDictionary::new()
    } else {
        ActorDictionary::builtin()?
    };
    if let Some(dir) = petrarch_dictionaries {
        dict.merge(load_petrarch_dir(dir)?);
    }
    for file in team_files {
        dict.merge(ActorDictionary::load_team_file(file)?);
    }
    for warning in dict.warnings() {
        crate::cmd::warn(warning);
    }
    Ok(dict)
}

/// How many malformed lines one PETRARCH actor or agent file may have skipped before it is
/// refused: the field's dictionaries have a few (`[+++]` codes, an unclosed `[`) and a run
/// should use everything else, but a file with more is likely not such a dictionary at all.
const MAX_SKIPPED_DICTIONARY_LINES: usize = 50;

/// Every `*.actors.txt` and `*.agents.txt` file of a PETRARCH folder, in name order, like
/// `ActorDictionary::load_petrarch_dir` but lenient: a malformed line is skipped with a
/// warning (up to [`MAX_SKIPPED_DICTIONARY_LINES`] per file) instead of refusing the folder.
fn load_petrarch_dir(dir: &Path) -> anyhow::Result<ActorDictionary> {
    let files = match petrarch_files(dir) {
        Ok(files) => files,
        // The I/O error already names the folder; said once, not again as its source.
        Err(NlpError::Io { path, source }) => anyhow::bail!("{path}: {source}"),
        Err(e) => return Err(e.into()),
    };
    let mut dict = ActorDictionary::new();
    for (path, kind) in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        dict.merge(parse_petrarch_lenient(
            &String::from_utf8_lossy(&bytes),
            &name,
            kind == PetrarchFile::Agents,
        )?);
    }
    Ok(dict)
}

/// One PETRARCH actor (or, with `agents`, agent) file; each malformed line is blanked (so
/// later line numbers stay right) and the file parsed again.
fn parse_petrarch_lenient(text: &str, name: &str, agents: bool) -> anyhow::Result<ActorDictionary> {
    // Split on '\n' alone so that joining again gives back the text byte for byte.
    let mut lines: Vec<&str> = text.split('\n').collect();
    let mut skipped = 0;
    loop {
        let joined = lines.join("\n");
        let parsed = if agents {
            ActorDictionary::parse_petrarch_agents(&joined, name)
        } else {
            ActorDictionary::parse_petrarch_actors(&joined, name)
        };
        match parsed {
            Ok(d) => return Ok(d),
            Err(NlpError::Dictionary { line, problem, .. })
                if skipped < MAX_SKIPPED_DICTIONARY_LINES && (1..=lines.len()).contains(&line) =>
            {
                crate::cmd::warn(format_args!("{name}:{line}: {problem}; line skipped"));
                lines[line - 1] = "";
                skipped += 1;
            }
            Err(e) if skipped >= MAX_SKIPPED_DICTIONARY_LINES => {
                return Err(anyhow::Error::new(e).context(format!(
                    "{name}: refused after skipping {MAX_SKIPPED_DICTIONARY_LINES} malformed lines"
                )))
            }
            Err(e) => return Err(e.into()),
        }
    }
}

fn annotate_one(
    input: &Input,
    args: &ActorsArgs,
    resolver: &ActorResolver,
    settings: &Settings,
    extract_settings: &attache_extract::Settings,
) -> anyhow::Result<Document> {
    let extraction = input.extract(args.url.as_deref(), extract_settings)?;
    if let attache_model::Extraction::NotArticle { reason, .. } = &extraction {
        eprintln!(
            "attache: {}: not an article ({}); finding actors anyway",
            input.name(),
            reason.describe()
        );
    }
    let article = match extraction {
        attache_model::Extraction::Article(a) => a,
        attache_model::Extraction::NotArticle { article, .. } => *article,
    };
    let mut doc = Document::new(input.name(), article);
    resolver.resolve_with(&mut doc, settings);
    Ok(doc)
}

fn write_doc(
    out: &mut impl Write,
    path: &str,
    doc: &Document,
    format: ActorsFormat,
) -> std::io::Result<()> {
    match format {
        ActorsFormat::Jsonl => {
            for m in &doc.mentions {
                serde_json::to_writer(&mut *out, &record(path, doc, m))?;
                out.write_all(b"\n")?;
            }
        }
        ActorsFormat::Text => {
            writeln!(out, "# {path}")?;
            out.write_all(attache_nlp::render::bracketed(doc).as_bytes())?;
        }
    }
    Ok(())
}

fn record<'a>(path: &'a str, doc: &'a Document, m: &'a Mention) -> Record<'a> {
    Record {
        path,
        text: doc.text_of(m.span),
        start: m.span.start,
        end: m.span.end,
        sentence: m.sentence,
        kind: m.kind,
        code: &m.code,
        name: &m.name,
        why: &m.why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_petrarch_line_is_skipped_and_the_rest_loads() {
        let dict = parse_petrarch_lenient(
            "ALPHA_ [USA]\nX [pak!]\r\nBETA_ [GBR]\n",
            "t.actors.txt",
            false,
        )
        .unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(dict.len(), 2);
        assert_eq!(dict.lookup("beta").len(), 1);
    }

    #[test]
    fn a_petrarch_file_with_too_many_malformed_lines_is_refused() {
        let text = "X [pak!]\n".repeat(MAX_SKIPPED_DICTIONARY_LINES + 1);
        let err = parse_petrarch_lenient(&text, "t.actors.txt", false)
            .err()
            .map(|e| format!("{e:#}"));
        assert_eq!(
            err.as_deref(),
            Some(
                "t.actors.txt: refused after skipping 50 malformed lines: \
                 t.actors.txt:51: `PAK!` is not an actor code"
            )
        );
    }
}
