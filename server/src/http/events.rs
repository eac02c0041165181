//! `GET /events`: a visitor's or helper's live events as Server-Sent Events (staff have
//! `GET /staff/events`, in `staff_events`, built on the same pieces). EventSource cannot send
//! headers, so the token comes in the query string (which is why request logging leaves query
//! strings out). A reconnecting EventSource sends `Last-Event-ID`; clients that reconnect by
//! hand may pass `last_event_id` instead. `GET /helpers/online/events`: who is online, live,
//! for a visitor who has no token yet.

use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::future::Either;
use futures_util::{Stream, StreamExt};
use peerhelp_api::{ApiError, LiveEventKind};
use serde::Deserialize;
use utoipa::IntoParams;

use super::auth::{Caller, resolve};
use super::client_ip::ClientIp;
use super::extract::{Path, Query};
use super::openapi::{BadRequest, Forbidden, NoSuchSite, OriginRefused, SiteKey, TokenRefused};
use super::rate_limit::RateLimiting;
use super::routes;
use super::stream_slots::{STREAM_RETRY, StreamSlot};
use crate::error::{AppError, AppResult};
use crate::live::{Session, follow};
use crate::state::AppState;
use crate::store::Ending;

/// Comments at this interval keep proxies from closing an idle stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// A stream's query string: its session's token, and where a hand-made reconnect resumes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// The session's token (EventSource cannot send headers): a visitor's or helper's on
    /// `/events`, a staff session's on `/staff/events`.
    token: Option<String>,
    /// Resume after this event id.
    last_event_id: Option<i64>,
}

impl EventParams {
    /// Who opens the stream, from where and after which event; `missing` says which token
    /// the stream needs when none came.
    pub(super) fn opening<'a>(
        &'a self,
        ip: IpAddr,
        headers: &HeaderMap,
        missing: &str,
    ) -> AppResult<Opening<'a>> {
        let token = self
            .token
            .as_deref()
            .ok_or_else(|| AppError::Unauthorized(missing.to_owned()))?;
        Ok(Opening {
            ip,
            token,
            last_event_id: last_event_id(headers, self.last_event_id)?,
        })
    }
}

#[utoipa::path(
    get,
    path = routes::EVENTS,
    operation_id = "events_stream",
    tag = "events",
    summary = "Live events (Server-Sent Events)",
    description = "A `text/event-stream` of the session's events: each message has `id: <event id>` and `data: <LiveEventKind JSON, e.g. {\"answer_posted\": {…}}>`; `retry: 2000`; a comment every 15 s keeps it alive. Resume with the `Last-Event-ID` header (EventSource sends it) or `last_event_id`: every missed event is replayed once, in order (events are kept 24 h). A node shutting down ends the stream with a `retry:` of 250 to 2500 ms, so the client reconnects soon, to another node. Visitors receive answers on their threads, acceptance and presence; helpers receive new questions, answers, votes and acceptance of their answers, reputation and presence.",
    params(
        SiteKey,
        EventParams,
        ("Last-Event-ID" = Option<String>, Header, description = "Resume after this event id (takes precedence)."),
    ),
    responses(
        (status = 200, description = "The event stream.", body = LiveEventKind, content_type = "text/event-stream"),
        (status = 400, response = BadRequest),
        (status = 401, response = TokenRefused),
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
        "the event stream needs the visitor's or helper's token as ?token=",
    )?;
    // A helper's stream ends when they are banned, a visitor's when they are erased.
    let (session, ended) = match resolve(&state, &site, opening.token).await? {
        Caller::Visitor(visitor) => (
            Session::visitor(site.id, visitor.id),
            Either::Left(endings.of_this_node(Ending::Visitor(visitor.id))),
        ),
        Caller::Helper(helper_id) => (
            Session::helper(site.id, helper_id),
            Either::Right(endings.of(Ending::Helper(helper_id))),
        ),
    };
    respond(&state, &limiting, opening, session, ended)
}

/// Where a client resumes: `Last-Event-ID` (sent by a reconnecting EventSource), else the
/// `last_event_id` query parameter.
fn last_event_id(headers: &HeaderMap, in_query: Option<i64>) -> AppResult<Option<i64>> {
    match headers.get("last-event-id") {
        Some(value) => value
            .to_str()
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
            .map(Some)
            .ok_or_else(|| AppError::BadRequest("Last-Event-ID must be an event id".to_owned())),
        None => Ok(in_query),
    }
}

