//! Sentences with gold entities for training and scoring the recogniser, from Universal NER
//! (EWT dev and test) and GUM.
//!
//! GUM brackets every mention of a person, organisation or place, named or not ("the
//! children", "Professor Cres Eastman"); Universal NER tags names only, without determiners or
//! titles ("Cres Eastman"). A GUM mention becomes a named entity here, as UNER's guidelines
//! would tag it, when its head word is a proper noun; the entity is the run of proper nouns
//! around that head inside the mention, with the connecting words a name may contain ("of",
//! "and", "&", "'s", "-", "the" between two proper nouns: "Bank of America"). Nested
//! mentions inside a chosen one are dropped (UNER does not nest).

use std::path::Path;

use attache_model::{EntityKind, Upos};
use rustc_hash::FxHashMap;

use crate::conllu::Sentence;
use crate::gum_entities;
use crate::treebank::{self, Split, TreebankDocument};
use crate::AnalysisError;

/// A sentence with its gold entities.
#[derive(Debug, Clone, Default)]
pub struct NerSentence {
    /// Word forms.
    pub words: Vec<String>,
    /// Gold tags (`Upos::X` throughout when unknown).
    pub upos: Vec<Upos>,
    /// Entities: words `start..end` and kind index into [`super::KINDS`].
    pub entities: Vec<(usize, usize, usize)>,
    /// The document it belongs to (for splitting by document).
    pub document: String,
}

fn kind_index(label: &str) -> Option<usize> {
    let kind = EntityKind::from_label(label)?;
    super::KINDS.iter().position(|k| *k == kind)
}

/// The Universal NER sentences of a split, with the gold tags of the EWT sentence each one
/// annotates (matched by `sent_id`; left `X` when the EWT file is missing or disagrees).
pub fn uner(ud: &Path, split: Split) -> Result<Vec<NerSentence>, AnalysisError> {
    let iob = treebank::read_iob(&treebank::uner_path(ud, split))?;
    let official = treebank::ewt_official(ud, split);
    let mut tags: FxHashMap<String, Vec<Upos>> = FxHashMap::default();
    if official.exists() {
        for s in crate::conllu::read(&official)? {
            if let Some(id) = s.comment("sent_id") {
                let upos = s
                    .words
                    .iter()
                    .map(|w| Upos::parse(&w.upos).unwrap_or(Upos::X))
                    .collect();
                tags.insert(id.to_string(), upos);
            }
        }
    }
    let mut out = Vec::with_capacity(iob.len());
    for s in iob {
        let upos = match tags.get(&s.sent_id) {
            Some(t) if t.len() == s.words.len() => t.clone(),
            _ => vec![Upos::X; s.words.len()],
        };
        let mut entities = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        for (i, tag) in s.tags.iter().enumerate() {
            let (prefix, label) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
            let kind = kind_index(label);
            let continues = prefix == "I" && open.is_some_and(|(_, k)| Some(k) == kind);
            if !continues {
                if let Some((start, k)) = open.take() {
                    entities.push((start, i, k));
                }
                if let Some(k) = kind.filter(|_| prefix == "B" || prefix == "I") {
                    open = Some((i, k));
                }
            }
        }
        if let Some((start, k)) = open {
            entities.push((start, s.words.len(), k));
        }
        let document = s
            .sent_id
            .rsplit_once('-')
            .map_or(s.sent_id.clone(), |(d, _)| d.to_string());
        out.push(NerSentence {
            words: s.words,
            upos,
            entities,
            document,
        });
    }
    Ok(out)
}

/// UNER's kind for a GUM entity type, if it has one.
fn gum_kind(etype: &str) -> Option<usize> {
    match etype {
        "person" => Some(0),
        "organization" => Some(1),
        "place" => Some(2),
        _ => None,
    }
}

/// Words that may join two proper nouns inside one name.
fn is_connector(form: &str) -> bool {
    matches!(
        form.to_lowercase().as_str(),
        "of" | "and" | "&" | "'s" | "-" | "the" | "de" | "for" | "on"
    )
}

/// A proper noun, or a capitalised word a name is made of ("New" of "New York",
/// "National" of "Australian National University").
fn is_name_word(sentence: &Sentence, w: usize) -> bool {
    let word = &sentence.words[w];
    word.upos == "PROPN"
        || (matches!(word.upos.as_str(), "ADJ" | "NOUN" | "NUM")
            && word.form.chars().next().is_some_and(char::is_uppercase))
}

