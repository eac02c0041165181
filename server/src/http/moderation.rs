//! Moderation over the API (staff): the review queue of flagged answers, hiding, restoring
//! and verifying answers. (The site's helpers and banning them: `peers`.)

use axum::extract::State;
use peerhelp_api::{Answer, ModerationQueue};

use super::auth::SiteStaff;
use super::extract::{Json, Path};
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::Review;

/// `GET /moderation`.
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
pub async fn hide(
    State(state): State<AppState>,
    staff: SiteStaff,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<Answer>> {
    review(state, staff, id, Review::Hide).await
}

/// `POST /answers/{answer}/restore`: shown again, its flags cleared.
pub async fn restore(
    State(state): State<AppState>,
    staff: SiteStaff,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<Answer>> {
    review(state, staff, id, Review::Restore).await
}

/// `POST /answers/{answer}/verify`.
pub async fn verify(
    State(state): State<AppState>,
    staff: SiteStaff,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<Answer>> {
    review(state, staff, id, Review::Verify).await
}

/// `DELETE /answers/{answer}/verify`.
pub async fn unverify(
    State(state): State<AppState>,
    staff: SiteStaff,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<Answer>> {
    review(state, staff, id, Review::Unverify).await
}
