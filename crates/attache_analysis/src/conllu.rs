//! CoNLL-U, the Universal Dependencies file format: reading treebanks for training and scoring,
//! and writing what the analysis found.
//!
//! A sentence is a block of comment lines (`# text = ...`) and one line per word with ten
//! tab-separated columns (ID, FORM, LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL, DEPS, MISC), ended
//! by a blank line. Multiword tokens (`1-2  don't`) are kept apart from the words they split
//! into; empty nodes (`8.1`) belong to enhanced dependencies only and are skipped.
//!
//! ```
//! use attache_analysis::conllu;
//! let text = "# text = Pakistan agreed.\n1\tPakistan\tPakistan\tPROPN\tNNP\t_\t2\tnsubj\t_\tSpaceAfter=No\n2\tagreed\tagree\tVERB\tVBD\t_\t0\troot\t_\t_\n\n";
//! let sentences = conllu::parse(text, "example").unwrap();
//! assert_eq!(sentences[0].words[0].head, 2);
//! assert_eq!(sentences[0].text(), Some("Pakistan agreed."));
//! ```

use crate::AnalysisError;

/// One word line of a CoNLL-U sentence. `_` columns are kept as `_`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// Word form as written.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Language-specific part of speech (Penn Treebank tag for English).
    pub xpos: String,
    /// Morphological features.
    pub feats: String,
    /// 1-based index of the head word, 0 for the root. (`usize::MAX` when the column is `_`.)
    pub head: usize,
    /// Dependency relation, with its subtype.
    pub deprel: String,
    /// Enhanced dependencies.
    pub deps: String,
    /// Anything else (`SpaceAfter=No`, `Entity=...`).
    pub misc: String,
}

impl Word {
    /// True when MISC says no space follows the word in the original text.
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|item| item == "SpaceAfter=No")
    }

    /// The value of a `Key=value` item of MISC, if present.
    pub fn misc_value(&self, key: &str) -> Option<&str> {
        self.misc.split('|').find_map(|item| {
            item.strip_prefix(key)
                .and_then(|rest| rest.strip_prefix('='))
        })
    }

    /// The universal relation without its subtype.
    pub fn relation(&self) -> &str {
        self.deprel.split(':').next().unwrap_or("")
    }
}

/// A multiword token: one orthographic token that UD splits into several words ("don't" →
/// "do" + "n't"), covering words `first..=last` (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MultiwordToken {
    /// First word it covers (1-based).
    pub first: usize,
    /// Last word it covers (1-based, inclusive).
    pub last: usize,
    /// The token as written.
    pub form: String,
    /// Its MISC column (where `SpaceAfter=No` lives for the token).
    pub misc: String,
}

/// One sentence of a CoNLL-U file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Comment lines without their leading `# `, in order.
    pub comments: Vec<String>,
    /// The words; word `i` (0-based here) has CoNLL-U ID `i + 1`.
    pub words: Vec<Word>,
    /// Multiword tokens, in order.
    pub multiword: Vec<MultiwordToken>,
}

impl Sentence {
    /// The value of a `key = value` comment, if present (`text`, `sent_id`, `newdoc id`).
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix(key)?;
            let rest = rest.trim_start();
            rest.strip_prefix('=').map(str::trim)
        })
    }

    /// The `# text = ...` comment.
    pub fn text(&self) -> Option<&str> {
        self.comment("text")
    }

    /// True when the sentence opens a new document (`# newdoc` comment).
    pub fn starts_document(&self) -> bool {
        self.comments.iter().any(|c| c.starts_with("newdoc"))
    }

    /// True when the sentence opens a new paragraph (`# newpar` comment) or a new document.
    pub fn starts_paragraph(&self) -> bool {
        self.starts_document()
            || self
                .comments
                .iter()
                .any(|c| c == "newpar" || c.starts_with("newpar ") || c.starts_with("newpar id"))
    }

    /// The orthographic tokens of the sentence as they were written, each with whether a
    /// space follows it: multiword tokens whole, other words as themselves.
    pub fn surface_tokens(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut multi = self.multiword.iter().peekable();
        let mut i = 0;
        while i < self.words.len() {
            if let Some(m) = multi.next_if(|m| m.first == i + 1) {
                let no_space = m.misc.split('|').any(|x| x == "SpaceAfter=No");
                out.push((m.form.as_str(), !no_space));
                i = m.last.max(i + 1);
            } else {
                out.push((self.words[i].form.as_str(), !self.words[i].no_space_after()));
                i += 1;
            }
        }
        out
    }
}

