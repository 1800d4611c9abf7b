//! Speed and memory of `attache_extract::extract`: `cargo bench -p attache_extract`.
//!
//! Prints figures, asserts nothing (timing targets live in benchmarks, not tests):
//! - pages/s and MB/s over the ScrapingHub development pages (read from `../shared` at run
//!   time, decompressed into memory first, extracted one after another on one thread), with a
//!   split into parsing, parsing + metadata, and the whole extraction;
//! - peak resident memory (VmHWM) of a fresh process extracting one synthetic 20 MB input:
//!   a live-blog page, a page of tiny tags, a plain-text article of very short lines.
//!
//! Environment: `ATTACHE_BENCH_ROUNDS` (default 5) sets how many times the pages are
//! extracted; `ATTACHE_BENCH_ONLY=extract` skips the phase split (for profilers).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use attache_extract::{extract, html::Dom, meta::page_metadata, Settings};
use attache_model::cpu::{cpu_seconds, peak_rss_mib};

/// Marks the child process that measures the memory of one big page.
const CHILD_ENV: &str = "ATTACHE_BENCH_CHILD";

/// Size of the synthetic page: the default input cap.
const SYNTHETIC_BYTES: usize = attache_extract::DEFAULT_MAX_BYTES;

fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn load_pages(dir: &Path) -> std::io::Result<Vec<Vec<u8>>> {
    let list = std::fs::read_to_string(dir.join("pages.txt"))?;
    let mut pages = Vec::new();
    for name in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let file = std::fs::File::open(dir.join("html").join(name))?;
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(file).read_to_end(&mut out)?;
        pages.push(out);
    }
    Ok(pages)
}

/// A 20 MB page shaped like a long live blog: navigation, many posts with paragraphs and
/// links, inline scripts, a comment thread. Written here, not copied from anywhere.
fn synthetic_page(size: usize) -> String {
    let mut page = String::with_capacity(size + 4096);
    page.push_str("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Live: talks");
    page.push_str(" continue | Ledger</title><script>var cfg = {a: 1};</script></head><body>");
    page.push_str("<nav class=main-nav><ul><li><a href=/>Home</a><li><a href=/world>World</a>");
    page.push_str("</ul></nav><main><article class=article-body><h1>Live: talks continue</h1>");
    let mut i = 0u64;
    while page.len() < size.saturating_sub(2048) {
        i += 1;
        page.push_str(&format!(
            "<div class=post id=p{i}><h2>Update {i}</h2><p>Negotiators met again on day \
             {i}, officials said, and the <a href=/r/{i}>delegations</a> exchanged drafts \
             on prisoners, crossings &amp; aid.</p><p>A spokesman said the mood was \
             &ldquo;constructive&rdquo; and that talks would resume at nine.</p>\
             <div class=share-bar><a href=#>Share</a> <a href=#>Post</a></div>"
        ));
        if i.is_multiple_of(50) {
            page.push_str("<script>track({event: 'view', id: 1});</script>");
        }
    }
    page.push_str("</article></main><footer>Copyright Ledger</footer></body></html>");
    page
}

/// A 20 MB page of tiny unclosed tags with attributes: the worst case for node count.
fn tiny_tags_page(size: usize) -> String {
    let mut page = String::with_capacity(size + 16);
    page.push_str("<!DOCTYPE html><html><body>");
    while page.len() + 8 < size {
        page.push_str("<i a b>x");
    }
    page
}

/// A 20 MB plain-text article cut into very short lines (a hard-wrapped scrape with a
/// blank line every few lines): the worst case for per-line bookkeeping.
fn short_lines_text(size: usize) -> String {
    let mut text = String::with_capacity(size + 64);
    text.push_str("Talks continue on the border\n\nBy Mira Holt\n\nPORTHAVEN: Talks went on.\n\n");
    let mut i = 0u64;
    while text.len() + 16 < size {
        i += 1;
        text.push_str(if i.is_multiple_of(4) {
            "boats ran.\n\n"
        } else {
            "the ferry\n"
        });
    }
    text
}

fn child_main(kind: &str) {
    let (page, what) = match kind {
        "tiny" => (tiny_tags_page(SYNTHETIC_BYTES), "tiny-tag"),
        "text" => (short_lines_text(SYNTHETIC_BYTES), "plain-text short-line"),
        _ => (synthetic_page(SYNTHETIC_BYTES), "live-blog"),
    };
    let before = peak_rss_mib().unwrap_or(0.0);
    let t = Instant::now();
    let result = extract(page.as_bytes(), None, &Settings::default());
    let secs = t.elapsed().as_secs_f64();
    let words = result
        .map(|x| x.article().text.split_whitespace().count())
        .unwrap_or(0);
    println!(
        "synthetic {what} input, {:.1} MB: {:.2} s, {words} body words, peak RSS {:.1} MB \
         (page text alone {:.1} MB)",
        page.len() as f64 / 1e6,
        secs,
        peak_rss_mib().unwrap_or(0.0),
        before
    );
}

