//! Benchmark (prints figures, asserts nothing): `attache serve` under concurrent clients on a
//! store of 1 M synthetic events, the API latency target of issue 14.
//!
//! The store is made once by `attache_store::synthetic` (the generator of the `serve_seed`
//! example, coded by the built-in ontology) and kept under `target/tmp/api_load/`; each run
//! works on a fresh copy of it, so the writer phase never grows the kept store. The release
//! `attache serve` runs as a child process (`--rate-limit 0`: the limiter exists to stop one
//! client flooding the server, and this benchmark is that flood) and `API_LOAD_CLIENTS`
//! client threads (200) send keep-alive HTTP/1.1 GETs, each waiting for its answer before the
//! next (a closed loop), in three phases:
//!
//! - **cold**: the server has just started and nothing is cached; every client asks for every
//!   URL once (each starting at another one), all at the same time. "Cold" is the server's
//!   caches, not the disk's: the answer cache and every store connection's caches are empty
//!   (SQLite's page cache; on PostgreSQL the run's database is a fresh copy, so none of its
//!   pages are in shared buffers), while the store's files were just copied and sit in the
//!   operating system's page cache. Each URL is computed once (the cache's single flight)
//!   while the clients that asked for it wait, so an endpoint's p99 is about its slowest
//!   URL's computing time under the load of the other clients.
//! - **warm**: the same requests again, for `API_LOAD_SECONDS` (15).
//! - **ingest**: the same, while a writer in this process adds synthetic articles to the
//!   store (`INGEST_BATCH` articles, 1,000 events, per commit), as `attache ingest` would.
//!
//! The requests, in equal shares per endpoint: the home page (`/` and the chart data it
//! loads, `/api/series/types?by=week`), event lists with filters (a dyad, an actor, a PLOVER
//! type, a type in a month, an actor and a type), dyad series by week (busy and quiet pairs,
//! country and full codes) and full-text search (words every article has, common and rare
//! names). For each phase and endpoint it prints requests, requests/s, p50, p95, p99, the
//! slowest answer, errors (anything but a 200, e.g. the server's 408 after 30 s) and answers
//! served stale; a request counts in the phase it started in.
//!
//! With `API_LOAD_POSTGRES=postgres://user:password@host/db` the store is a PostgreSQL
//! database instead: the kept store is the database `db_api_load_200k` (for 200,000 events;
//! made once through `PgStore`) and each run serves a fresh copy of it, `db_api_load_run`,
//! made with `CREATE DATABASE ... TEMPLATE` (so the role needs `CREATEDB`). `.ci/run` shows
//! how to start a local server.
//!
//! ```text
//! cargo bench -p attache --bench api_load
//! API_LOAD_EVENTS=200000 API_LOAD_SECONDS=5 cargo bench -p attache --bench api_load
//! API_LOAD_NO_CACHE=1 cargo bench -p attache --bench api_load   # every request reads the store
//! API_LOAD_POSTGRES=postgres://attache:attache@127.0.0.1/attache_test \
//!   cargo bench -p attache --bench api_load
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use attache_events::Ontology;
use attache_store::{synthetic, Batch, PgStore, SqliteStore, StoreWrite};

/// Articles per commit of the writer phase (five events each).
const INGEST_BATCH: usize = 200;

/// Longest wait for one answer before the client gives up (counted as an error).
const CLIENT_TIMEOUT: Duration = Duration::from_secs(120);

/// The endpoints measured, with the paths asked of each.
fn endpoints() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("home", vec!["/", "/api/series/types?by=week"]),
        (
            "events",
            vec![
                "/api/events?actor=PAK&target=AFG&limit=50",
                "/api/events?actor=IND&limit=50",
                "/api/events?type=ASSAULT&limit=50",
                "/api/events?type=AID&from=2024-06-01&to=2024-06-30&limit=50",
                "/api/events?actor=USA&type=CONSULT&limit=50",
                "/api/events?actor=RUS&target=UKR&from=2025-01-01&limit=50",
            ],
        ),
        (
            "series",
            vec![
                "/api/dyads/PAK/AFG/series?by=week",
                "/api/dyads/AFG/PAK/series?by=week",
                "/api/dyads/IND/PAK/series?by=week",
                "/api/dyads/USA/CHN/series?by=week",
                "/api/dyads/RUS/UKR/series?by=week",
                "/api/dyads/PAKGOV/AFGMIL/series?by=week",
                "/api/dyads/TWN/PRK/series?by=week&undirected=true",
            ],
        ),
        (
            "search",
            vec![
                "/api/search?q=towards",
                "/api/search?q=Pakistan",
                "/api/search?q=Kenya+police",
                "/api/search?q=%22Synthetic+report%22",
                "/api/search?q=rebels",
                "/api/search?q=Taiwan+army",
            ],
        ),
    ]
}

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a whole number")),
        Err(_) => default,
    }
}

