//! What the benchmarks that build WARC archives share: the benchmark pages read from
//! `../shared/bench/extraction` at run time (never copied into the repository), WARC records,
//! and a page as another outlet would run it.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

pub fn record(uri: &str, date: &str, html: &[u8]) -> Vec<u8> {
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
        html.len()
    )
    .into_bytes();
    http.extend_from_slice(html);
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend(http);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// The page as another outlet would run it: its own canonical URL and site name removed, ours
/// put first in the head. Pages also name their URL in JSON-LD or in other links, so our own
/// `<link rel=canonical>` goes first too (the first canonical link wins): otherwise copies
/// keep the original's id and count as the same page stored again, not as another outlet.
pub fn as_outlet(html: &str, outlet: &str, uri: &str) -> String {
    let mut page = html
        .replace("rel=\"canonical\"", "rel=\"x-was-canonical\"")
        .replace("rel='canonical'", "rel='x-was-canonical'")
        .replace("property=\"og:url\"", "property=\"x-was-og-url\"")
        .replace("property=\"og:site_name\"", "property=\"x-was-site-name\"");
    let meta = format!(
        "<meta property=\"og:site_name\" content=\"{outlet}\"><link rel=\"canonical\" href=\"{uri}\">"
    );
    match page.to_ascii_lowercase().find("<head>") {
        Some(i) => page.insert_str(i + 6, &meta),
        None => page.insert_str(0, &meta),
    }
    page
}

pub fn pages(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for set in ["scrapinghub-aeb", "wcxb-articles"] {
        let dir = root.join(set).join("html");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let raw = std::fs::read(&p).unwrap();
            let mut bytes = Vec::new();
            if flate2::read::MultiGzDecoder::new(&raw[..])
                .read_to_end(&mut bytes)
                .is_err()
            {
                bytes = raw;
            }
            out.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    out
}
