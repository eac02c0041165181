//! The loader, the widget's hashed assets and the demo brand page.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

use super::extract::Path;
use crate::assets::{Asset, Encoding};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The loader's URL never changes, so it is cached briefly: a new release reaches pages within
/// minutes, while the hashed files it points to are cached for good.
const LOADER_CACHE: &str = "public, max-age=300";
pub(super) const HASHED_CACHE: &str = "public, max-age=31536000, immutable";

const DEMO_PAGE: &str = include_str!("../../demo/page.html");

/// The demo page allows scripts only from this server plus wasm compilation, as a strict brand
/// page would, so the demo proves the widget needs nothing more.
const DEMO_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self' 'unsafe-inline'";

pub(super) fn respond(asset: &Asset, request_headers: &HeaderMap, cache: &'static str) -> Response {
    let encoding = Encoding::negotiate(request_headers);
    let mut response = asset.bytes(encoding).to_vec().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(value) = encoding.header_value() {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(value));
    }
    response
}

pub async fn loader(State(state): State<AppState>, headers: HeaderMap) -> Response {
    respond(&state.assets.loader, &headers, LOADER_CACHE)
}

pub async fn asset(
    State(state): State<AppState>,
    Path((key, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    state.site(&key)?;
    let asset = state
        .assets
        .file(&file)
        .ok_or_else(|| AppError::NotFound(format!("no widget file {file:?}")))?;
    Ok(respond(asset, &headers, HASHED_CACHE))
}

pub async fn demo_page() -> Response {
    let mut response = Html(DEMO_PAGE).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DEMO_CSP),
    );
    response
}
