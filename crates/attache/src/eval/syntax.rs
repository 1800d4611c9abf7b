//! `attache eval syntax --data DIR`: the sentence analysis scored on the Universal Dependencies
//! treebanks of a `shared/ud`-shaped folder.
//!
//! Gold tokens: the tagger's UPOS, XPOS and lemma accuracy on the EWT file's own words.
//!
//! Raw text, the CoNLL 2018 way: the EWT file's text is rebuilt (paragraphs and documents
//! apart by a blank line), split into sentences by the pipeline's splitter
//! (`attache_nlp::SentenceAnnotator`), tokenised (`attache_analysis::tokens::TokenAnnotator`)
//! and compared with the gold tokens, sentences and words by character offsets
//! (`attache_analysis::tokens::score`). UPOS, UAS and LAS on raw text are printed once a
//! tagger and a parser fill the tags and the tree.
//!
//! Gold tokens: the parser on the file's words, with the tagger's tags and with the file's.
//!
//! `--tagger FILE`, `--parser FILE` and `--ner FILE` score candidate model files in place of
//! the built-in ones, without rebuilding.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use attache_analysis::conllu;
use attache_analysis::parser::{self, Parser};
use attache_analysis::tagger::{self, Tagger};
use attache_analysis::tokens::score::{score, RawScores, RawText};
use attache_analysis::tokens::TokenAnnotator;
use attache_analysis::treebank::{self, Split};
use attache_model::{Annotator, Layers};
use attache_nlp::SentenceAnnotator;

/// Arguments of `attache eval syntax`.
#[derive(clap::Args)]
pub struct SyntaxEvalArgs {
    /// The folder laid out as `shared/ud` (with `ewt/en_ewt-ud-test.conllu`).
    #[arg(long)]
    pub data: PathBuf,
    /// Score the development file instead of the test file (for choices made while building).
    #[arg(long)]
    pub dev: bool,
    /// Score this tagger model file instead of the built-in one.
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// Score this parser model file instead of the built-in one (raw text and gold tokens).
    #[arg(long)]
    pub parser: Option<PathBuf>,
    /// Decode the parser with a beam of this many partial parses instead of the width its
    /// model file records (1: greedy), to weigh accuracy against speed.
    #[arg(long)]
    pub beam: Option<usize>,
    /// Score this entity recogniser model file instead of the built-in one (always on the
    /// test files: UNER EWT dev and GUM dev are its training data; see the `ner_dev` example
    /// of attache_analysis for development scores).
    #[arg(long)]
    pub ner: Option<PathBuf>,
    /// Print only the coreference lines (GUM test, seconds instead of minutes; the
    /// `coref_dev` example of attache_analysis gives development scores).
    #[arg(long)]
    pub coref_only: bool,
}

/// The UPOS target on EWT test with gold tokens.
const UPOS_TARGET: f64 = 0.955;

/// Run `attache eval syntax`.
pub fn run(args: SyntaxEvalArgs) -> anyhow::Result<ExitCode> {
    if args.coref_only {
        super::entities::print_coref(&args.data, args.ner.as_deref())?;
        return Ok(ExitCode::SUCCESS);
    }
    let split = if args.dev { Split::Dev } else { Split::Test };
    let model = match &args.tagger {
        Some(path) => Tagger::read(path)?,
        None => Tagger::builtin()?,
    };
    let mut parser = match &args.parser {
        Some(path) => Parser::load(path)?,
        None => Parser::builtin()?,
    };
    if let Some(width) = args.beam {
        if !(1..=parser::MAX_BEAM).contains(&width) {
            anyhow::bail!(
                "--beam {width}: expected 1 (greedy) to {}",
                parser::MAX_BEAM
            );
        }
        parser = parser.with_beam(width);
    }
    let path = treebank::ewt_official(&args.data, split);
    let gold = conllu::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let s = tagger::evaluate(&model, gold.iter());
    println!(
        "EWT {} gold tokens ({} sentences, {} words)",
        split.name(),
        gold.len(),
        s.words
    );
    println!(
        "  UPOS       {:.4} (target >= {UPOS_TARGET})",
        s.upos_accuracy()
    );
    println!("  XPOS       {:.4}", s.xpos_accuracy());
    println!("  UPOS+XPOS  {:.4}", s.both_accuracy());
    println!("  lemma      {:.4}", s.lemma_accuracy());
    let later: [&dyn Annotator; 2] = [&model, &parser];
    let (scores, layers) = raw_text_scores(&args.data, split, &later)?;
    println!(
        "EWT {} raw text (CoNLL 2018 scoring; attache_nlp sentences, UD tokenizer, tagger)",
        split.name()
    );
    println!("  tokens     {}", scores.tokens);
    println!("  sentences  {}", scores.sentences);
    println!("  words      {}", scores.words);
    if layers.contains(Layers::TAGS) {
        println!("  UPOS       {}", scores.upos);
    }
    if layers.contains(Layers::TREE) {
        println!("  UAS        {}", scores.uas);
        println!("  LAS        {}", scores.las);
    }
    parser_scores(&args.data, split, &model, &parser)?;
    super::entities::print(&args.data, args.ner.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

/// The parser on the gold tokens of the official EWT file of `split`, with the tagger's tags
/// and with the file's gold tags: UAS, LAS (universal relation) and LAS with subtypes.
fn parser_scores(ud: &Path, split: Split, tagger: &Tagger, parser: &Parser) -> anyhow::Result<()> {
    let path = treebank::ewt_official(ud, split);
    let gold = conllu::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut tagged = gold.clone();
    parser::train::retag(tagger, &mut tagged);
    for (sentences, tags) in [(&tagged, "predicted tags"), (&gold, "gold tags")] {
        let s = parser::score::evaluate(parser, sentences);
        println!(
            "EWT {} gold tokens, {tags} (parser; every word, punctuation included)",
            split.name()
        );
        println!("  UAS        {:.4}", s.uas());
        println!("  LAS        {:.4}", s.las());
        println!("  LAS+subtypes {:.4}  ({} words)", s.las_full(), s.words);
    }
    Ok(())
}

/// Rebuild the raw text of the official EWT file of `split`, split and tokenise it as the
/// pipeline does, run `later` (tagger, parser) on it, and score it; also the layers filled.
pub fn raw_text_scores(
    ud: &Path,
    split: Split,
    later: &[&dyn Annotator],
) -> anyhow::Result<(RawScores, Layers)> {
    let path = treebank::ewt_official(ud, split);
    let sentences = conllu::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let raw = RawText::from_sentences(&sentences);
    let mut doc = raw.document();
    SentenceAnnotator::new().annotate(&mut doc)?;
    TokenAnnotator::new().annotate(&mut doc)?;
    for stage in later {
        stage.annotate(&mut doc)?;
    }
    Ok((score(&raw, &doc), doc.layers))
}
