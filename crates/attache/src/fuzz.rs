//! Seeded mutation fuzzing of every input format: pages (extraction and annotation), WARC
//! archives (plain and gzip), feeds and sitemaps (and URL lists).
//!
//! cargo-fuzz needs a nightly compiler; this is a plain loop that runs on stable: start from
//! seed inputs the code writes, mutate them (bit flips, cuts, splices, repeats, hostile
//! tokens), run the format's reader, and fail on any panic, saving the input that caused it
//! under `target/fuzz-failures/`. The targets are `#[ignore]`d so `cargo test` stays fast;
//! `.ci/run` runs them for a bounded time:
//!
//! ```text
//! ATTACHE_FUZZ_SECONDS=30 cargo test -p attache --bin attache fuzz:: -- --ignored --nocapture
//! ```
//!
//! Run longer by raising `ATTACHE_FUZZ_SECONDS` (seconds per target), and explore other
//! paths with `ATTACHE_FUZZ_SEED` (the default seed is fixed so a CI failure reproduces).
//! Each target prints its iterations and its slowest input, which is saved too.

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::sources::{feeds, warc};

/// Seconds each target runs unless `ATTACHE_FUZZ_SECONDS` says otherwise.
const DEFAULT_SECONDS: u64 = 10;

/// Largest mutated input: keeps one iteration short, so many run in the time given.
const MAX_INPUT: usize = 256 * 1024;

/// xorshift64*: small, seedable, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Byte strings that tend to reach edge cases in these formats.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&#x0;",
    b"]]>",
    b"<![CDATA[",
    b"<!--",
    b"<script>",
    b"</p>",
    b"<p ",
    b"\"",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x1f\x8b\x08\x00",
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999999\r\n",
    b"Content-Length: -1\r\n",
    b"\r\n\r\n",
    b"Transfer-Encoding: chunked\r\n",
    b"<url><loc>",
    b"</loc></url>",
    b"<item><link>",
    b"https://",
    b"Mr. ",
    b" and ",
    b"Pakistan ",
    b" said he ",
    b"\n\n",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let len = input.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = rng.next() as u8;
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let at = rng.below(len + 1);
                input.splice(at..at, t.iter().copied());
            }
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                input.drain(a..b);
            }
            4 if len > 0 => input.truncate(rng.below(len)),
            5 if len > 0 => {
                // Repeat a piece: the shape of the CPU and memory attacks.
                let a = rng.below(len);
                let b = (a + 1 + rng.below(32)).min(len);
                let piece = input[a..b].to_vec();
                let times = 1 + rng.below(2_000);
                let at = rng.below(len + 1);
                let mut extra = Vec::with_capacity(piece.len() * times);
                for _ in 0..times {
                    extra.extend_from_slice(&piece);
                }
                input.splice(at..at, extra);
            }
            6 => {
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(512)).min(other.len());
                    let at = rng.below(len + 1);
                    input.splice(at..at, other[a..b].iter().copied());
                }
            }
            _ => {
                let at = rng.below(len + 1);
                let junk: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.next() as u8).collect();
                input.splice(at..at, junk);
            }
        }
    }
    input.truncate(MAX_INPUT);
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

