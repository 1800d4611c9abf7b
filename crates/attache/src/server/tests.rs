//! The router against a store built from the team's articles (`testdb`), with no socket:
//! each request goes through `tower::ServiceExt::oneshot`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;

use attache_store::SqliteStore;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

use super::testdb::{self, Built};
use super::{router, AppState, ServeStore, Settings, StorePool};

struct Fixture {
    _dir: tempfile::TempDir,
    db: PathBuf,
    built: Built,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let db = dir.path().join("serve-test.db");
        let built = build(&db).unwrap_or_else(|e| panic!("building the test store: {e:#}"));
        Fixture {
            _dir: dir,
            db,
            built,
        }
    })
}

/// Ingest the test corpus (`testdb::sources`) with the real pipeline, in process.
fn build(db: &std::path::Path) -> anyhow::Result<Built> {
    let sources = testdb::sources().map_err(anyhow::Error::msg)?;
    crate::pipeline::run(crate::pipeline::IngestSettings {
        sources: sources.iter().map(|p| p.display().to_string()).collect(),
        db: db.display().to_string(),
        workers: 2,
        extract: attache_extract::Settings::default(),
        pipeline: Some(std::sync::Arc::new(crate::cmd::ingest::pipeline()?)),
        fetch: None,
        reprocess: false,
        progress: false,
        command: "serve tests".into(),
        settle_stories: true,
    })?;
    testdb::read_back(db).map_err(anyhow::Error::msg)
}

fn settings() -> Settings {
    Settings {
        db: fixture().db.display().to_string(),
        bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
        token: None,
        rate_limit: 0,
        allowed_hosts: Vec::new(),
        cache: false,
    }
}

fn app_with(settings: Settings) -> (Router, AppState) {
    let conns = (0..2)
        .map(|_| {
            let s = SqliteStore::open_read_only(&fixture().db)
                .unwrap_or_else(|e| panic!("open the test store: {e}"));
            Box::new(s) as Box<dyn ServeStore>
        })
        .collect();
    let state = AppState::new(settings, StorePool::new(conns));
    (router(state.clone()), state)
}

