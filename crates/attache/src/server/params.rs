//! Query-string parameters: parsed strictly (an unknown or malformed parameter is a 400 that
//! names it) and turned into the store's query types.

use attache_model::{Modality, PloverCategory};
use attache_store::{day_number, EventFilter, Period};
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::error::ApiError;

/// Events per page when the request does not say.
pub const DEFAULT_EVENTS_PAGE: usize = 50;

/// Largest page of events in JSON (CSV may ask for [`MAX_CSV_ROWS`]).
pub const MAX_EVENTS_PAGE: usize = 1000;

/// Largest CSV download in one request: a spreadsheet-sized table; `attache export` is the
/// tool for the whole store.
pub const MAX_CSV_ROWS: usize = attache_store::MAX_PAGE;

/// Deepest offset accepted: paging further than this is a crawl, which `attache export` does
/// better (and a huge OFFSET makes SQLite walk every skipped row).
pub const MAX_OFFSET: usize = 100_000;

/// Longest actor code accepted (real codes are 3 to 15 letters).
const MAX_CODE_LEN: usize = 32;

/// Longest free-text query accepted.
const MAX_TEXT_LEN: usize = 500;

/// `Query<T>` with errors answered as JSON 400s.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Query::<T>::try_from_uri(&parts.uri)
            .map(|Query(t)| Params(t))
            .map_err(|e| ApiError::bad_request(format!("bad query string: {}", e.body_text())))
    }
}

/// Parameters of `/api/events` (and the events page).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventParams {
    /// Source actor code prefix.
    pub actor: Option<String>,
    /// Target actor code prefix.
    pub target: Option<String>,
    /// `A,B`: events between A and B in either direction.
    pub dyad: Option<String>,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub plover: Option<String>,
    /// CAMEO code prefix.
    pub cameo: Option<String>,
    /// Modality name.
    pub modality: Option<String>,
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Full-text query over the reporting articles.
    pub q: Option<String>,
    /// Only events of this story.
    pub story: Option<String>,
    /// Only events of this article.
    pub article: Option<String>,
    /// Only first reports of each happening.
    pub first_only: Option<bool>,
    /// Page size.
    pub limit: Option<usize>,
    /// Events to skip.
    pub offset: Option<usize>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
    /// Also count all matching events (costs one more query).
    pub count: Option<bool>,
}

/// The output format of an events request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON object with a page of events.
    Json,
    /// CSV table.
    Csv,
}

/// Some text, trimmed, or `None` when empty.
fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// An actor code from a parameter or path: letters, digits and `-` (unknown country `---`).
pub fn actor_code(name: &str, value: &str) -> Result<String, ApiError> {
    let code = value.trim().to_ascii_uppercase();
    if code.is_empty() || code.len() > MAX_CODE_LEN {
        return Err(ApiError::bad_request(format!(
            "{name} must be an actor code of 1 to {MAX_CODE_LEN} characters, got {value:?}"
        )));
    }
    if !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(ApiError::bad_request(format!(
            "{name} must be an actor code (letters, digits, '-'), got {value:?}"
        )));
    }
    Ok(code)
}

/// A day number from `YYYY-MM-DD`.
pub fn day(name: &str, value: Option<&str>) -> Result<Option<i32>, ApiError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => match day_number(v) {
            Some(d) if v.len() == 10 => Ok(Some(d)),
            _ => Err(ApiError::bad_request(format!(
                "{name} must be a date as YYYY-MM-DD, got {v:?}"
            ))),
        },
    }
}

/// A PLOVER type by name.
pub fn plover(value: &str) -> Result<PloverCategory, ApiError> {
    PloverCategory::from_name(value).ok_or_else(|| {
        let names: Vec<&str> = PloverCategory::ALL.iter().map(|c| c.as_str()).collect();
        ApiError::bad_request(format!(
            "type must be a PLOVER type ({}), got {value:?}",
            names.join(", ")
        ))
    })
}

