//! The OpenAPI 3.1 document of `/api`, served at `/api/openapi.json`.
//!
//! Written by hand next to the routes; a test checks that every route of
//! [`super::api_routes`] is documented here and every documented path is routed, so the two
//! cannot drift apart.

use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::cache::{cacheable, STALE_HEADER};
use super::params::{DEFAULT_EVENTS_PAGE, MAX_CSV_ROWS, MAX_EVENTS_PAGE, MAX_OFFSET};
use crate::cmd::export::EVENT_COLUMNS;

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

fn path(name: &str, description: &str) -> Value {
    json!({ "name": name, "in": "path", "required": true, "description": description,
            "schema": { "type": "string" } })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn date() -> Value {
    json!({ "type": "string", "format": "date" })
}

fn limit(default: usize, max: usize) -> Value {
    query(
        "limit",
        "Page size.",
        json!({ "type": "integer", "minimum": 1, "maximum": max, "default": default }),
    )
}

fn offset() -> Value {
    query(
        "offset",
        "Items to skip.",
        json!({ "type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0 }),
    )
}

/// A JSON 200 answer described in words, plus the error answers every endpoint can give.
fn answers(description: &str, extra: &[(&str, &str)]) -> Value {
    let mut r = json!({
        "200": { "description": description, "content": { "application/json": {} } },
        "400": { "$ref": "#/components/responses/Error" },
        "429": { "$ref": "#/components/responses/Error" },
        "500": { "$ref": "#/components/responses/Error" },
    });
    for (status, why) in extra {
        r[*status] = json!({ "description": why,
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    }
    r
}

fn get(summary: &str, parameters: Vec<Value>, responses: Value) -> Value {
    json!({ "get": { "summary": summary, "parameters": parameters, "responses": responses } })
}

fn include_unasserted() -> Value {
    query(
        "include_unasserted",
        "Count negated, hypothetical, conditional and background events too (by default only happenings count).",
        json!({ "type": "boolean" }),
    )
}

fn series_params(undirected: bool) -> Vec<Value> {
    let mut p = vec![
        query(
            "by",
            "Bucket size.",
            json!({ "type": "string", "enum": ["day", "week", "month"] }),
        ),
        query("from", "First day (inclusive).", date()),
        query("to", "Last day (inclusive).", date()),
        include_unasserted(),
    ];
    if undirected {
        p.push(query(
            "undirected",
            "Count b to a as well.",
            json!({ "type": "boolean" }),
        ));
    }
    p
}

/// The document.
pub fn spec() -> Value {
    let event_params = vec![
        query("actor", "Source actor code prefix (PAK matches PAKGOV).", string()),
        query("target", "Target actor code prefix.", string()),
        query("dyad", "Two codes A,B: events between them in either direction.", string()),
        query("type", "PLOVER 2.0 type (ASSAULT, THREATEN...).", string()),
        query("cameo", "CAMEO code prefix (19, 1124).", string()),
        query("modality", "asserted, negated, future, intended, hypothetical or conditional.", string()),
        query("from", "First day (inclusive).", date()),
        query("to", "Last day (inclusive).", date()),
        query("q", "Words the reporting article must contain.", string()),
        query("story", "Only events of this story.", string()),
        query("article", "Only events of this article.", string()),
        query("first_only", "Only the first report of each happening.", json!({ "type": "boolean" })),
        limit(DEFAULT_EVENTS_PAGE, MAX_EVENTS_PAGE),
        offset(),
        query("format", &format!("json, or csv (up to {MAX_CSV_ROWS} rows; the columns of `attache export`: {}; next page in the Link header).", EVENT_COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")),
            json!({ "type": "string", "enum": ["json", "csv"] })),
        query("count", "Also count every matching event (one more query).", json!({ "type": "boolean" })),
    ];
    let mut events = get(
        "Events matching filters, newest day first: {events, limit, offset, next, total?}.",
        event_params,
        answers("A page of events.", &[]),
    );
    events["get"]["responses"]["200"]["content"]["text/csv"] = json!({});
    let mut dyad_params = vec![
        path("a", "Source code prefix."),
        path("b", "Target code prefix."),
    ];
    dyad_params.extend(series_params(true));
    let paths = json!({
        "/api/health": get("The server answers and the store is readable.", vec![],
            answers("{status, version, schema_version, data_version, writes}.", &[])),
        "/api/openapi.json": get("This document.", vec![], answers("OpenAPI 3.1.", &[])),
        "/api/events": events,
        "/api/events/{id}": get("One event with its evidence, rule and corroboration.",
            vec![path("id", "Event id (ARTICLEID-N).")],
            answers("The event.", &[("404", "No event has this id.")])),
        "/api/articles/{id}": get(
            "An article: text, sentences, mentions and events. Spans are UTF-8 byte offsets into text.",
            vec![path("id", "Article id.")],
            answers("The article.", &[("404", "No article has this id.")])),
        "/api/search": get("Full-text search over articles: {q, hits}; snippets mark matches with [ ].",
            vec![query("q", "Words; \"quoted words\" match as a phrase.", string()), limit(20, 200), offset()],
            answers("Hits, best first.", &[])),
        "/api/stories": get("Stories (articles about one happening across outlets), most recent first.",
            vec![query("from", "Active on or after this day.", date()),
                 query("to", "Started on or before this day.", date()),
                 query("min_outlets", "At least this many outlets.", json!({ "type": "integer", "minimum": 0 })),
                 limit(50, 500), offset()],
            answers("{stories}.", &[])),
        "/api/stories/{id}": get("A story: its articles by outlet and its happenings.",
            vec![path("id", "Story id.")],
            answers("The story.", &[("404", "No story has this id.")])),
        "/api/actors": get("Actor codes in events, most active first, with names and counts per role.",
            vec![query("prefix", "Only codes starting with this.", string()), limit(100, 1000), offset()],
            answers("{actors}.", &[])),
        "/api/actors/{code}": get("Whom an actor deals with: counterparts with counts in each direction.",
            vec![path("code", "Actor code prefix.")],
            answers("{code, name, counterparts}.", &[("404", "No event or mention involves this actor.")])),
        "/api/dyads": get("The most active country-level dyads.",
            vec![query("from", "First day.", date()), query("to", "Last day.", date()), limit(20, 500), include_unasserted()],
            answers("{dyads}.", &[])),
        "/api/dyads/{a}/{b}/series": get(
            "What a did to b over time: happenings per bucket, per PLOVER type and quad class, mean intensity and Goldstein.",
            dyad_params,
            answers("{a, b, by, undirected, buckets}.", &[])),
        "/api/series/types": get("Happenings (each counted once, on its first report) per PLOVER type over time, whole store, with report counts beside them (reports, reports_by_type).",
            series_params(false), answers("{by, buckets}.", &[])),
        "/api/ingest": { "post": {
            "summary": "Queue a URL for `attache ingest`. Off unless the server has a token.",
            "security": [{ "bearer": [] }],
            "requestBody": { "required": true, "content": { "application/json": { "schema": {
                "type": "object", "required": ["url"], "additionalProperties": false,
                "properties": { "url": { "type": "string", "format": "uri" } } } } } },
            "responses": {
                "202": { "description": "Queued: {job, url, state}.", "content": { "application/json": {} } },
                "400": { "$ref": "#/components/responses/Error" },
                "401": { "$ref": "#/components/responses/Error" },
                "403": { "$ref": "#/components/responses/Error" },
                "413": { "$ref": "#/components/responses/Error" },
                "503": { "$ref": "#/components/responses/Error" } } } },
        "/api/ingest/{job}": { "get": {
            "summary": "An ingest job's state and output.",
            "security": [{ "bearer": [] }],
            "parameters": [path("job", "Job number.")],
            "responses": answers("{job, url, state, exit_code, output}.", &[
                ("401", "No or wrong token."), ("403", "Write endpoints are off."), ("404", "No such job.")]) } },
    });
    let mut paths = paths;
    if let Some(items) = paths.as_object_mut() {
        for (_, item) in items.iter_mut().filter(|(path, _)| cacheable(path)) {
            if let Some(ok) = item.pointer_mut("/get/responses/200") {
                ok["headers"] = json!({ STALE_HEADER: { "$ref": "#/components/headers/Cache" } });
            }
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "attache",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Who did what to whom, when, where, according to whom: events coded from news, with their evidence. Read-only except /api/ingest. Errors are JSON {\"error\": message}.",
        },
        "paths": paths,
        "components": {
            "schemas": { "Error": { "type": "object", "required": ["error"],
                "properties": { "error": { "type": "string" } } } },
            "responses": { "Error": { "description": "What went wrong.",
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } },
            "headers": { "Cache": {
                "description": "Set to `stale` when the answer was computed before the store last changed (an ingest committed since) and is being recomputed in the background; the next requests get the new answer once it is ready. Absent when the answer reflects the store as it is now (kept or just computed). Answers are kept by URL only when the server runs with its cache on.",
                "schema": { "type": "string", "enum": ["stale"] } } },
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
        },
    })
}

/// `GET /api/openapi.json`.
pub async fn document() -> Response {
    Json(spec()).into_response()
}

/// `(method, path)` of every documented operation.
#[cfg(test)]
pub fn documented() -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(paths) = spec()["paths"].as_object() {
        for (path, item) in paths {
            if let Some(ops) = item.as_object() {
                for method in ops.keys() {
                    out.push((method.clone(), path.clone()));
                }
            }
        }
    }
    out.sort();
    out
}
