//! The analysis layers of one sentence as short readable lines, for `attache code --explain`:
//! tags and lemmas, the dependency tree, entities and coreference, each shown only when the
//! layer was made; and for each event, the tree path from its trigger to each role, what the
//! trigger acts on by the noun-kind table, and the words of the tree that mark its modality.

use attache_model::kinds::NounKinds;
use attache_model::{Document, Event, EventActor, Layers, Span};

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

/// The token (index into `Document::tokens`) of a span's head: the first token inside the
/// span whose head lies outside it.
fn head_token(doc: &Document, span: Span) -> Option<usize> {
    let inside: Vec<usize> = (0..doc.tokens.len())
        .filter(|&i| {
            let t = doc.tokens[i].span;
            t.start < span.end && span.start < t.end
        })
        .collect();
    let within = |h: Option<usize>| h.is_some_and(|h| inside.contains(&h));
    inside
        .iter()
        .copied()
        .find(|&i| !within(doc.tokens[i].head))
        .or_else(|| inside.first().copied())
}

/// The tokens from `n` up to the root of its sentence.
fn ancestors(doc: &Document, n: usize) -> Vec<usize> {
    let mut out = vec![n];
    let mut at = n;
    while let Some(h) = doc.tokens[at].head {
        if out.contains(&h) || out.len() > 64 {
            break;
        }
        out.push(h);
        at = h;
    }
    out
}

/// The dependency path between two tokens: up from `from` to their common head (`<rel<`),
/// then down to `to` (`>rel>`): "resume <xcomp< ready >nsubj> Pakistan".
fn path(doc: &Document, from: usize, to: usize) -> Option<String> {
    let up = ancestors(doc, from);
    let down = ancestors(doc, to);
    let common = up.iter().position(|n| down.contains(n))?;
    let meet = up[common];
    let form = |n: usize| doc.text_of(doc.tokens[n].span).to_string();
    let mut out = form(from);
    for &n in &up[..common] {
        let head = doc.tokens[n].head?;
        out.push_str(&format!(" <{}< {}", doc.tokens[n].deprel, form(head)));
    }
    let below = down.iter().position(|&n| n == meet)?;
    for &n in down[..below].iter().rev() {
        out.push_str(&format!(" >{}> {}", doc.tokens[n].deprel, form(n)));
    }
    Some(out)
}

/// Lines explaining one event from the tree (none when the sentence was not parsed): the
/// path from the trigger to each actor, the kind of its object, and modality marks.
pub fn event_lines(doc: &Document, e: &Event) -> Vec<String> {
    let mut out = Vec::new();
    if !doc.layers.contains(Layers::TREE) {
        return out;
    }
    let Some(trigger) = head_token(doc, Span::new(e.evidence.start, e.evidence.end)) else {
        return out;
    };
    let roles = |label: &str, actors: &[EventActor], out: &mut Vec<String>| {
        for a in actors {
            let shown = head_token(doc, a.span)
                .filter(|&r| r != trigger && doc.tokens[r].sentence == doc.tokens[trigger].sentence)
                .and_then(|r| path(doc, trigger, r));
            match shown {
                Some(p) => out.push(format!("{label} path: {p}")),
                None => out.push(format!(
                    "{label} \"{}\": not in the trigger's tree (coreference, speaker, or the pair of parties in force)",
                    a.text
                )),
            }
        }
    };
    roles("source", &e.source, &mut out);
    roles("target", &e.target, &mut out);
    let kids = |n: usize, rels: &[&str]| -> Vec<usize> {
        (0..doc.tokens.len())
            .filter(|&c| {
                doc.tokens[c].head == Some(n) && rels.contains(&doc.tokens[c].deprel.as_str())
            })
            .collect()
    };
    // What the trigger acts on, by the kinds table (the sense check of force, release and
    // meetings reads it).
    if let Some(&o) = kids(trigger, &["obj", "nsubj:pass"]).first() {
        let t = &doc.tokens[o];
        let form = doc.text_of(t.span);
        let kind = NounKinds::builtin()
            .counts(&t.lemma, form)
            .map_or("not in the kinds table".to_string(), |c| {
                format!("{:?}", c.kind()).to_lowercase()
            });
        out.push(format!("object: {form} ({kind})"));
    }
    // Modality marks on the trigger and the words governing it by xcomp.
    let mut marks = Vec::new();
    let mut n = trigger;
    for _ in 0..4 {
        for c in kids(n, &["aux", "advmod", "mark", "det"]) {
            let w = doc.text_of(doc.tokens[c].span).to_lowercase();
            let modal = matches!(
                w.as_str(),
                "not"
                    | "n't"
                    | "never"
                    | "no"
                    | "will"
                    | "would"
                    | "could"
                    | "might"
                    | "may"
                    | "should"
                    | "can"
                    | "shall"
                    | "if"
                    | "unless"
            );
            if modal {
                marks.push(format!("{}({w})", doc.tokens[c].deprel));
            }
        }
        match doc.tokens[n].head {
            Some(h) if doc.tokens[n].deprel == "xcomp" => {
                marks.push(format!("xcomp of {}", doc.text_of(doc.tokens[h].span)));
                n = h;
            }
            _ => break,
        }
    }
    if !marks.is_empty() {
        out.push(format!("modality marks: {}", marks.join(", ")));
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

    #[test]
    fn an_event_shows_the_tree_path_to_each_role() {
        // "Pakistan ready to resume talks": resume <xcomp< ready >nsubj> Pakistan.
        let text = "Pakistan ready to resume talks";
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
        let words = [
            (0, 8, "nsubj", Some(1)),
            (9, 14, "root", None),
            (15, 17, "mark", Some(3)),
            (18, 24, "xcomp", Some(1)),
            (25, 30, "obj", Some(3)),
        ];
        for (s, e, rel, head) in words {
            let mut t = Token::new(Span::new(s, e), 0);
            t.deprel = rel.into();
            t.head = head;
            doc.tokens.push(t);
        }
        doc.layers |= Layers::TOKENS | Layers::TREE;
        let e = Event {
            source: vec![EventActor {
                code: "PAK".into(),
                text: "Pakistan".into(),
                span: Span::new(0, 8),
                ..EventActor::default()
            }],
            evidence: attache_model::Evidence {
                start: 18,
                end: 24,
                text: "resume".into(),
            },
            ..Event::default()
        };
        let lines = event_lines(&doc, &e);
        assert_eq!(
            lines[0],
            "source path: resume <xcomp< ready >nsubj> Pakistan"
        );
        assert!(
            lines.iter().any(|l| l == "modality marks: xcomp of ready"),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("object: talks")),
            "{lines:?}"
        );
    }
}
