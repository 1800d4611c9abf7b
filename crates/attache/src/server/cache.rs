//! Answers to GET requests, kept until the store changes and served while they are redone.
//!
//! The server only reads, and the store changes only when an ingest commits, so the same
//! request gives the same answer until then. A background task asks the store for its change
//! counter every [`CHANGE_POLL`](super::CHANGE_POLL); when it moves, the cache's generation
//! moves on. Answers of an older generation are not dropped: the next request for one gets
//! it at once (marked `x-attache-cache: stale`) while a single background task per URL
//! recomputes it (stale-while-revalidate). An ingest commits every few seconds, and dropping
//! every answer on each commit made every request under load wait for its query again (11 s
//! p99 during an ingest on a store of 1 M events). A stale answer is redone no sooner than
//! [`REFRESH_SPACING`] times its own computing time after it was computed, so the heaviest
//! aggregates cannot keep the cores busy while an ingest commits every second; an answer is
//! thus at most one poll interval plus five computing times old. Requests with no answer at
//! all (a new URL, a cold start)
//! compute it, one request per URL at a time while the others wait for it. Memory is bounded
//! by [`MAX_ENTRIES`] and [`MAX_TOTAL_BYTES`] (oldest entries go first).

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{AppState, ServeStore, CHANGE_POLL};

/// Most answers kept.
pub const MAX_ENTRIES: usize = 4096;

/// Most bytes of answers kept (bodies only).
pub const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;

/// Largest single answer kept: bigger ones (CSV downloads) are rare and cheap to redo
/// compared with the memory they would pin.
pub const MAX_ENTRY_BYTES: usize = 1024 * 1024;

/// Header marking an answer served from an older generation while it is being redone.
pub const STALE_HEADER: &str = "x-attache-cache";

/// A stale answer is redone no sooner than this many times its own computing time after it
/// was computed. Under an ingest the store changes every second or so; redoing every answer
/// on each change kept the two cores busy with the heaviest aggregates (a second each at
/// 1 M events) and slowed every other request. With 4, an answer's redoing takes at most a
/// fifth of a core, and it is at most a poll interval plus five computing times old.
pub const REFRESH_SPACING: u32 = 4;

struct Entry {
    generation: u64,
    headers: HeaderMap,
    body: Bytes,
    /// When its computation ended, and how long it took.
    computed: Instant,
    cost: Duration,
}

#[derive(Default)]
struct Entries {
    map: HashMap<String, Entry>,
    order: VecDeque<String>,
    bytes: usize,
}

/// The cache.
pub struct ResponseCache {
    enabled: bool,
    generation: AtomicU64,
    entries: Mutex<Entries>,
    /// One gate per answer being computed: requests for the same URL wait for the first
    /// instead of all asking the store at once (a cold start under load would otherwise
    /// run the same query hundreds of times).
    in_flight: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// URLs whose stale answer is being recomputed in the background (one task each).
    refreshing: Mutex<HashSet<String>>,
}

/// A kept answer: its headers, body, whether it is of the current generation, and whether
/// (being stale) it may be redone now ([`REFRESH_SPACING`]).
struct Found {
    headers: HeaderMap,
    body: Bytes,
    fresh: bool,
    due: bool,
}

/// Marks a URL as being refreshed; unmarks it when dropped (also if the refresh panics).
struct Refresh {
    state: AppState,
    key: String,
}

impl Drop for Refresh {
    fn drop(&mut self) {
        self.state
            .0
            .cache
            .refreshing
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.key);
    }
}

/// Takes a request's turn at computing an answer; forgets the gate when the last user leaves.
struct Turn<'a> {
    cache: &'a ResponseCache,
    key: String,
    gate: Arc<tokio::sync::Mutex<()>>,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut map = self
            .cache
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // The map's reference and ours: nobody else is waiting.
        if Arc::strong_count(&self.gate) <= 2 {
            map.remove(&self.key);
        }
    }
}

impl ResponseCache {
    /// A cache (a disabled one keeps nothing).
    pub fn new(enabled: bool) -> ResponseCache {
        ResponseCache {
            enabled,
            generation: AtomicU64::new(0),
            entries: Mutex::new(Entries::default()),
            in_flight: Mutex::new(HashMap::new()),
            refreshing: Mutex::new(HashSet::new()),
        }
    }