/// Titles UNER leaves outside a person's name ("Dr Joseph", "President Obama").
fn is_title(form: &str) -> bool {
    matches!(
        form.trim_end_matches('.').to_lowercase().as_str(),
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "dr"
            | "prof"
            | "professor"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "president"
            | "senator"
            | "sen"
            | "gov"
            | "governor"
            | "rep"
            | "gen"
            | "general"
            | "lt"
            | "col"
            | "colonel"
            | "capt"
            | "captain"
            | "sgt"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "pope"
            | "chancellor"
            | "minister"
            | "premier"
            | "judge"
            | "justice"
            | "mayor"
            | "rev"
            | "father"
            | "sister"
            | "brother"
            | "uncle"
            | "aunt"
            | "coach"
            | "officer"
            | "detective"
            | "agent"
    )
}

/// The named part of a GUM mention, as UNER would tag it, if the mention is a name.
pub fn named_span(
    sentence: &Sentence,
    start: usize,
    end: usize,
    head: usize,
) -> Option<(usize, usize)> {
    if sentence.words[head].upos != "PROPN" {
        return None;
    }
    let name = |w: usize| is_name_word(sentence, w);
    let mut s = head;
    while s > start {
        if name(s - 1) {
            s -= 1;
        } else if s >= start + 2 && is_connector(&sentence.words[s - 1].form) && name(s - 2) {
            s -= 2;
        } else {
            break;
        }
    }
    let mut e = head + 1;
    while e < end {
        if name(e) {
            e += 1;
        } else if e + 1 < end && is_connector(&sentence.words[e].form) && name(e + 1) {
            e += 2;
        } else {
            break;
        }
    }
    // "Defense Minister Khawaja Asif": the name starts after the last title.
    if let Some(t) = (s..head).rev().find(|&w| is_title(&sentence.words[w].form)) {
        s = t + 1;
    }
    Some((s, e))
}

/// The named person, organisation and place entities of GUM documents, one sentence each.
pub fn gum(docs: &[TreebankDocument]) -> Result<Vec<NerSentence>, AnalysisError> {
    let mut out = Vec::new();
    for doc in docs {
        let mentions = gum_entities::mentions(&doc.sentences, &doc.name)?;
        let mut per_sentence: Vec<Vec<(usize, usize, usize)>> =
            vec![Vec::new(); doc.sentences.len()];
        for m in &mentions {
            let Some(kind) = gum_kind(&m.etype) else {
                continue;
            };
            let sentence = &doc.sentences[m.sentence];
            if let Some((s, e)) = named_span(sentence, m.start, m.end, m.head) {
                per_sentence[m.sentence].push((s, e, kind));
            }
        }
        for (sentence, mut found) in doc.sentences.iter().zip(per_sentence) {
            // Longest first; drop any that overlap one already kept.
            found.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
            let mut kept: Vec<(usize, usize, usize)> = Vec::new();
            for f in found {
                if kept.iter().all(|k| f.1 <= k.0 || f.0 >= k.1) {
                    kept.push(f);
                }
            }
            kept.sort_unstable();
            out.push(NerSentence {
                words: sentence.words.iter().map(|w| w.form.clone()).collect(),
                upos: sentence
                    .words
                    .iter()
                    .map(|w| Upos::parse(&w.upos).unwrap_or(Upos::X))
                    .collect(),
                entities: kept,
                document: doc.name.clone(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    #[test]
    fn a_gum_mention_keeps_its_name_without_title_or_determiner() {
        let rows = [
            ("the", "DET"),
            ("Professor", "PROPN"),
            ("Bank", "PROPN"),
            ("of", "ADP"),
            ("America", "PROPN"),
        ];
        let mut text = String::new();
        for (i, (form, upos)) in rows.iter().enumerate() {
            text.push_str(&format!(
                "{}\t{form}\t_\t{upos}\t_\t_\t0\tdep\t_\t_\n",
                i + 1
            ));
        }
        text.push('\n');
        let s = conllu::parse(&text, "t").unwrap();
        assert_eq!(named_span(&s[0], 0, 5, 2), Some((2, 5)));
        assert_eq!(
            named_span(&s[0], 0, 5, 0),
            None,
            "a determiner heads no name"
        );
        assert_eq!(
            named_span(&s[0], 1, 3, 2),
            Some((2, 3)),
            "the title is left out"
        );
    }
}
