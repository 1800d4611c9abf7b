//! Actor resolution speed on one core, dictionary load time and memory.
//!
//! `cargo bench -p attache_nlp` prints:
//! - load time and resident memory of the team's dictionaries (automaton included), and of
//!   the team's plus the Phoenix PETRARCH dictionaries when ../shared is present;
//! - sentences per second (sentence splitting, tokenizing, matching, composing) over the
//!   team's fixture article and, when ../shared is present, the reference article and the
//!   PLOVER GSR sentences, with both dictionary sets.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use attache_model::{Article, Document};
use attache_nlp::{ActorDictionary, ActorResolver, Settings};

/// How long each speed measurement runs: long enough to smooth out timer noise.
const MEASURE_FOR: Duration = Duration::from_secs(3);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Resident memory of this process in KiB (Linux), if known.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Nanoseconds this thread has run on a CPU (Linux schedstat), so the speed is per core
/// even when other processes share the machine; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Texts to annotate: team fixture, plus shared benchmark sentences when present.
fn corpus() -> Vec<String> {
    let mut texts = Vec::new();
    let fixture = root().join("fixtures/actors/border-ceasefire.txt");
    if let Ok(t) = std::fs::read_to_string(&fixture) {
        texts.push(t);
    }
    let shared = root().join("../shared");
    match std::fs::read_to_string(shared.join("examples/istanbul-talks.txt")) {
        Ok(t) => texts.push(t),
        Err(_) => eprintln!("note: ../shared absent, measuring on the team fixture only"),
    }
    if let Ok(json) =
        std::fs::read_to_string(shared.join("bench/events/plover-gsr-cameo/plover_gsr_dev.json"))
    {
        if let Ok(serde_json::Value::Array(records)) = serde_json::from_str(&json) {
            // One article of all GSR sentences, a paragraph each.
            let sentences: Vec<&str> = records
                .iter()
                .filter_map(|r| r.get("text")?.as_str())
                .collect();
            texts.push(sentences.join("\n\n"));
        }
    }
    texts
}

fn measure(label: &str, resolver: &ActorResolver, texts: &[String]) {
    let settings = Settings::default();
    let docs: Vec<Document> = texts
        .iter()
        .map(|t| {
            Document::new(
                "bench",
                Article {
                    text: t.clone(),
                    ..Article::default()
                },
            )
        })
        .collect();
    let start = Instant::now();
    let cpu_start = thread_cpu_ns();
    let (mut sentences, mut mentions, mut bytes, mut rounds) = (0usize, 0usize, 0usize, 0usize);
    while start.elapsed() < MEASURE_FOR {
        for doc in &docs {
            let mut d = doc.clone();
            resolver.resolve_with(&mut d, &settings);
            sentences += d.sentences.len();
            mentions += d.mentions.len();
            bytes += d.article.text.len();
        }
        rounds += 1;
    }
    let wall = start.elapsed().as_secs_f64();
    let cpu = thread_cpu_ns()
        .zip(cpu_start)
        .map(|(end, begin)| (end - begin) as f64 / 1e9);
    let secs = cpu.unwrap_or(wall);
    println!(
        "{label}: {:.0} sentences/s, {:.1} MB/s per CPU-second ({wall:.1} s wall, {:.1} s CPU; {} rounds, {} sentences, {} mentions per round)",
        sentences as f64 / secs,
        bytes as f64 / secs / 1e6,
        secs,
        rounds,
        sentences / rounds.max(1),
        mentions / rounds.max(1),
    );
}

fn main() {
    let before = rss_kib();
    let start = Instant::now();
    let dict = ActorDictionary::builtin().expect("built-in dictionaries");
    let (entries, aliases) = (dict.len(), dict.aliases().len());
    let team = ActorResolver::new(dict).expect("automaton");
    let load = start.elapsed();
    let after = rss_kib();
    println!(
        "team dictionaries: {entries} entries, {aliases} aliases, loaded and automaton built in {:.1} ms, +{} MiB resident",
        load.as_secs_f64() * 1e3,
        after.zip(before).map_or("?".into(), |(a, b)| format!("{:.1}", (a.saturating_sub(b)) as f64 / 1024.0)),
    );
    let texts = corpus();
    measure("team dictionaries", &team, &texts);

    let phoenix = root().join("../shared/bench/events/petrarch2-gsr-validation/dictionaries");
    if !phoenix.is_dir() {
        eprintln!(
            "note: {} absent, skipping the PETRARCH dictionary figures",
            phoenix.display()
        );
        return;
    }
    let before = rss_kib();
    let start = Instant::now();
    let mut dict = ActorDictionary::builtin().expect("built-in dictionaries");
    dict.merge(ActorDictionary::load_petrarch_dir(&phoenix).expect("Phoenix dictionaries"));
    let (entries, aliases) = (dict.len(), dict.aliases().len());
    let full = ActorResolver::new(dict).expect("automaton");
    let load = start.elapsed();
    let after = rss_kib();
    println!(
        "team + Phoenix dictionaries: {entries} entries, {aliases} aliases, loaded and automaton built in {:.1} ms, +{} MiB resident",
        load.as_secs_f64() * 1e3,
        after.zip(before).map_or("?".into(), |(a, b)| format!("{:.1}", (a.saturating_sub(b)) as f64 / 1024.0)),
    );
    measure("team + Phoenix dictionaries", &full, &texts);
}
