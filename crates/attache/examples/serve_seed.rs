//! Fill a store with synthetic events for the `attache serve` load benchmark
//! (`bench/serve_load.sh`), through the store's own write API.
//!
//! ```text
//! cargo run --release -p attache --example serve_seed -- --db bench/out/serve.db --events 1000000
//! ```
//!
//! Articles carry [`EVENTS_PER_ARTICLE`] events each, between actors drawn from thirty
//! countries and five sectors with Zipf-like popularity (so a few dyads are very busy, as in
//! real news), on days spread over two years, with CAMEO codes coded by the real ontology.
//! The generator is seeded, so two runs give the same store.

use std::path::PathBuf;
use std::time::Instant;

use attache_events::Ontology;
use attache_model::{
    ActorKind, Article, Document, Event, EventActor, Evidence, Mention, Modality, Sentence, Span,
};
use attache_store::{format_day, Batch, DocumentRecord, Provenance, SqliteStore, StoreWrite};

/// Events coded from each synthetic article.
const EVENTS_PER_ARTICLE: usize = 5;

/// Articles written per transaction.
const BATCH_ARTICLES: usize = 2000;

/// First day of the synthetic period (2024-01-01) and its length.
const FIRST_DAY: i32 = 19_723;
const DAYS: u64 = 730;

const COUNTRIES: [(&str, &str); 30] = [
    ("PAK", "Pakistan"),
    ("AFG", "Afghanistan"),
    ("IND", "India"),
    ("IRN", "Iran"),
    ("CHN", "China"),
    ("USA", "United States"),
    ("RUS", "Russia"),
    ("UKR", "Ukraine"),
    ("ISR", "Israel"),
    ("PSE", "Palestine"),
    ("TUR", "Turkey"),
    ("QAT", "Qatar"),
    ("EGY", "Egypt"),
    ("SDN", "Sudan"),
    ("SYR", "Syria"),
    ("IRQ", "Iraq"),
    ("SAU", "Saudi Arabia"),
    ("YEM", "Yemen"),
    ("ETH", "Ethiopia"),
    ("SOM", "Somalia"),
    ("KEN", "Kenya"),
    ("NGA", "Nigeria"),
    ("MLI", "Mali"),
    ("FRA", "France"),
    ("GBR", "United Kingdom"),
    ("DEU", "Germany"),
    ("JPN", "Japan"),
    ("KOR", "South Korea"),
    ("PRK", "North Korea"),
    ("TWN", "Taiwan"),
];

const SECTORS: [(&str, &str); 5] = [
    ("", ""),
    ("GOV", " government"),
    ("MIL", " army"),
    ("COP", " police"),
    ("REB", " rebels"),
];

const CAMEO: [&str; 20] = [
    "010", "020", "036", "040", "042", "051", "057", "061", "070", "0871", "100", "112", "120",
    "130", "138", "141", "163", "173", "190", "194",
];

/// SplitMix64: small, fast, seeded.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// An index in 0..n with probability proportional to 1/(i+1).
    fn zipf(&mut self, weights: &[f64]) -> usize {
        let total = weights.last().copied().unwrap_or(1.0);
        let r = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        weights.partition_point(|&w| w < r).min(weights.len() - 1)
    }
}

