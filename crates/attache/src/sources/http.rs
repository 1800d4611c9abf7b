//! Polite HTTP fetching: robots.txt, a per-host pace, timeouts, a size cap, a redirect limit,
//! and no requests to loopback, private or link-local addresses unless allowed.
//!
//! Addresses are checked where they are decided: in the DNS resolver the client uses (so a
//! name cannot resolve to 127.0.0.1 behind our back, even on a redirect) and, for URLs that are
//! IP literals, before the request and at every redirect.
//!
//! Redirects are followed here, not by the HTTP client, so that every hop is a request like
//! the first: checked against its own host's robots.txt and paced by that host's rate limit.
//! A page allowed on one site must not lead the crawler into a path another site disallows.

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use reqwest::Url;

use super::robots::Robots;

/// Settings of the fetcher (from the command line).
#[derive(Debug, Clone)]
pub struct FetchSettings {
    /// Allow loopback, private and link-local addresses (tests against a local server).
    pub allow_private: bool,
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Largest body read.
    pub max_bytes: usize,
    /// Most redirects followed.
    pub max_redirects: usize,
    /// Least time between two requests to one host (robots.txt Crawl-delay may ask for more).
    pub host_delay: Duration,
    /// Obey robots.txt.
    pub obey_robots: bool,
    /// User-Agent header, also the name matched in robots.txt.
    pub user_agent: String,
    /// Send requests through the proxy named by `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY`. Off
    /// unless the user asks (`--proxy`): a proxy resolves host names itself, so the
    /// private-address guard, which checks the addresses a name resolves to, would be
    /// bypassed (`http://localhost/` and `http://metadata.google.internal/` were fetched).
    /// With a proxy only IP literals can be checked here; the proxy must refuse the rest.
    pub use_proxy: bool,
}

/// Time to open a connection, kept short: a host that does not answer in this time is down.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Largest robots.txt read (Google reads 500 KiB).
const MAX_ROBOTS_BYTES: usize = 512 * 1024;

/// A fetched response.
#[derive(Debug)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    /// Content-Type.
    pub content_type: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// Why a URL was not fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// Not an http(s) URL.
    BadUrl(String),
    /// The host is (or resolves to) a loopback, private or link-local address.
    PrivateAddress(String),
    /// robots.txt disallows it.
    RobotsDisallowed,
    /// The server answered with an error status.
    Status(u16),
    /// The body is over the size cap.
    TooLarge,
    /// No complete answer within the timeout.
    Timeout,
    /// More redirects than allowed.
    TooManyRedirects,
    /// Connection or protocol failure.
    Network(String),
}

impl FetchError {
    /// Name used in the run report's error counts.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::BadUrl(_) => "fetch_bad_url",
            FetchError::PrivateAddress(_) => "fetch_private_address",
            FetchError::RobotsDisallowed => "fetch_robots_disallowed",
            FetchError::Status(_) => "fetch_http_status",
            FetchError::TooLarge => "oversized",
            FetchError::Timeout => "fetch_timeout",
            FetchError::TooManyRedirects => "fetch_too_many_redirects",
            FetchError::Network(_) => "fetch_network",
        }
    }
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::BadUrl(u) => write!(f, "not an http(s) URL: {u}"),
            FetchError::PrivateAddress(h) => write!(
                f,
                "{h} is a loopback, private or link-local address (pass --allow-private to fetch it)"
            ),
            FetchError::RobotsDisallowed => f.write_str("robots.txt disallows it"),
            FetchError::Status(s) => write!(f, "HTTP status {s}"),
            FetchError::TooLarge => f.write_str("the body is over the size cap"),
            FetchError::Timeout => f.write_str("timed out"),
            FetchError::TooManyRedirects => f.write_str("too many redirects"),
            FetchError::Network(m) => write!(f, "network error: {m}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// robots.txt rules and request pacing, shared by every fetcher of a run.
#[derive(Default)]
pub struct Politeness {
    /// Per origin, its robots.txt outcome, decided once: workers asking for an origin that is
    /// being fetched wait for that fetch instead of requesting robots.txt again.
    robots: Mutex<HashMap<String, Arc<OnceLock<RobotsOutcome>>>>,
    next_slot: Mutex<HashMap<String, Instant>>,
    /// The shared store's host slots, when workers share a PostgreSQL store: every worker
    /// books a host's next request there, so the pace per host holds across workers (and
    /// machines). `None`: the slots above pace this process only.
    store_slots: Option<Mutex<Box<dyn attache_store::HostSlots>>>,
}

impl std::fmt::Debug for Politeness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Politeness")
            .field("robots", &self.robots)
            .field("next_slot", &self.next_slot)
            .field("store_slots", &self.store_slots.is_some())
            .finish()
    }
}

