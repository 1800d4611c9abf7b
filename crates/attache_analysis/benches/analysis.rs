//! Analysis speed on news sentences: sentences per second of CPU time, one thread, for each
//! stage (the tagger, the parser, both together; entities add theirs), on the GUM news documents
//! with gold tokens. Prints figures; asserts nothing. Needs `../shared/ud`; skips with a
//! printed reason when it is absent. `cargo bench -p attache_analysis --bench analysis --
//! --parser FILE` times another parser model file in place of the built-in one.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use attache_analysis::conllu::Sentence;
use attache_analysis::parser::{Parser, Workspace};
use attache_analysis::tagger::Tagger;
use attache_analysis::treebank::{self, Split};
use attache_model::cpu::cpu_seconds;

/// Repeat the sentences until at least this much CPU time was measured.
const MIN_SECONDS: f64 = 2.0;

fn news(ud: &Path) -> Vec<Sentence> {
    let mut out = Vec::new();
    for split in [Split::Train, Split::Dev, Split::Test] {
        for doc in treebank::gum(ud, split).unwrap() {
            if doc.name.starts_with("GUM_news_") {
                out.extend(doc.sentences);
            }
        }
    }
    out
}

fn main() {
    let ud = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ud");
    if !ud.join("gum").is_dir() {
        println!("analysis bench skipped: {} is absent", ud.display());
        return;
    }
    let sentences = news(&ud);
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let tokens: usize = words.iter().map(Vec::len).sum();

    let t0 = cpu_seconds().unwrap_or(0.0);
    let tagger = Tagger::builtin().unwrap();
    let load = cpu_seconds().unwrap_or(0.0) - t0;
    println!(
        "tagger: load {:.0} ms CPU; {} GUM news sentences, {tokens} tokens",
        load * 1000.0,
        sentences.len()
    );

    let start = cpu_seconds().unwrap_or(0.0);
    let mut rounds = 0usize;
    let mut checksum = 0usize;
    while cpu_seconds().unwrap_or(0.0) - start < MIN_SECONDS {
        for w in &words {
            checksum += tagger.tag(w).len();
        }
        rounds += 1;
    }
    let cpu = cpu_seconds().unwrap_or(0.0) - start;
    let n = (rounds * sentences.len()) as f64;
    println!(
        "tagger: {:.0} sentences/s, {:.0} tokens/s (one core, CPU time, {rounds} rounds, {checksum} tags)",
        n / cpu,
        (rounds * tokens) as f64 / cpu
    );

    // The parser, on the tagger's tags (as in the pipeline), then tagger + parser together.
    let tagged: Vec<Vec<(String, String)>> = words
        .iter()
        .map(|w| {
            tagger
                .tag(w)
                .into_iter()
                .map(|t| (t.upos.as_str().to_string(), t.xpos))
                .collect()
        })
        .collect();
    let t0 = cpu_seconds().unwrap_or(0.0);
    let args: Vec<String> = std::env::args().collect();
    let parser = match args.iter().position(|a| a == "--parser") {
        Some(i) => {
            let path = args.get(i + 1).expect("--parser needs a model file");
            Parser::load(Path::new(path)).unwrap()
        }
        None => Parser::builtin().unwrap(),
    };
    let load = cpu_seconds().unwrap_or(0.0) - t0;
    let (moves, labels) = parser.feature_counts();
    println!(
        "parser: load {:.0} ms CPU ({moves} transition and {labels} label features)",
        load * 1000.0
    );
    let mut ws = Workspace::default();
    let mut parse_all = |parser: &Parser, with_tagger: bool| {
        let start = cpu_seconds().unwrap_or(0.0);
        let mut rounds = 0usize;
        let mut checksum = 0usize;
        while cpu_seconds().unwrap_or(0.0) - start < MIN_SECONDS {
            for (w, tags) in words.iter().zip(&tagged) {
                if with_tagger {
                    checksum += tagger.tag(w).len();
                }
                let input = w
                    .iter()
                    .zip(tags)
                    .map(|(form, (upos, xpos))| (*form, upos.as_str(), xpos.as_str()));
                checksum += parser.parse(input, &mut ws).heads.len();
            }
            rounds += 1;
        }
        let cpu = cpu_seconds().unwrap_or(0.0) - start;
        ((rounds * sentences.len()) as f64 / cpu, rounds, checksum)
    };
    let beam = parser.beam();
    let (speed, rounds, checksum) = parse_all(&parser, false);
    println!(
        "parser (beam {beam}): {speed:.0} sentences/s (one core, CPU time, {rounds} rounds, {checksum} arcs)"
    );
    let (speed, rounds, _) = parse_all(&parser, true);
    println!(
        "tagger + parser (beam {beam}): {speed:.0} sentences/s (one core, CPU time, {rounds} rounds)"
    );
    if beam > 1 {
        // The same weights decoded greedily: what the beam costs.
        let greedy = parser.clone().with_beam(1);
        let (speed, rounds, _) = parse_all(&greedy, false);
        println!("parser (the same model decoded greedily): {speed:.0} sentences/s (one core, CPU time, {rounds} rounds)");
    }
    if let Some(mib) = attache_model::cpu::peak_rss_mib() {
        println!("peak memory {mib:.0} MiB");
    }
}
