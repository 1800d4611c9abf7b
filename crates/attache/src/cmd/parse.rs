//! `attache parse`: show the sentence analysis in the field's format.
//!
//! `--input text` (the default) reads articles or plain text, splits sentences and tokenises
//! them itself; `--input conllu` keeps the given sentences and words (only ID, FORM and
//! `SpaceAfter=No` in MISC are read; the other columns may be `_`), so taggers and parsers
//! can be compared on gold tokens. Output is CoNLL-U (UPOS, XPOS, lemma, head, relation;
//! entities as `NE=B-PER` and coreference as `Coref=<chain>` in MISC, when those layers
//! exist) or one JSON object per sentence.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use attache_analysis::conllu::{self, MultiwordToken, Sentence as ConlluSentence, Word};
use attache_model::{Annotator, Article, Document, Extraction, Layers, Sentence, Span, Token};
use serde::Serialize;

use crate::inputs;

/// What `attache parse` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ParseInput {
    /// Articles or plain text (pages are extracted first).
    Text,
    /// CoNLL-U: its sentences and words are kept.
    Conllu,
}

/// What `attache parse` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ParseFormat {
    /// CoNLL-U.
    Conllu,
    /// One JSON object per sentence.
    Jsonl,
}

/// Arguments of `attache parse`.
#[derive(clap::Args)]
pub struct ParseArgs {
    /// Files, folders, or `-` for standard input.
    pub paths: Vec<PathBuf>,
    /// What the inputs are.
    #[arg(long, value_enum, default_value_t = ParseInput::Text)]
    pub input: ParseInput,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ParseFormat::Conllu)]
    pub format: ParseFormat,
    /// Refuse inputs larger than this many megabytes (after decompression).
    #[arg(long, default_value_t = 20)]
    pub max_mb: usize,
}

/// Run `attache parse`.
pub fn run(args: ParseArgs) -> anyhow::Result<ExitCode> {
    let analysis = crate::pipeline::stages::analysis()?;
    let sentences = attache_nlp::SentenceAnnotator::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    let max_bytes = args.max_mb.saturating_mul(1024 * 1024);
    let extract = attache_extract::Settings {
        max_bytes,
        ..attache_extract::Settings::default()
    };
    for input in inputs::list(&args.paths) {
        let name = input.name();
        let (mut doc, given) = match args.input {
            ParseInput::Conllu => {
                let read = input.read(max_bytes).and_then(|bytes| {
                    let text = String::from_utf8(bytes).context("not UTF-8")?;
                    Ok(conllu::parse(&text, &name)?)
                });
                match read {
                    Ok(given) => (document_from_conllu(&name, &given), Some(given)),
                    Err(err) => {
                        failures += 1;
                        eprintln!("attache: {name}: {err:#}");
                        continue;
                    }
                }
            }
            ParseInput::Text => match read_text(&input, &extract) {
                Ok(Some(article)) => (Document::new(name.clone(), article), None),
                Ok(None) => continue,
                Err(err) => {
                    failures += 1;
                    eprintln!("attache: {name}: {err:#}");
                    continue;
                }
            },
        };
        if !doc.layers.contains(Layers::SENTENCES) {
            sentences
                .annotate(&mut doc)
                .with_context(|| format!("{name}: sentence splitting failed"))?;
        }
        if let Err(err) = analysis.annotate(&mut doc) {
            failures += 1;
            eprintln!("attache: {name}: {err}");
            continue;
        }
        let written = match args.format {
            ParseFormat::Conllu => {
                let mut text = String::new();
                conllu::write(&to_conllu(&doc, given.as_deref()), &mut text);
                out.write_all(text.as_bytes())
            }
            ParseFormat::Jsonl => write_jsonl(&mut out, &doc),
        };
        written.context("cannot write to standard output")?;
    }
    out.flush().context("cannot write to standard output")?;
    Ok(inputs::exit_code(failures))
}

