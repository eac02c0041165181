//! `GET /metrics`: the server's metrics in Prometheus' text format, for a scraper holding the
//! `--metrics-token`; and the middleware that counts every other request by its route
//! template. Like the health checks, `/metrics` is outside the OpenAPI document and never rate
//! limited; it is not counted in the request metrics either, so they show the traffic the
//! server serves, not the scraper's own polling.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::auth::bearer;
use super::routes;
use crate::error::{AppError, AppResult};
use crate::metrics::UNMATCHED;
use crate::state::AppState;

/// The media type of Prometheus' text exposition format.
const EXPOSITION: &str = "text/plain; version=0.0.4; charset=utf-8";

pub async fn scrape(State(state): State<AppState>, parts: Parts) -> AppResult<Response> {
    let Some(token) = &state.security.metrics_token else {
        return Err(AppError::NotFound(
            "metrics are off: start the server with --metrics-token (PEERHELP_METRICS_TOKEN)"
                .to_owned(),
        ));
    };
    if !bearer(&parts)?.is_some_and(|presented| token.matches(presented)) {
        return Err(AppError::Unauthorized(
            "GET /metrics needs `Authorization: Bearer <the server's --metrics-token>`".to_owned(),
        ));
    }
    // Read before the outbox query takes a connection, so the scrape does not count itself.
    let pool = state.store.pool_use();
    let outboxes = state
        .store
        .outbox_backlogs()
        .await
        .inspect_err(|error| tracing::warn!(%error, "reading the outboxes for /metrics failed"))
        .ok();
    let exposition = state.metrics.render(pool, outboxes.as_ref());
    Ok(([(CONTENT_TYPE, EXPOSITION)], exposition).into_response())
}

/// The middleware: counts each answered request by route template, method and status, with
/// the time until its response starts. Outermost, so it sees what the client got: a 429 of
/// the rate limits, a 408 of the request timeout.
pub async fn count_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_owned();
    if route == routes::METRICS {
        return next.run(request).await;
    }
    let method = request.method().clone();
    let started = Instant::now();
    let response = next.run(request).await;
    state
        .metrics
        .record_request(&route, &method, response.status(), started.elapsed());
    response
}
