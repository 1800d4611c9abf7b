//! Lists of article URLs: RSS/Atom feeds (feed-rs), XML sitemaps and sitemap indexes (news
//! sitemaps included), and plain URL lists.

use quick_xml::events::Event as Xml;
use quick_xml::Reader;

/// Most URLs taken from one sitemap (the sitemap protocol's own limit).
pub const MAX_SITEMAP_URLS: usize = 50_000;

/// What a list of links is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// RSS or Atom.
    Feed,
    /// `<urlset>`: pages.
    Sitemap,
    /// `<sitemapindex>`: more sitemaps.
    SitemapIndex,
    /// One URL per line.
    UrlList,
}

/// A link to an article, with the date the list gives for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The URL.
    pub url: String,
    /// Publication or modification date from the list (RFC 3339 or `YYYY-MM-DD`).
    pub date: Option<String>,
}

/// Recognise a link list from its first bytes; `None` for anything else (a page, an article).
pub fn sniff(head: &[u8]) -> Option<ListKind> {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') {
        let lower = t.to_ascii_lowercase();
        // Look past the XML declaration, comments and stylesheet lines for the root element.
        if lower.contains("<urlset") {
            return Some(ListKind::Sitemap);
        }
        if lower.contains("<sitemapindex") {
            return Some(ListKind::SitemapIndex);
        }
        if lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf:rdf") {
            return Some(ListKind::Feed);
        }
        return None;
    }
    let mut any = false;
    for line in t
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if !(line.starts_with("http://") || line.starts_with("https://"))
            || line.contains(char::is_whitespace)
        {
            return None;
        }
        any = true;
    }
    any.then_some(ListKind::UrlList)
}

/// The links of a list. Errors name what did not parse.
pub fn links(kind: ListKind, bytes: &[u8]) -> Result<Vec<Link>, String> {
    match kind {
        ListKind::Feed => feed_links(bytes),
        ListKind::Sitemap | ListKind::SitemapIndex => sitemap_links(bytes),
        ListKind::UrlList => Ok(String::from_utf8_lossy(bytes)
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("http://") || l.starts_with("https://"))
            .map(|l| Link {
                url: l.to_string(),
                date: None,
            })
            .collect()),
    }
}

fn feed_links(bytes: &[u8]) -> Result<Vec<Link>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("not a valid feed: {e}"))?;
    Ok(feed
        .entries
        .into_iter()
        .filter_map(|entry| {
            let date = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
            // The first alternate (or first) link is the article; enclosure links are media.
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())?;
            Some(Link {
                url: link.href.trim().to_string(),
                date,
            })
        })
        .filter(|l| l.url.starts_with("http://") || l.url.starts_with("https://"))
        .collect())
}

/// `<loc>` of each `<url>` or `<sitemap>`, with `<news:publication_date>` or `<lastmod>`.
fn sitemap_links(bytes: &[u8]) -> Result<Vec<Link>, String> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(true);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut loc: Option<String> = None;
    let mut lastmod: Option<String> = None;
    let mut news_date: Option<String> = None;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            format!(
                "sitemap XML error at byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Xml::Start(e) => {
                path.push(String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase());
                text.clear();
            }
            // Text arrives in pieces, with entity references (`&amp;`) as separate events.
            Xml::Text(t) => text.push_str(&htmlize::unescape(String::from_utf8_lossy(&t))),
            Xml::GeneralRef(r) => {
                let entity = format!("&{};", String::from_utf8_lossy(&r));
                text.push_str(&htmlize::unescape(entity));
            }
            Xml::CData(t) => text.push_str(&String::from_utf8_lossy(&t)),
            Xml::End(_) => {
                let value = text.trim().to_string();
                text.clear();
                match path.pop().as_deref() {
                    Some("loc") => loc = Some(value),
                    Some("lastmod") => lastmod = Some(value),
                    Some("publication_date") => news_date = Some(value),
                    Some("url" | "sitemap") => {
                        if let Some(url) = loc.take() {
                            if out.len() < MAX_SITEMAP_URLS {
                                out.push(Link {
                                    url,
                                    date: news_date.take().or(lastmod.take()),
                                });
                            }
                        }
                        lastmod = None;
                        news_date = None;
                    }
                    _ => {}
                }
            }
            Xml::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWS_SITEMAP: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://news.example/2025/10/30/talks-resume</loc>
    <news:news>
      <news:publication><news:name>Example News</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-10-30T09:15:00+05:00</news:publication_date>
      <news:title>Talks resume in Istanbul</news:title>
    </news:news>
  </url>
  <url><loc>https://news.example/a?x=1&amp;y=2</loc><lastmod>2025-10-29</lastmod></url>
</urlset>"#;

    #[test]
    fn news_sitemaps_give_urls_with_publication_dates() {
        assert_eq!(sniff(NEWS_SITEMAP.as_bytes()), Some(ListKind::Sitemap));
        let got = links(ListKind::Sitemap, NEWS_SITEMAP.as_bytes()).unwrap_or_default();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].date.as_deref(), Some("2025-10-30T09:15:00+05:00"));
        assert_eq!(got[1].url, "https://news.example/a?x=1&y=2");
        assert_eq!(got[1].date.as_deref(), Some("2025-10-29"));
    }

    #[test]
    fn rss_and_atom_feeds_give_item_links() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>A</title><link>https://news.example/a</link>
            <pubDate>Thu, 30 Oct 2025 09:00:00 +0000</pubDate></item></channel></rss>"#;
        assert_eq!(sniff(rss.as_bytes()), Some(ListKind::Feed));
        let got = links(ListKind::Feed, rss.as_bytes()).unwrap_or_default();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].url, "https://news.example/a");
        assert!(got[0]
            .date
            .as_deref()
            .is_some_and(|d| d.starts_with("2025-10-30")));
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>x</id>
            <updated>2025-10-30T09:00:00Z</updated><entry><title>B</title><id>b</id>
            <link rel="alternate" href="https://news.example/b"/>
            <updated>2025-10-30T09:00:00Z</updated></entry></feed>"#;
        let got = links(ListKind::Feed, atom.as_bytes()).unwrap_or_default();
        assert_eq!(
            got.first().map(|l| l.url.as_str()),
            Some("https://news.example/b")
        );
    }

    #[test]
    fn url_lists_are_only_lines_of_urls() {
        assert_eq!(
            sniff(b"# my list\nhttps://a.example/1\n\nhttp://b.example/2\n"),
            Some(ListKind::UrlList)
        );
        assert_eq!(sniff(b"Talks resume\n\nISLAMABAD: Pakistan said..."), None);
        assert_eq!(sniff(b"<html><body>hi</body></html>"), None);
    }
}