fn save(target: &str, kind: &str, input: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in input {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let path = dir.join(format!("{target}-{kind}-{h:016x}.bin"));
    let _ = std::fs::write(&path, input);
    path
}

/// Mutate `seeds` and run `check` on each input for the time budget; fail on a panic.
fn run(target: &str, seeds: Vec<Vec<u8>>, check: &dyn Fn(&[u8])) {
    let seconds = std::env::var("ATTACHE_FUZZ_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_SECONDS);
    let seed = std::env::var("ATTACHE_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_a77a_c4e0_0015_u64);
    let mut rng = Rng(seed | 1);
    let stop = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut slowest, mut slowest_input) = (0u64, Duration::ZERO, Vec::new());
    // Seeds first, unmutated.
    let mut queue: Vec<Vec<u8>> = seeds.clone();
    while Instant::now() < stop || !queue.is_empty() {
        let input = queue.pop().unwrap_or_else(|| {
            let mut input = seeds[rng.below(seeds.len())].clone();
            mutate(&mut rng, &seeds, &mut input);
            input
        });
        let started = Instant::now();
        if catch_unwind(AssertUnwindSafe(|| check(&input))).is_err() {
            let path = save(target, "panic", &input);
            panic!(
                "fuzz target {target} panicked after {runs} inputs (seed {seed}); input saved to {}",
                path.display()
            );
        }
        let took = started.elapsed();
        if took > slowest {
            slowest = took;
            slowest_input = input;
        }
        runs += 1;
    }
    let path = save(target, "slowest", &slowest_input);
    println!(
        "fuzz {target}: {runs} inputs in {seconds} s (seed {seed}); slowest {:.3} s, {} bytes ({})",
        slowest.as_secs_f64(),
        slowest_input.len(),
        path.display()
    );
}

fn page_seeds() -> Vec<Vec<u8>> {
    vec![
        b"<html><head><title>Talks resume | Example</title>\
          <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Talks resume\",\
          \"author\":[{\"@type\":\"Person\",\"name\":\"Mira Holt\"}],\"datePublished\":\"2025-10-30\"}</script>\
          </head><body><article><h1>Talks resume</h1><p class=byline>By Mira Holt</p>\
          <p>ISLAMABAD: Pakistan warned Afghanistan on Monday that talks would fail. Defense Minister \
          Khawaja Asif said he would travel to Istanbul.</p><p>Both sides met in Doha and agreed to a \
          ceasefire, officials said.</p></article></body></html>"
            .to_vec(),
        b"Talks resume in Istanbul\n\nBy Mira Holt\n\nISLAMABAD: Pakistan and Afghanistan met. \
          Mr. Sharif said he would go.\n\nThe Taliban rejected the offer on 30 October 2025.\n"
            .to_vec(),
    ]
}

fn warc_seeds() -> Vec<Vec<u8>> {
    let record = |kind: &str, uri: &str, payload: &[u8]| {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2025-10-30T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
            payload.len()
        )
        .into_bytes();
        r.extend_from_slice(payload);
        r.extend_from_slice(b"\r\n\r\n");
        r
    };
    let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Pakistan warned Kabul.</p>";
    let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>hi\r\n0\r\n\r\n";
    let records = [
        record("warcinfo", "", b"software: fuzz"),
        record("response", "https://a.example/1", page),
        record("response", "https://a.example/2", chunked),
        record("request", "https://a.example/1", b"GET / HTTP/1.1\r\n\r\n"),
    ];
    let plain = records.concat();
    let members: Vec<u8> = records.iter().flat_map(|r| gz(r)).collect();
    vec![plain.clone(), members, gz(&plain)]
}

fn feed_seeds() -> Vec<Vec<u8>> {
    vec![
        br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>https://news.example/a?x=1&amp;y=2</link><pubDate>Thu, 30 Oct 2025 09:00:00 +0000</pubDate></item>
<item><title>B</title><link>https://news.example/b</link></item></channel></rss>"#
            .to_vec(),
        br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>x</id><updated>2025-10-30T09:00:00Z</updated>
<entry><title>B</title><id>b</id><link rel="alternate" href="https://news.example/b"/><updated>2025-10-30T09:00:00Z</updated></entry></feed>"#
            .to_vec(),
        b"# list\nhttps://a.example/1\nhttps://b.example/2\n".to_vec(),
    ]
}

fn sitemap_seeds() -> Vec<Vec<u8>> {
    vec![
        br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/2025/10/30/a</loc><news:news><news:publication_date>2025-10-30T09:15:00+05:00</news:publication_date></news:news></url>
<url><loc>https://news.example/b?x=1&amp;y=2</loc><lastmod>2025-10-29</lastmod></url></urlset>"#
            .to_vec(),
        br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://news.example/s1.xml</loc></sitemap></sitemapindex>"#
            .to_vec(),
    ]
}

fn read_lists(bytes: &[u8]) {
    if let Some(kind) = feeds::sniff(bytes) {
        let listed = feeds::links(kind, bytes);
        for l in &listed.links {
            assert!(l.url.starts_with("http://") || l.url.starts_with("https://"));
        }
    }
    for kind in [
        feeds::ListKind::Feed,
        feeds::ListKind::Sitemap,
        feeds::ListKind::UrlList,
    ] {
        let _ = feeds::links(kind, bytes);
    }
}

#[test]
#[ignore = "fuzzing: run with --ignored (see the module docs)"]
fn fuzz_page() {
    let pipeline = match crate::cmd::ingest::pipeline() {
        Ok(p) => p,
        Err(e) => panic!("the pipeline does not load: {e:#}"),
    };
    let settings = attache_extract::Settings::default();
    let budget = crate::pipeline::Budget::default();
    run("page", page_seeds(), &|bytes| {
        if let Ok(attache_model::Extraction::Article(article)) =
            attache_extract::extract(bytes, Some("https://news.example/a"), &settings)
        {
            let mut doc = attache_model::Document::new("fuzz", article);
            crate::pipeline::annotate_within(&mut doc, Some(&pipeline), &budget);
            for m in &doc.mentions {
                assert!(m.span.slice(&doc.article.text).is_some(), "{m:?}");
            }
            for e in &doc.events {
                assert!(doc
                    .article
                    .text
                    .get(e.evidence.start..e.evidence.end)
                    .is_some());
            }
        }
    });
}

#[test]
#[ignore = "fuzzing: run with --ignored (see the module docs)"]
fn fuzz_warc() {
    run("warc", warc_seeds(), &|bytes| {
        let mut items = 0usize;
        let _ = warc::read_warc(bytes, 64 * 1024, &mut |_item| {
            items += 1;
            true
        });
    });
}

#[test]
#[ignore = "fuzzing: run with --ignored (see the module docs)"]
fn fuzz_feed() {
    run("feed", feed_seeds(), &read_lists);
}

#[test]
#[ignore = "fuzzing: run with --ignored (see the module docs)"]
fn fuzz_sitemap() {
    run("sitemap", sitemap_seeds(), &read_lists);
}
