//! The few URL operations metadata needs: the host, resolving a relative canonical link, and
//! dates written in paths (`/2025/10/30/`, `/2025-10-30-slug`).
//!
//! A full URL parser would be heavier than these needs; inputs are only ever read, never
//! fetched, so a malformed URL simply yields `None`.

use super::dates::days_in_month;

/// Years a URL path date may have; see `dates::MIN_YEAR` for why the window is bounded.
const PATH_YEARS: std::ops::RangeInclusive<u32> = 1995..=2100;

/// The host of an absolute http(s) URL, lower-cased, without `www.` and port.
pub fn host(url: &str) -> Option<String> {
    let rest = url
        .trim()
        .split_once("://")
        .map(|(scheme, rest)| (scheme.to_ascii_lowercase(), rest));
    let (scheme, rest) = rest?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit('@').next()?;
    let host = authority.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// The path of an absolute URL (or the input itself when it is already a path).
pub fn path(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let start = after_scheme.find('/').unwrap_or(after_scheme.len());
    let path = &after_scheme[start..];
    path.split(['?', '#']).next().unwrap_or(path)
}

/// Resolve `href` (absolute, protocol-relative or root-relative) against `base`. Relative
/// paths without a leading slash are rare for canonical links and are resolved against the
/// base's directory.
pub fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || href.starts_with("javascript:") {
        return None;
    }
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    if let Some(no_scheme) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{no_scheme}"));
    }
    if href.starts_with('/') {
        return Some(format!("{scheme}://{authority}{href}"));
    }
    let base_path = path(base);
    let dir = base_path.rsplit_once('/').map_or("", |(d, _)| d);
    Some(format!("{scheme}://{authority}{dir}/{href}"))
}

/// A publication date written in a URL path: `/2025/10/30/`, `/2025-10-30/`,
/// `/2025-10-30-slug`, `/20251030/`. Year-and-month paths (`/2025/10/`) give nothing, since
/// the day is unknown.
pub fn date_from_url(url: &str) -> Option<String> {
    let segments: Vec<&str> = path(url).split('/').filter(|s| !s.is_empty()).collect();
    for (i, seg) in segments.iter().enumerate() {
        // /2025/10/30/
        if seg.len() == 4 {
            if let (Some(y), Some(m), Some(d)) = (
                number(seg),
                segments.get(i + 1).and_then(|s| small_number(s)),
                segments.get(i + 2).and_then(|s| small_number(s)),
            ) {
                if let Some(date) = checked(y, m, d) {
                    return Some(date);
                }
            }
        }
        // /2023/october/03/ (month written out)
        if seg.len() == 4 {
            let month = segments
                .get(i + 1)
                .and_then(|s| super::zones::month_number(&s.to_ascii_lowercase()));
            if let (Some(y), Some(m), Some(d)) = (
                number(seg),
                month,
                segments.get(i + 2).and_then(|s| small_number(s)),
            ) {
                if let Some(date) = checked(y, m, d) {
                    return Some(date);
                }
            }
        }
        // 2025-10-30 at the start of a segment (/2025-10-30-slug, /2025-10-30.html)
        let b = seg.as_bytes();
        if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
            if let (Some(y), Some(m), Some(d)) =
                (number(&seg[..4]), number(&seg[5..7]), number(&seg[8..10]))
            {
                let ends_cleanly = b.get(10).is_none_or(|c| !c.is_ascii_digit());
                if ends_cleanly {
                    if let Some(date) = checked(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
        // /20251030/ as a whole segment
        if seg.len() == 8 {
            if let Some(v) = number(seg) {
                if let Some(date) = checked(v / 10_000, v / 100 % 100, v % 100) {
                    return Some(date);
                }
            }
        }
    }
    None
}

fn number(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn small_number(s: &str) -> Option<u32> {
    (s.len() <= 2).then(|| number(s)).flatten()
}

fn checked(y: u32, m: u32, d: u32) -> Option<String> {
    let ok = PATH_YEARS.contains(&y)
        && (1..=12).contains(&m)
        && d >= 1
        && d <= days_in_month(y as i32, m);
    ok.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_drops_www_port_and_credentials() {
        assert_eq!(
            host("https://www.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host("http://user@news.example.org").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(host("ftp://example.com/"), None);
        assert_eq!(host("not a url"), None);
    }

    #[test]
    fn relative_canonical_links_resolve() {
        let base = Some("https://news.example/world/2025/story.html?x=1");
        assert_eq!(
            resolve(base, "/world/story").as_deref(),
            Some("https://news.example/world/story")
        );
        assert_eq!(
            resolve(base, "//cdn.example/a").as_deref(),
            Some("https://cdn.example/a")
        );
        assert_eq!(
            resolve(base, "other.html").as_deref(),
            Some("https://news.example/world/2025/other.html")
        );
        assert_eq!(resolve(None, "/world/story"), None);
        assert_eq!(
            resolve(base, "https://a.example/b").as_deref(),
            Some("https://a.example/b")
        );
    }

    #[test]
    fn dates_in_paths() {
        assert_eq!(
            date_from_url("https://a.example/2025/10/30/talks/").as_deref(),
            Some("2025-10-30")
        );
        assert_eq!(
            date_from_url("https://a.example/news/2025-10-30-talks").as_deref(),
            Some("2025-10-30")
        );
        assert_eq!(
            date_from_url("https://a.example/20251030/talks").as_deref(),
            Some("2025-10-30")
        );
        assert_eq!(date_from_url("https://a.example/2025/10/talks"), None);
        assert_eq!(
            date_from_url("https://a.example/blog/2023/october/03/x/").as_deref(),
            Some("2023-10-03")
        );
        assert_eq!(date_from_url("https://a.example/2025/02/30/x"), None);
        assert_eq!(date_from_url("https://a.example/item/12345678"), None);
    }
}
