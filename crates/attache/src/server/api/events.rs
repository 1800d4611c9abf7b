//! `/api/events` (filtered pages, JSON or CSV) and `/api/events/{id}`.

use attache_store::{is_dyad_filter, EventFilter, StoreError, StoredEvent};
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::json_response;
use crate::server::csv::events_csv;
use crate::server::error::ApiError;
use crate::server::params::{EventParams, Format, Params, MAX_CSV_ROWS, MAX_EVENTS_PAGE};
use crate::server::{AppState, ServeStore};

/// A page of events.
#[derive(Debug, Serialize)]
pub struct EventPage {
    /// The events, newest day first.
    pub events: Vec<StoredEvent>,
    /// Page size asked for.
    pub limit: usize,
    /// Events skipped.
    pub offset: usize,
    /// All matching events, when `count=true` was asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// The next page's URL, when there is one.
    pub next: Option<String>,
}

/// Events for a filter: pure dyad filters take the store's dyad-index path (a page of a busy
/// pair costs what the page holds), everything else the general query. Same answers.
pub fn find(s: &dyn ServeStore, f: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
    if is_dyad_filter(f) {
        s.dyad_events(f)
    } else {
        s.events(f)
    }
}

/// Fetch a page of events for parameters (shared with the events page).
pub async fn page(
    state: &AppState,
    params: &EventParams,
    max: usize,
) -> Result<EventPage, ApiError> {
    let filter = params.filter(max)?;
    let want_total = params.count.unwrap_or(false);
    let (limit, offset) = (filter.limit, filter.offset);
    let (mut events, total) = state
        .pool()
        .run(move |s| {
            // One more than asked tells whether another page follows without counting.
            let mut probe = filter.clone();
            probe.limit = filter.limit + 1;
            let events = find(s, &probe)?;
            let total = if want_total {
                Some(s.count_events(&filter)?)
            } else {
                None
            };
            Ok((events, total))
        })
        .await?;
    let more = events.len() > limit;
    events.truncate(limit);
    Ok(EventPage {
        events,
        limit,
        offset,
        total,
        next: more.then(|| format!("/api/events?{}", params.with_offset(offset + limit))),
    })
}

/// `GET /api/events`.
pub async fn list(
    State(state): State<AppState>,
    Params(params): Params<EventParams>,
) -> Result<Response, ApiError> {
    match params.format()? {
        Format::Json => Ok(json_response(
            &page(&state, &params, MAX_EVENTS_PAGE).await?,
        )),
        Format::Csv => {
            let mut p = params.clone();
            p.count = None;
            let page = page(&state, &p, MAX_CSV_ROWS).await?;
            let mut response = events_csv(&page.events).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"events.csv\""),
            );
            if let Some(next) = page
                .next
                .and_then(|n| HeaderValue::from_str(&format!("<{n}>; rel=\"next\"")).ok())
            {
                // The CSV has no room for a link; the next page goes in a header.
                headers.insert(header::LINK, next);
            }
            Ok(response)
        }
    }
}

/// `GET /api/events/{id}`.
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let lookup = id.clone();
    match state.pool().run(move |s| s.event(&lookup)).await? {
        Some(e) => Ok(json_response(&e)),
        None => Err(ApiError::not_found(format!("no event has the id {id:?}"))),
    }
}
