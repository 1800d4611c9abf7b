//! The analysis layers of one sentence as short readable lines, for `attache code --explain`:
//! tags and lemmas, the dependency tree, entities and coreference, each shown only when the
//! layer was made.

use attache_model::{Document, Layers};

/// Lines describing sentence `sentence` of `doc` (none when the document was not analysed).
pub fn lines(doc: &Document, sentence: usize) -> Vec<String> {
    let range = doc.sentence_tokens(sentence);
    let mut out = Vec::new();
    if range.is_empty() {
        return out;
    }
    if doc.layers.contains(Layers::TAGS) {
        let tags: Vec<String> = doc.tokens[range.clone()]
            .iter()
            .map(|t| {
                let form = doc.text_of(t.span);
                let mut s = format!("{form}/{}/{}", t.upos.as_str(), t.xpos);
                if !t.lemma.is_empty() && t.lemma != form {
                    s.push_str(&format!("({})", t.lemma));
                }
                s
            })
            .collect();
        out.push(format!("tags: {}", tags.join(" ")));
    }
    if doc.layers.contains(Layers::TREE) {
        let arcs: Vec<String> = range
            .clone()
            .map(|i| {
                let t = &doc.tokens[i];
                let head = t.head.map_or("ROOT", |h| doc.text_of(doc.tokens[h].span));
                format!("{}({head}, {})", t.deprel, doc.text_of(t.span))
            })
            .collect();
        out.push(format!("tree: {}", arcs.join(" ")));
    }
    if doc.layers.contains(Layers::ENTITIES) {
        let here: Vec<String> = doc
            .entities
            .iter()
            .filter(|e| range.contains(&e.first_token))
            .map(|e| format!("[{}|{}]", doc.text_of(e.span), e.kind.label()))
            .collect();
        if !here.is_empty() {
            out.push(format!("entities: {}", here.join(" ")));
        }
    }
    if doc.layers.contains(Layers::COREF) {
        let mut links = Vec::new();
        for chain in &doc.coref {
            let Some(first) = chain.mentions.first() else {
                continue;
            };
            for m in chain.mentions.iter().skip(1) {
                if range.contains(&m.head) {
                    links.push(format!(
                        "{} -> {}",
                        doc.text_of(m.span),
                        doc.text_of(first.span)
                    ));
                }
            }
        }
        if !links.is_empty() {
            out.push(format!("coref: {}", links.join("; ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{Article, Entity, EntityKind, Sentence, Span, Token, Upos};

    #[test]
    fn only_the_layers_that_exist_are_shown() {
        let text = "Asif left.";
        let mut doc = Document::new(
            "t",
            Article {
                text: text.into(),
                ..Article::default()
            },
        );
        doc.sentences = vec![Sentence {
            span: Span::new(0, text.len()),
        }];
        assert!(lines(&doc, 0).is_empty());
        let spans = [
            (0, 4, Upos::Propn, "NNP", "Asif"),
            (5, 9, Upos::Verb, "VBD", "leave"),
            (9, 10, Upos::Punct, ".", "."),
        ];
        for (s, e, upos, xpos, lemma) in spans {
            let mut t = Token::new(Span::new(s, e), 0);
            t.upos = upos;
            t.xpos = xpos.into();
            t.lemma = lemma.into();
            doc.tokens.push(t);
        }
        doc.layers |= Layers::TOKENS | Layers::TAGS;
        assert_eq!(
            lines(&doc, 0),
            ["tags: Asif/PROPN/NNP left/VERB/VBD(leave) ./PUNCT/."]
        );
        doc.entities.push(Entity {
            span: Span::new(0, 4),
            first_token: 0,
            end_token: 1,
            kind: EntityKind::Person,
        });
        doc.layers |= Layers::ENTITIES;
        assert_eq!(lines(&doc, 0)[1], "entities: [Asif|PER]");
    }
}
