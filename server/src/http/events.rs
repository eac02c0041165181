//! `GET /events`: the session's live events as Server-Sent Events. EventSource cannot send
//! headers, so the token comes in the query string (which is why request logging leaves query
//! strings out). A reconnecting EventSource sends `Last-Event-ID`; clients that reconnect by
//! hand may pass `last_event_id` instead.

use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::response::sse::{KeepAlive, Sse};
use futures_util::StreamExt;
use futures_util::future::Either;
use serde::Deserialize;

use super::auth::{Caller, resolve};
use super::extract::{Path, Query};
use crate::error::{AppError, AppResult};
use crate::live::{Session, follow};
use crate::state::AppState;

/// Comments at this interval keep proxies from closing an idle stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

#[derive(Debug, Deserialize)]
pub struct EventParams {
    token: Option<String>,
    last_event_id: Option<i64>,
}

pub async fn stream(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(params): Query<EventParams>,
    headers: HeaderMap,
) -> AppResult<impl IntoResponse> {
    let site = state.site(&key)?;
    let bans = state.hub.bans.watch();
    let token = params.token.ok_or_else(|| {
        AppError::Unauthorized(
            "the event stream needs the visitor's or helper's token as ?token=".to_owned(),
        )
    })?;
    // A helper's stream ends when they are banned; a visitor's runs on.
    let (session, banned) = match resolve(&state, &site, &token).await? {
        Caller::Visitor(visitor) => (
            Session::visitor(site.id, visitor.id),
            Either::Right(std::future::pending()),
        ),
        Caller::Helper(helper_id) => (
            Session::helper(site.id, helper_id),
            Either::Left(bans.of(helper_id)),
        ),
    };
    let last_event_id = match headers.get("last-event-id") {
        Some(value) => Some(
            value
                .to_str()
                .ok()
                .and_then(|v| v.trim().parse::<i64>().ok())
                .ok_or_else(|| {
                    AppError::BadRequest("Last-Event-ID must be an event id".to_owned())
                })?,
        ),
        None => params.last_event_id,
    };
    let events = follow(&state.hub, state.store.clone(), session, last_event_id).take_until(banned);
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)))
}