    fn turn(&self, key: &str) -> Turn<'_> {
        let mut map = self
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let gate = Arc::clone(map.entry(key.to_string()).or_default());
        Turn {
            cache: self,
            key: key.to_string(),
            gate,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The answer kept for `key`, of whatever generation.
    fn get(&self, key: &str) -> Option<Found> {
        let generation = self.generation.load(Ordering::Acquire);
        let entries = self.lock();
        let e = entries.map.get(key)?;
        let fresh = e.generation == generation;
        Some(Found {
            headers: e.headers.clone(),
            body: e.body.clone(),
            fresh,
            due: !fresh && e.computed.elapsed() >= e.cost * REFRESH_SPACING,
        })
    }

    /// Keep an answer computed at `generation` in `cost`, unless a newer one is kept already.
    fn put(&self, generation: u64, cost: Duration, key: String, headers: HeaderMap, body: Bytes) {
        if body.len() > MAX_ENTRY_BYTES {
            return;
        }
        let mut entries = self.lock();
        if entries
            .map
            .get(&key)
            .is_some_and(|e| e.generation > generation)
        {
            return;
        }
        let size = body.len();
        while entries.map.len() >= MAX_ENTRIES || entries.bytes + size > MAX_TOTAL_BYTES {
            let Some(old) = entries.order.pop_front() else {
                break;
            };
            if let Some(e) = entries.map.remove(&old) {
                entries.bytes -= e.body.len();
            }
        }
        if let Some(old) = entries.map.insert(
            key.clone(),
            Entry {
                generation,
                headers,
                body,
                computed: Instant::now(),
                cost,
            },
        ) {
            entries.bytes -= old.body.len();
            entries.order.retain(|k| *k != key);
        }
        entries.bytes += size;
        entries.order.push_back(key);
    }

    /// Forget the answer to `key` (its recomputation no longer succeeds).
    fn remove(&self, key: &str) {
        let mut entries = self.lock();
        if let Some(e) = entries.map.remove(key) {
            entries.bytes -= e.body.len();
            entries.order.retain(|k| k != key);
        }
    }

    /// The store changed: every kept answer becomes stale (served, and redone on use).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Number of answers of the current generation.
    #[cfg(test)]
    pub fn fresh_len(&self) -> usize {
        let generation = self.generation.load(Ordering::Acquire);
        self.lock()
            .map
            .values()
            .filter(|e| e.generation == generation)
            .count()
    }

    /// Number of answers kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().map.len()
    }
}

/// Paths whose answers depend only on the store's content (their GET answers are kept, and
/// the OpenAPI document lists [`STALE_HEADER`] on them).
pub fn cacheable(path: &str) -> bool {
    !(path.starts_with("/assets/") || path.starts_with("/api/ingest") || path == "/api/health")
}

/// Middleware: answer from the cache (redoing a stale answer in the background), or run
/// the request and keep a 200 answer.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.0.cache;
    if !cache.enabled || req.method() != Method::GET || !cacheable(req.uri().path()) {
        return next.run(req).await;
    }
    let key = req.uri().to_string();
    if let Some(found) = cache.get(&key) {
        if found.due {
            refresh(&state, key, req, next);
        }
        return answer(found);
    }
    let turn = cache.turn(&key);
    let _computing = turn.gate.lock().await;
    // Another request may have computed it while this one waited.
    if let Some(found) = cache.get(&key) {
        if found.due {
            refresh(&state, key, req, next);
        }
        return answer(found);
    }
    let generation = cache.generation.load(Ordering::Acquire);
    let started = Instant::now();
    let response = next.run(req).await;
    keep(cache, generation, started, key, response).await
}

/// A kept answer as a response (marked when stale).
fn answer(found: Found) -> Response {
    let mut response = Response::new(Body::from(found.body));
    *response.headers_mut() = found.headers;
    if !found.fresh {
        response
            .headers_mut()
            .insert(STALE_HEADER, HeaderValue::from_static("stale"));
    }
    response
}

