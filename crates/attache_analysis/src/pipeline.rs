//! The analysis pipeline: the one place that says which analysis stages run, in which order,
//! with which models. Every command that codes events (code, ingest, eval, serve's ingest)
//! and `attache parse` build their analysis with [`Analysis::builtin`].
//!
//! Stages, in order (each an [`Annotator`] whose `requires`/`provides` are checked once, when
//! the pipeline is assembled):
//! 1. tokens: SENTENCES → TOKENS ([`SpaceTokens`], an interim splitter until the UD tokenizer
//!    lands);
//! 2. tagger: TOKENS → TAGS ([`crate::tagger::Tagger`], the committed model);
//! 3. parser: TAGS → TREE ([`crate::parser::Parser`], the committed model);
//!
//! A stage whose layers a document already has is skipped, so a document read from CoNLL-U
//! with its tokens (`attache parse --input conllu`) keeps them.

use attache_model::{AnnotateError, Annotator, Document, Layers, Span, Token};

use crate::parser::Parser;
use crate::tagger::Tagger;
use crate::AnalysisError;

/// The analysis stages, in order.
pub struct Analysis {
    stages: Vec<Box<dyn Annotator>>,
}

impl std::fmt::Debug for Analysis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analysis")
            .field("stages", &self.stage_names())
            .finish()
    }
}

impl Analysis {
    /// The stages with the project's built-in models: every model that exists is loaded.
    pub fn builtin() -> Result<Analysis, AnalysisError> {
        Analysis::new(vec![
            Box::new(SpaceTokens),
            Box::new(Tagger::builtin()?),
            Box::new(Parser::builtin()?),
        ])
    }

    /// A pipeline of these stages, refused when a stage needs a layer that neither the
    /// sentence splitter before the analysis nor an earlier stage provides.
    pub fn new(stages: Vec<Box<dyn Annotator>>) -> Result<Analysis, AnalysisError> {
        let mut have = Layers::SENTENCES;
        for s in &stages {
            let missing = have.missing(s.requires());
            if !missing.is_empty() {
                return Err(AnalysisError::Model {
                    what: format!("analysis stage `{}`", s.name()),
                    problem: format!("needs layers {missing:?} that no earlier stage provides"),
                });
            }
            have |= s.provides();
        }
        Ok(Analysis { stages })
    }

    /// The stages' names, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Every layer some stage provides.
    pub fn layers(&self) -> Layers {
        self.stages
            .iter()
            .fold(Layers::NONE, |have, s| have | s.provides())
    }
}

impl Annotator for Analysis {
    fn name(&self) -> &'static str {
        "analysis"
    }

    fn requires(&self) -> Layers {
        Layers::SENTENCES
    }

    fn provides(&self) -> Layers {
        self.layers()
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        for stage in &self.stages {
            if doc.layers.contains(stage.provides()) {
                continue;
            }
            stage.annotate(doc)?;
        }
        Ok(())
    }
}

/// Interim tokens until the UD tokenizer lands: whitespace-separated words, with leading and
/// trailing punctuation and the clitics "n't", "'s", "'re", "'ve", "'ll", "'m", "'d" split
/// off. Deliberately small; it is replaced, not extended.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpaceTokens;

const CLITICS: [&str; 7] = ["n't", "'s", "'re", "'ve", "'ll", "'m", "'d"];

fn split_word(word: &str, start: usize, out: &mut Vec<Span>) {
    let is_punct = |c: char| !c.is_alphanumeric();
    let mut lo = 0;
    let mut hi = word.len();
    let mut tail = Vec::new();
    while let Some(c) = word[lo..hi].chars().next().filter(|&c| is_punct(c)) {
        if lo + c.len_utf8() >= hi {
            break;
        }
        out.push(Span::new(start + lo, start + lo + c.len_utf8()));
        lo += c.len_utf8();
    }
    while let Some(c) = word[lo..hi].chars().next_back().filter(|&c| is_punct(c)) {
        if hi - c.len_utf8() <= lo {
            break;
        }
        tail.push(Span::new(start + hi - c.len_utf8(), start + hi));
        hi -= c.len_utf8();
    }
    let core = &word[lo..hi];
    let lower = core.to_lowercase().replace('’', "'");
    if let Some(clitic) = CLITICS
        .iter()
        .find(|c| lower.ends_with(*c) && lower.len() > c.len() && lower.len() == core.len())
    {
        let cut = hi - clitic.len();
        out.push(Span::new(start + lo, start + cut));
        out.push(Span::new(start + cut, start + hi));
    } else {
        out.push(Span::new(start + lo, start + hi));
    }
    out.extend(tail.into_iter().rev());
}

