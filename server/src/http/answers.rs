//! Helpers answering and editing; the asker accepting.

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{Answer, AnswerDraft};

use super::auth::{SiteHelper, SiteVisitor};
use super::extract::{Json, Path};
use crate::error::AppResult;
use crate::rich_text::{Rendered, render_markdown};
use crate::state::AppState;
use crate::validate;

/// Checks the draft's length, then renders it; empty or oversize drafts are a 422.
pub(super) fn rendered(draft: &AnswerDraft) -> AppResult<Rendered> {
    let source = validate::body("body", &draft.body, true)?;
    let rendered = render_markdown(&source);
    // Markdown made only of markup (say, an empty link) renders to nothing to read.
    validate::body("body", &rendered.text, true)?;
    Ok(rendered)
}

/// `POST /threads/{thread}/answers`.
pub async fn post(
    State(state): State<AppState>,
    SiteHelper { site, helper_id }: SiteHelper,
    Path((_, thread_id)): Path<(String, i64)>,
    Json(draft): Json<AnswerDraft>,
) -> AppResult<(StatusCode, Json<Answer>)> {
    let answer = rendered(&draft)?;
    let posted = state
        .store
        .post_answer(site.id, helper_id, thread_id, &answer)
        .await?;
    Ok((StatusCode::CREATED, Json(posted)))
}

/// `PATCH /answers/{answer}`: the author only.
pub async fn edit(
    State(state): State<AppState>,
    SiteHelper { site, helper_id }: SiteHelper,
    Path((_, answer_id)): Path<(String, i64)>,
    Json(draft): Json<AnswerDraft>,
) -> AppResult<Json<Answer>> {
    let answer = rendered(&draft)?;
    let edited = state
        .store
        .edit_answer(site.id, helper_id, answer_id, &answer)
        .await?;
    Ok(Json(edited))
}

/// `POST /answers/{answer}/accept`: the visitor who asked only.
pub async fn accept(
    State(state): State<AppState>,
    SiteVisitor { site, visitor }: SiteVisitor,
    Path((_, answer_id)): Path<(String, i64)>,
) -> AppResult<Json<Answer>> {
    Ok(Json(
        state.store.accept(site.id, visitor.id, answer_id).await?,
    ))
}