fn actor(rng: &mut Rng, weights: &[f64]) -> (String, String) {
    let (code, name) = COUNTRIES[rng.zipf(weights)];
    let (sector, suffix) = SECTORS[rng.below(SECTORS.len() as u64) as usize];
    (format!("{code}{sector}"), format!("{name}{suffix}"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut db = PathBuf::from("bench/out/serve.db");
    let mut events: usize = 1_000_000;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next().map(PathBuf::from).ok_or("--db needs a path")?,
            "--events" => events = args.next().ok_or("--events needs a number")?.parse()?,
            other => {
                return Err(format!("unknown argument {other:?} (use --db PATH --events N)").into())
            }
        }
    }
    if db.exists() {
        return Err(format!("{} exists; remove it first", db.display()).into());
    }
    if let Some(dir) = db.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let onto = Ontology::builtin()?;
    let mut weights = Vec::with_capacity(COUNTRIES.len());
    let mut acc = 0.0;
    for i in 0..COUNTRIES.len() {
        acc += 1.0 / (i as f64 + 1.0);
        weights.push(acc);
    }
    let mut store = SqliteStore::open(&db)?;
    let mut rng = Rng(0x5EED_A77A_C4E0_0001);
    let articles = events.div_ceil(EVENTS_PER_ARTICLE);
    let started = Instant::now();
    let mut written = 0usize;
    let mut batch = Batch::default();
    for n in 0..articles {
        let day = FIRST_DAY + rng.below(DAYS) as i32;
        let date = format_day(day);
        let mut text = String::new();
        let mut doc_events = Vec::new();
        let mut mentions = Vec::new();
        let mut sentences = Vec::new();
        for _ in 0..EVENTS_PER_ARTICLE.min(events - written) {
            let (src, src_name) = actor(&mut rng, &weights);
            let (mut tgt, mut tgt_name) = actor(&mut rng, &weights);
            if tgt.get(..3) == src.get(..3) {
                (tgt, tgt_name) = actor(&mut rng, &weights);
            }
            let code = CAMEO[rng.below(CAMEO.len() as u64) as usize];
            let (cameo, plover) = onto.coding_for_cameo(code);
            let start = text.len();
            let verb = format!(" acted ({code}) towards ");
            text.push_str(&src_name);
            let verb_start = text.len() + 1;
            text.push_str(&verb);
            let tgt_start = text.len();
            text.push_str(&tgt_name);
            text.push_str(". ");
            let sentence = sentences.len();
            sentences.push(Sentence {
                span: Span::new(start, text.len() - 1),
            });
            let src_span = Span::new(start, start + src_name.len());
            let tgt_span = Span::new(tgt_start, tgt_start + tgt_name.len());
            for (span, c, name) in [(src_span, &src, &src_name), (tgt_span, &tgt, &tgt_name)] {
                mentions.push(Mention {
                    span,
                    sentence,
                    kind: if c.len() == 3 {
                        ActorKind::Country
                    } else {
                        ActorKind::Government
                    },
                    code: c.clone(),
                    name: name.clone(),
                    why: "serve_seed".into(),
                });
            }
            doc_events.push(Event {
                id: format!("seed-{n}-{sentence}"),
                sentence,
                source: vec![EventActor {
                    code: src,
                    name: src_name.clone(),
                    text: src_name,
                    span: src_span,
                }],
                target: vec![EventActor {
                    code: tgt,
                    name: tgt_name.clone(),
                    text: tgt_name,
                    span: tgt_span,
                }],
                plover,
                cameo,
                modality: Modality::Asserted,
                date: Some(date.clone()),
                evidence: Evidence {
                    start: verb_start,
                    end: verb_start + verb.trim().len(),
                    text: verb.trim().to_string(),
                },
                rule: "serve_seed".into(),
                mentions: 1,
                ..Event::default()
            });
            written += 1;
        }
        let id = format!("{n:016x}");
        let site = format!("outlet{}.example", rng.below(40));
        let mut doc = Document::new(
            format!("seed:{n}"),
            Article {
                url: Some(format!("https://{site}/{date}/{id}")),
                site: Some(site),
                title: Some(format!("Synthetic report {n}")),
                published: Some(date),
                language: Some("en".into()),
                text,
                ..Article::default()
            },
        );
        doc.sentences = sentences;
        doc.mentions = mentions;
        let keys = (0..doc_events.len()).map(|i| format!("{id}-{i}")).collect();
        doc.events = doc_events;
        batch.documents.push(DocumentRecord {
            id: id.clone(),
            document: doc,
            canonical_url: None,
            content_hash: id.clone(),
            simhash: rng.next(),
            duplicate: None,
            story_id: id,
            event_keys: keys,
            provenance: Provenance {
                source: "serve_seed".into(),
                ..Provenance::default()
            },
        });
        if batch.documents.len() >= BATCH_ARTICLES || n + 1 == articles {
            store.put_batch(&batch)?;
            batch = Batch::default();
            eprint!(
                "\r{written} events, {:.0} events/s   ",
                written as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "\nwrote {written} events in {} articles to {} in {:.1}s",
        articles,
        db.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