fn coder() -> impl Fn(&str) -> synthetic::Coding {
    let onto = Ontology::builtin().expect("the built-in ontology loads");
    move |code: &str| onto.coding_for_cameo(code)
}

/// The kept store of `events` events, made when missing, and migrated to this build's
/// schema (once, here: not in the server's start, which the benchmark waits at most 30 s for,
/// nor in every run's copy).
fn kept_store(dir: &Path, events: usize) -> PathBuf {
    let path = dir.join(format!("serve-{}k.db", events / 1000));
    if path.exists() {
        SqliteStore::open(&path).expect("migrate the kept store");
        return path;
    }
    let partial = dir.join("making.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    eprintln!("making {} ({events} events, once)...", path.display());
    let started = Instant::now();
    {
        let mut store = SqliteStore::open(&partial).expect("open the new store");
        fill(&mut store, events);
    }
    std::fs::rename(&partial, &path).expect("keep the store");
    eprintln!("\n  made in {:.0}s", started.elapsed().as_secs_f64());
    path
}

/// A PostgreSQL server the benchmark makes its databases on, from `API_LOAD_POSTGRES`.
struct Pg {
    /// The URL as given (its database is where the others are created from).
    url: String,
}

impl Pg {
    /// The URL of database `name` on the same server, as the same role.
    fn url_of(&self, name: &str) -> String {
        let (base, query) = match self.url.split_once('?') {
            Some((b, q)) => (b, format!("?{q}")),
            None => (self.url.as_str(), String::new()),
        };
        let server = base.rsplit_once('/').map_or(base, |(s, _)| s);
        format!("{server}/{name}{query}")
    }

    /// The database named in the URL (the prefix of the benchmark's databases).
    fn database(&self) -> String {
        let base = self.url.split('?').next().unwrap_or_default();
        base.rsplit('/').next().unwrap_or("postgres").to_string()
    }

    fn admin(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("connect to API_LOAD_POSTGRES: {e}"))
    }

    fn exists(&self, name: &str) -> bool {
        self.admin()
            .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&name])
            .expect("list databases")
            .is_some()
    }

    fn run(&self, sql: &str) {
        self.admin()
            .batch_execute(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// The kept database of `events` events, made when missing; then a fresh copy for this
    /// run. Returns the copy's URL.
    fn fresh_store(&self, events: usize) -> String {
        let kept = format!("{}_api_load_{}k", self.database(), events / 1000);
        if !self.exists(&kept) {
            let making = format!("{kept}_making");
            self.run(&format!("DROP DATABASE IF EXISTS {making}"));
            self.run(&format!("CREATE DATABASE {making}"));
            eprintln!("making database {kept} ({events} events, once)...");
            let started = Instant::now();
            {
                let mut store = PgStore::open(&self.url_of(&making)).expect("open the new store");
                fill(&mut store, events);
            }
            self.run(&format!("ALTER DATABASE {making} RENAME TO {kept}"));
            eprintln!("\n  made in {:.0}s", started.elapsed().as_secs_f64());
        }
        // Migrate the kept database to this build's schema once, outside the server's start
        // (a migration that builds indexes takes longer than the 30 s the start may take).
        drop(PgStore::open(&self.url_of(&kept)).expect("migrate the kept database"));
        let run = format!("{}_api_load_run", self.database());
        self.run(&format!("DROP DATABASE IF EXISTS {run}"));
        self.run(&format!("CREATE DATABASE {run} TEMPLATE {kept}"));
        let url = self.url_of(&run);
        // Fresh statistics for the planner, as a long-lived database would have.
        postgres::Client::connect(&url, postgres::NoTls)
            .and_then(|mut c| c.batch_execute("ANALYZE"))
            .expect("analyze the copy");
        url
    }
}

fn fill(store: &mut dyn StoreWrite, events: usize) {
    let settings = synthetic::Settings {
        events,
        ..synthetic::Settings::default()
    };
    synthetic::fill(store, &settings, &coder(), &mut |n| {
        eprint!("\r  {n} events   ");
    })
    .expect("fill the store");
}

/// One GET on a kept-alive connection: the status, and whether the answer is marked stale
/// (served while the server redoes it after a store change).
fn get(conn: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<(u16, bool)> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    conn.get_mut().write_all(request.as_bytes())?;
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let (mut length, mut chunked, mut stale) = (None, false, false);
    loop {
        line.clear();
        if conn.read_line(&mut line)? == 0 {
            return Err(std::io::Error::other("connection closed in the head"));
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (name, value) = l.split_once(':').unwrap_or((l, ""));
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = value.parse::<usize>().ok();
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.eq_ignore_ascii_case("chunked");
        } else if name.eq_ignore_ascii_case("x-attache-cache") {
            stale = value == "stale";
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            conn.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim(), 16)
                .map_err(|_| std::io::Error::other(format!("bad chunk size {line:?}")))?;
            let mut chunk = vec![0; size + 2];
            conn.read_exact(&mut chunk)?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        let n = length.ok_or_else(|| std::io::Error::other("no content-length"))?;
        body.resize(n, 0);
        conn.read_exact(&mut body)?;
    }
    Ok((status, stale))
}

fn connect(port: u16) -> std::io::Result<BufReader<TcpStream>> {
    let s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(CLIENT_TIMEOUT))?;
    s.set_nodelay(true)?;
    Ok(BufReader::new(s))
}

