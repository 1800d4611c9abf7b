//! What keeps the server safe to run on an analyst's machine.
//!
//! - Headers on every answer: a Content-Security-Policy that allows only the server's own
//!   scripts and styles (no inline script, so injected markup cannot run), no framing, no
//!   MIME sniffing, no referrer leaking article URLs.
//! - A `Host` check while listening on loopback: a web page the analyst visits could point a
//!   DNS name at 127.0.0.1 (DNS rebinding) and read the API; such requests carry that name.
//! - A per-address rate limit (token bucket).
//! - The write token, compared in constant time.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::AppState;

/// The Content-Security-Policy of every answer.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// Seconds of traffic a client may send at once above its steady rate (a page load fetches
/// its assets and data in a burst).
const BURST_SECONDS: f64 = 2.0;

/// Clients remembered by the rate limiter before idle ones are forgotten.
const MAX_CLIENTS: usize = 10_000;

/// Middleware: security headers on every answer; `/api` errors made by layers (body too
/// large, timeout) or by axum's extractors get the JSON error shape too.
pub async fn headers(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    let header_bytes: usize = req
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len())
        .sum();
    let mut response = if target > super::MAX_URI_BYTES {
        StatusCode::URI_TOO_LONG.into_response()
    } else if header_bytes > super::MAX_HEADER_BYTES {
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE.into_response()
    } else {
        next.run(req).await
    };
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if api && (status.is_client_error() || status.is_server_error()) && !json {
        let message = match status {
            StatusCode::PAYLOAD_TOO_LARGE => format!(
                "the request body is larger than {} bytes",
                super::MAX_BODY_BYTES
            ),
            StatusCode::REQUEST_TIMEOUT => "the request took too long".to_string(),
            StatusCode::URI_TOO_LONG => format!(
                "the request target is longer than {} bytes",
                super::MAX_URI_BYTES
            ),
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => format!(
                "the request headers are larger than {} bytes",
                super::MAX_HEADER_BYTES
            ),
            other => other
                .canonical_reason()
                .unwrap_or("the request failed")
                .to_lowercase(),
        };
        response = ApiError::with_status(status, message).into_response();
    }
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// Middleware: Host check, then rate limit.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Err(e) = check_host(state.settings(), req.headers()) {
        return e.into_response();
    }
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    if !state.0.limiter.allow(client) {
        let mut response = ApiError::with_status(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "too many requests: at most {} per second from one address",
                state.0.limiter.rate
            ),
        )
        .into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return response;
    }
    next.run(req).await
}

/// The host part of a `Host` header value (`[::1]:8080` gives `::1`).
fn host_name(value: &str) -> &str {
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    value.rsplit_once(':').map_or(value, |(h, _)| h)
}

fn check_host(settings: &super::Settings, headers: &HeaderMap) -> Result<(), ApiError> {
    // Beyond loopback the operator chose to expose the server; names are theirs to choose.
    if !settings.bind.ip().is_loopback() && settings.allowed_hosts.is_empty() {
        return Ok(());
    }
    let Some(value) = headers.get(header::HOST) else {
        return Ok(());
    };
    let host = value.to_str().map(host_name).unwrap_or("");
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || ip == settings.bind.ip());
    if loopback
        || settings
            .allowed_hosts
            .iter()
            .any(|h| h.eq_ignore_ascii_case(host))
    {
        Ok(())
    } else {
        Err(ApiError::with_status(
            StatusCode::MISDIRECTED_REQUEST,
            format!("this server answers to localhost, not to {host:?} (see --allow-host)"),
        ))
    }
}

/// True when the request carries the write token (`Authorization: Bearer TOKEN`).
pub fn has_token(expected: &str, headers: &HeaderMap) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    constant_time_eq(given.trim().as_bytes(), expected.as_bytes())
}

/// Compare without stopping at the first difference, so timing tells nothing about the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = u8::from(a.len() != b.len());
    for (i, x) in a.iter().enumerate() {
        diff |= x ^ b.get(i % b.len().max(1)).copied().unwrap_or(0);
    }
    diff == 0
}

/// Token buckets per client address.
pub struct RateLimiter {
    /// Requests per second (0: unlimited).
    pub rate: u32,
    clients: Mutex<HashMap<Option<IpAddr>, Bucket>>,
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

impl RateLimiter {
    /// A limiter allowing `rate` requests per second per address.
    pub fn new(rate: u32) -> RateLimiter {
        RateLimiter {
            rate,
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// Take one token for a client; false when its bucket is empty.
    pub fn allow(&self, client: Option<IpAddr>) -> bool {
        self.allow_at(client, Instant::now())
    }

    fn allow_at(&self, client: Option<IpAddr>, now: Instant) -> bool {
        if self.rate == 0 {
            return true;
        }
        let rate = f64::from(self.rate);
        let capacity = rate * BURST_SECONDS;
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        if clients.len() >= MAX_CLIENTS && !clients.contains_key(&client) {
            // Forget clients whose bucket has refilled: they lose nothing by it.
            clients.retain(|_, b| {
                b.tokens + now.saturating_duration_since(b.last).as_secs_f64() * rate < capacity
            });
        }
        let bucket = clients.entry(client).or_insert(Bucket {
            tokens: capacity,
            last: now,
        });
        let elapsed = now.saturating_duration_since(bucket.last).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(capacity);
        bucket.last = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_client_gets_its_burst_then_waits_for_refill() {
        let limiter = RateLimiter::new(10);
        let ip = Some(IpAddr::from([127, 0, 0, 1]));
        let t0 = Instant::now();
        let allowed = (0..50).filter(|_| limiter.allow_at(ip, t0)).count();
        assert_eq!(allowed, 20);
        assert!(limiter.allow_at(ip, t0 + Duration::from_millis(150)));
        let other = Some(IpAddr::from([127, 0, 0, 2]));
        assert!(limiter.allow_at(other, t0), "buckets are per address");
    }

    #[test]
    fn zero_means_no_limit() {
        let limiter = RateLimiter::new(0);
        assert!((0..10_000).all(|_| limiter.allow(None)));
    }

    #[test]
    fn tokens_must_match_exactly() {
        let mut h = HeaderMap::new();
        assert!(!has_token("s3cret-token-123456", &h));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer s3cret-token-123456"),
        );
        assert!(has_token("s3cret-token-123456", &h));
        assert!(!has_token("s3cret-token-1234567", &h));
        assert!(!has_token("s3cret-token-12345", &h));
    }

    #[test]
    fn host_names_drop_their_port() {
        assert_eq!(host_name("localhost:8080"), "localhost");
        assert_eq!(host_name("[::1]:8080"), "::1");
        assert_eq!(host_name("127.0.0.1"), "127.0.0.1");
    }
}
