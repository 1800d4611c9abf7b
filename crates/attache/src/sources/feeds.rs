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
    // A URL list is mostly URL lines: one bad line (a typo, a stray word) must not turn the
    // whole list into a "page" and lose every link, while a text that merely quotes a URL
    // or two is still a text.
    let (mut urls, mut other) = (0usize, 0usize);
    for line in t
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if is_url_line(line) {
            urls += 1;
        } else {
            other += 1;
        }
    }
    (urls > 0 && urls > 2 * other).then_some(ListKind::UrlList)
}

fn is_url_line(line: &str) -> bool {
    (line.starts_with("http://") || line.starts_with("https://"))
        && !line.contains(char::is_whitespace)
}

/// The links of a list, and what could not be read (each named: a bad line, an item without
/// a complete link, a parse error after which a lenient scan took over).
#[derive(Debug, Default)]
pub struct Listed {
    /// Every intact link, in list order.
    pub links: Vec<Link>,
    /// What was lost or damaged, one description each.
    pub lost: Vec<String>,
}

/// The links of a list. Damage never loses the intact links: a list that does not parse as
/// a whole is read again by a lenient scan, and each lost piece is named in
/// [`Listed::lost`].
pub fn links(kind: ListKind, bytes: &[u8]) -> Listed {
    match kind {
        ListKind::Feed => match feed_links(bytes) {
            Ok(links) => Listed {
                links,
                lost: Vec::new(),
            },
            Err(e) => {
                let mut listed = lenient_links(bytes, &["item", "entry"]);
                listed.lost.insert(
                    0,
                    format!(
                        "{e}; {} links recovered by a lenient scan",
                        listed.links.len()
                    ),
                );
                listed
            }
        },
        ListKind::Sitemap | ListKind::SitemapIndex => match sitemap_links(bytes) {
            Ok(links) => Listed {
                links,
                lost: Vec::new(),
            },
            Err(e) => {
                let mut listed = lenient_links(bytes, &["url", "sitemap"]);
                listed.links.truncate(MAX_SITEMAP_URLS);
                listed.lost.insert(
                    0,
                    format!(
                        "{e}; {} links recovered by a lenient scan",
                        listed.links.len()
                    ),
                );
                listed
            }
        },
        ListKind::UrlList => {
            let mut listed = Listed::default();
            for (n, line) in String::from_utf8_lossy(bytes).lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if is_url_line(line) {
                    listed.links.push(Link {
                        url: line.to_string(),
                        date: None,
                    });
                } else {
                    let shown: String = line.chars().take(80).collect();
                    listed
                        .lost
                        .push(format!("line {}: not a URL: {shown:?}", n + 1));
                }
            }
            listed
        }
    }
}

/// Most bytes of one item or url element the lenient scan looks into.
const MAX_LENIENT_BLOCK: usize = 64 * 1024;

/// Links of a damaged feed or sitemap (a raw `&`, a cut end, bytes after the root): each
/// `<item>`/`<entry>`/`<url>`/`<sitemap>` element (`blocks`) read on its own, its link from
/// `<link>text</link>`, `<link href="..."/>` or `<loc>`, its date from the usual fields.
/// An element with no complete link is named as lost.
fn lenient_links(bytes: &[u8], blocks: &[&str]) -> Listed {
    let text = String::from_utf8_lossy(bytes);
    let lower = text.to_ascii_lowercase();
    let mut starts: Vec<usize> = Vec::new();
    for tag in blocks {
        let open = format!("<{tag}");
        let mut from = 0;
        while let Some(i) = lower[from..].find(&open) {
            let at = from + i;
            let next = lower.as_bytes().get(at + open.len()).copied();
            if matches!(next, Some(b'>' | b' ' | b'\t' | b'\r' | b'\n' | b'/')) {
                starts.push(at);
            }
            from = at + open.len();
        }
    }
    starts.sort_unstable();
    let mut listed = Listed::default();
    for (k, &at) in starts.iter().enumerate() {
        let limit = starts
            .get(k + 1)
            .copied()
            .unwrap_or(text.len())
            .min(at + MAX_LENIENT_BLOCK);
        let mut end = limit.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let (block, block_lower) = (&text[at..end], &lower[at..end]);
        let url = element_text(block, block_lower, "loc")
            .or_else(|| element_text(block, block_lower, "link"))
            .or_else(|| href_of_link(block, block_lower))
            .map(|u| htmlize::unescape(u.trim()).trim().to_string())
            .filter(|u| is_url_line(u));
        let date = [
            "publication_date",
            "pubdate",
            "published",
            "updated",
            "lastmod",
        ]
        .iter()
        .find_map(|t| element_text(block, block_lower, t))
        .map(|d| d.trim().to_string());
        match url {
            Some(url) => listed.links.push(Link { url, date }),
            None => listed.lost.push(format!(
                "element {} at byte {at} has no complete link",
                k + 1
            )),
        }
    }
    listed
}