impl Politeness {
    /// Pacing shared with the other workers of a store, through its host slots
    /// ([`attache_store::HostSlots::book_host`]); robots.txt stays per process.
    pub fn shared(slots: Box<dyn attache_store::HostSlots>) -> Politeness {
        Politeness {
            store_slots: Some(Mutex::new(slots)),
            ..Politeness::default()
        }
    }
}

/// An origin's robots.txt rules, or why its host cannot be asked at all.
type RobotsOutcome = Result<Arc<Robots>, FetchError>;

/// What one request gave.
enum Answer {
    /// A page (2xx).
    Page(Fetched),
    /// A redirect to this URL.
    Redirect(Url),
}

/// One fetcher per worker thread (each blocking client runs its own small runtime, so a slow
/// DNS answer only holds up its own worker).
pub struct Fetcher {
    client: Client,
    settings: Arc<FetchSettings>,
    shared: Arc<Politeness>,
}

/// True for addresses on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1])))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            // Ranges that carry an IPv4 address inside (so "public" would depend on a
            // translator or relay whose view we cannot check) count as private:
            // IPv4-compatible ::a.b.c.d (::/96), NAT64 64:ff9b::/96 and its local-use
            // 64:ff9b:1::/48, 6to4 2002::/16 and Teredo 2001::/32.
            let v4_compatible = s[..6].iter().all(|&x| x == 0);
            let nat64 =
                s[0] == 0x64 && s[1] == 0xff9b && (s[2..6].iter().all(|&x| x == 0) || s[2] == 1);
            let six_to_four = s[0] == 0x2002;
            let teredo = s[0] == 0x2001 && s[1] == 0;
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || v4_compatible
                || nat64
                || six_to_four
                || teredo
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80)
        }
    }
}

/// The marker error our resolver returns, found again in reqwest's error chain.
#[derive(Debug)]
struct Refused(String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} resolves only to non-public addresses", self.0)
    }
}

impl std::error::Error for Refused {}

