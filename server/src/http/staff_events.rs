//! `GET /staff/events`: a signed-in staff member's live events as Server-Sent Events: tickets
//! opened, assigned, replied to, answered, resolved or reopened, and moderation changes, of the
//! session's site only. EventSource cannot send headers, so the staff session's token comes in
//! the query string, as the visitors' does (request logging leaves query strings out); only a
//! staff token is taken. The stream ends when its staff member signs out or is disabled, and
//! resumes after `Last-Event-ID` like the visitors' stream.

use std::sync::Arc;

use axum::Extension;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::IntoResponse;

use super::auth::staff_session;
use super::client_ip::ClientIp;
use super::events::{EventParams, respond};
use super::extract::{Path, Query};
use super::rate_limit::RateLimiting;
use crate::error::AppResult;
use crate::live::{Ending, Session};
use crate::state::AppState;

pub async fn stream(
    State(state): State<AppState>,
    Extension(limiting): Extension<Arc<RateLimiting>>,
    ClientIp(ip): ClientIp,
    Path(key): Path<String>,
    Query(params): Query<EventParams>,
    headers: HeaderMap,
) -> AppResult<impl IntoResponse> {
    let site = state.site(&key)?;
    let endings = state.hub.endings.watch();
    let opening = params.opening(
        ip,
        &headers,
        "the staff event stream needs the staff session's token as ?token= (from POST /staff/sign-in)",
    )?;
    let staff = staff_session(&state, &site, opening.token).await?;
    let ended = endings.of(Ending::Staff(staff.id));
    respond(&state, &limiting, opening, Session::staff(site.id), ended)
}