/// The text of the first `<tag>...</tag>` (any prefix, `news:` included) in a block.
fn element_text<'a>(block: &'a str, lower: &str, tag: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = lower[from..].find(tag) {
        let at = from + i;
        from = at + tag.len();
        let opens = lower[..at].ends_with('<') || lower[..at].ends_with(':');
        let after = lower.as_bytes().get(at + tag.len()).copied();
        if !opens || after != Some(b'>') {
            continue;
        }
        let start = at + tag.len() + 1;
        let close = lower[start..].find("</")?;
        let inner = &block[start..start + close];
        let inner = inner
            .strip_prefix("<![CDATA[")
            .and_then(|x| x.strip_suffix("]]>"))
            .unwrap_or(inner);
        return Some(inner);
    }
    None
}

/// `href` of the first `<link ... href="...">` in a block (Atom), alternate or untyped.
fn href_of_link<'a>(block: &'a str, lower: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = lower[from..].find("<link") {
        let at = from + i;
        let end = at + lower[at..].find('>')?;
        from = end;
        let tag = &lower[at..end];
        if tag.contains("rel=") && !tag.contains("alternate") {
            continue;
        }
        let h = tag.find("href=")? + 5;
        let quote = tag.as_bytes().get(h).copied()?;
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let close = tag[h + 1..].find(quote as char)?;
        return Some(&block[at + h + 1..at + h + 1 + close]);
    }
    None
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
                        // Only web links are followed (a `file:` or relative loc is not).
                        if let Some(url) = loc
                            .take()
                            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
                        {
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
            Xml::Eof if !path.is_empty() => {
                return Err(format!("the sitemap ends inside <{}>", path.join("><")));
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
        let got = links(ListKind::Sitemap, NEWS_SITEMAP.as_bytes()).links;
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
        let got = links(ListKind::Feed, rss.as_bytes()).links;
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
        let got = links(ListKind::Feed, atom.as_bytes()).links;
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

    /// Issue 15: one bad line made the whole list a "page" and lost every link.
    #[test]
    fn one_bad_line_in_a_url_list_loses_only_that_line() {
        let list = b"https://a.example/1\nhttps://b.example/2\nnot a url\nhttps://c.example/3\n";
        assert_eq!(sniff(list), Some(ListKind::UrlList));
        let got = links(ListKind::UrlList, list);
        assert_eq!(got.links.len(), 3);
        assert_eq!(got.lost.len(), 1);
        assert!(got.lost[0].contains("line 3"), "{:?}", got.lost);
    }

    /// Issue 15: a raw `&` in one link, a cut end, or bytes after the root lost the list.
    #[test]
    fn damaged_feeds_and_sitemaps_keep_every_intact_link() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>A</title><link>https://news.example/a?x=1&y=2</link>
            <pubDate>Thu, 30 Oct 2025 09:00:00 +0000</pubDate></item>
            <item><title>B</title><link>https://news.example/b</link></item>
            <item><title>C</title><link>https://news.exa"#;
        let got = links(ListKind::Feed, rss.as_bytes());
        let urls: Vec<&str> = got.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            ["https://news.example/a?x=1&y=2", "https://news.example/b"]
        );
        assert!(got.links[0].date.is_some());
        // The parse error and the cut third item are both named.
        assert_eq!(got.lost.len(), 2, "{:?}", got.lost);
        let atom_cut = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
            <entry><title>B</title><link rel="alternate" href="https://news.example/b"/></entry>
            <entry><title>C</title><link rel="alternate" href="https://news.example/c"/>"#;
        let got = links(ListKind::Feed, atom_cut.as_bytes());
        assert_eq!(got.links.len(), 2, "{:?}", got);
        let trailing = format!("{NEWS_SITEMAP}\n<garbage & more");
        let got = links(ListKind::Sitemap, trailing.as_bytes());
        assert_eq!(got.links.len(), 2, "{:?}", got);
        assert_eq!(got.links[1].url, "https://news.example/a?x=1&y=2");
        assert_eq!(
            got.links[0].date.as_deref(),
            Some("2025-10-30T09:15:00+05:00")
        );
        let raw_amp = NEWS_SITEMAP.replace("x=1&amp;y=2", "x=1&y=2");
        let got = links(ListKind::Sitemap, raw_amp.as_bytes());
        assert_eq!(got.links.len(), 2, "{:?}", got);
        let cut = &NEWS_SITEMAP[..NEWS_SITEMAP.find("y=2</loc>").unwrap_or(0)];
        let got = links(ListKind::Sitemap, cut.as_bytes());
        assert_eq!(got.links.len(), 1, "{:?}", got);
        assert!(!got.lost.is_empty());
    }
}
