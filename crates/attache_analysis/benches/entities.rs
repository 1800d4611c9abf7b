//! Entity recogniser speed on one core: `cargo bench -p attache_analysis --bench entities` prints model load times and
//! sentences per second of the entity recogniser (and, as they land, the other annotators)
//! over GUM's news sentences when ../shared is present, else over a few team-written ones.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use attache_analysis::ner::Recogniser;
use attache_analysis::treebank::{self, Split};
use attache_model::Upos;

/// How long each speed measurement runs: long enough to smooth out timer noise.
const MEASURE_FOR: Duration = Duration::from_secs(3);

/// Nanoseconds this thread has run on a CPU (Linux schedstat), so the speed is per core even
/// when other processes share the machine; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn ud() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ud")
}

/// Sentences as (words, tags).
fn corpus() -> Vec<(Vec<String>, Vec<Upos>)> {
    let mut out = Vec::new();
    match treebank::gum(&ud(), Split::Train) {
        Ok(docs) => {
            for d in docs.iter().filter(|d| d.name.starts_with("GUM_news_")) {
                for s in &d.sentences {
                    out.push((
                        s.words.iter().map(|w| w.form.clone()).collect(),
                        s.words
                            .iter()
                            .map(|w| Upos::parse(&w.upos).unwrap_or(Upos::X))
                            .collect(),
                    ));
                }
            }
        }
        Err(_) => {
            eprintln!("note: ../shared/ud absent, measuring on three team-written sentences");
            for text in [
                "Defense Minister Khawaja Asif said on Monday that talks in Istanbul had failed .",
                "The Taliban government in Kabul rejected the claim , a spokesman told reporters .",
                "Officials from both countries will meet again in Doha next week , he added .",
            ] {
                let words: Vec<String> = text.split(' ').map(str::to_string).collect();
                let tags = vec![Upos::X; words.len()];
                out.push((words, tags));
            }
        }
    }
    out
}

fn main() {
    let start = Instant::now();
    let ner = Recogniser::builtin().expect("the built-in ner model loads");
    println!(
        "ner model load: {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    let corpus = corpus();
    for tagged in [true, false] {
        let cpu0 = thread_cpu_ns();
        let wall0 = Instant::now();
        let mut sentences = 0usize;
        let mut entities = 0usize;
        while wall0.elapsed() < MEASURE_FOR {
            for (words, tags) in &corpus {
                let forms: Vec<&str> = words.iter().map(String::as_str).collect();
                entities += ner
                    .recognise(&forms, tagged.then_some(tags.as_slice()))
                    .len();
                sentences += 1;
            }
        }
        let seconds = match (cpu0, thread_cpu_ns()) {
            (Some(a), Some(b)) => (b - a) as f64 / 1e9,
            _ => wall0.elapsed().as_secs_f64(),
        };
        println!(
            "ner ({}): {:.0} sentences/s on one core ({sentences} sentences, {entities} entities)",
            if tagged { "with tags" } else { "words only" },
            sentences as f64 / seconds
        );
    }
}
