//! Coding speed: sentences per second of the event coder alone (sentences and mentions are
//! given, as attache_nlp would give them), on one core, with the team's patterns and, when
//! `../shared` is present, with the full PETRARCH CAMEO verb dictionary as well.
//!
//! Run: `cargo bench -p attache_events --bench coding`. Prints figures; asserts nothing.

use std::time::Instant;

use attache_events::petrarch::VerbDictionary;
use attache_events::{Coder, CoderSettings};
use attache_model::{ActorKind, Article, Document, Mention, Sentence, Span};

/// Team-written sentences about fictional states, in the shapes news uses.
const SENTENCES: &[&str] = &[
    "Ruritania has signaled its readiness to continue talks with Elbonia following requests from mediators Freedonia and Sylvania.",
    "The Elbonian army shelled border posts held by Ruritania on Tuesday, killing three soldiers, officials said.",
    "Foreign Minister Anna Varga said Ruritania would not hesitate to destroy the Elbonian army if provoked.",
    "Freedonia and Sylvania urged Ruritania to release the detained journalists before the summit.",
    "Elbonia did not commit to the ceasefire proposed by Freedonia, according to diplomatic sources.",
    "Protesters rallied outside the Ruritanian embassy in Strelsau to demand the withdrawal of troops.",
    "Sylvania imposed sanctions on Elbonia over its missile tests and recalled its ambassador.",
    "The Ruritanian president will visit Freedonia next week to sign a trade agreement.",
    "Police arrested dozens of opposition activists in Zenda after the disputed vote.",
    "Elbonia accused Ruritania of backing rebel groups operating from its territory.",
    "The weather in the capital stayed mild for most of the week, forecasters said.",
    "Freedonia provided humanitarian aid to refugees fleeing the fighting in Elbonia.",
];

const WORLD: &[(&str, &str, ActorKind)] = &[
    ("Ruritanian president", "RURGOV", ActorKind::Person),
    ("Ruritanian", "RUR", ActorKind::Country),
    ("Ruritania", "RUR", ActorKind::Country),
    ("Elbonian army", "ELBMIL", ActorKind::Organisation),
    ("Elbonia", "ELB", ActorKind::Country),
    ("Freedonia", "FRE", ActorKind::Country),
    ("Sylvania", "SYL", ActorKind::Country),
    ("Foreign Minister Anna Varga", "RURGOV", ActorKind::Person),
    ("Police", "---COP", ActorKind::Group),
    ("Protesters", "---OPP", ActorKind::Group),
    ("opposition activists", "---OPP", ActorKind::Group),
    ("Strelsau", "RUR", ActorKind::Place),
    ("Zenda", "RUR", ActorKind::Place),
];

/// One document holding every sentence once, with its mentions.
fn document() -> Document {
    let text = SENTENCES.join(" ");
    let mut doc = Document::new(
        "bench",
        Article {
            text: text.clone(),
            ..Article::default()
        },
    );
    let mut at = 0;
    for s in SENTENCES {
        doc.sentences.push(Sentence {
            span: Span::new(at, at + s.len()),
        });
        at += s.len() + 1;
    }
    let mut taken: Vec<Span> = Vec::new();
    for (name, code, kind) in WORLD {
        for (start, _) in text.match_indices(name) {
            let span = Span::new(start, start + name.len());
            if taken.iter().any(|t| t.overlaps(span)) {
                continue;
            }
            let Some(sentence) = doc.sentence_at(start) else {
                continue;
            };
            taken.push(span);
            doc.mentions.push(Mention {
                span,
                sentence,
                kind: *kind,
                code: code.to_string(),
                name: name.to_string(),
                why: "bench".into(),
            });
        }
    }
    doc.mentions.sort_by_key(|m| m.span.start);
    doc
}

fn measure(label: &str, coder: &Coder, doc: &Document) {
    // Warm up, then code for about two seconds.
    let mut events = 0;
    for _ in 0..50 {
        events += coder.code(doc).len();
    }
    let start = Instant::now();
    let mut rounds = 0usize;
    while start.elapsed().as_secs_f64() < 2.0 {
        events += coder.code(doc).len();
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let sentences = rounds * doc.sentences.len();
    println!(
        "{label:<44} {:>9.0} sentences/s  ({sentences} sentences, {:.2} events/sentence)",
        sentences as f64 / secs,
        events as f64 / ((rounds + 50) * doc.sentences.len()) as f64
    );
}

fn main() {
    let doc = document();
    let team = match Coder::builtin(CoderSettings::default()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("coder does not load: {e}");
            return;
        }
    };
    measure("team patterns", &team, &doc);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/bench/events/petrarch2-gsr-validation/dictionaries/CAMEO.2.0.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => match VerbDictionary::parse("CAMEO.2.0.txt", &text) {
            Ok(dict) => {
                let mut full = team.clone();
                full.add_petrarch_verbs("CAMEO.2.0.txt", &dict);
                measure("team patterns + PETRARCH CAMEO.2.0 verbs", &full, &doc);
            }
            Err(e) => eprintln!("skipping the PETRARCH run: {e}"),
        },
        Err(e) => eprintln!(
            "skipping the PETRARCH run: {} not readable ({e})",
            path.display()
        ),
    }
}
