//! The parser as a pipeline stage: TAGS → TREE.

use attache_model::{AnnotateError, Annotator, Document, Layers};

use super::{Parser, Workspace};

impl Annotator for Parser {
    fn name(&self) -> &'static str {
        "parser"
    }

    fn requires(&self) -> Layers {
        Layers::TOKENS | Layers::TAGS
    }

    fn provides(&self) -> Layers {
        Layers::TREE
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let missing = doc.layers.missing(self.requires());
        if !missing.is_empty() {
            return Err(AnnotateError::MissingLayers {
                stage: self.name(),
                missing,
            });
        }
        let mut ws = Workspace::default();
        let mut start = 0;
        while start < doc.tokens.len() {
            let sentence = doc.tokens[start].sentence;
            let end = start
                + doc.tokens[start..]
                    .iter()
                    .take_while(|t| t.sentence == sentence)
                    .count();
            let text = &doc.article.text;
            let words = doc.tokens[start..end].iter().map(|t| {
                (
                    t.span.slice(text).unwrap_or(""),
                    t.upos.as_str(),
                    t.xpos.as_str(),
                )
            });
            let tree = self.parse(words, &mut ws);
            for (i, (&head, &label)) in tree.heads.iter().zip(&tree.labels).enumerate() {
                let token = &mut doc.tokens[start + i];
                token.head = (head > 0).then(|| start + head - 1);
                token.deprel = self.label_name(label).to_string();
            }
            start = end;
        }
        doc.layers |= Layers::TREE;
        Ok(())
    }
}