/// Keep `response` when it is a 200 of a size worth keeping; give it back either way.
/// `started` is when its computation began.
async fn keep(
    cache: &ResponseCache,
    generation: u64,
    started: Instant,
    key: String,
    response: Response,
) -> Response {
    let small = response
        .body()
        .size_hint()
        .exact()
        .is_some_and(|n| n <= MAX_ENTRY_BYTES as u64);
    if response.status() != StatusCode::OK || !small {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_ENTRY_BYTES).await {
        Ok(bytes) => {
            let cost = started.elapsed();
            cache.put(generation, cost, key, parts.headers.clone(), bytes.clone());
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => {
            tracing::error!(error = %e, "could not read an answer to cache it");
            super::error::ApiError::internal("the answer could not be produced").into_response()
        }
    }
}

/// Recompute the stale answer to `req` in the background, unless that is under way. An
/// answer that no longer comes out as a 200 (the article was replaced, the query now fails)
/// is forgotten, so the next request computes it in the open.
fn refresh(state: &AppState, key: String, req: Request, next: Next) {
    let cache = &state.0.cache;
    if !cache
        .refreshing
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(key.clone())
    {
        return;
    }
    let guard = Refresh {
        state: state.clone(),
        key,
    };
    let generation = cache.generation.load(Ordering::Acquire);
    tokio::spawn(async move {
        let started = Instant::now();
        let response = next.run(req).await;
        let cache = &guard.state.0.cache;
        if response.status() == StatusCode::OK {
            keep(cache, generation, started, guard.key.clone(), response).await;
        } else {
            cache.remove(&guard.key);
        }
    });
}

/// Poll the store's change counter and drop cached answers when it moves. Runs for the life
/// of the server on its own connection (change counters are per connection).
pub async fn watch(state: AppState, store: Box<dyn ServeStore>) {
    let store = Arc::new(Mutex::new(store));
    let mut last: Option<u64> = None;
    loop {
        tokio::time::sleep(CHANGE_POLL).await;
        let s = Arc::clone(&store);
        let read = tokio::task::spawn_blocking(move || {
            s.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .change_counter()
        })
        .await;
        match read {
            Ok(Ok(v)) => {
                if last.is_some_and(|l| l != v) {
                    tracing::info!(
                        data_version = v,
                        "the store changed: cached answers dropped"
                    );
                    state.0.cache.invalidate();
                }
                last = Some(v);
            }
            Ok(Err(e)) => tracing::warn!(error = %e, "cannot read the store's change counter"),
            Err(e) => tracing::warn!(error = %e, "the change watcher failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(c: &ResponseCache, key: &str) -> Option<(Bytes, bool)> {
        c.get(key).map(|f| (f.body, f.fresh))
    }

    #[test]
    fn answers_of_an_old_generation_are_kept_as_stale_until_redone() {
        let c = ResponseCache::new(true);
        c.put(
            0,
            Duration::ZERO,
            "/a".into(),
            HeaderMap::new(),
            Bytes::from_static(b"old"),
        );
        assert_eq!(body(&c, "/a"), Some((Bytes::from_static(b"old"), true)));
        c.invalidate();
        assert_eq!(
            body(&c, "/a"),
            Some((Bytes::from_static(b"old"), false)),
            "the last answer is still served after a change, as stale"
        );
        assert_eq!(c.fresh_len(), 0);
        c.put(
            1,
            Duration::ZERO,
            "/a".into(),
            HeaderMap::new(),
            Bytes::from_static(b"new"),
        );
        assert_eq!(body(&c, "/a"), Some((Bytes::from_static(b"new"), true)));
        c.put(
            0,
            Duration::ZERO,
            "/a".into(),
            HeaderMap::new(),
            Bytes::from_static(b"late"),
        );
        assert_eq!(
            body(&c, "/a"),
            Some((Bytes::from_static(b"new"), true)),
            "an answer computed before the kept one does not replace it"
        );
        c.remove("/a");
        assert_eq!(c.len(), 0);
    }

    #[test]
    fn a_stale_answer_is_redone_only_after_its_spacing() {
        let c = ResponseCache::new(true);
        let due = |c: &ResponseCache| c.get("/a").map(|f| f.due);
        c.put(
            0,
            Duration::from_secs(3600),
            "/a".into(),
            HeaderMap::new(),
            Bytes::new(),
        );
        assert_eq!(due(&c), Some(false), "a fresh answer is not redone");
        c.invalidate();
        assert_eq!(
            due(&c),
            Some(false),
            "an answer that took an hour is not redone a moment later"
        );
        c.put(
            0,
            Duration::ZERO,
            "/a".into(),
            HeaderMap::new(),
            Bytes::new(),
        );
        assert_eq!(
            due(&c),
            Some(true),
            "a cheap stale answer is redone at once"
        );
    }

    #[test]
    fn gates_are_shared_while_in_use_and_forgotten_after() {
        let c = ResponseCache::new(true);
        let a = c.turn("/x");
        let b = c.turn("/x");
        assert!(Arc::ptr_eq(&a.gate, &b.gate));
        drop(a);
        drop(b);
        assert!(c.in_flight.lock().map(|m| m.is_empty()).unwrap_or(false));
    }

    #[test]
    fn the_oldest_answers_go_when_full() {
        let c = ResponseCache::new(true);
        for i in 0..MAX_ENTRIES + 10 {
            c.put(
                0,
                Duration::ZERO,
                format!("/{i}"),
                HeaderMap::new(),
                Bytes::from_static(b"x"),
            );
        }
        assert_eq!(c.len(), MAX_ENTRIES);
        assert!(c.get("/0").is_none());
        assert!(c.get(&format!("/{}", MAX_ENTRIES + 9)).is_some());
        assert_eq!(c.lock().order.len(), MAX_ENTRIES);
    }
}