/// The article of a page (HTML is extracted; a page that is not an article is reported and
/// skipped), or plain text as it is, however short.
fn read_text(
    input: &inputs::Input,
    settings: &attache_extract::Settings,
) -> anyhow::Result<Option<Article>> {
    let bytes = input.read(settings.max_bytes)?;
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let html = head.trim_start().starts_with('<')
        && (head.contains("<html")
            || head.contains("<!doctype")
            || head.contains("<body")
            || head.contains("<p"));
    if !html {
        let text = String::from_utf8(bytes).context("not UTF-8 text")?;
        return Ok(Some(Article {
            text,
            ..Article::default()
        }));
    }
    match attache_extract::extract(&bytes, None, settings)? {
        Extraction::Article(a) => Ok(Some(a)),
        Extraction::NotArticle { reason, .. } => {
            eprintln!(
                "attache: {}: not an article: {}",
                input.name(),
                reason.describe()
            );
            Ok(None)
        }
    }
}

/// A document whose text is the given words (a space after each unless `SpaceAfter=No`),
/// with the given sentences and one token per word.
pub fn document_from_conllu(name: &str, sentences: &[ConlluSentence]) -> Document {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut tokens = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let start = text.len();
        for (k, w) in s.words.iter().enumerate() {
            let id = k + 1;
            let multi = s.multiword.iter().find(|m| m.first <= id && id <= m.last);
            let token_start = text.len();
            text.push_str(&w.form);
            tokens.push(Token::new(Span::new(token_start, text.len()), i));
            let space = match multi {
                Some(m) if id < m.last => false,
                Some(m) => !m.misc.split('|').any(|x| x == "SpaceAfter=No"),
                None => !w.no_space_after(),
            };
            if space && k + 1 < s.words.len() {
                text.push(' ');
            }
        }
        spans.push(Sentence {
            span: Span::new(start, text.len()),
        });
        text.push('\n');
    }
    let mut doc = Document::new(
        name,
        Article {
            text,
            ..Article::default()
        },
    );
    doc.sentences = spans;
    doc.tokens = tokens;
    doc.layers |= Layers::SENTENCES | Layers::TOKENS;
    doc
}

/// Entity IOB labels and coreference chain ids per token.
fn token_marks(doc: &Document) -> (Vec<Option<String>>, Vec<Option<usize>>) {
    let mut ne = vec![None; doc.tokens.len()];
    for e in &doc.entities {
        let end = e.end_token.min(ne.len());
        for (t, slot) in ne.iter_mut().enumerate().take(end).skip(e.first_token) {
            let prefix = if t == e.first_token { "B" } else { "I" };
            *slot = Some(format!("{prefix}-{}", e.kind.label()));
        }
    }
    let mut coref = vec![None; doc.tokens.len()];
    for (chain, c) in doc.coref.iter().enumerate() {
        for m in &c.mentions {
            if let Some(slot) = coref.get_mut(m.head) {
                *slot = Some(chain + 1);
            }
        }
    }
    (ne, coref)
}

/// The document's sentences as CoNLL-U; `given` keeps the input's comments and multiword
/// tokens when the document was read from CoNLL-U.
fn to_conllu(doc: &Document, given: Option<&[ConlluSentence]>) -> Vec<ConlluSentence> {
    let (ne, coref) = token_marks(doc);
    let tagged = doc.layers.contains(Layers::TAGS);
    let parsed = doc.layers.contains(Layers::TREE);
    let mut out = Vec::new();
    for (i, s) in doc.sentences.iter().enumerate() {
        let range = doc.sentence_tokens(i);
        if range.is_empty() {
            continue;
        }
        let (comments, multiword): (Vec<String>, Vec<MultiwordToken>) =
            match given.and_then(|g| g.get(i)) {
                Some(g) => (g.comments.clone(), g.multiword.clone()),
                None => (
                    vec![
                        format!("sent_id = {}-{}", doc.source, i + 1),
                        format!(
                            "text = {}",
                            doc.text_of(s.span)
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" ")
                        ),
                    ],
                    Vec::new(),
                ),
            };
        let words = range
            .clone()
            .map(|t| {
                let token = &doc.tokens[t];
                let mut misc = Vec::new();
                let next_start = doc.tokens.get(t + 1).map(|n| n.span.start);
                if t + 1 < range.end && next_start == Some(token.span.end) {
                    misc.push("SpaceAfter=No".to_string());
                }
                if let Some(label) = &ne[t] {
                    misc.push(format!("NE={label}"));
                }
                if let Some(chain) = coref[t] {
                    misc.push(format!("Coref={chain}"));
                }
                let (head, deprel) = if parsed {
                    match token.head {
                        Some(h) if range.contains(&h) => {
                            (h - range.start + 1, token.deprel.clone())
                        }
                        _ => (0, token.deprel.clone()),
                    }
                } else {
                    (usize::MAX, String::new())
                };
                Word {
                    form: doc.text_of(token.span).to_string(),
                    lemma: if tagged {
                        token.lemma.clone()
                    } else {
                        String::new()
                    },
                    upos: if tagged {
                        token.upos.as_str().to_string()
                    } else {
                        String::new()
                    },
                    xpos: token.xpos.clone(),
                    feats: String::new(),
                    head,
                    deprel,
                    deps: String::new(),
                    misc: misc.join("|"),
                }
            })
            .collect();
        out.push(ConlluSentence {
            comments,
            words,
            multiword,
        });
    }
    out
}

