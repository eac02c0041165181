//! Extractors whose rejections are JSON `ApiError`s like every other error.

use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// `axum::Json`, answering malformed bodies with a JSON error (and serializing responses).
/// Every body the API reads is a JSON object: serde would also read a struct from an array of
/// its fields in order, or an all-optional one from `[]`, so anything else is refused.
pub struct Json<T>(pub T);

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
        let axum::Json(value) = axum::Json::<T>::from_bytes(&bytes)?;
        if bytes.trim_ascii_start().first() != Some(&b'{') {
            return Err(AppError::InvalidInput(
                "the request body must be a JSON object".to_owned(),
            ));
        }
        Ok(Json(value))
    }
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

/// `axum::extract::Query`, answering a malformed query string with a JSON error.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct Query<T>(pub T);

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
#[derive(Debug, Default, serde::Deserialize)]
pub struct WidgetSession {
    pub session: Option<String>,
}