struct GuardedResolver {
    allow_private: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        let allow = self.allow_private;
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = (host.as_str(), 0)
                .to_socket_addrs()
                .map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)?
                .filter(|a| allow || is_public(a.ip()))
                .collect();
            if addrs.is_empty() {
                return Err(Box::new(Refused(host)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// `Some(host)` when the URL's host is an IP literal that is not public.
fn private_literal(url: &Url) -> Option<String> {
    match url.host()? {
        url::Host::Ipv4(ip) => (!is_public(IpAddr::V4(ip))).then(|| ip.to_string()),
        url::Host::Ipv6(ip) => (!is_public(IpAddr::V6(ip))).then(|| ip.to_string()),
        url::Host::Domain(_) => None,
    }
}

fn classify(err: &reqwest::Error) -> FetchError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(r) = e.downcast_ref::<Refused>() {
            return FetchError::PrivateAddress(r.0.clone());
        }
        if let Some(f) = e.downcast_ref::<FetchError>() {
            return f.clone();
        }
        source = e.source();
    }
    if err.is_timeout() {
        FetchError::Timeout
    } else if err.is_redirect() {
        FetchError::TooManyRedirects
    } else {
        let mut msg = err.to_string();
        let mut s = std::error::Error::source(err);
        while let Some(e) = s {
            msg = format!("{msg}: {e}");
            s = e.source();
        }
        FetchError::Network(msg)
    }
}

impl Fetcher {
    /// A fetcher with its own client.
    pub fn new(settings: Arc<FetchSettings>, shared: Arc<Politeness>) -> anyhow::Result<Fetcher> {
        let allow = settings.allow_private;
        // Redirects come back to `fetch`, which checks and paces each hop.
        let policy = reqwest::redirect::Policy::none();
        let mut builder = Client::builder()
            .user_agent(settings.user_agent.clone())
            .timeout(settings.timeout)
            .connect_timeout(CONNECT_TIMEOUT)
            .redirect(policy)
            .dns_resolver(Arc::new(GuardedResolver {
                allow_private: allow,
            }));
        // reqwest reads the proxy variables by default; a proxy resolves names itself and
        // the guard in our resolver would never see them (see `FetchSettings::use_proxy`).
        if !settings.use_proxy {
            builder = builder.no_proxy();
        }
        let client = builder
            .build()
            .map_err(|e| anyhow::anyhow!("cannot build the HTTP client: {e}"))?;
        Ok(Fetcher {
            client,
            settings,
            shared,
        })
    }

    /// Fetch a URL politely: every hop of a redirect chain is checked (scheme, address,
    /// its host's robots.txt) and waits for its host's turn.
    pub fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        let parsed = Url::parse(url).map_err(|_| FetchError::BadUrl(url.to_string()))?;
        self.follow(parsed, self.settings.max_bytes, true)
    }

    /// Request `url`, following redirects up to the limit; `obey` checks each hop against
    /// robots.txt (off for robots.txt itself).
    fn follow(&self, url: Url, max: usize, obey: bool) -> Result<Fetched, FetchError> {
        let mut current = url;
        let mut redirects = 0usize;
        loop {
            if !matches!(current.scheme(), "http" | "https") || current.host_str().is_none() {
                return Err(FetchError::BadUrl(current.to_string()));
            }
            if !self.settings.allow_private {
                if let Some(host) = private_literal(&current) {
                    return Err(FetchError::PrivateAddress(host));
                }
            }
            let crawl_delay = if obey {
                let robots = self.robots_for(&current)?;
                if !robots.allows(&path_and_query(&current)) {
                    return Err(FetchError::RobotsDisallowed);
                }
                robots.crawl_delay
            } else {
                None
            };
            self.wait_turn(&current, crawl_delay);
            match self.get(current, max)? {
                Answer::Page(page) => return Ok(page),
                Answer::Redirect(next) => {
                    redirects += 1;
                    if redirects > self.settings.max_redirects {
                        return Err(FetchError::TooManyRedirects);
                    }
                    current = next;
                }
            }
        }
    }

    /// One request, no redirect followed.
    fn get(&self, url: Url, max: usize) -> Result<Answer, FetchError> {
        let resp = self
            .client
            .get(url.clone())
            .send()
            .map_err(|e| classify(&e))?;
        let status = resp.status();
        if status.is_redirection() {
            let next = resp
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|loc| url.join(loc.trim()).ok());
            return match next {
                Some(next) => Ok(Answer::Redirect(next)),
                // A 3xx without a usable Location (304, 300) leads nowhere.
                None => Err(FetchError::Status(status.as_u16())),
            };
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        if resp.content_length().is_some_and(|n| n > max as u64) {
            return Err(FetchError::TooLarge);
        }
        let final_url = resp.url().to_string();
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut body = Vec::new();
        resp.take(max as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| FetchError::Network(e.to_string()))?;
        if body.len() > max {
            return Err(FetchError::TooLarge);
        }
        Ok(Answer::Page(Fetched {
            url: final_url,
            content_type,
            body,
        }))
    }

    /// The robots.txt rules of the URL's origin (fetched once per run). A host that resolves
    /// to a refused address is reported as such, not as "robots.txt unreachable".
    fn robots_for(&self, url: &Url) -> RobotsOutcome {
        if !self.settings.obey_robots {
            return Ok(Arc::new(Robots::allow_all()));
        }
        let origin = url.origin().ascii_serialization();
        let cell = match self.shared.robots.lock() {
            Ok(mut m) => m.entry(origin.clone()).or_default().clone(),
            // A poisoned map (a panicking worker) only costs sharing: decide alone.
            Err(_) => Arc::default(),
        };
        cell.get_or_init(|| self.fetch_robots(&origin)).clone()
    }

    fn fetch_robots(&self, origin: &str) -> RobotsOutcome {
        let Ok(robots_url) = Url::parse(&format!("{origin}/robots.txt")) else {
            return Ok(Arc::new(Robots::allow_all()));
        };
        // RFC 9309 §2.3.1.2: robots.txt redirects are followed (at least five hops).
        let robots = match self.follow(robots_url, MAX_ROBOTS_BYTES, false) {
            Ok(page) => Robots::parse(
                &String::from_utf8_lossy(&page.body),
                &self.settings.user_agent,
            ),
            // RFC 9309 §2.3.1: a missing robots.txt (4xx) allows everything; an unreachable
            // one (5xx, network) means the site cannot say, so nothing.
            Err(FetchError::Status(s)) if (400..500).contains(&s) => Robots::allow_all(),
            Err(FetchError::TooLarge) => Robots::allow_all(),
            Err(e @ FetchError::PrivateAddress(_)) => return Err(e),
            Err(_) => Robots::deny_all(),
        };
        Ok(Arc::new(robots))
    }

    /// Sleep until this host may be asked again, and book the next slot: in the shared
    /// store's host slots when there are some (a store that cannot be reached paces this
    /// process alone rather than stop fetching), else in this process's.
    fn wait_turn(&self, url: &Url, crawl_delay: Option<Duration>) {
        let host = url.host_str().unwrap_or("").to_string();
        let delay = crawl_delay
            .unwrap_or_default()
            .max(self.settings.host_delay);
        if let (Some(slots), false) = (&self.shared.store_slots, delay.is_zero()) {
            // The lock is held for the booking's round trip only, never while sleeping.
            let booked = match slots.lock() {
                Ok(mut slots) => slots.book_host(&host, delay).map_err(|e| e.to_string()),
                Err(_) => Err("the host slots' lock is poisoned".to_string()),
            };
            match booked {
                Ok(wait) => {
                    std::thread::sleep(wait);
                    return;
                }
                Err(e) => tracing::warn!(
                    error = %e,
                    host,
                    "cannot book the host in the shared store; pacing this worker only"
                ),
            }
        }
        let now = Instant::now();
        let start = match self.shared.next_slot.lock() {
            Ok(mut slots) => {
                let slot = slots.get(&host).copied().unwrap_or(now).max(now);
                slots.insert(host, slot + delay);
                slot
            }
            Err(_) => now,
        };
        if start > now {
            std::thread::sleep(start - now);
        }
    }
}

fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_private_and_link_local_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            // IPv4-compatible, NAT64 (well-known and local-use), 6to4 and Teredo addresses
            // reach IPv4 hosts through a translator (issue 15: they counted as public).
            "::127.0.0.1",
            "::a9fe:a9fe",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::a00:1",
            "2002:7f00:1::1",
            "2002:a9fe:a9fe::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        ] {
            let ip: IpAddr = ip
                .parse()
                .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
            assert!(!is_public(ip), "{ip}");
        }
        for ip in ["93.184.216.34", "2606:2800:220:1::1"] {
            let ip: IpAddr = ip
                .parse()
                .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
            assert!(is_public(ip), "{ip}");
        }
    }

    #[test]
    fn private_literals_and_names_are_refused_without_a_request() {
        let f = Fetcher::new(
            Arc::new(FetchSettings {
                allow_private: false,
                timeout: Duration::from_secs(2),
                max_bytes: 1024,
                max_redirects: 3,
                host_delay: Duration::ZERO,
                obey_robots: false,
                user_agent: "attache-test".into(),
                use_proxy: false,
            }),
            Arc::default(),
        );
        let Ok(f) = f else { panic!("client") };
        assert!(matches!(
            f.fetch("http://127.0.0.1:9/x"),
            Err(FetchError::PrivateAddress(_))
        ));
        assert!(matches!(
            f.fetch("http://[::1]:9/x"),
            Err(FetchError::PrivateAddress(_))
        ));
        assert!(matches!(
            f.fetch("http://localhost:9/x"),
            Err(FetchError::PrivateAddress(_))
        ));
        assert!(matches!(
            f.fetch("file:///etc/passwd"),
            Err(FetchError::BadUrl(_))
        ));
    }

    /// The bookings a [`ScriptedSlots`] received: host and delay.
    type Bookings = Arc<Mutex<Vec<(String, Duration)>>>;

    /// Host slots that record each booking and answer from a script, in place of a shared
    /// store.
    struct ScriptedSlots {
        booked: Bookings,
        fail: bool,
    }

    impl attache_store::HostSlots for ScriptedSlots {
        fn book_host(
            &mut self,
            host: &str,
            delay: Duration,
        ) -> Result<Duration, attache_store::StoreError> {
            if self.fail {
                return Err(attache_store::StoreError::BadLocation {
                    location: "test".into(),
                    reason: "unreachable".into(),
                });
            }
            if let Ok(mut b) = self.booked.lock() {
                b.push((host.to_string(), delay));
            }
            Ok(Duration::ZERO)
        }
    }

    fn paced(host_delay: Duration, fail: bool) -> (Fetcher, Bookings) {
        let booked = Arc::new(Mutex::new(Vec::new()));
        let slots = ScriptedSlots {
            booked: booked.clone(),
            fail,
        };
        let f = Fetcher::new(
            Arc::new(FetchSettings {
                allow_private: false,
                timeout: Duration::from_secs(2),
                max_bytes: 1024,
                max_redirects: 3,
                host_delay,
                obey_robots: false,
                user_agent: "attache-test".into(),
                use_proxy: false,
            }),
            Arc::new(Politeness::shared(Box::new(slots))),
        );
        let Ok(f) = f else { panic!("client") };
        (f, booked)
    }

    #[test]
    fn a_shared_store_books_each_hosts_requests_with_the_longer_of_the_two_delays() {
        let (f, booked) = paced(Duration::from_millis(20), false);
        let Ok(url) = Url::parse("https://news.example/a") else {
            panic!("url")
        };
        f.wait_turn(&url, Some(Duration::from_secs(3)));
        f.wait_turn(&url, None);
        let booked = booked.lock().map(|b| b.clone()).unwrap_or_default();
        assert_eq!(
            booked,
            [
                ("news.example".to_string(), Duration::from_secs(3)),
                ("news.example".to_string(), Duration::from_millis(20)),
            ]
        );
        // Nothing to wait for: no booking, no round trip to the store.
        let (f, booked) = paced(Duration::ZERO, false);
        f.wait_turn(&url, None);
        assert!(booked.lock().map(|b| b.is_empty()).unwrap_or(false));
    }

    #[test]
    fn a_store_that_cannot_book_leaves_pacing_to_this_process() {
        let (f, _) = paced(Duration::from_secs(30), true);
        let Ok(url) = Url::parse("https://news.example/a") else {
            panic!("url")
        };
        f.wait_turn(&url, None);
        let slot = f
            .shared
            .next_slot
            .lock()
            .ok()
            .and_then(|s| s.get("news.example").copied());
        assert!(slot.is_some_and(|s| s > Instant::now() + Duration::from_secs(20)));
    }
}
