//! Upvotes (visitors) and flags (visitors and helpers) on answers.

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{ApiError, NewFlag, VoteTally};

use super::auth::{AnyCaller, SiteVisitor};
use super::extract::{Json, Path};
use super::openapi::{AnswerId, BadRequest, Forbidden, SiteKey, TokenRefused, TooLarge};
use super::routes;
use crate::error::AppResult;
use crate::state::AppState;

/// `POST /answers/{answer}/vote`.
#[utoipa::path(
    post,
    path = routes::ANSWER_VOTE,
    tag = "answers",
    summary = "Upvote an answer (visitor)",
    params(SiteKey, AnswerId),
    responses(
        (status = 200, description = "The answer's votes; voting again counts once.", body = VoteTally),
        (status = 400, response = BadRequest),
        (status = 401, response = TokenRefused),
        (status = 403, response = Forbidden),
        (status = 404, description = "No such site or answer.", body = ApiError),
    ),
    security(("visitor" = [])),
)]
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
#[utoipa::path(
    post,
    path = routes::ANSWER_FLAGS,
    tag = "answers",
    summary = "Flag an answer (visitor or helper)",
    params(SiteKey, AnswerId),
    request_body = NewFlag,
    responses(
        (status = 204, description = "Flag recorded (once per person); flags from 3 distinct people hide the answer until staff review."),
        (status = 400, response = BadRequest),
        (status = 401, response = TokenRefused),
        (status = 403, response = Forbidden),
        (status = 404, description = "No such site or answer.", body = ApiError),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid NewFlag, or a value is not acceptable (invalid_input; the message names the field).", body = ApiError),
    ),
    security(("visitor" = []), ("helper" = [])),
)]
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
