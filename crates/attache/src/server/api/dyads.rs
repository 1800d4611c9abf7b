//! `/api/dyads` (most active pairs), `/api/dyads/{a}/{b}/series` (what `a` did to `b` over
//! time) and `/api/series/types` (happenings per PLOVER type over time, whole store).

use attache_store::{
    DyadBucket, DyadCount, DyadQuery, Period, TopDyadsQuery, TypeBucket, TypeSeriesQuery,
};
use axum::extract::{Path, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::json_response;
use crate::server::error::ApiError;
use crate::server::params::{self, Params};
use crate::server::AppState;

/// Parameters of `/api/dyads`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopParams {
    /// First day.
    pub from: Option<String>,
    /// Last day.
    pub to: Option<String>,
    /// How many pairs.
    pub limit: Option<usize>,
    /// Count negated, hypothetical, conditional and background events too.
    pub include_unasserted: Option<bool>,
}

/// The most active dyads.
#[derive(Debug, Serialize)]
pub struct TopDyads {
    /// Most happenings first.
    pub dyads: Vec<DyadCount>,
}

/// Rank dyads (shared with the overview page).
pub async fn load_top(state: &AppState, p: &TopParams) -> Result<TopDyads, ApiError> {
    let query = TopDyadsQuery {
        from_day: params::day("from", p.from.as_deref())?,
        to_day: params::day("to", p.to.as_deref())?,
        include_unasserted: p.include_unasserted.unwrap_or(false),
        limit: params::limit(p.limit, 20, 500)?,
    };
    let dyads = state.pool().run(move |s| s.top_dyads(&query)).await?;
    Ok(TopDyads { dyads })
}

/// `GET /api/dyads`.
pub async fn top(
    State(state): State<AppState>,
    Params(p): Params<TopParams>,
) -> Result<Response, ApiError> {
    Ok(json_response(&load_top(&state, &p).await?))
}

/// Parameters of the series endpoints.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesParams {
    /// `day`, `week` or `month`.
    pub by: Option<String>,
    /// First day.
    pub from: Option<String>,
    /// Last day.
    pub to: Option<String>,
    /// Count `b` to `a` as well (dyad series only).
    pub undirected: Option<bool>,
    /// Count negated, hypothetical, conditional and background events too.
    pub include_unasserted: Option<bool>,
}

/// A dyad's time series.
#[derive(Debug, Serialize)]
pub struct DyadSeries {
    /// Source code prefix.
    pub a: String,
    /// Target code prefix.
    pub b: String,
    /// Bucket size.
    pub by: &'static str,
    /// Whether `b` to `a` counts too.
    pub undirected: bool,
    /// Buckets with happenings, oldest first (empty buckets are left out).
    pub buckets: Vec<DyadBucket>,
}

/// The name of a period.
pub fn period_name(p: Period) -> &'static str {
    match p {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
    }
}

/// `GET /api/dyads/{a}/{b}/series`.
pub async fn series(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    Params(p): Params<SeriesParams>,
) -> Result<Response, ApiError> {
    let query = DyadQuery {
        a: params::actor_code("a", &a)?,
        b: params::actor_code("b", &b)?,
        by: params::period(p.by.as_deref(), Period::Day)?,
        from_day: params::day("from", p.from.as_deref())?,
        to_day: params::day("to", p.to.as_deref())?,
        include_unasserted: p.include_unasserted.unwrap_or(false),
        undirected: p.undirected.unwrap_or(false),
    };
    let (a, b, by, undirected) = (query.a.clone(), query.b.clone(), query.by, query.undirected);
    let buckets = state.pool().run(move |s| s.dyad_series(&query)).await?;
    Ok(json_response(&DyadSeries {
        a,
        b,
        by: period_name(by),
        undirected,
        buckets,
    }))
}

/// Happenings per type over time, with their reports.
#[derive(Debug, Serialize)]
pub struct TypeSeries {
    /// Bucket size.
    pub by: &'static str,
    /// Buckets with happenings, oldest first.
    pub buckets: Vec<TypeBucket>,
}

/// `GET /api/series/types`.
pub async fn types(
    State(state): State<AppState>,
    Params(p): Params<SeriesParams>,
) -> Result<Response, ApiError> {
    if p.undirected.is_some() {
        return Err(ApiError::bad_request(
            "undirected applies to dyad series only",
        ));
    }
    let query = TypeSeriesQuery {
        by: params::period(p.by.as_deref(), Period::Week)?,
        from_day: params::day("from", p.from.as_deref())?,
        to_day: params::day("to", p.to.as_deref())?,
        include_unasserted: p.include_unasserted.unwrap_or(false),
    };
    let by = period_name(query.by);
    let buckets = state.pool().run(move |s| s.type_series(&query)).await?;
    Ok(json_response(&TypeSeries { by, buckets }))
}
