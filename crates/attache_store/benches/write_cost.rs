//! Benchmark (prints figures, asserts nothing): what the writer pays for the summaries and
//! indexes the readers need, as synthetic events written into a new store per second of
//! wall time and per CPU-second of this process (on PostgreSQL the server's CPU is not in
//! it; wall time is the figure there).
//!
//! It writes `WRITE_COST_EVENTS` (200,000) events from `attache_store::synthetic` (the
//! generator of `api_load`'s store: five events per article, 2,000 articles per batch) into a
//! new SQLite file under a temporary folder, or, with `WRITE_COST_POSTGRES=URL`, into a new
//! schema of that database (dropped afterwards), and prints the time of each fifth of the run
//! so a writer that slows as the store grows shows.
//!
//! ```text
//! cargo bench -p attache_store --bench write_cost
//! WRITE_COST_POSTGRES=postgres://attache:attache@127.0.0.1/attache_test \
//!   cargo bench -p attache_store --bench write_cost
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Instant;

use attache_model::cpu;
use attache_store::{synthetic, PgStore, SqliteStore, StoreWrite};

fn main() {
    let events: usize = std::env::var("WRITE_COST_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let dir = tempfile::tempdir().unwrap();
    let pg = std::env::var("WRITE_COST_POSTGRES").ok();
    let schema = format!("write_cost_{}", std::process::id());
    let (mut store, backend): (Box<dyn StoreWrite>, &str) = match &pg {
        Some(url) => (
            Box::new(PgStore::open_in_schema(url, Some(&schema)).expect("open PostgreSQL")),
            "PostgreSQL",
        ),
        None => (
            Box::new(SqliteStore::open(dir.path().join("write.db")).expect("open SQLite")),
            "SQLite",
        ),
    };
    let settings = synthetic::Settings {
        events,
        ..synthetic::Settings::default()
    };
    let fifth = (events / 5).max(1);
    let cpu_start = cpu::cpu_seconds();
    let start = Instant::now();
    let mut marks = Vec::new();
    synthetic::fill(
        store.as_mut(),
        &settings,
        &synthetic::table_coding,
        &mut |n| {
            if n >= fifth * (marks.len() + 1) {
                marks.push(start.elapsed().as_secs_f64());
            }
        },
    )
    .expect("write the events");
    let wall = start.elapsed().as_secs_f64();
    let cpu = cpu::cpu_seconds()
        .zip(cpu_start)
        .map_or(f64::NAN, |(a, b)| a - b);
    drop(store);
    if let Some(url) = &pg {
        if let Ok(mut c) = postgres::Client::connect(url, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
        }
    }
    let mut last = 0.0;
    let fifths: Vec<String> = marks
        .iter()
        .map(|t| {
            let s = format!("{:.1}", t - last);
            last = *t;
            s
        })
        .collect();
    println!(
        "write_cost: {events} events into {backend} in {wall:.1} s ({:.0} events/s), \
         {cpu:.1} CPU-s in this process ({:.0} events per CPU-s); seconds per fifth: {}",
        events as f64 / wall,
        events as f64 / cpu,
        fifths.join(" ")
    );
}