/// Who opens a stream, from where, and after which event.
pub(super) struct Opening<'a> {
    pub ip: IpAddr,
    pub token: &'a str,
    pub last_event_id: Option<i64>,
}

/// The SSE response following `session` until `ended` resolves, holding one of the token's
/// and the IP's stream slots while it runs.
pub(super) fn respond<Ended>(
    state: &AppState,
    limiting: &RateLimiting,
    opening: Opening<'_>,
    session: Session,
    ended: Ended,
) -> AppResult<impl IntoResponse + use<Ended>>
where
    Ended: Future<Output = ()> + Send + 'static,
{
    let slot = limiting
        .streams
        .open(opening.ip, Some(limiting.token_key(opening.token)))
        .ok_or_else(too_many_streams)?;
    let events = follow(
        &state.hub,
        state.store.clone(),
        session,
        opening.last_event_id,
    )
    .take_until(ended);
    Ok(sse_holding(state, slot, events))
}

/// `events` as an SSE response holding the stream's slot and its place in the open-streams
/// gauge for as long as it lives: both are given back when the client goes away or the
/// stream ends. Proxies are asked not to buffer it.
fn sse_holding<Events>(
    state: &AppState,
    slot: StreamSlot,
    events: Events,
) -> impl IntoResponse + use<Events>
where
    Events: Stream<Item = Result<Event, Infallible>> + Send + 'static,
{
    let open = state.metrics.stream_opened();
    let events = events.map(move |event| {
        let _held = (&slot, &open);
        event
    });
    // nginx buffers proxied responses unless told not to, which would hold events back.
    let unbuffered = [(HeaderName::from_static("x-accel-buffering"), "no")];
    let sse = Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE));
    (unbuffered, sse)
}

/// `GET /helpers/online/events`: the helpers online now, then again at every change
/// (`presence_changed` messages, each carrying the whole list). It needs no token, so a visitor
/// who has not asked anything sees presence live while the panel is open; it is counted
/// against the address's open streams like any other. A reconnect gets the list afresh, so
/// `Last-Event-ID` is not needed and is ignored.
#[utoipa::path(
    get,
    path = routes::HELPERS_ONLINE_EVENTS,
    operation_id = "events_presence",
    tag = "events",
    summary = "Helpers online, live (Server-Sent Events, no token)",
    description = "A `text/event-stream` for a visitor who has no token yet: first a `presence_changed` message with the helpers online or away now, then one at every change (a helper going online, away or offline, or their heartbeat lapsing), each carrying the whole list. Counted against the address's open streams like `/events`. A reconnect starts with the list afresh, so `Last-Event-ID` is ignored. A node shutting down ends the stream with a `retry:` of 250 to 2500 ms, so the client reconnects soon, to another node.",
    params(SiteKey),
    responses(
        (status = 200, description = "The presence stream.", body = LiveEventKind, content_type = "text/event-stream"),
        (status = 403, response = OriginRefused),
        (status = 404, response = NoSuchSite),
        (status = 429, description = "Too many requests, or too many streams open from this address (rate_limited); see Retry-After.", body = ApiError),
    ),
)]
pub async fn presence(
    State(state): State<AppState>,
    Extension(limiting): Extension<Arc<RateLimiting>>,
    ClientIp(ip): ClientIp,
    Path(key): Path<String>,
) -> AppResult<impl IntoResponse> {
    let site = state.site(&key)?;
    let slot = limiting
        .streams
        .open(ip, None)
        .ok_or_else(too_many_streams)?;
    // The list and the event id it is current to come from one snapshot, and the stream
    // follows from that id: a change committed before the list is in it and not repeated, one
    // committed after it follows it (each message is the whole list).
    let (helpers, as_of) = state.store.helpers_online_as_of(site.id).await?;
    let changes = follow(
        &state.hub,
        state.store.clone(),
        Session::presence(site.id),
        Some(as_of),
    );
    let current = serde_json::to_string(&LiveEventKind::PresenceChanged { helpers })
        .expect("live events serialize");
    let first = Event::default().id(as_of.to_string()).data(current);
    let events =
        futures_util::stream::once(async move { Ok::<_, Infallible>(first) }).chain(changes);
    Ok(sse_holding(&state, slot, events))
}

fn too_many_streams() -> AppError {
    AppError::RateLimited {
        message: "too many event streams are open; close another tab or window first".to_owned(),
        // A slot frees when another stream closes, which no clock can predict.
        retry_after: Some(STREAM_RETRY),
    }
}
