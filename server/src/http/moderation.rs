//! Moderation over the API (staff): the review queue of flagged answers, hiding, restoring
//! and verifying answers. (The site's helpers and banning them: `peers`.)

use axum::extract::State;
use peerhelp_api::{Answer, ApiError, ModerationQueue};

use super::auth::SiteStaff;
use super::extract::{Json, Path};
use super::openapi::{AnswerId, AnswerReviewed, SiteKey, StaffRefused};
use super::routes;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::Review;

/// `GET /moderation`.
#[utoipa::path(
    get,
    path = routes::MODERATION,
    operation_id = "moderation_queue",
    tag = "moderation",
    summary = "Flagged answers to review",
    description = "Answers with flags staff have not cleared (latest 100): hidden ones first, then the most flagged.",
    params(SiteKey),
    responses(
        (status = 200, description = "The review queue.", body = ModerationQueue),
        (status = 401, response = StaffRefused),
        (status = 404, description = "No such site, or no such answer or helper on it.", body = ApiError),
    ),
    security(("staff" = [])),
)]
pub async fn queue(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
) -> AppResult<Json<ModerationQueue>> {
    let answers = state.store.moderation_queue(site.id).await?;
    Ok(Json(ModerationQueue { answers }))
}

async fn review(
    state: AppState,
    staff: SiteStaff,
    answer_id: i64,
    review: Review,
) -> AppResult<Json<Answer>> {
    let answer = state
        .store
        .review_answer(staff.site.id, staff.staff.id, answer_id, review)
        .await?;
    Ok(Json(answer))
}

/// `POST /answers/{answer}/hide`.
#[utoipa::path(
    post,
    path = routes::ANSWER_HIDE,
    tag = "moderation",
    summary = "Hide an answer",
    description = "From the thread and from search; audited.",
    params(SiteKey, AnswerId),
    responses(AnswerReviewed),
    security(("staff" = [])),
)]
pub async fn hide(
    State(state): State<AppState>,
    staff: SiteStaff,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<Answer>> {
    review(state, staff, id, Review::Hide).await
}

/// `POST /answers/{answer}/restore`: shown again, its flags cleared.
#[utoipa::path(
    post,
    path = routes::ANSWER_RESTORE,
    tag = "moderation",
    summary = "Restore an answer",
    description = "Shown again; its flags are cleared and no longer count towards hiding it. Audited.",
    params(SiteKey, AnswerId),
    responses(AnswerReviewed),
    security(("staff" = [])),
)]
pub async fn restore(
    State(state): State<AppState>,
    staff: SiteStaff,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<Answer>> {
    review(state, staff, id, Review::Restore).await
}

/// `POST /answers/{answer}/verify`.
#[utoipa::path(
    post,
    path = routes::ANSWER_VERIFY,
    tag = "moderation",
    summary = "Verify an answer",
    description = "Marked correct by staff: badged and ranked higher. Audited.",
    params(SiteKey, AnswerId),
    responses(AnswerReviewed),
    security(("staff" = [])),
)]
pub async fn verify(
    State(state): State<AppState>,
    staff: SiteStaff,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<Answer>> {
    review(state, staff, id, Review::Verify).await
}

/// `DELETE /answers/{answer}/verify`.
#[utoipa::path(
    delete,
    path = routes::ANSWER_VERIFY,
    tag = "moderation",
    summary = "Take the verification back",
    description = "Audited.",
    params(SiteKey, AnswerId),
    responses(AnswerReviewed),
    security(("staff" = [])),
)]
pub async fn unverify(
    State(state): State<AppState>,
    staff: SiteStaff,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<Answer>> {
    review(state, staff, id, Review::Unverify).await
}
