//! Reading a thread and recording "this helped" / "didn't help".

use axum::extract::State;
use peerhelp_api::{Feedback, FeedbackTally, MAX_QUERY_CHARS, Thread};

use super::extract::{Json, Path};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

fn no_thread(id: i64) -> AppError {
    AppError::NotFound(format!("no thread {id} on this site"))
}

pub async fn thread(
    State(state): State<AppState>,
    Path((key, id)): Path<(String, i64)>,
) -> AppResult<Json<Thread>> {
    let site = state.site(&key)?;
    state
        .store
        .thread(site.id, id)
        .await?
        .map(Json)
        .ok_or_else(|| no_thread(id))
}

pub async fn feedback(
    State(state): State<AppState>,
    Path((key, id)): Path<(String, i64)>,
    Json(feedback): Json<Feedback>,
) -> AppResult<Json<FeedbackTally>> {
    let site = state.site(&key)?;
    if feedback
        .query
        .as_ref()
        .is_some_and(|q| q.chars().count() > MAX_QUERY_CHARS)
    {
        return Err(AppError::InvalidInput(format!(
            "query must be at most {MAX_QUERY_CHARS} characters"
        )));
    }
    state
        .store
        .add_feedback(site.id, id, &feedback)
        .await?
        .map(Json)
        .ok_or_else(|| no_thread(id))
}
