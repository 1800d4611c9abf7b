//! `/api/stories` and `/api/stories/{id}`: articles about the same happening across outlets.

use attache_store::{EventFilter, StoredEvent, StoryDetail, StoryFilter, StorySummary};
use axum::extract::{Path, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::json_response;
use crate::server::error::ApiError;
use crate::server::params::{self, Params};
use crate::server::AppState;

/// Most events listed with one story.
pub const MAX_STORY_EVENTS: usize = 500;

/// Parameters of `/api/stories`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryParams {
    /// Only stories active on or after this day.
    pub from: Option<String>,
    /// Only stories that started on or before this day.
    pub to: Option<String>,
    /// At least this many outlets.
    pub min_outlets: Option<u32>,
    /// Page size.
    pub limit: Option<usize>,
    /// Stories to skip.
    pub offset: Option<usize>,
}

impl StoryParams {
    /// The store filter.
    pub fn filter(&self) -> Result<StoryFilter, ApiError> {
        Ok(StoryFilter {
            from_day: params::day("from", self.from.as_deref())?,
            to_day: params::day("to", self.to.as_deref())?,
            min_outlets: self.min_outlets.unwrap_or(0),
            limit: params::limit(self.limit, 50, 500)?,
            offset: params::offset(self.offset)?,
        })
    }
}

/// A page of stories.
#[derive(Debug, Serialize)]
pub struct StoryList {
    /// Most recent first.
    pub stories: Vec<StorySummary>,
}

/// `GET /api/stories`.
pub async fn list(
    State(state): State<AppState>,
    Params(p): Params<StoryParams>,
) -> Result<Response, ApiError> {
    let filter = p.filter()?;
    let stories = state.pool().run(move |s| s.stories(&filter)).await?;
    Ok(json_response(&StoryList { stories }))
}

/// A story, its articles and the happenings coded from it.
#[derive(Debug, Serialize)]
pub struct StoryView {
    /// Summary and member articles.
    #[serde(flatten)]
    pub story: StoryDetail,
    /// First reports of each happening in the story.
    pub events: Vec<StoredEvent>,
}

/// Read a story (shared with the story page).
pub async fn load(state: &AppState, id: String) -> Result<Option<StoryView>, ApiError> {
    state
        .pool()
        .run(move |s| {
            let Some(story) = s.story(&id)? else {
                return Ok(None);
            };
            let events = s.events(&EventFilter {
                story: Some(id),
                first_reports_only: true,
                limit: MAX_STORY_EVENTS,
                ..EventFilter::default()
            })?;
            Ok(Some(StoryView { story, events }))
        })
        .await
}

/// `GET /api/stories/{id}`.
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let view = ApiError::found(load(&state, id.clone()).await?, "story", &id)?;
    Ok(json_response(&view))
}
