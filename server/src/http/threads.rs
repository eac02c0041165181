//! Reading a thread and recording "this helped" / "didn't help".

use axum::extract::State;
use peerhelp_api::{Feedback, FeedbackTally, MAX_QUERY_CHARS, Thread};

use super::auth::{Caller, MaybeCaller, SiteVisitor};
use super::extract::{Json, Path, Query, WidgetSession};
use crate::activity::Activity;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::validate;

fn no_thread(id: i64) -> AppError {
    AppError::NotFound(format!("no thread {id} on this site"))
}

/// Anyone may read a thread; with a visitor's or helper's token it also says what they did
/// on it (`viewer`).
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
