//! Helpers shared by the ingest tests: fictional news pages written by the team (generated from
//! sentence pools, so every page differs), WARC building, a tiny local HTTP server, and running
//! the binary.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Fictional places, outlets and people: none of them is a real report.
const CITIES: &[&str] = &[
    "Port Alder",
    "Velmora",
    "Kestrin",
    "Oldbridge",
    "Saltmarsh",
    "Dunmere",
    "Harrowgate",
    "Linwick",
];
const GROUPS: &[&str] = &[
    "the river council",
    "the harbour union",
    "the northern delegation",
    "the water authority",
    "the teachers' federation",
    "the grain cooperative",
];
const PEOPLE: &[&str] = &[
    "Minister Ilsa Varn",
    "Mayor Tomas Quill",
    "Governor Ana Brecht",
    "Spokesman Delio Farr",
    "Judge Mirela Osk",
    "Commander Pavo Lind",
];
const SENTENCES: &[&str] = &[
    "{p} said on {d} that talks with {g} would continue next week in {c}.",
    "Officials in {c} confirmed that {g} had submitted a revised proposal on water rights.",
    "The meeting, the {n}th this year, lasted more than six hours and ended without a joint statement.",
    "{p} told reporters that the offer on the table was fair but could still be improved.",
    "Residents of {c} queued for bread as the dispute over the canal entered its {n}th day.",
    "Negotiators from {g} asked for guarantees that the ferry service would resume by spring.",
    "A spokesperson for {g} accused the provincial office of delaying payments for {n} weeks.",
    "Traders in the old market of {c} said prices of lamp oil had doubled since the closure.",
    "{p} warned that further delays could force the council to suspend the harbour levy.",
    "The agreement would let {n} barges a day pass the lock at {c}, according to a draft seen by reporters.",
    "Engineers said repairs to the flood gate near {c} could take until the end of the season.",
    "Members of {g} voted by a narrow margin to accept the mediator's timetable.",
    "{p} thanked the mediators and said the next round would focus on compensation.",
    "Farmers downstream of {c} reported that irrigation channels had been dry for {n} days.",
    "The provincial assembly is expected to debate the budget for the canal works on Thursday.",
    "Observers said the tone of the talks had improved after {p} visited {c} last month.",
    "Schools in {c} reopened after a {n}-day closure caused by the strike of {g}.",
    "A delegation from {c} travelled overnight to deliver the petition signed by {n} residents.",
    "{p} rejected claims that the ferry contract had been awarded without a tender.",
    "Local radio in {c} broadcast the session live, and callers criticised the slow pace.",
];

