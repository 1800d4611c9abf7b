//! GUM's entity and coreference annotation, read from the `Entity=` items of the MISC column:
//! the training and test data of the entity recogniser ([`crate::ner`]) and of coreference
//! ([`crate::coref`]).
//!
//! GUM brackets every mention, named or not: `Entity=(7-person-new-sssss-cf2-5-coref` opens
//! mention of entity 7 on a word, `Entity=7)` closes it on a later word, and
//! `Entity=(4-time-new-nnssn-cf1-1-coref)` is a one-word mention. The fields of an opening are
//! `id-type-infstat-salience-centering-minspan-link[-identity]` (the sentence's
//! `global.Entity` comment names them); the identity, when present, is the Wikipedia title of
//! a named entity. Mentions of the same id within a document corefer.

use crate::conllu::Sentence;
use crate::AnalysisError;

/// One mention of a GUM document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GumMention {
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// First word (0-based index into the sentence's words).
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The entity id: mentions with the same id in a document corefer.
    pub id: u32,
    /// GUM's entity type (`person`, `organization`, `place`, `abstract`, ...).
    pub etype: String,
    /// The link type to the antecedent (`coref`, `ana`, `appos`, `sgl` for a singleton, ...).
    pub link: String,
    /// The Wikipedia identity of a named entity, if GUM gives one.
    pub identity: Option<String>,
    /// The head word (0-based): the word of the span whose syntactic head lies outside it.
    pub head: usize,
}

/// Every mention of a document's sentences, in order of (sentence, start, longer first).
/// `source` names the document in errors.
pub fn mentions(sentences: &[Sentence], source: &str) -> Result<Vec<GumMention>, AnalysisError> {
    let mut out = Vec::new();
    for (s, sentence) in sentences.iter().enumerate() {
        // Open mentions: (id, start word, fields).
        let mut open: Vec<(u32, usize, Vec<String>)> = Vec::new();
        for (w, word) in sentence.words.iter().enumerate() {
            let Some(value) = word.misc_value("Entity") else {
                continue;
            };
            let bad = |problem: String| AnalysisError::Treebank {
                source_name: source.to_string(),
                line: s + 1,
                problem: format!("sentence {}, word {}: {problem}", s + 1, w + 1),
            };
            let bytes = value.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'(' {
                    let body_end = value[i + 1..]
                        .find(['(', ')'])
                        .map_or(value.len(), |p| p + i + 1);
                    let body = &value[i + 1..body_end];
                    let fields: Vec<String> = body.split('-').map(str::to_string).collect();
                    let id = fields
                        .first()
                        .and_then(|f| f.parse::<u32>().ok())
                        .ok_or_else(|| bad(format!("entity bracket `{body}` has no id")))?;
                    if bytes.get(body_end) == Some(&b')') {
                        out.push(make(s, w, w + 1, id, &fields, sentence));
                        i = body_end + 1;
                    } else {
                        open.push((id, w, fields));
                        i = body_end;
                    }
                } else if bytes[i].is_ascii_digit() {
                    let close = value[i..]
                        .find(')')
                        .map(|p| p + i)
                        .ok_or_else(|| bad(format!("`{value}`: an id without `)`")))?;
                    let id: u32 = value[i..close]
                        .parse()
                        .map_err(|_| bad(format!("`{value}`: bad closing id")))?;
                    let at = open
                        .iter()
                        .rposition(|(o, _, _)| *o == id)
                        .ok_or_else(|| bad(format!("closes entity {id}, which is not open")))?;
                    let (_, start, fields) = open.remove(at);
                    out.push(make(s, start, w + 1, id, &fields, sentence));
                    i = close + 1;
                } else {
                    i += 1;
                }
            }
        }
        // Mentions left open at the sentence end (none in GUM) end with the sentence.
        for (id, start, fields) in open {
            out.push(make(s, start, sentence.words.len(), id, &fields, sentence));
        }
    }
    out.sort_by_key(|m| (m.sentence, m.start, std::cmp::Reverse(m.end)));
    Ok(out)
}

fn make(
    sentence: usize,
    start: usize,
    end: usize,
    id: u32,
    fields: &[String],
    words: &Sentence,
) -> GumMention {
    let field = |i: usize| fields.get(i).cloned().unwrap_or_default();
    let identity = (fields.len() > 7).then(|| fields[7..].join("-"));
    GumMention {
        sentence,
        start,
        end,
        id,
        etype: field(1),
        link: field(6),
        identity,
        head: span_head(words, start, end),
    }
}

/// The word of `start..end` whose head lies outside the span (the first such; the first
/// word when the tree is missing).
pub fn span_head(sentence: &Sentence, start: usize, end: usize) -> usize {
    (start..end)
        .find(|&w| {
            let h = sentence.words[w].head;
            h == 0 || h == usize::MAX || h - 1 < start || h > end
        })
        .unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    fn sentence(miscs: &[&str]) -> Vec<Sentence> {
        let mut text = String::new();
        for (i, m) in miscs.iter().enumerate() {
            let head = if i == 0 { 0 } else { 1 };
            text.push_str(&format!(
                "{}\tw{i}\tw\tNOUN\tNN\t_\t{head}\tdep\t_\t{m}\n",
                i + 1
            ));
        }
        text.push('\n');
        conllu::parse(&text, "t").unwrap()
    }

    #[test]
    fn nested_and_single_word_mentions_are_read() {
        let s = sentence(&[
            "Entity=(1-person-new-sssss-cf1-1-coref-Ann_Smith",
            "Entity=(2-place-new-sssss-cf2-1-sgl)1)",
            "_",
        ]);
        let m = mentions(&s, "t").unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].start, m[0].end, m[0].id), (0, 2, 1));
        assert_eq!(m[0].identity.as_deref(), Some("Ann_Smith"));
        assert_eq!(m[0].etype, "person");
        assert_eq!((m[1].start, m[1].end, m[1].id), (1, 2, 2));
        assert_eq!(m[1].link, "sgl");
        assert_eq!(m[0].head, 0);
    }

    #[test]
    fn closing_an_unopened_entity_is_an_error() {
        let s = sentence(&["Entity=5)"]);
        let err = mentions(&s, "doc").unwrap_err().to_string();
        assert!(err.contains("not open"), "{err}");
    }
}
