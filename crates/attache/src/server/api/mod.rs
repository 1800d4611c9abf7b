//! `/api/...` handlers: JSON in the store's own shapes (`StoredEvent`, `StoredArticle`,
//! `StorySummary`...), wrapped in an object so fields can be added without breaking clients.

pub mod actors;
pub mod articles;
pub mod dyads;
pub mod events;
pub mod stories;

use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::error::ApiError;
use super::AppState;

/// `GET /api/health`: the server answers and the store can be read.
pub async fn health(State(state): State<AppState>) -> Result<Response, ApiError> {
    let version = state.pool().run(|s| s.change_counter()).await?;
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "schema_version": attache_store::SCHEMA_VERSION,
        "data_version": version,
        "writes": state.settings().token.is_some(),
    }))
    .into_response())
}

/// Any `/api/...` path no route matches.
pub async fn no_such_endpoint(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!(
        "no such endpoint: {method} {} (see /api/openapi.json)",
        uri.path()
    ))
}

/// A known path asked with a method it does not answer.
pub async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::with_status(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} does not answer {method}", uri.path()),
    )
}

/// JSON of a value, as a response.
pub fn json_response<T: serde::Serialize>(value: &T) -> Response {
    Json(value).into_response()
}
