//! `attache ingest` over HTTP against a local server on 127.0.0.1: feeds and sitemaps (as files
//! and as URLs), robots.txt, redirects, the private-address guard, and no refetching on re-runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ingest_common;

use ingest_common::*;

fn site() -> Server {
    let html = |i: u64| {
        (
            "text/html; charset=utf-8".to_string(),
            page(100 + i, "2025-10-30").into_bytes(),
        )
    };
    let mut routes = vec![(
        "/robots.txt".to_string(),
        200,
        "text/plain".to_string(),
        b"User-agent: *\nDisallow: /private/\n".to_vec(),
    )];
    for (path, i) in [
        ("/news/1", 1),
        ("/news/2", 2),
        ("/private/3", 3),
        ("/news/4", 4),
    ] {
        let (ct, body) = html(i);
        routes.push((path.to_string(), 200, ct, body));
    }
    routes.push((
        "/logo.png".into(),
        200,
        "image/png".into(),
        b"\x89PNG\r\n\x1a\n\0\0".to_vec(),
    ));
    routes.push((
        "/moved".into(),
        301,
        "text/plain".into(),
        b"/news/2".to_vec(),
    ));
    routes.push(("/loop".into(), 302, "text/plain".into(), b"/loop".to_vec()));
    Server::start(routes)
}

fn feed(base: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>The Lantern</title>\
         <item><title>One</title><link>{base}/news/1</link><pubDate>Thu, 30 Oct 2025 09:00:00 +0000</pubDate></item>\
         <item><title>Two</title><link>{base}/moved</link></item>\
         <item><title>Three</title><link>{base}/private/3</link></item>\
         <item><title>Logo</title><link>{base}/logo.png</link></item>\
         <item><title>Loop</title><link>{base}/loop</link></item>\
         </channel></rss>"
    )
}

fn sitemap(base: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\
         <url><loc>{base}/news/4</loc><news:news><news:publication_date>2025-10-30T08:00:00Z</news:publication_date></news:news></url>\
         <url><loc>{base}/news/1</loc></url></urlset>"
    )
}

const POLITE_BUT_FAST: &[&str] = &["--allow-private", "--host-delay", "0", "--timeout", "10"];

#[test]
fn feeds_and_sitemaps_from_files_are_fetched_politely() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let feed_path = dir.path().join("lantern.rss");
    let map_path = dir.path().join("news-sitemap.xml");
    std::fs::write(&feed_path, feed(&server.base)).unwrap();
    std::fs::write(&map_path, sitemap(&server.base)).unwrap();
    let db = dir.path().join("a.db");
    let r = ingest(
        &db,
        &[feed_path.to_str().unwrap(), map_path.to_str().unwrap()],
        POLITE_BUT_FAST,
    );
    // news/1, news/2 (through the redirect), news/4; news/1 again from the sitemap is known.
    assert_eq!(r["articles"], 3, "{r:#}");
    assert_eq!(r["errors"]["fetch_robots_disallowed"], 1, "{r:#}");
    assert_eq!(r["errors"]["fetch_too_many_redirects"], 1, "{r:#}");
    assert_eq!(r["not_articles"]["not_html"], 1, "{r:#}");
    let hits = server.hits.lock().unwrap().clone();
    assert!(
        !hits.contains(&"/private/3".to_string()),
        "robots.txt was not obeyed: {hits:?}"
    );
    assert!(hits.contains(&"/robots.txt".to_string()));
    // A second run fetches none of the articles again.
    let before = server.hits.lock().unwrap().len();
    let again = ingest(
        &db,
        &[feed_path.to_str().unwrap(), map_path.to_str().unwrap()],
        POLITE_BUT_FAST,
    );
    assert_eq!(again["articles"], 0, "{again:#}");
    let news_hits = server.hits.lock().unwrap()[before..]
        .iter()
        .filter(|h| h.starts_with("/news/"))
        .count();
    assert_eq!(news_hits, 0, "pages were fetched again");
}

#[test]
fn a_feed_url_is_fetched_and_expanded() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    // Serve the feed itself from a second server that knows the first one's address.
    let feed_server = Server::start(vec![
        ("/robots.txt".into(), 404, "text/plain".into(), Vec::new()),
        (
            "/feed.xml".into(),
            200,
            "application/rss+xml".into(),
            feed(&server.base).into_bytes(),
        ),
    ]);
    let db = dir.path().join("a.db");
    let url = format!("{}/feed.xml", feed_server.base);
    let r = ingest(&db, &[&url], POLITE_BUT_FAST);
    assert_eq!(r["articles"], 2, "{r:#}");
    assert_eq!(stats(&db).articles, 2);
}

#[test]
fn private_addresses_are_refused_without_allow_private() {
    let server = site();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let list = dir.path().join("urls.txt");
    std::fs::write(
        &list,
        format!(
            "# two pages\n{0}/news/1\n{0}/news/2\nhttp://localhost:1/x\n",
            server.base
        ),
    )
    .unwrap();
    let r = ingest(&db, &[list.to_str().unwrap()], &["--host-delay", "0"]);
    assert_eq!(r["articles"], 0, "{r:#}");
    assert_eq!(r["errors"]["fetch_private_address"], 3, "{r:#}");
    assert!(
        server.hits.lock().unwrap().is_empty(),
        "a request reached the server"
    );
}

#[test]
fn a_redirect_into_a_path_another_site_disallows_is_not_followed() {
    // The second site disallows /private/; the first one redirects there and to an allowed page.
    let target = site();
    let redirector = Server::start(vec![
        ("/robots.txt".into(), 404, "text/plain".into(), Vec::new()),
        (
            "/to-private".into(),
            302,
            "text/plain".into(),
            format!("{}/private/3", target.base).into_bytes(),
        ),
        (
            "/to-news".into(),
            301,
            "text/plain".into(),
            format!("{}/news/4", target.base).into_bytes(),
        ),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let list = dir.path().join("urls.txt");
    std::fs::write(
        &list,
        format!("{0}/to-private\n{0}/to-news\n", redirector.base),
    )
    .unwrap();
    let r = ingest(&db, &[list.to_str().unwrap()], POLITE_BUT_FAST);
    assert_eq!(r["articles"], 1, "{r:#}");
    assert_eq!(r["errors"]["fetch_robots_disallowed"], 1, "{r:#}");
    let hits = target.hits.lock().unwrap().clone();
    assert!(
        !hits.contains(&"/private/3".to_string()),
        "the redirect target's robots.txt was not obeyed: {hits:?}"
    );
    assert_eq!(
        hits.iter().filter(|h| *h == "/robots.txt").count(),
        1,
        "the target's robots.txt is read once: {hits:?}"
    );
    assert!(hits.contains(&"/news/4".to_string()), "{hits:?}");
}
