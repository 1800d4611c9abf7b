//! Escaping for server-rendered HTML. Article text, titles, URLs and codes come from pages on
//! the web and are hostile until escaped: every dynamic value goes into markup through
//! [`Esc`] (text and quoted attributes), [`href`] (links: only http and https), or
//! [`segment`] (URL path segments).

use std::fmt;

/// Displays a string with `& < > " '` escaped: safe in text and in quoted attributes.
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let mut last = 0;
        for (i, b) in s.bytes().enumerate() {
            let rep = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&s[last..i])?;
            f.write_str(rep)?;
            last = i + 1;
        }
        f.write_str(&s[last..])
    }
}

/// The escaped string.
#[cfg(test)]
pub fn esc(s: &str) -> String {
    Esc(s).to_string()
}

/// An external link target: the URL when it is http(s), else `None` (so `javascript:` and
/// `data:` URLs from a hostile page never become links). Escape it with [`Esc`] still.
pub fn href(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(u)
}

/// Percent-encode one URL path segment (ids and codes are plain, but a hostile id must not
/// add path segments or a query).
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Shorten text to about `max` characters on a char boundary, with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// A thousands-separated number (`12 345`), with a thin space as separator.
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

/// The date part (`YYYY-MM-DD`) of an RFC 3339 value, or the value.
pub fn day_of(date: &str) -> &str {
    date.get(..10)
        .filter(|d| d.as_bytes().get(4) == Some(&b'-'))
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(esc("plain — text"), "plain — text");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(href("https://dawn.com/x"), Some("https://dawn.com/x"));
        assert_eq!(href("HTTP://a.b/"), Some("HTTP://a.b/"));
        assert_eq!(href("javascript:alert(1)"), None);
        assert_eq!(href(" data:text/html,x"), None);
    }

    #[test]
    fn segments_cannot_escape_their_place() {
        assert_eq!(segment("../x?y=1"), "..%2Fx%3Fy%3D1");
        assert_eq!(segment("abc-1"), "abc-1");
    }

    #[test]
    fn numbers_and_text_are_shortened_readably() {
        assert_eq!(number(1_234_567), "1\u{202F}234\u{202F}567");
        assert_eq!(number(12), "12");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(day_of("2025-10-30T10:00:00+05:00"), "2025-10-30");
    }
}
