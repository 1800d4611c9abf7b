//! `attache serve`: the JSON API and the analyst dashboard over a store.
//!
//! The server is read-only: handlers take a connection from a small pool of read-only SQLite
//! connections ([`pool::StorePool`]) and run the store call on the blocking thread pool, so a
//! slow query never stalls the async runtime, and WAL lets these readers run beside an ingest.
//! Answers to GET requests are cached ([`cache::ResponseCache`]); when the store changes, the
//! last answer is still served, marked stale, while it is recomputed in the background.
//!
//! Layout of this folder:
//! - [`api`]: `/api/...` JSON handlers (and CSV for events); [`openapi`] documents each route.
//! - [`pages`]: server-rendered HTML for the dashboard; [`html`] escapes everything dynamic.
//! - `assets/`: the team's CSS and JavaScript (charts drawn as SVG), served under `/assets/`.
//! - [`security`]: headers (CSP), Host check, per-address rate limit, token check.
//! - [`ingest`]: the one write endpoint (`POST /api/ingest`), off unless a token is set.
//!
//! Architecture invariant: no SQL here; every read goes through `attache_store`'s
//! `StoreRead` and `StoreOverview` traits, and every write through the `attache ingest`
//! command run as a child process.

mod api;
mod assets;
mod cache;
mod csv;
mod error;
mod html;
mod ingest;
mod openapi;
mod pages;
mod params;
mod pool;
mod security;

#[cfg(test)]
mod testdb;
#[cfg(test)]
mod tests;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use pool::{ServeStore, StorePool};

/// Largest request body accepted (the ingest endpoint takes one URL in a small JSON object).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// Longest time one request may take before the server answers 408: a query that runs longer
/// is a bug or an attack, and an analyst would rather see an error than wait.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Longest time a client may take to send a request's line and headers: slow, partial
/// requests would otherwise hold their connection (and a file descriptor) forever, and 1,100
/// of them exhausted 1,024 descriptors.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Longest request target (path and query) answered; longer ones get 414 from the
/// `security::headers` layer, with the security headers and, under `/api/`, a JSON body.
/// (hyper answers targets over 64 KiB and heads over its ~400 KB buffer itself, bare.)
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Most bytes of request headers (names and values) answered; more get 431 the same way.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

/// How often the server asks the store whether it changed (to mark cached answers stale and
/// have them redone).
pub const CHANGE_POLL: Duration = Duration::from_secs(1);

/// What `attache serve` was asked to do, resolved from flags and environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The store: a SQLite file or a PostgreSQL URL (as given to `--db`).
    pub db: String,
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Token that enables the write endpoints; `None` turns them off.
    pub token: Option<String>,
    /// Requests per second allowed from one client address (0: no limit).
    pub rate_limit: u32,
    /// Extra host names accepted in the `Host` header (besides loopback names).
    pub allowed_hosts: Vec<String>,
    /// Cache answers to GET requests until the store changes.
    pub cache: bool,
}

/// Everything a handler can reach.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    settings: Settings,
    pool: Arc<StorePool>,
    cache: cache::ResponseCache,
    limiter: security::RateLimiter,
    jobs: ingest::Jobs,
}

impl AppState {
    /// State over a pool of store connections.
    pub fn new(settings: Settings, pool: StorePool) -> AppState {
        let limiter = security::RateLimiter::new(settings.rate_limit);
        let cache = cache::ResponseCache::new(settings.cache);
        AppState(Arc::new(Inner {
            jobs: ingest::Jobs::new(settings.db.clone()),
            settings,
            pool: Arc::new(pool),
            cache,
            limiter,
        }))
    }

    fn pool(&self) -> &Arc<StorePool> {
        &self.0.pool
    }

    fn settings(&self) -> &Settings {
        &self.0.settings
    }
}

/// The API routes, recorded as they are added so the OpenAPI test can compare the router
/// with the document both ways.
pub(crate) struct ApiRoutes {
    router: Router<AppState>,
    /// `(method, path)` of every route, in axum's path syntax.
    pub listed: Vec<(&'static str, &'static str)>,
}

