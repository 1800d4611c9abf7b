//! Errors as the API answers them: JSON `{"error": "..."}` with the status that says whose
//! fault it is. Pages render the same errors as HTML (see `pages::PageError`).

use attache_store::StoreError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// An error answered to a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong, for a person (names the parameter or the id).
    pub message: String,
}

impl ApiError {
    /// 400: the request is wrong (a bad parameter).
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// 404: nothing has that id.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// What a lookup by id found, or a 404 naming what was looked for
    /// (`no article has the id "x"`): the one place the API and the pages say it.
    pub fn found<T>(value: Option<T>, kind: &str, id: &str) -> Result<T, ApiError> {
        value.ok_or_else(|| ApiError::not_found(format!("no {kind} has the id {id:?}")))
    }

    /// 500: the server failed; the details go to the log as well.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }

    /// Any other status.
    pub fn with_status(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// The JSON body.
    pub fn body(&self) -> String {
        serde_json::json!({ "error": self.message }).to_string()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::InvalidQuery(message) => ApiError::bad_request(message),
            other => {
                tracing::error!(error = %other, "store query failed");
                ApiError::internal(format!("the store failed: {other}"))
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body()).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_queries_are_the_clients_fault_and_others_the_servers() {
        let bad: ApiError = StoreError::InvalidQuery("an actor code is empty".into()).into();
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad.body(), r#"{"error":"an actor code is empty"}"#);
        let failed: ApiError = StoreError::TooNew {
            path: "x.db".into(),
            found: 9,
            known: 1,
        }
        .into();
        assert_eq!(failed.status, StatusCode::INTERNAL_SERVER_ERROR);
    }
}
