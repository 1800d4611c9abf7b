//! The analyst dashboard: server-rendered HTML pages over the same store reads as the API.
//! Charts are drawn in the browser by `assets/app.js` from the API's JSON; everything else
//! is plain HTML that works without JavaScript.

mod actor;
mod article;
mod layout;
mod lists;
mod overview;
mod parts;
mod story;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::html::Esc;
use super::AppState;
pub use layout::{page, Nav};

/// The page routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(overview::overview))
        .route("/events", get(lists::events))
        .route("/actors", get(lists::actors))
        .route("/stories", get(lists::stories))
        .route("/search", get(lists::search))
        .route("/dyads/{a}/{b}", get(actor::dyad))
        .route("/actors/{code}", get(actor::actor))
        .route("/articles/{id}", get(article::article))
        .route("/stories/{id}", get(story::story))
}

/// An error shown as a page.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        let heading = match e.status {
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::BAD_REQUEST => "That request is not understood",
            _ => "Something went wrong",
        };
        let body = format!(
            r#"<section class="card error-page"><h1>{heading}</h1><p>{}</p><p><a href="/">Back to the overview</a></p></section>"#,
            Esc(&e.message)
        );
        (e.status, Html(page(heading, Nav::None, "", &body))).into_response()
    }
}

/// The result of a page handler.
pub type PageResult = Result<Html<String>, PageError>;

/// Query parameters of a page, with errors shown as a page.
pub struct PageQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for PageQuery<T> {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, PageError> {
        Query::<T>::try_from_uri(&parts.uri)
            .map(|Query(t)| PageQuery(t))
            .map_err(|e| {
                PageError(ApiError::bad_request(format!(
                    "bad query string: {}",
                    e.body_text()
                )))
            })
    }
}

/// Any path no route matches: a 404 page, or a JSON 404 under `/api/`.
pub async fn not_found(method: Method, uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return super::api::no_such_endpoint(method, uri)
            .await
            .into_response();
    }
    PageError(ApiError::not_found(format!(
        "nothing lives at {}",
        uri.path()
    )))
    .into_response()
}
