//! Benchmark (prints figures, asserts nothing): what each read of `api_load`'s cold phase
//! costs on its own, on a store connection opened for it, so one figure does not depend on
//! 200 clients sharing two cores.
//!
//! For each read (the home page's type series, the event lists, dyad series and searches
//! `api_load` asks for) it opens a new connection (an empty SQLite page cache; on PostgreSQL a
//! new backend, with whatever shared buffers hold), times the read, then times it again on
//! the same connection (warm), and prints both and the rows returned. Point it at a copy of
//! `api_load`'s kept store; on PostgreSQL, a fresh copy (`CREATE DATABASE ... TEMPLATE`) after
//! a server restart is what "cold" means there, and `EXPLAIN (ANALYZE, BUFFERS)` tells pages
//! read apart from pages found in the buffers.
//!
//! ```text
//! COLD_READS_DB=target/tmp/api_load/run.db cargo bench -p attache_store --bench cold_reads
//! COLD_READS_DB=postgres://attache:attache@127.0.0.1/attache_pgcold_api_load_run \
//!   cargo bench -p attache_store --bench cold_reads
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Instant;

use attache_model::PloverCategory;
use attache_store::{
    day_number, DyadQuery, EventFilter, Period, ReadStore, SearchQuery, StoreError, TypeSeriesQuery,
};

type Read = Box<dyn Fn(&dyn ReadStore) -> Result<usize, StoreError>>;

fn day(s: &str) -> Option<i32> {
    day_number(s)
}

fn events(f: EventFilter) -> Read {
    Box::new(move |s: &dyn ReadStore| s.events(&f).map(|v| v.len()))
}

fn series(a: &str, b: &str, undirected: bool) -> Read {
    let q = DyadQuery {
        a: a.into(),
        b: b.into(),
        by: Period::Week,
        from_day: None,
        to_day: None,
        undirected,
        include_unasserted: false,
    };
    Box::new(move |s: &dyn ReadStore| s.dyad_series(&q).map(|v| v.len()))
}

fn search(text: &str) -> Read {
    let q = SearchQuery {
        text: text.into(),
        limit: 20,
        offset: 0,
    };
    Box::new(move |s: &dyn ReadStore| s.search(&q).map(|v| v.len()))
}

fn reads() -> Vec<(&'static str, Read)> {
    let filter = |actor: Option<&str>, target: Option<&str>| EventFilter {
        actor: actor.map(Into::into),
        target: target.map(Into::into),
        limit: 50,
        ..EventFilter::default()
    };
    vec![
        (
            "type series by week",
            Box::new(|s: &dyn ReadStore| {
                s.type_series(&TypeSeriesQuery {
                    by: Period::Week,
                    from_day: None,
                    to_day: None,
                    include_unasserted: false,
                })
                .map(|v| v.len())
            }),
        ),
        ("events PAK->AFG", events(filter(Some("PAK"), Some("AFG")))),
        ("events IND", events(filter(Some("IND"), None))),
        (
            "events ASSAULT",
            events(EventFilter {
                plover: Some(PloverCategory::Assault),
                ..filter(None, None)
            }),
        ),
        (
            "events AID in June 2024",
            events(EventFilter {
                plover: Some(PloverCategory::Aid),
                from_day: day("2024-06-01"),
                to_day: day("2024-06-30"),
                ..filter(None, None)
            }),
        ),
        (
            "events USA CONSULT",
            events(EventFilter {
                plover: Some(PloverCategory::Consult),
                ..filter(Some("USA"), None)
            }),
        ),
        (
            "events TWNMIL ASSAULT",
            events(EventFilter {
                plover: Some(PloverCategory::Assault),
                ..filter(Some("TWNMIL"), None)
            }),
        ),
        (
            "events RUS->UKR from 2025",
            events(EventFilter {
                from_day: day("2025-01-01"),
                ..filter(Some("RUS"), Some("UKR"))
            }),
        ),
        ("series PAK AFG", series("PAK", "AFG", false)),
        ("series AFG PAK", series("AFG", "PAK", false)),
        ("series IND PAK", series("IND", "PAK", false)),
        ("series USA CHN", series("USA", "CHN", false)),
        ("series RUS UKR", series("RUS", "UKR", false)),
        ("series PAKGOV AFGMIL", series("PAKGOV", "AFGMIL", false)),
        ("series TWN PRK undirected", series("TWN", "PRK", true)),
        ("search towards", search("towards")),
        ("search Pakistan", search("Pakistan")),
        ("search Kenya police", search("Kenya police")),
        (
            "search \"Synthetic report\"",
            search("\"Synthetic report\""),
        ),
        ("search rebels", search("rebels")),
        ("search Taiwan army", search("Taiwan army")),
    ]
}

fn main() {
    let Ok(db) = std::env::var("COLD_READS_DB") else {
        println!("cold_reads: skipped (set COLD_READS_DB to a copy of api_load's store)");
        return;
    };
    println!("cold_reads: {db}");
    println!(
        "{:<28} {:>9} {:>9} {:>6}",
        "read", "cold ms", "warm ms", "rows"
    );
    for (name, read) in reads() {
        let store = attache_store::open_read_only(&db).expect("open the store");
        // Reading the schema is the connection's, not the read's.
        store.totals().expect("read the totals");
        let t = Instant::now();
        let rows = read(store.as_ref()).expect("read");
        let cold = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        read(store.as_ref()).expect("read again");
        let warm = t.elapsed().as_secs_f64() * 1000.0;
        println!("{name:<28} {cold:>9.1} {warm:>9.1} {rows:>6}");
    }
}