fn time_pass(pages: &[Vec<u8>], rounds: usize, mut f: impl FnMut(&[u8])) -> f64 {
    let t = Instant::now();
    for _ in 0..rounds {
        for p in pages {
            f(p);
        }
    }
    t.elapsed().as_secs_f64()
}

/// Time per page of each step of `extract_html`, in microseconds.
fn phase_split(pages: &[Vec<u8>], rounds: usize) {
    use attache_extract::{body, encoding, meta};
    let mut t = [0f64; 5];
    for _ in 0..rounds {
        for p in pages {
            let t0 = Instant::now();
            let _ = encoding::sniff(p);
            let text = encoding::decode(p, None);
            let t1 = Instant::now();
            let dom = Dom::parse(&text);
            let t2 = Instant::now();
            let m = page_metadata(&dom, None);
            let t3 = Instant::now();
            let b = body::extract(&dom, &body::Hints::from_metadata(&m));
            let t4 = Instant::now();
            std::hint::black_box((
                m.standfirst_for(&b.text),
                meta::dateline::opening_dateline(b.text.split("\n\n")),
                meta::detect_language(&b.text, m.language.as_deref()),
            ));
            let t5 = Instant::now();
            for (slot, (a, b)) in
                t.iter_mut()
                    .zip([(t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5)])
            {
                *slot += (b - a).as_secs_f64();
            }
        }
    }
    let n = (pages.len() * rounds) as f64;
    let names = [
        "decode",
        "parse",
        "metadata",
        "body",
        "standfirst+dateline+language",
    ];
    let parts: Vec<String> = names
        .iter()
        .zip(t)
        .map(|(name, s)| format!("{name} {:.0} µs", s / n * 1e6))
        .collect();
    println!("  per page: {}", parts.join(", "));
}

fn main() {
    if let Ok(kind) = std::env::var(CHILD_ENV) {
        child_main(&kind);
        return;
    }
    let rounds: usize = std::env::var("ATTACHE_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let only_extract = std::env::var("ATTACHE_BENCH_ONLY").is_ok_and(|v| v == "extract");
    let dir = shared_dir().join("bench/extraction/scrapinghub-aeb");
    match load_pages(&dir) {
        Err(err) => eprintln!(
            "skipping the page benchmark: cannot read {}: {err}",
            dir.display()
        ),
        Ok(pages) => {
            let n = (pages.len() * rounds) as f64;
            let mb = pages.iter().map(Vec::len).sum::<usize>() as f64 * rounds as f64 / 1e6;
            let settings = Settings::default();
            // Warm-up pass (page cache, allocator).
            for p in &pages {
                let _ = extract(p, None, &settings);
            }
            println!(
                "ScrapingHub dev pages: {} pages, {:.1} MB, {rounds} rounds, one thread",
                pages.len(),
                mb / rounds as f64
            );
            if !only_extract {
                let texts: Vec<String> = pages
                    .iter()
                    .map(|p| String::from_utf8_lossy(p).into_owned())
                    .collect();
                let t = Instant::now();
                for _ in 0..rounds {
                    for s in &texts {
                        std::hint::black_box(Dom::parse(s));
                    }
                }
                let parse = t.elapsed().as_secs_f64();
                let t = Instant::now();
                for _ in 0..rounds {
                    for s in &texts {
                        let dom = Dom::parse(s);
                        std::hint::black_box(page_metadata(&dom, None));
                    }
                }
                let meta = t.elapsed().as_secs_f64();
                println!(
                    "  parse only        {:7.1} pages/s  {:6.1} MB/s",
                    n / parse,
                    mb / parse
                );
                println!(
                    "  parse + metadata  {:7.1} pages/s  {:6.1} MB/s",
                    n / meta,
                    mb / meta
                );
            }
            if !only_extract {
                phase_split(&pages, rounds);
            }
            let cpu_before = cpu_seconds();
            let secs = time_pass(&pages, rounds, |p| {
                std::hint::black_box(extract(p, None, &settings).ok());
            });
            let cpu = cpu_seconds().zip(cpu_before).map(|(a, b)| a - b);
            println!(
                "  extract (all)     {:7.1} pages/s  {:6.1} MB/s",
                n / secs,
                mb / secs
            );
            if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
                println!(
                    "  extract, CPU time {:7.1} pages/s  {:6.1} MB/s (steadier on a busy machine)",
                    n / cpu,
                    mb / cpu
                );
            }
            if let Some(rss) = peak_rss_mib() {
                println!("  peak RSS {rss:.1} MB (pages held in memory included)");
            }
        }
    }
    // Memory is measured in fresh processes, so the peak is that of one big page alone.
    match std::env::current_exe() {
        Ok(exe) => {
            for kind in ["live-blog", "tiny", "text"] {
                match std::process::Command::new(&exe)
                    .env(CHILD_ENV, kind)
                    .output()
                {
                    Ok(out) => print!("{}", String::from_utf8_lossy(&out.stdout)),
                    Err(err) => eprintln!("could not run the memory child process: {err}"),
                }
            }
        }
        Err(err) => eprintln!("could not find the benchmark executable: {err}"),
    }
}
