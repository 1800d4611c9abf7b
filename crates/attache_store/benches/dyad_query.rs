//! Benchmark (prints figures, asserts nothing): dyad series and filtered event queries over
//! 1,000,000 synthetic events (`attache_store::synthetic`) in a file store, and the time
//! (wall and CPU) to write them.
//!
//! `cargo bench -p attache_store --bench dyad_query` (set `DYAD_BENCH_EVENTS` for another size;
//! `DYAD_BENCH_DB=PATH` keeps the database, and reuses it when it exists: a store written by an
//! older build is migrated on open, and the migration time is printed).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Instant;

use attache_model::{cpu, PloverCategory};
use attache_store::{
    synthetic, ActorQuery, DyadQuery, EventFilter, Period, SqliteStore, StoreOverview, StoreRead,
    TypeSeriesQuery,
};

fn main() {
    let total: usize = std::env::var("DYAD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
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
    } else {
        // Ten events per article, a third of them between PAK and AFG: the benchmarked dyad
        // is a heavy one.
        let settings = synthetic::Settings {
            events: total,
            events_per_article: 10,
            hot_pair_every: 3,
            batch_articles: 1000,
            ..synthetic::Settings::default()
        };
        let cpu_before = cpu::cpu_seconds();
        let t = Instant::now();
        synthetic::fill(&mut store, &settings, &synthetic::table_coding, &mut |_| {}).unwrap();
        let load = t.elapsed().as_secs_f64();
        let cpu = cpu::cpu_seconds()
            .zip(cpu_before)
            .map_or(0.0, |(a, b)| a - b);
        let stats = store.stats().unwrap();
        println!(
            "dyad_query: stored {} events in {} articles in {load:.1} s ({:.0} events/s), \
             {cpu:.1} CPU-s ({:.0} events per CPU-s)",
            stats.events,
            stats.articles,
            stats.events as f64 / load,
            stats.events as f64 / cpu.max(0.01)
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
                    include_unasserted: false,
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
                include_unasserted: false,
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
                include_unasserted: false,
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
                include_unasserted: false,
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
