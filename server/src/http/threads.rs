//! Reading a thread and recording "this helped" / "didn't help".

use axum::extract::State;
use peerhelp_api::{ApiError, Feedback, FeedbackTally, MAX_QUERY_CHARS, Thread};

use super::auth::{Caller, MaybeCaller, SiteVisitor};
use super::extract::{Json, Path, Query, WidgetSession};
use super::openapi::{BadRequest, OriginRefused, SiteKey, ThreadId, TokenRefused, TooLarge};
use super::routes;
use crate::activity::Activity;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::validate;

fn no_thread(id: i64) -> AppError {
    AppError::NotFound(format!("no thread {id} on this site"))
}

/// Anyone may read a thread; with a visitor's or helper's token it also says what they did
/// on it (`viewer`).
#[utoipa::path(
    get,
    path = routes::THREAD,
    tag = "threads",
    summary = "Read a thread",
    description = "No token needed. With a visitor's or helper's bearer token, `viewer` says what they did here; a presented token must be valid.",
    params(SiteKey, ThreadId, WidgetSession),
    responses(
        (status = 200, description = "The thread.", body = Thread),
        (status = 400, response = BadRequest),
        (status = 403, response = OriginRefused),
        (status = 404, description = "No such site or thread.", body = ApiError),
        (status = 401, response = TokenRefused),
    ),
    security((), ("visitor" = []), ("helper" = [])),
)]
pub async fn thread(
    State(state): State<AppState>,
    MaybeCaller { site, caller }: MaybeCaller,
    Path((_, id)): Path<(String, i64)>,
    Query(widget): Query<WidgetSession>,
) -> AppResult<Json<Thread>> {
    let viewer = caller.as_ref().map(Caller::as_flagger);
    let thread = state
        .store
        .thread_seen_by(site.id, id, viewer)
        .await?
        .ok_or_else(|| no_thread(id))?;
    // Helpers read to answer, not to be helped: only visitors' reads count.
    if !matches!(caller, Some(Caller::Helper(_))) {
        let read = Activity::Read { thread_id: id };
        state
            .activity
            .record(site.id, widget.session.as_deref(), read);
    }
    Ok(Json(thread))
}

/// `POST /threads/{id}/feedback`: one per visitor and thread (a second replaces the first);
/// private threads take none.
#[utoipa::path(
    post,
    path = routes::THREAD_FEEDBACK,
    tag = "threads",
    summary = "Say whether a thread helped (visitor; one per visitor and thread, a second replaces the first)",
    params(SiteKey, ThreadId),
    request_body = Feedback,
    responses(
        (status = 200, description = "The thread's feedback so far.", body = FeedbackTally),
        (status = 400, response = BadRequest),
        (status = 401, response = TokenRefused),
        (status = 403, response = OriginRefused),
        (status = 404, description = "No such site or public thread (a private thread takes no feedback).", body = ApiError),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid Feedback.", body = ApiError),
    ),
    security(("visitor" = [])),
)]
pub async fn feedback(
    State(state): State<AppState>,
    SiteVisitor { site, visitor }: SiteVisitor,
    Path((_, id)): Path<(String, i64)>,
    Json(feedback): Json<Feedback>,
) -> AppResult<Json<FeedbackTally>> {
    if feedback
        .query
        .as_ref()
        .is_some_and(|q| q.chars().count() > MAX_QUERY_CHARS)
    {
        return Err(AppError::InvalidInput(format!(
            "query must be at most {MAX_QUERY_CHARS} characters"
        )));
    }
    if let Some(query) = &feedback.query {
        validate::multiline_text("query", query)?;
    }
    state
        .store
        .add_feedback(site.id, visitor.id, id, &feedback)
        .await?
        .map(Json)
        .ok_or_else(|| no_thread(id))
}
