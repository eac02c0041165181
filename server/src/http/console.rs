//! The staff console's files at `/console/`: its page (never cached, so a new release is
//! picked up at once) and the content-hashed files it loads (cached for good).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{Redirect, Response};

use super::extract::Path;
use super::widget::{HASHED_CACHE, respond};
use crate::assets::Encoding;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

const PAGE_CACHE: &str = "no-cache";

/// `/console` → `/console/`, where the page's relative URLs resolve.
pub async fn redirect() -> Redirect {
    Redirect::permanent("/console/")
}

/// `/console/`: the console's page.
pub async fn page(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let page = state.console.file("index.html").ok_or_else(|| {
        AppError::NotFound(
            "the staff console is not built on this server (node scripts/web/build.mjs)".into(),
        )
    })?;
    let policy = state
        .console
        .page_policy
        .get_or_init(|| super::hardening::console_page_policy(page.bytes(Encoding::Identity)));
    let mut response = respond(page, &headers, PAGE_CACHE);
    super::hardening::console_page_headers(policy, response.headers_mut());
    Ok(response)
}

/// `/console/{file}`: a hashed file of the console.
pub async fn file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> AppResult<Response> {
    if file == "index.html" {
        return page(State(state), headers).await;
    }
    let asset = state
        .console
        .file(&file)
        .ok_or_else(|| AppError::NotFound(format!("no console file {file:?}")))?;
    Ok(respond(asset, &headers, HASHED_CACHE))
}