impl ApiRoutes {
    fn new() -> ApiRoutes {
        ApiRoutes {
            router: Router::new(),
            listed: Vec::new(),
        }
    }

    fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        route: MethodRouter<AppState>,
    ) -> ApiRoutes {
        self.listed.push((method, path));
        self.router = self.router.route(path, route);
        self
    }

    fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> ApiRoutes {
        self.add("get", path, get(h))
    }

    fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> ApiRoutes {
        self.add("post", path, post(h))
    }
}

/// Every `/api` route. Adding one here without documenting it in [`openapi`] fails a test.
pub(crate) fn api_routes() -> ApiRoutes {
    ApiRoutes::new()
        .get("/api/health", api::health)
        .get("/api/openapi.json", openapi::document)
        .get("/api/events", api::events::list)
        .get("/api/events/{id}", api::events::one)
        .get("/api/articles/{id}", api::articles::one)
        .get("/api/search", api::articles::search)
        .get("/api/stories", api::stories::list)
        .get("/api/stories/{id}", api::stories::one)
        .get("/api/actors", api::actors::list)
        .get("/api/actors/{code}", api::actors::one)
        .get("/api/dyads", api::dyads::top)
        .get("/api/dyads/{a}/{b}/series", api::dyads::series)
        .get("/api/series/types", api::dyads::types)
        .post("/api/ingest", ingest::submit)
        .get("/api/ingest/{job}", ingest::status)
}

/// The whole application: API, pages, assets, and the layers around them.
pub fn router(state: AppState) -> Router {
    let api = api_routes()
        .router
        .method_not_allowed_fallback(api::method_not_allowed);
    Router::new()
        .merge(pages::routes())
        .merge(assets::routes())
        .merge(api)
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cache::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        // Outermost, so the answers of the layers above (413 from the body limit, 408 from
        // the timeout) and its own 414/431 carry the security headers and the JSON shape.
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state)
}

/// Serve until Ctrl-C (or SIGTERM).
pub async fn serve(
    settings: Settings,
    pool: StorePool,
    watcher: Box<dyn ServeStore>,
) -> anyhow::Result<()> {
    let state = AppState::new(settings.clone(), pool);
    let listener = tokio::net::TcpListener::bind(settings.bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.bind))?;
    let local = listener.local_addr()?;
    if !local.ip().is_loopback() {
        tracing::warn!(%local, "listening beyond this machine: anyone who can reach it can read the store");
    }
    tokio::spawn(cache::watch(state.clone(), watcher));
    eprintln!(
        "attache serve: http://{local}/ (store {}, write endpoints {})",
        attache_store::Location::parse(&settings.db)
            .map(|l| l.to_string())
            .unwrap_or_default(),
        if settings.token.is_some() {
            "on"
        } else {
            "off"
        }
    );
    accept_loop(
        listener,
        router(state),
        HEADER_READ_TIMEOUT,
        shutdown_signal(),
    )
    .await;
    Ok(())
}

/// Serve connections from `listener` until `shutdown` completes, then let open requests
/// finish. Each connection is hyper's HTTP/1 with a timer, so a client that does not send
/// its request head within `header_timeout` ([`HEADER_READ_TIMEOUT`]) is disconnected
/// (`axum::serve` sets no timer, and its header timeout never fires).
pub(crate) async fn accept_loop(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    use tower::ServiceExt;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors or a reset before accept: wait a little, go on.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = app.clone().map_request(
            move |mut req: axum::extract::Request<hyper::body::Incoming>| {
                req.extensions_mut()
                    .insert(axum::extract::ConnectInfo(remote));
                req.map(axum::body::Body::new)
            },
        );
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout);
            let conn = builder.serve_connection(
                hyper_util::rt::TokioIo::new(stream),
                hyper_util::service::TowerToHyperService::new(service),
            );
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                () = async {
                    // (The guard `wait_for` returns is dropped here: it is not `Send`.)
                    let _ = stop.wait_for(|s| *s).await;
                } => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    let _ = stop_tx.send(true);
    drop(stop_rx);
    // Every connection task holds a receiver; `closed` resolves when the last one ends.
    stop_tx.closed().await;
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
