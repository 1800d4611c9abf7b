//! Benchmark (prints figures, asserts nothing): dyad series and filtered event queries over
//! 1,000,000 synthetic events in a file store.
//!
//! `cargo bench -p attache_store --bench dyad_query` (set `DYAD_BENCH_EVENTS` for another size;
//! `DYAD_BENCH_DB=PATH` keeps the database, and reuses it when it exists: a store written by an
//! older build is migrated on open, and the migration time is printed).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Instant;

use attache_model::{
    Article, CameoCoding, Document, Event, EventActor, Evidence, Modality, PloverCategory,
    PloverCoding, QuadClass, Span,
};
use attache_store::{
    ActorQuery, Batch, DocumentRecord, DyadQuery, EventFilter, Period, Provenance, SqliteStore,
    StoreOverview, StoreRead, StoreWrite, TypeSeriesQuery,
};

const COUNTRIES: &[&str] = &[
    "PAK", "AFG", "IND", "IRN", "TUR", "QAT", "USA", "CHN", "RUS", "SAU", "ARE", "EGY", "ISR",
    "PSE", "SYR", "IRQ", "UKR", "GBR", "FRA", "DEU", "JPN", "KOR", "PRK", "SDN", "ETH", "NGA",
    "BRA", "MEX", "VEN", "COL",
];
const SECTORS: &[&str] = &["", "GOV", "MIL", "REB", "OPP"];
const CAMEO: &[(&str, PloverCategory)] = &[
    ("042", PloverCategory::Consult),
    ("036", PloverCategory::Consult),
    ("057", PloverCategory::Agree),
    ("112", PloverCategory::Accuse),
    ("1384", PloverCategory::Threaten),
    ("138", PloverCategory::Threaten),
    ("190", PloverCategory::Assault),
    ("195", PloverCategory::Assault),
    ("0234", PloverCategory::Request),
    ("128", PloverCategory::Reject),
    ("173", PloverCategory::Coerce),
    ("073", PloverCategory::Aid),
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn actor(r: &mut Rng, hot: bool) -> EventActor {
    // A third of the events involve PAK and AFG, so the benchmarked dyad is a heavy one.
    let country = if hot {
        ["PAK", "AFG"][r.below(2)]
    } else {
        COUNTRIES[r.below(COUNTRIES.len())]
    };
    let code = format!("{country}{}", SECTORS[r.below(SECTORS.len())]);
    EventActor {
        name: code.clone(),
        text: code.clone(),
        code,
        span: Span::new(0, 3),
    }
}

fn main() {
    let total: usize = std::env::var("DYAD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let per_article = 10;
    let dir = tempfile::tempdir().unwrap();
    let path = std::env::var("DYAD_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("bench.db"));
    let reuse = path.exists();
    let t = Instant::now();
    let mut store = SqliteStore::open(&path).unwrap();
    if reuse {
        println!(
            "dyad_query: reused {}, opened (and migrated) in {:.1} s",
            path.display(),
            t.elapsed().as_secs_f64()
        );
    }
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    let t = Instant::now();
    let articles = total / per_article;
    let base_day = 20_089; // 2025-01-01
    let chunks = if reuse { 0 } else { articles.div_ceil(1000) };
    for chunk in 0..chunks {
        let mut batch = Batch::default();
        for a in chunk * 1000..((chunk + 1) * 1000).min(articles) {
            let day = base_day + r.below(365) as i32;
            let date = attache_store::format_day(day);
            let mut events = Vec::with_capacity(per_article);
            let mut keys = Vec::with_capacity(per_article);
            for _ in 0..per_article {
                let hot = r.below(3) == 0;
                let (code, cat) = CAMEO[r.below(CAMEO.len())];
                let (src, tgt) = if hot {
                    let s = actor(&mut r, true);
                    let other = if s.code.starts_with("PAK") {
                        "AFG"
                    } else {
                        "PAK"
                    };
                    (
                        s,
                        EventActor {
                            code: format!("{other}GOV"),
                            name: other.into(),
                            text: other.into(),
                            span: Span::new(0, 3),
                        },
                    )
                } else {
                    (actor(&mut r, false), actor(&mut r, false))
                };
                keys.push(format!(
                    "{}>{}:{}",
                    &src.code[..3],
                    &tgt.code[..3],
                    cat.as_str()
                ));
                events.push(Event {
                    id: String::new(),
                    sentence: 0,
                    source: vec![src],
                    target: vec![tgt],
                    plover: Some(PloverCoding {
                        category: cat,
                        mode: None,
                        contexts: vec![],
                        intensity: -(r.below(10) as f32),
                    }),
                    cameo: CameoCoding {
                        code: code.into(),
                        goldstein: Some(-(r.below(10) as f32)),
                        quad_class: QuadClass::of_cameo(code),
                    },
                    modality: Modality::Asserted,
                    claimed_by: None,
                    location: None,
                    date: Some(date.clone()),
                    evidence: Evidence {
                        start: 0,
                        end: 4,
                        text: "said".into(),
                    },
                    rule: "bench".into(),
                    mentions: 1,
                });
            }
            let id = format!("{a:032x}");
            let mut doc = Document::new(
                "bench",
                Article {
                    url: Some(format!("https://bench.example/{a}")),
                    site: Some(format!("outlet{}", a % 50)),
                    title: Some(format!("Synthetic article {a}")),
                    published: Some(date.clone()),
                    text: format!("Synthetic article number {a} about talks."),
                    ..Article::default()
                },
            );
            doc.events = events;
            batch.documents.push(DocumentRecord {
                story_id: id.clone(),
                id,
                document: doc,
                canonical_url: None,
                content_hash: format!("{a:x}"),
                simhash: r.next(),
                duplicate: None,
                event_keys: keys,
                provenance: Provenance::default(),
            });
        }
        store.put_batch(&batch).unwrap();
    }
    let load = t.elapsed().as_secs_f64();
    let stats = store.stats().unwrap();
    if !reuse {
        println!(
            "dyad_query: stored {} events in {} articles in {load:.1} s ({:.0} events/s)",
            stats.events,
            stats.articles,
            stats.events as f64 / load
        );
    }
    drop(store);
    let reader = SqliteStore::open_read_only(&path).unwrap();
    let time = |label: &str, f: &dyn Fn() -> usize| {
        let _ = f(); // warm the page cache, as a running server would be
        let mut runs: Vec<f64> = (0..7)
            .map(|_| {
                let t = Instant::now();
                let n = f();
                std::hint::black_box(n);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        runs.sort_by(f64::total_cmp);
        println!(
            "dyad_query: {label:<58} median {:7.1} ms  max {:7.1} ms  ({} rows)",
            runs[3],
            runs[6],
            f()
        );
    };
    for (by, name) in [
        (Period::Day, "day"),
        (Period::Week, "week"),
        (Period::Month, "month"),
    ] {
        time(&format!("dyad PAK AFG --by {name}"), &|| {
            reader
                .dyad_series(&DyadQuery {
                    a: "PAK".into(),
                    b: "AFG".into(),
                    by,
                    from_day: None,
                    to_day: None,
                    undirected: false,
                })
                .unwrap()
                .len()
        });
    }
    time("dyad PAK AFG --by week --undirected", &|| {
        reader
            .dyad_series(&DyadQuery {
                a: "PAK".into(),
                b: "AFG".into(),
                by: Period::Week,
                from_day: None,
                to_day: None,
                undirected: true,
            })
            .unwrap()
            .len()
    });
    time("dyad TUR QAT --by month (a light dyad)", &|| {
        reader
            .dyad_series(&DyadQuery {
                a: "TUR".into(),
                b: "QAT".into(),
                by: Period::Month,
                from_day: None,
                to_day: None,
                undirected: false,
            })
            .unwrap()
            .len()
    });
    time(
        "events --actor PAK --target AFG --type THREATEN (2 months)",
        &|| {
            reader
                .events(&EventFilter {
                    actor: Some("PAK".into()),
                    target: Some("AFG".into()),
                    plover: Some(PloverCategory::Threaten),
                    from_day: attache_store::day_number("2025-10-01"),
                    to_day: attache_store::day_number("2025-11-30"),
                    limit: 100,
                    ..EventFilter::default()
                })
                .unwrap()
                .len()
        },
    );
    // Actor pages and lists: the reads the dashboard makes.
    let cold = Instant::now();
    let fresh = SqliteStore::open_read_only(&path).unwrap();
    let n = fresh.actors(&ActorQuery::default()).unwrap().len();
    println!(
        "dyad_query: {:<58} {:7.1} ms  ({n} rows)",
        "actors (top 100), first query of a new connection",
        cold.elapsed().as_secs_f64() * 1000.0
    );
    drop(fresh);
    time("actors (top 100)", &|| {
        reader.actors(&ActorQuery::default()).unwrap().len()
    });
    time("actors --prefix PA", &|| {
        reader
            .actors(&ActorQuery {
                prefix: Some("PA".into()),
                ..ActorQuery::default()
            })
            .unwrap()
            .len()
    });
    time("counterparts PAK (a third of all events)", &|| {
        reader.counterparts("PAK", 50).unwrap().len()
    });
    time("counterparts TURGOV", &|| {
        reader.counterparts("TURGOV", 50).unwrap().len()
    });
    for (label, actor, target) in [
        ("events --actor PAK (newest 100)", Some("PAK"), None),
        ("events --target TUR (newest 100)", None, Some("TUR")),
    ] {
        let f = EventFilter {
            actor: actor.map(str::to_string),
            target: target.map(str::to_string),
            limit: 100,
            ..EventFilter::default()
        };
        time(label, &|| reader.events(&f).unwrap().len());
    }
    time("events --actor PAK --undirected (newest 100)", &|| {
        reader
            .events(&EventFilter {
                actor: Some("PAK".into()),
                undirected: true,
                limit: 100,
                ..EventFilter::default()
            })
            .unwrap()
            .len()
    });
    time("type series by week (whole store)", &|| {
        reader
            .type_series(&TypeSeriesQuery {
                by: Period::Week,
                from_day: None,
                to_day: None,
            })
            .unwrap()
            .len()
    });
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(path.with_extension("db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "dyad_query: database size {:.0} MiB",
        size as f64 / 1048576.0
    );
}
