//! Upvotes (visitors) and flags (visitors and helpers) on answers.

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{NewFlag, VoteTally};

use super::auth::{AnyCaller, SiteVisitor};
use super::extract::{Json, Path};
use crate::error::AppResult;
use crate::state::AppState;

/// `POST /answers/{answer}/vote`.
pub async fn vote(
    State(state): State<AppState>,
    SiteVisitor { site, visitor }: SiteVisitor,
    Path((_, answer_id)): Path<(String, i64)>,
) -> AppResult<Json<VoteTally>> {
    Ok(Json(
        state.store.vote(site.id, visitor.id, answer_id).await?,
    ))
}

/// `POST /answers/{answer}/flags`.
pub async fn flag(
    State(state): State<AppState>,
    AnyCaller { site, caller }: AnyCaller,
    Path((_, answer_id)): Path<(String, i64)>,
    Json(flag): Json<NewFlag>,
) -> AppResult<StatusCode> {
    state
        .store
        .flag(site.id, caller.as_flagger(), answer_id, flag.reason)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
