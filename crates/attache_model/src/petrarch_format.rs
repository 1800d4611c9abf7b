//! The lexical rules of PETRARCH-format dictionary files, which two stages read: attache_nlp
//! (actor and agent dictionaries) and attache_events (verb dictionaries). The comment syntax is
//! the one part both need, so it lives here once rather than in each reader.

/// Remove PETRARCH comments from a line: `#` and legacy `;` to end of line, and `<!-- -->`
/// (which may span lines; `in_comment` carries that state from line to line).
pub fn strip_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(i) => {
                    rest = &rest[i + 3..];
                    *in_comment = false;
                }
                None => return out,
            }
        }
        match rest.find("<!--") {
            Some(i) => {
                out.push_str(&rest[..i]);
                rest = &rest[i + 4..];
                *in_comment = true;
            }
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    // `#` and `;` start a comment, except inside a `[code]` (the unit-test dictionary has
    // codes such as `[###]`).
    let mut depth = 0usize;
    let cut = out
        .char_indices()
        .find(|&(_, c)| {
            match c {
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth == 0 && (c == '#' || c == ';')
        })
        .map_or(out.len(), |(i, _)| i);
    out.truncate(cut);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_three_comment_styles_are_removed() {
        let mut c = false;
        assert_eq!(
            strip_comments("ABANDON  # pas 15 Jul", &mut c).trim(),
            "ABANDON"
        );
        assert_eq!(
            strip_comments("VOW [170] ;tony", &mut c).trim(),
            "VOW [170]"
        );
        assert_eq!(
            strip_comments("- * X [###] # note", &mut c).trim(),
            "- * X [###]"
        );
        assert_eq!(strip_comments("a <!-- b --> c", &mut c), "a  c");
        assert_eq!(strip_comments("x <!-- start", &mut c), "x ");
        assert!(c);
        assert_eq!(strip_comments("still inside", &mut c), "");
        assert_eq!(strip_comments("end --> y", &mut c), " y");
        assert!(!c);
    }
}
