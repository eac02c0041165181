//! The HTTP surface: the JSON API under `/api/v1`, the loader, the widget assets and the demo page.

mod cors;
mod extract;
mod openapi;
pub mod routes;
mod search;
mod sites;
mod threads;
mod widget;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware;
use axum::routing::{get, post};
use tower_http::trace::TraceLayer;

use crate::error::AppError;
use crate::state::AppState;

/// Largest request body the API reads; every JSON body it takes is far smaller.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// The whole application, ready to serve; tests call this with their own state.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route(routes::SITE_CONFIG, get(sites::site_config))
        .route(routes::SEARCH, get(search::search))
        .route(routes::THREAD, get(threads::thread))
        .route(routes::THREAD_FEEDBACK, post(threads::feedback))
        .route(routes::OPENAPI, get(openapi::document))
        .route(routes::WIDGET_ASSET, get(widget::asset))
        .route(routes::LOADER, get(widget::loader))
        .route(routes::DEMO_PAGE, get(widget::demo_page))
        .route(routes::HEALTH, get(|| async { "ok" }))
        .fallback(no_such_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            cors::per_site_cors,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn no_such_route(request: Request) -> AppError {
    AppError::NotFound(format!(
        "no such endpoint: {} {}",
        request.method(),
        request.uri().path()
    ))
}

async fn method_not_allowed(request: Request) -> AppError {
    AppError::MethodNotAllowed(format!(
        "{} is not supported on {}",
        request.method(),
        request.uri().path()
    ))
}
