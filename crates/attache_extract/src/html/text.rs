//! Readable text of a subtree: decoded, whitespace collapsed, hidden elements skipped, block
//! boundaries turned into word breaks.

use super::{Dom, Kind, NodeId};

/// Appends text to a string, collapsing every run of whitespace into one space and never
/// starting with or leaving a trailing space.
#[derive(Debug, Default)]
pub struct Collapser {
    /// The text so far.
    pub out: String,
    pending_space: bool,
}

impl Collapser {
    /// An empty collapser.
    pub fn new() -> Collapser {
        Collapser::default()
    }

    /// Asks for a word break before the next text (no effect at the start).
    pub fn space(&mut self) {
        self.pending_space = true;
    }

    /// Appends text, collapsing whitespace (Unicode whitespace, including no-break space).
    pub fn push(&mut self, text: &str) {
        let mut first = true;
        for word in text.split(char::is_whitespace) {
            if !first {
                self.pending_space = true;
            }
            first = false;
            if !word.is_empty() {
                self.word(word);
            }
        }
    }

    fn word(&mut self, word: &str) {
        if self.pending_space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.pending_space = false;
        self.out.push_str(word);
    }

    /// The collapsed text.
    pub fn finish(self) -> String {
        self.out
    }
}

impl Dom<'_> {
    /// Readable text of a node and its descendants: entities decoded, whitespace collapsed to
    /// single spaces and trimmed, block boundaries as spaces; script, style and other hidden
    /// elements left out.
    pub fn text(&self, id: NodeId) -> String {
        let mut c = Collapser::new();
        self.text_into(id, &mut c);
        c.finish()
    }

    /// Like [`Dom::text`], appending to a [`Collapser`].
    pub fn text_into(&self, id: NodeId, c: &mut Collapser) {
        let Some(node) = self.nodes.get(id) else {
            return;
        };
        if node.kind == Kind::Text {
            c.push(self.get(node.data));
            return;
        }
        let end = node.end as usize;
        // Ends of the open block elements, to put a word break after each one.
        let mut block_ends: Vec<usize> = Vec::new();
        let mut i = id + 1;
        while i < end {
            while block_ends.last().is_some_and(|&e| e <= i) {
                block_ends.pop();
                c.space();
            }
            let n = &self.nodes[i];
            match n.kind {
                Kind::Text => {
                    c.push(self.get(n.data));
                    i += 1;
                }
                Kind::Element if n.tag.is_hidden_text() => {
                    i = n.end as usize;
                }
                _ => {
                    if n.tag.is_block() {
                        c.space();
                        block_ends.push(n.end as usize);
                    }
                    i += 1;
                }
            }
        }
    }
}
