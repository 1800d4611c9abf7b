//! Attachment scores the CoNLL 2018 way: every word counts (punctuation included); UAS is the
//! share of words with the right head, LAS the share with the right head and the right
//! universal relation (subtypes ignored). The share with the right full relation (subtype
//! included) is kept as well, since event coding reads the subtypes.

use crate::conllu::Sentence;

use super::{Parser, Workspace};

/// Attachment counts over a set of sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttachmentScore {
    /// Words scored.
    pub words: usize,
    /// Words with the right head.
    pub heads: usize,
    /// Words with the right head and universal relation.
    pub labelled: usize,
    /// Words with the right head and full relation (subtype included).
    pub labelled_full: usize,
}

impl AttachmentScore {
    /// Unlabelled attachment score.
    pub fn uas(&self) -> f64 {
        self.heads as f64 / self.words.max(1) as f64
    }

    /// Labelled attachment score (universal relation).
    pub fn las(&self) -> f64 {
        self.labelled as f64 / self.words.max(1) as f64
    }

    /// Labelled attachment score with subtypes.
    pub fn las_full(&self) -> f64 {
        self.labelled_full as f64 / self.words.max(1) as f64
    }

    /// Count one sentence: gold words against predicted (head, relation) pairs in order.
    pub fn add<'a>(&mut self, gold: &Sentence, predicted: impl Iterator<Item = (usize, &'a str)>) {
        for (w, (head, rel)) in gold.words.iter().zip(predicted) {
            self.words += 1;
            if w.head == head {
                self.heads += 1;
                if w.relation() == rel.split(':').next().unwrap_or("") {
                    self.labelled += 1;
                    if w.deprel == rel {
                        self.labelled_full += 1;
                    }
                }
            }
        }
    }
}

/// Parse every sentence with the tags in its UPOS/XPOS columns and score against its tree.
pub fn evaluate(parser: &Parser, sentences: &[Sentence]) -> AttachmentScore {
    let mut score = AttachmentScore::default();
    let mut ws = Workspace::default();
    for s in sentences {
        let words = s
            .words
            .iter()
            .map(|w| (w.form.as_str(), w.upos.as_str(), w.xpos.as_str()));
        let tree = parser.parse(words, &mut ws);
        score.add(
            s,
            tree.heads
                .iter()
                .zip(&tree.labels)
                .map(|(&h, &l)| (h, parser.label_name(l))),
        );
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    #[test]
    fn las_ignores_subtypes_and_counts_punctuation() {
        let text = "1\tTalks\ttalk\tNOUN\tNNS\t_\t2\tnsubj:pass\t_\t_\n2\tresumed\tresume\tVERB\tVBD\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
        let gold = conllu::parse(text, "t").unwrap();
        let mut score = AttachmentScore::default();
        score.add(
            &gold[0],
            [(2, "nsubj"), (0, "root"), (1, "punct")].into_iter(),
        );
        assert_eq!(score.words, 3);
        assert_eq!(score.heads, 2);
        assert_eq!(score.labelled, 2);
        assert_eq!(score.labelled_full, 1);
    }
}