impl Annotator for SpaceTokens {
    fn name(&self) -> &'static str {
        "tokens"
    }

    fn requires(&self) -> Layers {
        Layers::SENTENCES
    }

    fn provides(&self) -> Layers {
        Layers::TOKENS
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let text = &doc.article.text;
        let mut tokens = Vec::new();
        let mut spans = Vec::new();
        for (i, s) in doc.sentences.iter().enumerate() {
            let Some(sentence) = s.span.slice(text) else {
                continue;
            };
            let mut at = 0;
            for word in sentence.split_whitespace() {
                let offset = sentence[at..].find(word).map_or(at, |k| at + k);
                at = offset + word.len();
                spans.clear();
                split_word(word, s.span.start + offset, &mut spans);
                tokens.extend(spans.iter().map(|&span| Token::new(span, i)));
            }
        }
        doc.tokens = tokens;
        doc.layers |= Layers::TOKENS;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{Article, Sentence};

    fn doc(text: &str) -> Document {
        let mut d = Document::new(
            "t",
            Article {
                text: text.into(),
                ..Article::default()
            },
        );
        d.sentences = vec![Sentence {
            span: Span::new(0, text.len()),
        }];
        d.layers |= Layers::SENTENCES;
        d
    }

    #[test]
    fn space_tokens_split_punctuation_and_clitics_with_exact_spans() {
        let mut d = doc("Pakistan's army didn't \"retreat\", officials said.");
        SpaceTokens.annotate(&mut d).unwrap();
        let words: Vec<&str> = d.tokens.iter().map(|t| d.text_of(t.span)).collect();
        assert_eq!(
            words,
            [
                "Pakistan",
                "'s",
                "army",
                "did",
                "n't",
                "\"",
                "retreat",
                "\"",
                ",",
                "officials",
                "said",
                "."
            ]
        );
    }

    #[test]
    fn a_stage_missing_its_layers_is_refused_when_assembled() {
        let tagger_first: Vec<Box<dyn Annotator>> = vec![Box::new(NeedsTree)];
        let err = Analysis::new(tagger_first).unwrap_err().to_string();
        assert!(err.contains("needs-tree"), "{err}");
    }

    struct NeedsTree;
    impl Annotator for NeedsTree {
        fn name(&self) -> &'static str {
            "needs-tree"
        }
        fn requires(&self) -> Layers {
            Layers::TREE
        }
        fn provides(&self) -> Layers {
            Layers::ENTITIES
        }
        fn annotate(&self, _: &mut Document) -> Result<(), AnnotateError> {
            Ok(())
        }
    }

    #[test]
    fn the_builtin_analysis_tags_a_sentence() {
        let analysis = Analysis::builtin().unwrap();
        assert_eq!(analysis.stage_names(), ["tokens", "tagger", "parser"]);
        let mut d = doc("The minister closed the border.");
        analysis.annotate(&mut d).unwrap();
        assert!(d.layers.contains(Layers::TOKENS | Layers::TAGS));
        let tags: Vec<&str> = d.tokens.iter().map(|t| t.upos.as_str()).collect();
        assert_eq!(tags, ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"]);
        assert_eq!(d.tokens[2].lemma, "close");
        assert!(d.layers.contains(Layers::TREE));
        let heads: Vec<Option<usize>> = d.tokens.iter().map(|t| t.head).collect();
        assert_eq!(heads, [Some(1), Some(2), None, Some(4), Some(2), Some(2)]);
        assert_eq!(d.tokens[1].deprel, "nsubj");
        assert_eq!(d.tokens[4].deprel, "obj");
    }
}
