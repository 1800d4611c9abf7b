//! `/api/actors` (who takes part in events) and `/api/actors/{code}` (whom an actor deals
//! with, and how often in each direction).

use attache_store::{ActorQuery, ActorSummary, Counterpart};
use axum::extract::{Path, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::json_response;
use crate::server::error::ApiError;
use crate::server::params::{self, Params};
use crate::server::AppState;

/// Most counterparts listed for one actor.
pub const MAX_COUNTERPARTS: usize = 200;

/// Parameters of `/api/actors`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorParams {
    /// Only codes starting with this.
    pub prefix: Option<String>,
    /// Page size.
    pub limit: Option<usize>,
    /// Actors to skip.
    pub offset: Option<usize>,
}

/// Actors, most active first.
#[derive(Debug, Serialize)]
pub struct ActorList {
    /// The actors.
    pub actors: Vec<ActorSummary>,
}

/// List actors (shared with the actors page).
pub async fn load_list(state: &AppState, p: &ActorParams) -> Result<ActorList, ApiError> {
    let prefix = match p.prefix.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(code) => Some(params::actor_code("prefix", code)?),
        None => None,
    };
    let query = ActorQuery {
        prefix,
        limit: params::limit(p.limit, 100, 1000)?,
        offset: params::offset(p.offset)?,
    };
    let actors = state.pool().run(move |s| s.actors(&query)).await?;
    Ok(ActorList { actors })
}

/// `GET /api/actors`.
pub async fn list(
    State(state): State<AppState>,
    Params(p): Params<ActorParams>,
) -> Result<Response, ApiError> {
    Ok(json_response(&load_list(&state, &p).await?))
}

/// A counterpart with its name.
#[derive(Debug, Serialize)]
pub struct NamedCounterpart {
    /// Code and counts.
    #[serde(flatten)]
    pub counterpart: Counterpart,
    /// Canonical name, when known.
    pub name: Option<String>,
}

/// One actor and its counterparts.
#[derive(Debug, Serialize)]
pub struct ActorView {
    /// The code asked for (matching codes that start with it).
    pub code: String,
    /// Its canonical name, when known.
    pub name: Option<String>,
    /// Whom it deals with, most frequent first.
    pub counterparts: Vec<NamedCounterpart>,
}

/// Read an actor's counterparts (shared with the actor page).
pub async fn load(state: &AppState, code: &str) -> Result<Option<ActorView>, ApiError> {
    let code = params::actor_code("code", code)?;
    let lookup = code.clone();
    let (counterparts, names) = state
        .pool()
        .run(move |s| {
            let counterparts = s.counterparts(&lookup, MAX_COUNTERPARTS)?;
            let mut codes: Vec<String> = counterparts.iter().map(|c| c.code.clone()).collect();
            codes.push(lookup);
            let names = s.actor_names(&codes)?;
            Ok((counterparts, names))
        })
        .await?;
    if counterparts.is_empty() && !names.contains_key(&code) {
        return Ok(None);
    }
    Ok(Some(ActorView {
        name: names.get(&code).cloned(),
        counterparts: counterparts
            .into_iter()
            .map(|c| NamedCounterpart {
                name: names.get(&c.code).cloned(),
                counterpart: c,
            })
            .collect(),
        code,
    }))
}

/// `GET /api/actors/{code}`.
pub async fn one(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    match load(&state, &code).await? {
        Some(view) => Ok(json_response(&view)),
        None => Err(ApiError::not_found(format!(
            "no event or mention involves the actor {code:?}"
        ))),
    }
}