/// Read every sentence of a CoNLL-U text. `source_name` names the input in errors.
pub fn parse(text: &str, source_name: &str) -> Result<Vec<Sentence>, AnalysisError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    let bad = |line: usize, problem: String| AnalysisError::Treebank {
        source_name: source_name.to_string(),
        line,
        problem,
    };
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.words.is_empty() || !current.comments.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if !current.words.is_empty() {
                // A comment after words without a blank line: the previous sentence ended.
                sentences.push(std::mem::take(&mut current));
            }
            current.comments.push(comment.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(bad(
                line_no,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // an empty node of the enhanced graph
        }
        if let Some((first, last)) = id.split_once('-') {
            let (Ok(first), Ok(last)) = (first.parse::<usize>(), last.parse::<usize>()) else {
                return Err(bad(line_no, format!("bad multiword token range `{id}`")));
            };
            current.multiword.push(MultiwordToken {
                first,
                last,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        let Ok(index) = id.parse::<usize>() else {
            return Err(bad(line_no, format!("bad word ID `{id}`")));
        };
        if index != current.words.len() + 1 {
            return Err(bad(
                line_no,
                format!(
                    "word ID {index} out of order (expected {})",
                    current.words.len() + 1
                ),
            ));
        }
        let head = match cols[6] {
            "_" => usize::MAX,
            h => h
                .parse::<usize>()
                .map_err(|_| bad(line_no, format!("bad HEAD `{h}`")))?,
        };
        current.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    for (i, s) in sentences.iter().enumerate() {
        let n = s.words.len();
        if let Some(w) = s.words.iter().find(|w| w.head != usize::MAX && w.head > n) {
            return Err(AnalysisError::Treebank {
                source_name: source_name.to_string(),
                line: 0,
                problem: format!(
                    "sentence {} ({}): head {} of `{}` is beyond its {n} words",
                    i + 1,
                    s.comment("sent_id").unwrap_or("no sent_id"),
                    w.head,
                    w.form
                ),
            });
        }
    }
    Ok(sentences)
}

/// Read a CoNLL-U file.
pub fn read(path: &std::path::Path) -> Result<Vec<Sentence>, AnalysisError> {
    let text = std::fs::read_to_string(path).map_err(|source| AnalysisError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text, &path.display().to_string())
}

/// Write sentences as CoNLL-U (each ended by a blank line).
pub fn write(sentences: &[Sentence], out: &mut String) {
    for s in sentences {
        for c in &s.comments {
            out.push_str("# ");
            out.push_str(c);
            out.push('\n');
        }
        let mut multi = s.multiword.iter().peekable();
        for (i, w) in s.words.iter().enumerate() {
            if let Some(m) = multi.next_if(|m| m.first == i + 1) {
                out.push_str(&format!(
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}\n",
                    m.first,
                    m.last,
                    m.form,
                    or_blank(&m.misc)
                ));
            }
            let head = if w.head == usize::MAX {
                "_".to_string()
            } else {
                w.head.to_string()
            };
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                i + 1,
                w.form,
                or_blank(&w.lemma),
                or_blank(&w.upos),
                or_blank(&w.xpos),
                or_blank(&w.feats),
                head,
                or_blank(&w.deprel),
                or_blank(&w.deps),
                or_blank(&w.misc)
            ));
        }
        out.push('\n');
    }
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# sent_id = s1\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
4.1\tknown\t_\t_\t_\t_\t_\t_\t_\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn multiword_tokens_are_kept_apart_from_their_words() {
        let s = &parse(SAMPLE, "sample").unwrap()[0];
        assert_eq!(s.words.len(), 5);
        assert_eq!(s.multiword[0].form, "don't");
        let surface: Vec<&str> = s.surface_tokens().iter().map(|t| t.0).collect();
        assert_eq!(surface, ["I", "don't", "know", "."]);
        assert!(s.starts_document());
        assert_eq!(s.comment("sent_id"), Some("s1"));
    }

    #[test]
    fn written_sentences_read_back_the_same() {
        let sentences = parse(SAMPLE, "sample").unwrap();
        let mut out = String::new();
        write(&sentences, &mut out);
        assert_eq!(parse(&out, "again").unwrap(), sentences);
    }

    #[test]
    fn a_short_line_is_an_error_naming_its_line() {
        let err = parse("1\tword\n", "bad.conllu").unwrap_err().to_string();
        assert!(err.contains("bad.conllu line 1"), "{err}");
    }

    #[test]
    fn a_head_beyond_the_sentence_is_an_error() {
        let err = parse("1\ta\ta\tX\tX\t_\t7\tdep\t_\t_\n\n", "bad.conllu")
            .unwrap_err()
            .to_string();
        assert!(err.contains("beyond"), "{err}");
    }
}