/// A bucket size (`day`, `week`, `month`).
pub fn period(value: Option<&str>, default: Period) -> Result<Period, ApiError> {
    match value.map(str::trim) {
        None | Some("") => Ok(default),
        Some("day") => Ok(Period::Day),
        Some("week") => Ok(Period::Week),
        Some("month") => Ok(Period::Month),
        Some(other) => Err(ApiError::bad_request(format!(
            "by must be day, week or month, got {other:?}"
        ))),
    }
}

/// Free text, bounded.
pub fn text(name: &str, value: &str) -> Result<String, ApiError> {
    if value.len() > MAX_TEXT_LEN {
        return Err(ApiError::bad_request(format!(
            "{name} is longer than {MAX_TEXT_LEN} bytes"
        )));
    }
    Ok(value.trim().to_string())
}

/// An offset, bounded.
pub fn offset(value: Option<usize>) -> Result<usize, ApiError> {
    let n = value.unwrap_or(0);
    if n > MAX_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset must be at most {MAX_OFFSET} (use `attache export` for whole tables)"
        )));
    }
    Ok(n)
}

fn modality(value: &str) -> Result<Modality, ApiError> {
    const ALL: [Modality; 6] = [
        Modality::Asserted,
        Modality::Negated,
        Modality::Future,
        Modality::Intended,
        Modality::Hypothetical,
        Modality::Conditional,
    ];
    ALL.into_iter()
        .find(|m| m.as_str().eq_ignore_ascii_case(value))
        .ok_or_else(|| {
            let names: Vec<&str> = ALL.iter().map(|m| m.as_str()).collect();
            ApiError::bad_request(format!(
                "modality must be one of {}, got {value:?}",
                names.join(", ")
            ))
        })
}

impl EventParams {
    /// The output format.
    pub fn format(&self) -> Result<Format, ApiError> {
        match present(&self.format) {
            None | Some("json") => Ok(Format::Json),
            Some("csv") => Ok(Format::Csv),
            Some(other) => Err(ApiError::bad_request(format!(
                "format must be json or csv, got {other:?}"
            ))),
        }
    }

