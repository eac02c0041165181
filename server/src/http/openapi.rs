//! `GET /api/v1/openapi.json`: the API described as OpenAPI 3.1.

use axum::http::header;
use axum::response::IntoResponse;

/// Kept as a file so it reads as documentation; a test checks it lists exactly the routes.
pub const DOCUMENT: &str = include_str!("../../openapi.json");

pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}
