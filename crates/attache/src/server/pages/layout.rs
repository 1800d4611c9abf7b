//! The page shell (head, navigation, search box, footer) shared by every dashboard page.

use std::fmt::Write;

use crate::server::html::Esc;

/// Which navigation entry is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// `/`.
    Overview,
    /// `/events`.
    Events,
    /// `/actors`.
    Actors,
    /// `/stories`.
    Stories,
    /// `/search`.
    Search,
    /// No entry.
    None,
}

/// A whole page: `title` goes into `<title>` and the heading is the caller's.
pub fn page(title: &str, nav: Nav, search: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 2048);
    let _ = write!(
        out,
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · attache</title>
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<script src="/assets/app.js" defer></script>
</head>
<body>
<header class="top">
<div class="wrap top-inner">
<a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span>attache</a>
<nav aria-label="Sections">"#,
        title = Esc(title)
    );
    for (entry, href, label) in [
        (Nav::Overview, "/", "Overview"),
        (Nav::Events, "/events", "Events"),
        (Nav::Actors, "/actors", "Actors"),
        (Nav::Stories, "/stories", "Stories"),
    ] {
        let current = if entry == nav {
            r#" aria-current="page""#
        } else {
            ""
        };
        let _ = write!(out, r#"<a href="{href}"{current}>{label}</a>"#);
    }
    let _ = write!(
        out,
        r#"</nav>
<form class="search" action="/search" method="get" role="search">
<input type="search" name="q" value="{q}" placeholder="Search articles…" aria-label="Search articles">
</form>
</div>
</header>
<main class="wrap">
{body}
</main>
<footer class="wrap foot">attache · events coded from news, each with its evidence · <a href="/api/openapi.json">API</a></footer>
</body>
</html>
"#,
        q = Esc(search),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_and_search_are_escaped_and_scripts_are_files() {
        let html = page("<b>x</b>", Nav::Events, "\"><script>", "<p>body</p>");
        assert!(html.contains("<title>&lt;b&gt;x&lt;/b&gt; · attache</title>"));
        assert!(html.contains("value=\"&quot;&gt;&lt;script&gt;\""));
        assert!(html.contains(r#"<a href="/events" aria-current="page">"#));
        assert_eq!(html.matches("<script").count(), 1);
        assert!(html.contains(r#"<script src="/assets/app.js" defer></script>"#));
    }
}