#[derive(Serialize)]
struct JsonToken<'a> {
    form: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    upos: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    xpos: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    lemma: &'a str,
    /// 1-based index of the head in the sentence, 0 for the root.
    #[serde(skip_serializing_if = "Option::is_none")]
    head: Option<usize>,
    #[serde(skip_serializing_if = "str::is_empty")]
    deprel: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ne: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coref: Option<usize>,
}

#[derive(Serialize)]
struct JsonSentence<'a> {
    source: &'a str,
    sentence: usize,
    text: &'a str,
    tokens: Vec<JsonToken<'a>>,
}

fn write_jsonl(out: &mut impl Write, doc: &Document) -> std::io::Result<()> {
    let (ne, coref) = token_marks(doc);
    let tagged = doc.layers.contains(Layers::TAGS);
    let parsed = doc.layers.contains(Layers::TREE);
    for (i, s) in doc.sentences.iter().enumerate() {
        let range = doc.sentence_tokens(i);
        let tokens = range
            .clone()
            .map(|t| {
                let token = &doc.tokens[t];
                JsonToken {
                    form: doc.text_of(token.span),
                    start: token.span.start,
                    end: token.span.end,
                    upos: tagged.then(|| token.upos.as_str()),
                    xpos: &token.xpos,
                    lemma: &token.lemma,
                    head: parsed.then(|| {
                        token
                            .head
                            .filter(|h| range.contains(h))
                            .map_or(0, |h| h - range.start + 1)
                    }),
                    deprel: &token.deprel,
                    ne: ne[t].as_deref(),
                    coref: coref[t],
                }
            })
            .collect();
        serde_json::to_writer(
            &mut *out,
            &JsonSentence {
                source: &doc.source,
                sentence: i,
                text: doc.text_of(s.span),
                tokens,
            },
        )?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const GIVEN: &str = "# sent_id = a-1\n# text = I don't know.\n\
1\tI\t_\t_\t_\t_\t_\t_\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n\
3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
4\tknow\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\
5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";

    #[test]
    fn conllu_input_keeps_its_words_sentences_and_comments() {
        let given = conllu::parse(GIVEN, "given").unwrap();
        let mut doc = document_from_conllu("given", &given);
        assert_eq!(doc.article.text, "I don't know.\n");
        let analysis = crate::pipeline::stages::analysis().unwrap();
        analysis.annotate(&mut doc).unwrap();
        let back = to_conllu(&doc, Some(&given));
        assert_eq!(back.len(), 1);
        let forms: Vec<&str> = back[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "do", "n't", "know", "."]);
        assert_eq!(back[0].comments, given[0].comments);
        assert_eq!(back[0].multiword, given[0].multiword);
        assert_eq!(back[0].words[3].misc, "SpaceAfter=No");
        assert_eq!(back[0].words[3].upos, "VERB");
        assert_eq!(back[0].words[2].lemma, "not");
        // No parser yet: heads are left blank, not invented.
        if !doc.layers.contains(Layers::TREE) {
            assert_eq!(back[0].words[0].head, usize::MAX);
        }
    }
}