/// A tiny deterministic generator (xorshift), so pages are the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// Body paragraphs of fictional article `i`.
pub fn paragraphs(i: u64) -> Vec<String> {
    let mut r = Rng::new(i + 1);
    let day =
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][(i % 5) as usize].to_string();
    (0..6)
        .map(|_| {
            (0..3)
                .map(|_| {
                    r.pick(SENTENCES)
                        .replace("{p}", r.pick(PEOPLE))
                        .replace("{g}", r.pick(GROUPS))
                        .replace("{c}", r.pick(CITIES))
                        .replace("{d}", &day)
                        .replace("{n}", &(r.next() % 90 + 3).to_string())
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A full HTML news page for fictional article `i`, dated `date` (YYYY-MM-DD).
pub fn page(i: u64, date: &str) -> String {
    let mut r = Rng::new(i + 7);
    let title = format!(
        "{} and {} resume canal talks in {} (report {i})",
        r.pick(PEOPLE),
        r.pick(GROUPS),
        r.pick(CITIES)
    );
    let body: String = paragraphs(i)
        .iter()
        .map(|p| format!("<p>{p}</p>\n"))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} - The Lantern</title>\n\
         <meta property=\"og:title\" content=\"{title}\">\n<meta property=\"og:site_name\" content=\"The Lantern\">\n\
         <meta property=\"article:published_time\" content=\"{date}T09:00:00+00:00\">\n</head><body>\n\
         <nav><a href=\"/\">Home</a> <a href=\"/region\">Region</a></nav>\n<article><h1>{title}</h1>\n\
         <div class=\"byline\">By Staff Reporter</div>\n{body}</article>\n<footer>Copyright 2025 The Lantern</footer></body></html>\n"
    )
}

/// One WARC record (uncompressed bytes).
pub fn warc_record(kind: &str, uri: &str, date: &str, payload: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{:032x}>\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        Rng::new(payload.len() as u64 ^ uri.len() as u64).next(),
        payload.len()
    )
    .into_bytes();
    r.extend_from_slice(payload);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// An HTTP response as stored in a WARC.
pub fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

/// Gzip one member.
pub fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A WARC.gz of `n` article pages (one member per record, as Common Crawl writes them).
pub fn article_warc(n: u64) -> Vec<u8> {
    let mut out = gz(&warc_record(
        "warcinfo",
        "",
        "2025-10-30T00:00:00Z",
        b"software: attache tests\r\n",
    ));
    for i in 0..n {
        let date = format!("2025-10-{:02}", 1 + i % 28);
        let body = page(i, &date);
        let uri = format!("https://lantern.example/{date}/story-{i}");
        out.extend(gz(&warc_record(
            "response",
            &uri,
            &format!("{date}T10:00:00Z"),
            &http_response("text/html; charset=utf-8", body.as_bytes()),
        )));
    }
    out
}

/// Run the binary; panics with its stderr when it fails.
pub fn attache(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(args)
        .output()
        .expect("run attache");
    assert!(
        out.status.success(),
        "attache {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Ingest and return the run report (JSON). The exit code must say what the report says: 0
/// when no input failed, 1 when some did (and the report names each).
pub fn ingest(db: &Path, sources: &[&str], extra: &[&str]) -> serde_json::Value {
    let (report, code) = ingest_status(db, sources, extra);
    let failed = total(&report, "errors");
    assert_eq!(
        code,
        Some(if failed > 0 { 1 } else { 0 }),
        "exit code of an ingest with {failed} failed inputs: {report:#}"
    );
    assert_eq!(
        report["failures"].as_array().map_or(0, |f| f.len() as u64)
            + report["failures_unlisted"].as_u64().unwrap_or(0),
        failed,
        "every failed input is named: {report:#}"
    );
    report
}

/// Ingest and return the run report (JSON) and the exit code, whatever it is.
pub fn ingest_status(
    db: &Path,
    sources: &[&str],
    extra: &[&str],
) -> (serde_json::Value, Option<i32>) {
    let out = ingest_output(db, sources, extra);
    let report = db.with_extension("report.json");
    let json = std::fs::read_to_string(&report).unwrap_or_else(|e| {
        panic!(
            "no report ({e}); stderr:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (serde_json::from_str(&json).unwrap(), out.status.code())
}

/// Run an ingest with a report file and return the process output, whatever its exit code.
pub fn ingest_output(db: &Path, sources: &[&str], extra: &[&str]) -> Output {
    let report = db.with_extension("report.json");
    let _ = std::fs::remove_file(&report);
    let mut args = vec![
        "ingest",
        "-q",
        "--db",
        db.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(sources);
    Command::new(env!("CARGO_BIN_EXE_attache"))
        .args(&args)
        .output()
        .expect("run attache")
}

/// Sum of a report map.
pub fn total(report: &serde_json::Value, key: &str) -> u64 {
    report[key]
        .as_object()
        .map_or(0, |m| m.values().filter_map(|v| v.as_u64()).sum())
}

/// Count rows of a table with the store's own reader.
pub fn stats(db: &Path) -> attache_store::Stats {
    use attache_store::StoreRead;
    attache_store::SqliteStore::open_read_only(db)
        .unwrap()
        .stats()
        .unwrap()
}

/// A local HTTP server on 127.0.0.1 answering from a fixed table of paths; stops when dropped.
pub struct Server {
    pub base: String,
    stop: Arc<AtomicBool>,
    pub hits: Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    /// `routes`: (path, status, content type, body).
    pub fn start(routes: Vec<(String, u16, String, Vec<u8>)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let hits = Arc::new(std::sync::Mutex::new(Vec::new()));
        let (s, h) = (stop.clone(), hits.clone());
        std::thread::spawn(move || {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
            while !s.load(Ordering::Relaxed) && std::time::Instant::now() < deadline {
                let Ok((mut conn, _)) = listener.accept() else {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                };
                let _ = conn.set_nonblocking(false);
                let mut reader = BufReader::new(conn.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                loop {
                    let mut l = String::new();
                    if reader.read_line(&mut l).unwrap_or(0) == 0 || l == "\r\n" {
                        break;
                    }
                }
                h.lock().unwrap().push(path.clone());
                let (status, ct, body) = routes
                    .iter()
                    .find(|r| r.0 == path)
                    .map(|r| (r.1, r.2.clone(), r.3.clone()))
                    .unwrap_or((404, "text/plain".into(), b"not found".to_vec()));
                let extra = if (300..400).contains(&status) {
                    format!("Location: {}\r\n", String::from_utf8_lossy(&body))
                } else {
                    String::new()
                };
                let head = format!("HTTP/1.1 {status} X\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n", body.len());
                let _ = conn.write_all(head.as_bytes());
                let _ = conn.write_all(&body);
                let _ = conn.flush();
                let mut sink = [0u8; 1];
                let _ = conn.set_read_timeout(Some(std::time::Duration::from_millis(1)));
                let _ = conn.read(&mut sink);
            }
        });
        Server { base, stop, hits }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
