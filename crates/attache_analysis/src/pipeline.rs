//! The analysis pipeline: the one place that says which analysis stages run, in which order,
//! with which models. Every command that codes events (code, ingest, eval, serve's ingest)
//! and `attache parse` build their analysis with [`Analysis::builtin`].
//!
//! Stages, in order (each an [`Annotator`] whose `requires`/`provides` are checked once, when
//! the pipeline is assembled):
//! 1. tokens: SENTENCES → TOKENS ([`crate::tokens::TokenAnnotator`], the UD tokenizer);
//! 2. tagger: TOKENS → TAGS ([`crate::tagger::Tagger`], the committed model);
//! 3. parser: TAGS → TREE ([`crate::parser::Parser`], the committed model);
//! 4. entities: TOKENS (+TAGS) → ENTITIES ([`crate::ner::Recogniser`], the committed model);
//! 5. coreference: TREE + ENTITIES → COREF ([`crate::coref::Resolver`], the committed model).
//!
//! A stage whose layers a document already has is skipped, so a document read from CoNLL-U
//! with its tokens (`attache parse --input conllu`) keeps them.

use attache_model::{AnnotateError, Annotator, Document, Layers};

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
            Box::new(crate::tokens::TokenAnnotator::new()),
            Box::new(Tagger::builtin()?),
            Box::new(Parser::builtin()?),
            Box::new(crate::ner::Recogniser::builtin()?),
            Box::new(crate::coref::Resolver::builtin()?),
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

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{Article, Sentence, Span};

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
        assert_eq!(
            analysis.stage_names(),
            ["tokens", "tagger", "parser", "ner", "coref"]
        );
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
        let mut d = doc("Khawaja Asif warned Kabul on Monday.");
        analysis.annotate(&mut d).unwrap();
        let kinds: Vec<&str> = d.entities.iter().map(|e| e.kind.label()).collect();
        assert_eq!(kinds, ["PER", "LOC"]);
    }
}
