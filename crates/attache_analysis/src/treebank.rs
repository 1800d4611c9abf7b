//! The annotated corpora the models learn from and are scored on, read from a folder laid out
//! as `shared/ud` is (see its README): the English Web Treebank (`ewt/`), GUM (`gum/`) and
//! Universal NER over EWT (`uner-ewt/`), each with official train/dev/test splits.
//!
//! Nothing here is embedded: the treebanks are read at training and evaluation time only.

use std::path::{Path, PathBuf};

use crate::conllu::{self, Sentence};
use crate::AnalysisError;

/// One of the official splits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Split {
    /// Training documents.
    Train,
    /// Development documents (for choices made while building).
    Dev,
    /// Test documents (for the reported scores only).
    Test,
}

impl Split {
    /// The split's name in `files.<name>`.
    pub fn name(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
}

/// A document of a treebank: its name and its sentences.
#[derive(Debug, Clone)]
pub struct TreebankDocument {
    /// The document's name (its file name without `.conllu`).
    pub name: String,
    /// Its sentences in order.
    pub sentences: Vec<Sentence>,
}

fn read_list(path: &Path) -> Result<Vec<String>, AnalysisError> {
    let text = std::fs::read_to_string(path).map_err(|source| AnalysisError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

/// The English Web Treebank documents of a split, from `<ud>/ewt/files.<split>` and
/// `<ud>/ewt/docs/`.
pub fn ewt(ud: &Path, split: Split) -> Result<Vec<TreebankDocument>, AnalysisError> {
    let dir = ud.join("ewt");
    read_list(&dir.join(format!("files.{}", split.name())))?
        .into_iter()
        .map(|rel| {
            let path = dir.join("docs").join(&rel);
            Ok(TreebankDocument {
                name: rel.trim_end_matches(".conllu").to_string(),
                sentences: conllu::read(&path)?,
            })
        })
        .collect()
}

/// The official EWT file of a split as released (`en_ewt-ud-dev.conllu`,
/// `en_ewt-ud-test.conllu`), the file the conventional scores are reported on.
pub fn ewt_official(ud: &Path, split: Split) -> PathBuf {
    ud.join("ewt")
        .join(format!("en_ewt-ud-{}.conllu", split.name()))
}

/// The GUM documents of a split, from `<ud>/gum/files.<split>`; documents named there but not
/// distributed (the Reddit part) are skipped.
pub fn gum(ud: &Path, split: Split) -> Result<Vec<TreebankDocument>, AnalysisError> {
    let dir = ud.join("gum");
    let mut docs = Vec::new();
    for name in read_list(&dir.join(format!("files.{}", split.name())))? {
        let path = dir.join(format!("{name}.conllu"));
        if !path.exists() {
            continue;
        }
        docs.push(TreebankDocument {
            sentences: conllu::read(&path)?,
            name,
        });
    }
    Ok(docs)
}

/// All sentences of some documents, in order.
pub fn sentences(docs: &[TreebankDocument]) -> impl Iterator<Item = &Sentence> {
    docs.iter().flat_map(|d| d.sentences.iter())
}

/// Where the Universal NER file of a split lies (`<ud>/uner-ewt/en_ewt-ud-<split>.iob2`;
/// there is no train split).
pub fn uner_path(ud: &Path, split: Split) -> PathBuf {
    ud.join("uner-ewt")
        .join(format!("en_ewt-ud-{}.iob2", split.name()))
}

/// A sentence of Universal NER: words with their IOB2 tags (`B-PER`, `I-LOC`, `O`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IobSentence {
    /// The sentence's `sent_id`, matching the EWT sentence it annotates.
    pub sent_id: String,
    /// Word forms.
    pub words: Vec<String>,
    /// One IOB2 tag per word.
    pub tags: Vec<String>,
}

/// Read a Universal NER IOB2 file (CoNLL-U-like: `# sent_id`, then `ID FORM TAG ...` lines).
pub fn read_iob(path: &Path) -> Result<Vec<IobSentence>, AnalysisError> {
    let text = std::fs::read_to_string(path).map_err(|source| AnalysisError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_iob(&text, &path.display().to_string())
}

/// Parse IOB2 text; `source_name` names it in errors.
pub fn parse_iob(text: &str, source_name: &str) -> Result<Vec<IobSentence>, AnalysisError> {
    let mut out = Vec::new();
    let mut cur = IobSentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(id) = c.trim().strip_prefix("sent_id =") {
                cur.sent_id = id.trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(AnalysisError::Treebank {
                source_name: source_name.to_string(),
                line: n + 1,
                problem: format!(
                    "expected at least 3 tab-separated columns, found {}",
                    cols.len()
                ),
            });
        }
        cur.words.push(cols[1].to_string());
        cur.tags.push(cols[2].to_string());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob_sentences_keep_words_and_tags_in_step() {
        let text = "# sent_id = s1\n1\tIt\tO\t-\t-\n2\tArgentina\tB-LOC\t-\tx\n\n";
        let s = parse_iob(text, "t").unwrap();
        assert_eq!(s[0].sent_id, "s1");
        assert_eq!(s[0].words, ["It", "Argentina"]);
        assert_eq!(s[0].tags, ["O", "B-LOC"]);
    }

    #[test]
    fn a_missing_split_list_names_its_path() {
        let err = ewt(Path::new("/nonexistent-ud"), Split::Train)
            .unwrap_err()
            .to_string();
        assert!(err.contains("/nonexistent-ud/ewt/files.train"), "{err}");
    }
}
