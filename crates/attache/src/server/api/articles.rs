//! `/api/articles/{id}` (text, mentions, and the events with their evidence spans) and
//! `/api/search` (full text).

use attache_store::{
    EventFilter, SearchHit, SearchQuery, StoredArticle, StoredEvent, StorySummary,
};
use axum::extract::{Path, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::json_response;
use crate::server::error::ApiError;
use crate::server::params::{self, Params};
use crate::server::AppState;

/// Most events listed with one article (an article with more is a coding accident).
pub const MAX_ARTICLE_EVENTS: usize = 500;

/// An article with its layers and events. Spans (`mentions[].span`, `events[].event.evidence`)
/// are UTF-8 byte offsets into `text`.
#[derive(Debug, Serialize)]
pub struct ArticleView {
    /// The article, its sentences and mentions.
    #[serde(flatten)]
    pub article: StoredArticle,
    /// Events coded from it, in text order.
    pub events: Vec<StoredEvent>,
    /// The story it belongs to.
    pub story: Option<StorySummary>,
}

/// Read an article and its events (shared with the article page).
pub async fn load(state: &AppState, id: String) -> Result<Option<ArticleView>, ApiError> {
    state
        .pool()
        .run(move |s| {
            let Some(article) = s.article(&id)? else {
                return Ok(None);
            };
            let mut events = s.events(&EventFilter {
                article: Some(id),
                limit: MAX_ARTICLE_EVENTS,
                ..EventFilter::default()
            })?;
            events.sort_by_key(|e| (e.event.evidence.start, e.event.evidence.end));
            let story = s.story(&article.story_id)?.map(|d| d.summary);
            Ok(Some(ArticleView {
                article,
                events,
                story,
            }))
        })
        .await
}

/// `GET /api/articles/{id}`.
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let view = ApiError::found(load(&state, id.clone()).await?, "article", &id)?;
    Ok(json_response(&view))
}

/// Parameters of `/api/search`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// Words; `"quoted words"` match as a phrase.
    pub q: Option<String>,
    /// Page size.
    pub limit: Option<usize>,
    /// Hits to skip.
    pub offset: Option<usize>,
}

/// Search hits.
#[derive(Debug, Serialize)]
pub struct SearchPage {
    /// Hits, best first; snippets mark the matching words with `[` `]`.
    pub hits: Vec<SearchHit>,
    /// The query as understood.
    pub q: String,
}

/// Run a search (shared with the search page).
pub async fn run(state: &AppState, p: &SearchParams) -> Result<SearchPage, ApiError> {
    let q = params::text("q", p.q.as_deref().unwrap_or(""))?;
    if q.is_empty() {
        return Err(ApiError::bad_request(
            "q (the words to search for) is required",
        ));
    }
    let query = SearchQuery {
        text: q.clone(),
        limit: params::limit(p.limit, 20, 200)?,
        offset: params::offset(p.offset)?,
    };
    let hits = state.pool().run(move |s| s.search(&query)).await?;
    Ok(SearchPage { hits, q })
}

/// `GET /api/search`.
pub async fn search(
    State(state): State<AppState>,
    Params(p): Params<SearchParams>,
) -> Result<Response, ApiError> {
    Ok(json_response(&run(&state, &p).await?))
}