    /// The store filter. The limit is the page size asked for (bounded by `max_limit`); the
    /// caller may ask the store for one more to learn whether another page follows.
    pub fn filter(&self, max_limit: usize) -> Result<EventFilter, ApiError> {
        let mut f = EventFilter::default();
        if let Some(a) = present(&self.actor) {
            f.actor = Some(actor_code("actor", a)?);
        }
        if let Some(t) = present(&self.target) {
            f.target = Some(actor_code("target", t)?);
        }
        if let Some(d) = present(&self.dyad) {
            if f.actor.is_some() || f.target.is_some() {
                return Err(ApiError::bad_request(
                    "give either dyad or actor/target, not both",
                ));
            }
            let Some((a, b)) = d.split_once(',') else {
                return Err(ApiError::bad_request(format!(
                    "dyad must be two actor codes separated by a comma (PAK,AFG), got {d:?}"
                )));
            };
            f.actor = Some(actor_code("dyad", a)?);
            f.target = Some(actor_code("dyad", b)?);
            f.undirected = true;
        }
        if let Some(p) = present(&self.plover) {
            f.plover = Some(plover(p)?);
        }
        if let Some(c) = present(&self.cameo) {
            if c.len() > 4 || !c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ApiError::bad_request(format!(
                    "cameo must be a CAMEO code prefix of 1 to 4 digits, got {c:?}"
                )));
            }
            f.cameo = Some(c.to_string());
        }
        if let Some(m) = present(&self.modality) {
            f.modality = Some(modality(m)?);
        }
        f.from_day = day("from", present(&self.from))?;
        f.to_day = day("to", present(&self.to))?;
        if let (Some(a), Some(b)) = (f.from_day, f.to_day) {
            if a > b {
                return Err(ApiError::bad_request("from is after to"));
            }
        }
        if let Some(q) = present(&self.q) {
            f.text = Some(text("q", q)?);
        }
        f.story = present(&self.story).map(str::to_string);
        f.article = present(&self.article).map(str::to_string);
        f.first_reports_only = self.first_only.unwrap_or(false);
        let limit = self.limit.unwrap_or(DEFAULT_EVENTS_PAGE);
        if limit == 0 || limit > max_limit {
            return Err(ApiError::bad_request(format!(
                "limit must be between 1 and {max_limit}, got {limit}"
            )));
        }
        f.limit = limit;
        f.offset = offset(self.offset)?;
        Ok(f)
    }

    /// The query string of these parameters with another offset (for `next` links).
    pub fn with_offset(&self, offset: usize) -> String {
        let q = self.query();
        if q.is_empty() {
            format!("offset={offset}")
        } else {
            format!("{q}&offset={offset}")
        }
    }

    /// The query string of these parameters without the offset.
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let mut push = |k: &'static str, v: &Option<String>| {
            if let Some(v) = present(v) {
                pairs.push((k, v.to_string()));
            }
        };
        push("actor", &self.actor);
        push("target", &self.target);
        push("dyad", &self.dyad);
        push("type", &self.plover);
        push("cameo", &self.cameo);
        push("modality", &self.modality);
        push("from", &self.from);
        push("to", &self.to);
        push("q", &self.q);
        push("story", &self.story);
        push("article", &self.article);
        push("format", &self.format);
        if self.first_only == Some(true) {
            pairs.push(("first_only", "true".into()));
        }
        if let Some(l) = self.limit {
            pairs.push(("limit", l.to_string()));
        }
        if self.count == Some(true) {
            pairs.push(("count", "true".into()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", url_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encode a query-string value (RFC 3986 unreserved characters pass).
pub fn url_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A page size with a default and a maximum.
pub fn limit(value: Option<usize>, default: usize, max: usize) -> Result<usize, ApiError> {
    let n = value.unwrap_or(default);
    if n == 0 || n > max {
        return Err(ApiError::bad_request(format!(
            "limit must be between 1 and {max}, got {n}"
        )));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dyads_are_undirected_and_exclusive_with_actor() {
        let p = EventParams {
            dyad: Some("pak,AFG".into()),
            ..EventParams::default()
        };
        let f = p.filter(MAX_EVENTS_PAGE).unwrap_or_default();
        assert_eq!(f.actor.as_deref(), Some("PAK"));
        assert_eq!(f.target.as_deref(), Some("AFG"));
        assert!(f.undirected);
        let both = EventParams {
            dyad: Some("PAK,AFG".into()),
            actor: Some("PAK".into()),
            ..EventParams::default()
        };
        assert!(both.filter(MAX_EVENTS_PAGE).is_err());
    }

    #[test]
    fn bad_values_name_the_parameter() {
        let cases = [
            EventParams {
                plover: Some("FIGHT".into()),
                ..EventParams::default()
            },
            EventParams {
                from: Some("30/10/2025".into()),
                ..EventParams::default()
            },
            EventParams {
                cameo: Some("19x".into()),
                ..EventParams::default()
            },
            EventParams {
                actor: Some("<script>".into()),
                ..EventParams::default()
            },
            EventParams {
                limit: Some(0),
                ..EventParams::default()
            },
            EventParams {
                offset: Some(MAX_OFFSET + 1),
                ..EventParams::default()
            },
        ];
        let names = ["type", "from", "cameo", "actor", "limit", "offset"];
        for (p, name) in cases.iter().zip(names) {
            let err = p
                .filter(MAX_EVENTS_PAGE)
                .err()
                .map(|e| e.message)
                .unwrap_or_default();
            assert!(err.starts_with(name), "{err}");
        }
    }

    #[test]
    fn next_links_keep_the_filters_and_encode_them() {
        let p = EventParams {
            q: Some("cease fire&x".into()),
            actor: Some("PAK".into()),
            ..EventParams::default()
        };
        assert_eq!(p.with_offset(50), "actor=PAK&q=cease%20fire%26x&offset=50");
    }
}
