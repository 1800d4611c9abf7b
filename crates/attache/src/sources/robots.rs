//! robots.txt (RFC 9309): the group for our user agent (or `*`), Allow/Disallow by longest
//! match, `*` and `$` in patterns, and Crawl-delay (not in the RFC, but widely used).

use std::time::Duration;

/// The rules that apply to us on one host.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Robots {
    /// (allow, pattern) rules.
    rules: Vec<(bool, String)>,
    /// Crawl-delay asked for, if any.
    pub crawl_delay: Option<Duration>,
    /// Everything is refused (robots.txt was unreachable with a server error).
    pub deny_all: bool,
}

/// Longest Crawl-delay honoured; a site asking for more is fetched at this pace (and the run
/// report shows how long that took) rather than stalling a run for minutes per page.
const MAX_CRAWL_DELAY: Duration = Duration::from_secs(30);

impl Robots {
    /// Rules that allow everything (robots.txt missing: 4xx).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Rules that refuse everything (robots.txt unreachable: 5xx or network error).
    pub fn deny_all() -> Robots {
        Robots {
            deny_all: true,
            ..Robots::default()
        }
    }

    /// Parse robots.txt for `agent` (compared case-insensitively with each `User-agent`).
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        // Groups: consecutive User-agent lines followed by rules.
        let mut specific = Robots::default();
        let mut star = Robots::default();
        let mut have_specific = false;
        let mut current: Vec<String> = Vec::new();
        let mut in_rules = false;
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if in_rules {
                        current.clear();
                        in_rules = false;
                    }
                    current.push(value.to_ascii_lowercase());
                }
                "allow" | "disallow" | "crawl-delay" => {
                    in_rules = true;
                    let mine = current
                        .iter()
                        .any(|a| a != "*" && agent.contains(a.as_str()));
                    let is_star = current.iter().any(|a| a == "*");
                    let targets: Vec<&mut Robots> = match (mine, is_star) {
                        (true, _) => {
                            have_specific = true;
                            vec![&mut specific]
                        }
                        (false, true) => vec![&mut star],
                        _ => vec![],
                    };
                    for r in targets {
                        match key.as_str() {
                            "crawl-delay" => {
                                if let Ok(secs) = value.parse::<f64>() {
                                    if secs.is_finite() && secs >= 0.0 {
                                        r.crawl_delay = Some(
                                            Duration::from_secs_f64(secs).min(MAX_CRAWL_DELAY),
                                        );
                                    }
                                }
                            }
                            // An empty Disallow allows everything: no rule.
                            _ if value.is_empty() => {}
                            k => r.rules.push((k == "allow", value.to_string())),
                        }
                    }
                }
                _ => {}
            }
        }
        if have_specific {
            specific
        } else {
            star
        }
    }

    /// May `path` (path and query of the URL) be fetched?
    pub fn allows(&self, path: &str) -> bool {
        if self.deny_all {
            return false;
        }
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                // Longest match wins; on a tie, Allow wins (RFC 9309 §2.2.2).
                if best.is_none_or(|(l, a)| len > l || (len == l && *allow && !a)) {
                    best = Some((len, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Match a robots pattern (`*` any run, `$` end) against a path.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut pos = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            pos = part.len();
        } else if let Some(found) = path[pos..].find(part) {
            pos += found + part.len();
        } else {
            return false;
        }
    }
    if anchored {
        // The last literal part must end the path.
        let last = parts.last().copied().unwrap_or("");
        return pos == path.len() || (parts.len() > 1 && path.ends_with(last));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const TXT: &str = "User-agent: *\nDisallow: /private/\nAllow: /private/press/\nCrawl-delay: 2\n\n\
                       User-agent: BadBot\nDisallow: /\n\n# comment\nUser-agent: attache\nDisallow: /search\nDisallow: /*.pdf$\n";

    #[test]
    fn our_own_group_wins_over_the_star_group() {
        let r = Robots::parse(TXT, "attache/0.1");
        assert!(r.allows("/private/x"));
        assert!(!r.allows("/search?q=1"));
        assert!(!r.allows("/files/report.pdf"));
        assert!(r.allows("/files/report.pdf?page=2"));
        assert_eq!(r.crawl_delay, None);
    }

    #[test]
    fn the_longest_match_decides_and_crawl_delay_is_read() {
        let r = Robots::parse(TXT, "otherbot");
        assert!(!r.allows("/private/x"));
        assert!(r.allows("/private/press/release"));
        assert!(r.allows("/news/1"));
        assert_eq!(r.crawl_delay, Some(Duration::from_secs(2)));
    }

    #[test]
    fn unreachable_robots_refuses_and_missing_allows() {
        assert!(!Robots::deny_all().allows("/"));
        assert!(Robots::allow_all().allows("/anything"));
        assert!(
            Robots::parse("Disallow: /\n", "attache").allows("/x"),
            "rules outside a group apply to no one"
        );
    }
}
