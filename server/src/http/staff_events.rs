//! `GET /staff/events`: a signed-in staff member's live events as Server-Sent Events: tickets
//! opened, assigned, replied to, answered, resolved or reopened, and moderation changes, of the
//! session's site only. EventSource cannot send headers, so the staff session's token comes in
//! the query string, as the visitors' does (request logging leaves query strings out); only a
//! staff token is taken. The stream ends when its staff member signs out or is disabled, or
//! when the session expires, and resumes after `Last-Event-ID` like the visitors' stream.

use peerhelp_api::{ApiError, StaffEventKind};
use std::sync::Arc;

use axum::Extension;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::IntoResponse;

use super::auth::staff_session;
use super::client_ip::ClientIp;
use super::events::{EventParams, respond};
use super::extract::{Path, Query};
use super::openapi::{BadRequest, Forbidden, NoSuchSite, SiteKey};
use super::rate_limit::RateLimiting;
use super::routes;
use crate::error::AppResult;
use crate::live::Session;
use crate::state::AppState;
use crate::store::Ending;

#[utoipa::path(
    get,
    path = routes::STAFF_EVENTS,
    operation_id = "staff_events_stream",
    tag = "events",
    summary = "Staff live events (Server-Sent Events)",
    description = "A `text/event-stream` of the site's staff events, for the console to update as things happen: each message has `id: <event id>` and `data: <StaffEventKind JSON, e.g. {\"ticket_changed\": {\"reference\": \"PH-7K2QXM\", \"change\": \"opened\"}}>`; `retry: 2000`; a comment every 15 s keeps it alive. Tickets opened, assigned, replied to by staff, answered by a peer helper, resolved or reopened, and moderation changes (an answer flagged, hidden, restored, verified or unverified), of this site only. Events name what changed, never the visitor: read the ticket or the moderation queue for the details. Resume with the `Last-Event-ID` header (EventSource sends it) or `last_event_id`: every missed event is replayed once, in order (events are kept 24 h). A node shutting down ends the stream with a `retry:` of 250 to 2500 ms, so the client reconnects soon, to another node. The stream ends when the staff member signs out or is disabled, or when the session expires.",
    params(
        SiteKey,
        EventParams,
        ("Last-Event-ID" = Option<String>, Header, description = "Resume after this event id (takes precedence)."),
    ),
    responses(
        (status = 200, description = "The event stream.", body = StaffEventKind, content_type = "text/event-stream"),
        (status = 400, response = BadRequest),
        (status = 401, description = "Missing, expired or other site's staff session, or a token that is not a staff session's (unauthorized).", body = ApiError),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
    ),
)]
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
    let session = staff_session(&state, &site, opening.token).await?;
    let clock = state.store.clock().clone();
    // The stream ends with its session: at sign-out, when disabled, or when it expires.
    let ended = async move {
        tokio::select! {
            _ = endings.of(Ending::Staff(session.member.id)) => {}
            _ = clock.sleep_until(session.expires_at) => {}
        }
    };
    respond(&state, &limiting, opening, Session::staff(site.id), ended)
}
