//! Fill a store with synthetic events for the `attache serve` load benchmark
//! (`bench/serve_load.sh`), through the store's own write API.
//!
//! ```text
//! cargo run --release -p attache --example serve_seed -- --db bench/out/serve.db --events 1000000
//! ```
//!
//! The articles come from `attache_store::synthetic` (the generator the store's own query
//! benchmark uses): five events each, between actors with Zipf-like popularity over thirty
//! countries and five sectors, on days spread over two years; here CAMEO codes are coded by
//! the real ontology. The generator is seeded, so two runs give the same store.

use std::path::PathBuf;
use std::time::Instant;

use attache_events::Ontology;
use attache_store::{synthetic, SqliteStore};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut db = PathBuf::from("bench/out/serve.db");
    let mut settings = synthetic::Settings::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next().map(PathBuf::from).ok_or("--db needs a path")?,
            "--events" => {
                settings.events = args.next().ok_or("--events needs a number")?.parse()?
            }
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
    let coder = |code: &str| onto.coding_for_cameo(code);
    let mut store = SqliteStore::open(&db)?;
    let started = Instant::now();
    let written = synthetic::fill(&mut store, &settings, &coder, &mut |written| {
        eprint!(
            "\r{written} events, {:.0} events/s   ",
            written as f64 / started.elapsed().as_secs_f64()
        );
    })?;
    eprintln!(
        "\nwrote {written} events to {} in {:.1}s",
        db.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
