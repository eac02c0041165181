//! Extractors whose rejections are JSON `ApiError`s like every other error.

use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// `axum::Json`, answering malformed bodies with a JSON error (and serializing responses).
/// Every body the API reads is a JSON object: serde would also read a struct from an array of
/// its fields in order, or an all-optional one from `[]`, so anything else is refused.
pub struct Json<T>(pub T);

/// The deepest nesting a body may have: serde_json's own limit, which it applies only to what
/// it reads into a field; members no type knows are skipped at any depth, so the whole body
/// is checked here.
const MAX_NESTING: usize = 128;

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        if !has_json_content_type(request.headers()) {
            return Err(AppError::BadRequest(
                "Expected request with `Content-Type: application/json`".to_owned(),
            ));
        }
        let bytes =
            Bytes::from_request(request, state)
                .await
                .map_err(|rejection| match rejection.status() {
                    StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                    _ => AppError::BadRequest(rejection.body_text()),
                })?;
        if nests_deeper_than(&bytes, MAX_NESTING) {
            return Err(AppError::BadRequest(format!(
                "the JSON body nests deeper than {MAX_NESTING} levels"
            )));
        }
        let axum::Json(value) = axum::Json::<T>::from_bytes(&bytes)?;
        if bytes.trim_ascii_start().first() != Some(&b'{') {
            return Err(AppError::InvalidInput(
                "the request body must be a JSON object".to_owned(),
            ));
        }
        Ok(Json(value))
    }
}

/// Whether arrays and objects nest deeper than `limit` anywhere in `json` (brackets inside
/// strings do not count). Malformed JSON is left to the parser.
fn nests_deeper_than(json: &[u8], limit: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &byte in json {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// `application/json` or `application/*+json`, with or without parameters, as axum accepts.
fn has_json_content_type(headers: &HeaderMap) -> bool {
    let Some(mime) = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
    else {
        return false;
    };
    let mime = mime.trim().to_ascii_lowercase();
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

impl<T: serde::Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `axum::extract::Query`, answering a malformed query string with a JSON error. A query
/// string that is not UTF-8 once percent-decoded is refused rather than read with
/// replacement characters, so what is searched and logged is what the client meant.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        if parts
            .uri
            .query()
            .is_some_and(|query| !decodes_to_utf8(query))
        {
            return Err(AppError::BadRequest(
                "the query string is not valid UTF-8 once percent-decoded".to_owned(),
            ));
        }
        let axum::extract::Query(value) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(Query(value))
    }
}

/// Whether the percent-decoded bytes of `query` are UTF-8.
fn decodes_to_utf8(query: &str) -> bool {
    percent_decode_str(query).decode_utf8().is_ok()
}

/// `axum::extract::Path`, answering a malformed path (say, a non-numeric id) with a JSON error.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct Path<T>(pub T);

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            StatusCode::UNPROCESSABLE_ENTITY => AppError::InvalidInput(rejection.body_text()),
            _ => AppError::BadRequest(rejection.body_text()),
        }
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::BadRequest(rejection.body_text())
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        AppError::BadRequest(rejection.body_text())
    }
}

/// `?session=`: the widget session a request belongs to, for insights (see `activity`).
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WidgetSession {
    /// The widget session (random per page view, 1 to 64 letters, digits, - or _): counted in
    /// the site's insights. Requests without one are not counted.
    pub session: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::{decodes_to_utf8, nests_deeper_than};

    #[test]
    fn nesting_counts_brackets_outside_strings_only() {
        let nested = |depth: usize| format!("{{\"x\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
        assert!(!nests_deeper_than(nested(127).as_bytes(), 128));
        assert!(nests_deeper_than(nested(128).as_bytes(), 128));
        let in_string = format!("{{\"x\":\"{}\\\"{}\"}}", "[".repeat(500), "{".repeat(500));
        assert!(!nests_deeper_than(in_string.as_bytes(), 128));
    }

    #[test]
    fn query_strings_must_decode_to_utf8() {
        assert!(decodes_to_utf8("q=caf%C3%A9&limit=5"));
        assert!(decodes_to_utf8("q=100%&x=%zz"));
        assert!(!decodes_to_utf8("q=%FF%FE"));
        assert!(!decodes_to_utf8("q=caf%C3"));
    }
}