fn app() -> Router {
    app_with(settings()).0
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn send(app: &Router, req: Request<Body>) -> Answer {
    let response = app
        .clone()
        .oneshot(req)
        .await
        .unwrap_or_else(|e| match e {});
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024 * 1024)
        .await
        .unwrap_or_default();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(app: &Router, uri: &str) -> Answer {
    let req = Request::builder()
        .uri(uri)
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    send(app, req).await
}

fn id_of(file: &str) -> String {
    fixture()
        .built
        .ids
        .get(file)
        .cloned()
        .unwrap_or_else(|| panic!("{file} is not in the test store"))
}

fn request(method: &str, uri: &str, headers: &[(&str, &str)], body: &str) -> Request<Body> {
    let mut b = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(Body::from(body.to_string()))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn events_of(a: &Answer) -> Vec<Value> {
    a.json()["events"].as_array().cloned().unwrap_or_default()
}

fn codes(e: &Value, side: &str) -> Vec<String> {
    e["event"][side]
        .as_array()
        .map(|v| {
            v.iter()
                .filter_map(|x| x["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn health_answers_with_the_schema_version() {
    let a = get(&app(), "/api/health").await;
    assert_eq!(a.status, StatusCode::OK);
    let j = a.json();
    assert_eq!(j["status"], "ok");
    assert_eq!(j["schema_version"], attache_store::SCHEMA_VERSION);
    assert_eq!(j["writes"], false);
}

#[tokio::test]
async fn every_api_route_is_documented_and_every_documented_path_is_routed() {
    let mut routed: Vec<(String, String)> = super::api_routes()
        .listed
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    routed.sort();
    assert_eq!(routed, super::openapi::documented());
    let served = get(&app(), "/api/openapi.json").await.json();
    assert_eq!(served["openapi"], "3.1.0");
}

#[tokio::test]
async fn the_cache_header_is_documented_on_every_cached_answer_and_no_other() {
    let spec = super::openapi::spec();
    let header = super::cache::STALE_HEADER;
    let marked = &spec["components"]["headers"]["Cache"];
    // The one value the cache sets (`after_a_store_change_the_last_answer_is_served...`
    // checks that it does).
    assert_eq!(marked["schema"]["enum"], serde_json::json!(["stale"]));
    let mut documented = 0;
    for (method, path) in super::openapi::documented() {
        let ok = &spec["paths"][&path][&method]["responses"]["200"];
        let has = !ok["headers"][header].is_null();
        let cached = method == "get" && super::cache::cacheable(&path);
        assert_eq!(has, cached, "{method} {path}");
        documented += usize::from(has);
    }
    assert!(documented >= 10, "{documented} cached answers documented");
    assert!(spec["paths"]["/api/health"]["get"]["responses"]["200"]["headers"].is_null());
}

#[tokio::test]
async fn events_filter_by_directed_actor_and_target() {
    let a = get(&app(), "/api/events?actor=PAK&target=AFG&limit=100").await;
    assert_eq!(a.status, StatusCode::OK);
    let events = events_of(&a);
    assert!(events.len() >= 4, "{}", a.body);
    for e in &events {
        assert!(
            codes(e, "source").iter().any(|c| c.starts_with("PAK")),
            "{e}"
        );
        assert!(
            codes(e, "target").iter().any(|c| c.starts_with("AFG")),
            "{e}"
        );
    }
}

#[tokio::test]
async fn a_dyad_filter_takes_both_directions() {
    let app = app();
    let both = events_of(&get(&app, "/api/events?dyad=PAK,AFG&limit=200").await);
    let there = events_of(&get(&app, "/api/events?actor=PAK&target=AFG&limit=200").await);
    let back = events_of(&get(&app, "/api/events?actor=AFG&target=PAK&limit=200").await);
    assert!(!there.is_empty() && !back.is_empty());
    assert_eq!(both.len(), there.len() + back.len());
}

#[tokio::test]
async fn events_filter_by_type_cameo_modality_dates_and_text() {
    let app = app();
    for e in events_of(&get(&app, "/api/events?type=assault&limit=200").await) {
        assert_eq!(e["event"]["plover"]["type"], "ASSAULT");
    }
    let cameo = events_of(&get(&app, "/api/events?cameo=19&limit=200").await);
    assert!(!cameo.is_empty());
    assert!(cameo.iter().all(|e| e["event"]["cameo"]["code"]
        .as_str()
        .is_some_and(|c| c.starts_with("19"))));
    for e in events_of(&get(&app, "/api/events?modality=asserted&limit=200").await) {
        assert_eq!(e["event"]["modality"], "asserted");
    }
    let window = events_of(&get(&app, "/api/events?from=2025-10-29&to=2025-10-29&limit=200").await);
    assert!(!window.is_empty());
    assert!(
        window.iter().all(|e| e["event"]["date"] == "2025-10-29"),
        "{window:?}"
    );
    let text = events_of(&get(&app, "/api/events?q=Chaman&limit=200").await);
    assert!(!text.is_empty());
    assert!(text.iter().all(
        |e| e["title"].as_str().is_some_and(|t| t.contains("Chaman"))
            || e["event"]["evidence"]["text"].is_string()
    ));
}

#[tokio::test]
async fn pages_of_events_chain_through_next_links_without_overlap() {
    let app = app();
    let all = get(&app, "/api/events?limit=1000&count=true").await.json();
    let total = all["total"].as_u64().unwrap_or(0) as usize;
    assert!(total > 10);
    assert_eq!(all["events"].as_array().map(Vec::len), Some(total));
    let mut seen = Vec::new();
    let mut next = Some("/api/events?limit=7".to_string());
    while let Some(uri) = next {
        let page = get(&app, &uri).await.json();
        for e in page["events"].as_array().cloned().unwrap_or_default() {
            seen.push(e["id"].as_str().unwrap_or_default().to_string());
        }
        next = page["next"].as_str().map(str::to_string);
    }
    assert_eq!(seen.len(), total);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), total, "no event appears on two pages");
}

#[tokio::test]
async fn events_come_as_csv_with_a_header_row() {
    let a = get(&app(), "/api/events?actor=PAK&format=csv&limit=3").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let lines: Vec<&str> = a.body.split("\r\n").filter(|l| !l.is_empty()).collect();
    // The columns of `attache export`, so both files read the same way.
    let export: Vec<&str> = crate::cmd::export::EVENT_COLUMNS
        .iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(lines[0], export.join(","));
    assert_eq!(lines.len(), 4);
    assert!(
        a.headers.get(header::LINK).is_some(),
        "the next page is in a Link header"
    );
}

#[tokio::test]
async fn one_event_by_id_and_a_json_404_for_unknown_ids() {
    let app = app();
    let first = events_of(&get(&app, "/api/events?limit=1").await);
    let id = first[0]["id"].as_str().unwrap_or_default().to_string();
    let one = get(&app, &format!("/api/events/{id}")).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.json()["id"], id.as_str());
    let missing = get(&app, "/api/events/nope-0").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.headers[header::CONTENT_TYPE], "application/json");
    assert!(missing.json()["error"]
        .as_str()
        .is_some_and(|m| m.contains("nope-0")));
}

#[tokio::test]
async fn bad_parameters_are_json_400s_that_name_the_parameter() {
    let app = app();
    for (uri, word) in [
        ("/api/events?type=FIGHT", "type"),
        ("/api/events?from=2025-13-01", "from"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=abc", "limit"),
        ("/api/events?actr=PAK", "actr"),
        ("/api/events?format=xml", "format"),
        ("/api/dyads/PAK/AFG/series?by=year", "by"),
        ("/api/actors/%3Cscript%3E", "code"),
        ("/api/search", "q"),
    ] {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{uri}: {}", a.body);
        let message = a.json()["error"].as_str().unwrap_or_default().to_string();
        assert!(message.contains(word), "{uri}: {message}");
    }
}

#[tokio::test]
async fn unknown_endpoints_and_methods_answer_json() {
    let app = app();
    let a = get(&app, "/api/nothing").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.json()["error"]
        .as_str()
        .is_some_and(|m| m.contains("/api/nothing")));
    let b = send(&app, request("DELETE", "/api/events", &[], "")).await;
    assert_eq!(b.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(b.json()["error"].is_string());
}

#[tokio::test]
async fn an_article_comes_with_mentions_and_events_whose_spans_fit_its_text() {
    let id = id_of("03-shelling.txt");
    let a = get(&app(), &format!("/api/articles/{id}")).await;
    assert_eq!(a.status, StatusCode::OK);
    let j = a.json();
    let text = j["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("CHAMAN:"));
    assert!(!j["mentions"].as_array().is_none_or(Vec::is_empty));
    let events = j["events"].as_array().cloned().unwrap_or_default();
    assert!(!events.is_empty());
    for e in events {
        let ev = &e["event"]["evidence"];
        let (s, t) = (
            ev["start"].as_u64().unwrap_or(0) as usize,
            ev["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(
            text.get(s..t),
            ev["text"].as_str(),
            "evidence span of {}",
            e["id"]
        );
    }
    assert_eq!(
        get(&app(), "/api/articles/unknown").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn stories_list_and_one_story_with_its_outlets() {
    let app = app();
    let list = get(&app, "/api/stories?min_outlets=2").await.json();
    assert!(
        list["stories"].as_array().is_some_and(|s| s.len() >= 3),
        "{list}"
    );
    let article = get(&app, &format!("/api/articles/{}", id_of("03-shelling.txt")))
        .await
        .json();
    let id = article["story_id"].as_str().unwrap_or_default().to_string();
    let one = get(&app, &format!("/api/stories/{id}")).await.json();
    let sites: std::collections::BTreeSet<&str> = one["members"]
        .as_array()
        .map(|m| m.iter().filter_map(|x| x["site"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        sites.into_iter().collect::<Vec<_>>(),
        ["Frontier Ledger", "Indus Wire"],
        "{one}"
    );
    assert!(!one["events"].as_array().is_none_or(Vec::is_empty));
    assert_eq!(
        get(&app, "/api/stories/none").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn actors_and_their_counterparts_with_counts() {
    let app = app();
    let list = get(&app, "/api/actors?prefix=pak").await.json();
    let actors = list["actors"].as_array().cloned().unwrap_or_default();
    assert!(actors
        .iter()
        .all(|a| a["code"].as_str().is_some_and(|c| c.starts_with("PAK"))));
    let pak = get(&app, "/api/actors/PAK").await.json();
    let afg = pak["counterparts"]
        .as_array()
        .and_then(|c| {
            c.iter()
                .find(|x| x["code"].as_str().is_some_and(|c| c.starts_with("AFG")))
                .cloned()
        })
        .unwrap_or_default();
    assert!(
        afg["as_target"].as_u64().unwrap_or(0) + afg["as_source"].as_u64().unwrap_or(0) > 0,
        "{pak}"
    );
    assert_eq!(
        get(&app, "/api/actors/ZZZ").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn dyad_series_bucket_by_day_week_and_month() {
    let app = app();
    let day = get(&app, "/api/dyads/PAK/AFG/series?by=day").await.json();
    let week = get(&app, "/api/dyads/PAK/AFG/series?by=week").await.json();
    let month = get(&app, "/api/dyads/PAK/AFG/series?by=month").await.json();
    let total = |j: &Value| -> u64 {
        j["buckets"]
            .as_array()
            .map_or(0, |b| b.iter().filter_map(|x| x["events"].as_u64()).sum())
    };
    assert!(total(&day) > 0);
    assert_eq!(total(&day), total(&week));
    assert_eq!(total(&day), total(&month));
    assert!(day["buckets"][0]["period"]
        .as_str()
        .is_some_and(|p| p.len() == 10));
    assert!(month["buckets"][0]["period"]
        .as_str()
        .is_some_and(|p| p.len() == 7));
    let types = get(&app, "/api/series/types?by=month").await.json();
    assert!(!types["buckets"].as_array().is_none_or(Vec::is_empty));
    let top = get(&app, "/api/dyads?limit=3").await.json();
    assert_eq!(top["dyads"].as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn search_finds_articles_by_their_words() {
    let j = get(&app(), "/api/search?q=Chaman").await.json();
    let hits = j["hits"].as_array().cloned().unwrap_or_default();
    assert!(hits.len() >= 2);
    assert!(hits.iter().all(|h| h["snippet"]
        .as_str()
        .is_some_and(|s| s.contains("[Chaman]"))));
}

#[tokio::test]
async fn hostile_markup_is_escaped_on_every_page_that_shows_it() {
    let app = app();
    let id = id_of("hostile-page.txt");
    let article = get(&app, &format!("/articles/{id}")).await;
    assert_eq!(article.status, StatusCode::OK);
    let story = get(&app, "/stories").await;
    let search = get(&app, "/search?q=warns").await;
    let overview = get(&app, "/").await;
    for (name, page) in [
        ("article", &article),
        ("stories", &story),
        ("search", &search),
        ("overview", &overview),
    ] {
        assert!(
            !page.body.contains("<script>alert"),
            "{name} runs injected script"
        );
        assert!(
            !page.body.contains("<img src=x"),
            "{name} has injected markup"
        );
        assert!(
            !page.body.contains("href=\"javascript:"),
            "{name} links to javascript:"
        );
        assert_eq!(
            page.body.matches("<script").count(),
            1,
            "{name}: only app.js"
        );
    }
    assert!(article
        .body
        .contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"));
    assert!(article
        .body
        .contains("&lt;img src=x onerror=alert(&#39;img&#39;)&gt;"));
    // The API returns the text as data; JSON escaping is the client's business, but the
    // content type must say JSON so a browser never renders it as HTML.
    let api = get(&app, &format!("/api/articles/{id}")).await;
    assert_eq!(api.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(api.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

#[tokio::test]
async fn every_answer_carries_the_content_security_policy() {
    let app = app();
    for uri in [
        "/",
        "/api/events?limit=1",
        "/assets/app.js",
        "/api/nothing",
        "/nothing",
    ] {
        let a = get(&app, uri).await;
        let csp = a
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert_eq!(csp, super::security::CSP, "{uri}");
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(a.headers[header::X_FRAME_OPTIONS], "DENY", "{uri}");
    }
}

#[tokio::test]
async fn dashboard_pages_render_and_unknown_pages_are_html_404s() {
    let app = app();
    let article = id_of("01-border-warning.txt");
    for uri in [
        "/".to_string(),
        "/events?actor=PAK&type=ACCUSE".into(),
        "/actors".into(),
        "/actors/PAK".into(),
        "/stories".into(),
        "/dyads/PAK/AFG?by=week&undirected=true".into(),
        format!("/articles/{article}"),
        "/search?q=ceasefire".into(),
    ] {
        let a = get(&app, &uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.body);
        assert!(a.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("")
            .starts_with("text/html"));
        assert!(a.body.contains("</html>"), "{uri}");
    }
    let dyad = get(&app, "/dyads/PAK/AFG").await;
    assert!(dyad
        .body
        .contains(r#"data-src="/api/dyads/PAK/AFG/series?by=day&amp;undirected=false""#));
    assert!(dyad.body.contains("#ev-"), "events link to their evidence");
    let page = get(&app, &format!("/articles/{article}")).await;
    assert!(page.body.contains(r#"<mark class="evidence"#));
    assert!(page.body.contains(r#"class="rule""#));
    let missing = get(&app, "/nothing/here").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Not found"));
    let bad = get(&app, "/events?type=FIGHT").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("</html>"));
}

#[tokio::test]
async fn the_write_endpoint_is_off_without_a_token_and_guarded_with_one() {
    let body = r#"{"url": "https://example.org/news/1"}"#;
    let off = send(
        &app(),
        request(
            "POST",
            "/api/ingest",
            &[("content-type", "application/json")],
            body,
        ),
    )
    .await;
    assert_eq!(off.status, StatusCode::FORBIDDEN);
    assert!(off.json()["error"]
        .as_str()
        .is_some_and(|m| m.contains("ATTACHE_TOKEN")));
    let (app, _) = app_with(Settings {
        token: Some("a-test-token-of-some-length".into()),
        ..settings()
    });
    let anonymous = send(&app, request("POST", "/api/ingest", &[], body)).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let wrong = send(
        &app,
        request(
            "POST",
            "/api/ingest",
            &[("authorization", "Bearer nope")],
            body,
        ),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let auth = [("authorization", "Bearer a-test-token-of-some-length")];
    let bad_url = send(
        &app,
        request(
            "POST",
            "/api/ingest",
            &auth,
            r#"{"url": "file:///etc/passwd"}"#,
        ),
    )
    .await;
    assert_eq!(bad_url.status, StatusCode::BAD_REQUEST);
    let huge = format!(
        r#"{{"url": "https://e.org/{}"}}"#,
        "x".repeat(super::MAX_BODY_BYTES)
    );
    let too_big = send(&app, request("POST", "/api/ingest", &auth, &huge)).await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(too_big.json()["error"].is_string(), "{}", too_big.body);
    let status = get(&app, "/api/ingest/1").await;
    assert_eq!(status.status, StatusCode::UNAUTHORIZED);
}

/// Issue 15: answers made outside the handlers (body too large, target too long, headers too
/// large) carried no security headers and no JSON body under /api/.
#[tokio::test]
async fn oversized_requests_get_security_headers_and_json_errors() {
    let app = app();
    let long = format!("/api/events?q={}", "x".repeat(super::MAX_URI_BYTES));
    let big_header = "y".repeat(super::MAX_HEADER_BYTES + 1);
    let big_body = "z".repeat(super::MAX_BODY_BYTES + 1);
    let length = big_body.len().to_string();
    let answers = [
        (
            StatusCode::URI_TOO_LONG,
            send(&app, request("GET", &long, &[], "")).await,
        ),
        (
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            send(
                &app,
                request("GET", "/api/health", &[("x-padding", &big_header)], ""),
            )
            .await,
        ),
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            send(
                &app,
                request(
                    "POST",
                    "/api/ingest",
                    &[("content-length", &length)],
                    &big_body,
                ),
            )
            .await,
        ),
    ];
    for (want, a) in answers {
        assert_eq!(a.status, want, "{}", a.body);
        assert!(
            a.headers.contains_key("content-security-policy"),
            "{want}: {:?}",
            a.headers
        );
        assert_eq!(
            a.headers.get("x-frame-options").map(|v| v.as_bytes()),
            Some(&b"DENY"[..]),
            "{want}"
        );
        assert!(a.json()["error"].is_string(), "{want}: {}", a.body);
    }
    // Outside /api/ the answer is not JSON but still carries the headers.
    let page = send(
        &app,
        request("GET", &long.replacen("/api/", "/", 1), &[], ""),
    )
    .await;
    assert_eq!(page.status, StatusCode::URI_TOO_LONG);
    assert!(page.headers.contains_key("content-security-policy"));
}

/// Issue 15: a client that sends part of a request head and then nothing held its
/// connection forever (1,100 of them exhausted the descriptors). The server now closes it
/// after the header-read timeout.
#[tokio::test]
async fn a_slow_partial_request_is_disconnected_after_the_header_timeout() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("bind: {e}"));
    let addr = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("local addr: {e}"));
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(super::accept_loop(
        listener,
        app(),
        std::time::Duration::from_millis(300),
        async move {
            let _ = stop_rx.await;
        },
    ));
    let mut client = tokio::net::TcpStream::connect(addr)
        .await
        .unwrap_or_else(|e| panic!("connect: {e}"));
    client
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .await
        .unwrap_or_else(|e| panic!("write: {e}"));
    let mut buf = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        client.read_to_end(&mut buf),
    )
    .await;
    assert!(
        read.is_ok(),
        "the server still held the half-sent request after 20 s"
    );
    // A complete request on a new connection is still served.
    let mut ok = tokio::net::TcpStream::connect(addr)
        .await
        .unwrap_or_else(|e| panic!("connect: {e}"));
    ok.write_all(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await
        .unwrap_or_else(|e| panic!("write: {e}"));
    let mut answer = Vec::new();
    let _ = ok.read_to_end(&mut answer).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("content-security-policy"),
        "{answer}"
    );
    let _ = stop_tx.send(());
    let _ = server.await;
}

#[tokio::test]
async fn a_client_over_its_rate_gets_json_429s() {
    let (app, _) = app_with(Settings {
        rate_limit: 2,
        ..settings()
    });
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(get(&app, "/api/health").await.status);
    }
    assert_eq!(statuses[0], StatusCode::OK);
    let limited = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(limited >= 1, "{statuses:?}");
}

#[tokio::test]
async fn requests_for_foreign_host_names_are_refused_on_loopback() {
    let app = app();
    let evil = send(
        &app,
        request(
            "GET",
            "/api/events",
            &[("host", "attacker.example:8080")],
            "",
        ),
    )
    .await;
    assert_eq!(evil.status, StatusCode::MISDIRECTED_REQUEST);
    let local = send(
        &app,
        request("GET", "/api/health", &[("host", "localhost:8080")], ""),
    )
    .await;
    assert_eq!(local.status, StatusCode::OK);
}

#[tokio::test]
async fn answers_are_cached_until_the_store_changes() {
    let (app, state) = app_with(Settings {
        cache: true,
        ..settings()
    });
    let first = get(&app, "/api/dyads/PAK/AFG/series").await;
    assert_eq!(state.0.cache.len(), 1);
    let second = get(&app, "/api/dyads/PAK/AFG/series").await;
    assert_eq!(first.body, second.body);
    assert_eq!(second.headers[header::CONTENT_TYPE], "application/json");
    assert!(second
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .is_some());
    assert!(second.headers.get(super::cache::STALE_HEADER).is_none());
    get(&app, "/api/events/nope").await;
    assert_eq!(state.0.cache.len(), 1, "errors are not cached");
}

#[tokio::test]
async fn after_a_store_change_the_last_answer_is_served_while_it_is_redone() {
    let (app, state) = app_with(Settings {
        cache: true,
        ..settings()
    });
    let uri = "/api/dyads/PAK/AFG/series?by=week";
    let first = get(&app, uri).await;
    assert_eq!(first.status, StatusCode::OK);
    state.0.cache.invalidate();
    assert_eq!(state.0.cache.fresh_len(), 0);
    let stale = get(&app, uri).await;
    assert_eq!(stale.status, StatusCode::OK);
    assert_eq!(stale.body, first.body, "the last answer, not an empty one");
    assert_eq!(
        stale
            .headers
            .get(super::cache::STALE_HEADER)
            .map(|v| v.as_bytes()),
        Some(&b"stale"[..]),
        "an answer of an older generation is marked"
    );
    assert_eq!(stale.headers[header::CONTENT_TYPE], "application/json");
    // Stale answers keep coming while one is redone in the background (no sooner than
    // `REFRESH_SPACING` times its computing time); then answers are fresh again.
    let mut again = stale;
    for _ in 0..500 {
        if again.headers.get(super::cache::STALE_HEADER).is_none() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        again = get(&app, uri).await;
        assert_eq!(again.status, StatusCode::OK);
    }
    assert!(
        again.headers.get(super::cache::STALE_HEADER).is_none(),
        "the stale answer was redone"
    );
    assert_eq!(state.0.cache.fresh_len(), 1);
    assert_eq!(again.body, first.body);
}

#[tokio::test]
async fn the_dyad_index_path_pages_exactly_like_the_general_query() {
    let (_, state) = app_with(settings());
    let checked = state
        .pool()
        .run(|s| {
            let mut checked = 0;
            for (a, b) in [
                ("PAK", "AFG"),
                ("AFG", "PAK"),
                ("PAKGOV", "AFGGOV"),
                ("A", "P"),
                ("IRN", "PAK"),
            ] {
                for undirected in [false, true] {
                    for (offset, limit) in [(0, 50), (0, 2), (2, 2), (3, 1), (40, 5)] {
                        let f = attache_store::EventFilter {
                            actor: Some(a.into()),
                            target: Some(b.into()),
                            undirected,
                            offset,
                            limit,
                            ..attache_store::EventFilter::default()
                        };
                        let ids = |v: Vec<attache_store::StoredEvent>| -> Vec<String> {
                            v.into_iter().map(|e| e.id).collect()
                        };
                        let fast = ids(s.dyad_events(&f)?);
                        let general = ids(s.events(&f)?);
                        assert_eq!(fast, general, "{a} {b} {undirected} {offset} {limit}");
                        checked += fast.len();
                    }
                }
            }
            Ok(checked)
        })
        .await;
    assert!(checked.is_ok_and(|n| n > 20));
}
