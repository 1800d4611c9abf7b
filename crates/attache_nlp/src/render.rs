//! Human-readable views of mentions: the article with mentions bracketed and codes beside
//! them, one line per sentence (used by `attache actors --format text` and the snapshots).

use attache_model::{ActorKind, Document};

/// One line per sentence: `[Pakistan|PAK]`, `[Istanbul|place TUR]`, `[Khawaja Asif|PAKGOV]`.
pub fn bracketed(doc: &Document) -> String {
    let text = &doc.article.text;
    let mut out = String::new();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let mut pos = sentence.span.start;
        for m in doc.mentions.iter().filter(|m| m.sentence == index) {
            if m.span.start < pos || m.span.end > sentence.span.end {
                continue;
            }
            out.push_str(text.get(pos..m.span.start).unwrap_or(""));
            out.push('[');
            out.push_str(text.get(m.span.start..m.span.end).unwrap_or(""));
            out.push('|');
            if m.kind == ActorKind::Place {
                out.push_str("place ");
            }
            out.push_str(&m.code);
            out.push(']');
            pos = m.span.end;
        }
        out.push_str(text.get(pos..sentence.span.end).unwrap_or(""));
        out.push('\n');
    }
    out.replace("\n\n", "\n")
}