/// Latencies (ms) and errors per endpoint of one phase.
#[derive(Default)]
struct Tally {
    ms: Vec<Vec<f64>>,
    errors: Vec<usize>,
    stale: Vec<usize>,
    first_error: Option<String>,
}

/// Run `clients` closed-loop clients for `seconds`, or (`None`) until each has asked for
/// every URL once; wait for every started request.
fn phase(port: u16, clients: usize, seconds: Option<f64>) -> (Tally, f64) {
    let eps = Arc::new(endpoints());
    let tally = Arc::new(Mutex::new(Tally {
        ms: vec![Vec::new(); eps.len()],
        errors: vec![0; eps.len()],
        stale: vec![0; eps.len()],
        first_error: None,
    }));
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|i| {
            let (eps, tally, stop) = (Arc::clone(&eps), Arc::clone(&tally), Arc::clone(&stop));
            std::thread::spawn(move || {
                let mut conn = None;
                let mut local: Vec<Vec<f64>> = vec![Vec::new(); eps.len()];
                let mut errors = vec![0; eps.len()];
                let mut stale = vec![0; eps.len()];
                let mut first_error = None;
                // Every URL, in an order that starts at a different one for each client.
                let urls: Vec<(usize, &str)> = eps
                    .iter()
                    .enumerate()
                    .flat_map(|(e, (_, paths))| paths.iter().map(move |p| (e, *p)))
                    .collect();
                let mut j = 0usize;
                while !stop.load(Ordering::Relaxed) && (seconds.is_some() || j < urls.len()) {
                    let (e, path) = urls[(i * 7 + j) % urls.len()];
                    j += 1;
                    let t = Instant::now();
                    let result = match conn.as_mut() {
                        Some(c) => get(c, path),
                        None => connect(port).and_then(|mut c| {
                            let r = get(&mut c, path);
                            conn = Some(c);
                            r
                        }),
                    };
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    match result {
                        Ok((200, marked)) => {
                            local[e].push(ms);
                            stale[e] += usize::from(marked);
                        }
                        Ok((status, _)) => {
                            errors[e] += 1;
                            first_error.get_or_insert(format!("{path}: HTTP {status}"));
                        }
                        Err(err) => {
                            errors[e] += 1;
                            first_error.get_or_insert(format!("{path}: {err}"));
                            conn = None;
                        }
                    }
                }
                let mut t = tally.lock().unwrap();
                for (e, ms) in local.into_iter().enumerate() {
                    t.ms[e].extend(ms);
                    t.errors[e] += errors[e];
                    t.stale[e] += stale[e];
                }
                if t.first_error.is_none() {
                    t.first_error = first_error;
                }
            })
        })
        .collect();
    if let Some(seconds) = seconds {
        std::thread::sleep(Duration::from_secs_f64(seconds));
        stop.store(true, Ordering::Relaxed);
    }
    for t in threads {
        t.join().unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let tally = Arc::try_unwrap(tally)
        .ok()
        .expect("every client is done")
        .into_inner()
        .unwrap();
    (tally, elapsed)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn report(name: &str, mut tally: Tally, elapsed: f64) {
    for (e, (endpoint, _)) in endpoints().iter().enumerate() {
        let ms = &mut tally.ms[e];
        ms.sort_by(f64::total_cmp);
        println!(
            "{name:<7} {endpoint:<7} {:>8} {:>7.0} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>6} {:>6}",
            ms.len(),
            ms.len() as f64 / elapsed,
            percentile(ms, 0.50),
            percentile(ms, 0.95),
            percentile(ms, 0.99),
            ms.last().copied().unwrap_or(f64::NAN),
            tally.errors[e],
            tally.stale[e],
        );
    }
    if let Some(e) = tally.first_error {
        println!("        first error: {e}");
    }
}

/// Write synthetic articles into `db` until `stop`, one commit per [`INGEST_BATCH`]
/// articles. Returns (events written, commits).
fn writer(db: &str, stop: &AtomicBool, written: &AtomicUsize) -> (usize, usize) {
    let mut store = attache_store::open(db).expect("open the store to write");
    let settings = synthetic::Settings {
        events: usize::MAX,
        first_article: 100_000_000,
        seed: 0x5EED_A77A_C4E0_0002,
        ..synthetic::Settings::default()
    };
    let coder = coder();
    let mut articles = synthetic::Generator::new(&settings, &coder);
    let mut commits = 0;
    while !stop.load(Ordering::Relaxed) {
        let mut batch = Batch::default();
        for record in articles.by_ref().take(INGEST_BATCH) {
            written.fetch_add(record.document.events.len(), Ordering::Relaxed);
            batch.documents.push(record);
        }
        store.put_batch(&batch).expect("write a batch");
        commits += 1;
    }
    (written.load(Ordering::Relaxed), commits)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let events = env_usize("API_LOAD_EVENTS", 1_000_000);
    let clients = env_usize("API_LOAD_CLIENTS", 200);
    let seconds = env_usize("API_LOAD_SECONDS", 15) as f64;
    let no_cache = std::env::var_os("API_LOAD_NO_CACHE").is_some();
    let pg = std::env::var("API_LOAD_POSTGRES")
        .ok()
        .map(|url| Pg { url });
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("api_load");
    std::fs::create_dir_all(&dir).expect("make the store folder");
    let db = match &pg {
        Some(pg) => pg.fresh_store(events),
        None => {
            let kept = kept_store(&dir, events);
            let db = dir.join("run.db");
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
            }
            std::fs::copy(&kept, &db).expect("copy the kept store");
            db.display().to_string()
        }
    };

    let port = free_port();
    let mut args = vec![
        "serve".to_string(),
        "--db".into(),
        db.clone(),
        "--bind".into(),
        format!("127.0.0.1:{port}"),
        "--rate-limit".into(),
        "0".into(),
    ];
    if no_cache {
        args.push("--no-cache".into());
    }
    let log = std::fs::File::create(dir.join("serve.log")).expect("server log");
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_attache"))
            .args(&args)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start attache serve"),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while connect(port)
        .and_then(|mut c| get(&mut c, "/api/health"))
        .is_err()
    {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }

    println!(
        "api_load: {events} events on {}, {clients} clients, warm and ingest phases {seconds:.0} s, cache {}",
        if pg.is_some() { "PostgreSQL" } else { "SQLite" },
        if no_cache { "off" } else { "on" }
    );
    println!(
        "{:<7} {:<7} {:>8} {:>7} {:>8} {:>8} {:>8} {:>8} {:>6} {:>6}",
        "phase",
        "endpoint",
        "requests",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "errors",
        "stale"
    );
    let (t, elapsed) = phase(port, clients, None);
    report("cold", t, elapsed);
    let (t, elapsed) = phase(port, clients, Some(seconds));
    report("warm", t, elapsed);

    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let w = {
        let (stop, written, db) = (Arc::clone(&stop), Arc::clone(&written), db.clone());
        std::thread::spawn(move || writer(&db, &stop, &written))
    };
    // Let the first commits land before measuring.
    std::thread::sleep(Duration::from_secs(2));
    let (t, elapsed) = phase(port, clients, Some(seconds));
    stop.store(true, Ordering::Relaxed);
    let (written, commits) = w.join().expect("the writer finishes");
    report("ingest", t, elapsed);
    println!("        writer: {written} events in {commits} commits during the ingest phase");
}
