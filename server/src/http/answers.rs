//! Helpers answering and editing; the asker accepting.

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{Answer, AnswerDraft, ApiError};

use super::auth::{SiteHelper, SiteVisitor};
use super::extract::{Json, Path};
use super::openapi::{AnswerId, BadRequest, Forbidden, SiteKey, ThreadId, TokenRefused, TooLarge};
use super::routes;
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
#[utoipa::path(
    post,
    path = routes::THREAD_ANSWERS,
    tag = "answers",
    summary = "Answer a question (helper)",
    params(SiteKey, ThreadId),
    request_body = AnswerDraft,
    responses(
        (status = 201, description = "The answer, rendered and sanitized; the asker and helpers hear of it (answer_posted).", body = Answer),
        (status = 400, response = BadRequest),
        (status = 401, response = TokenRefused),
        (status = 403, response = Forbidden),
        (status = 404, description = "No such site or thread.", body = ApiError),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid AnswerDraft (empty or over 5000 characters), or a value is not acceptable (invalid_input; the message names the field).", body = ApiError),
        (status = 429, description = "A new helper's hourly answer allowance is used up (rate_limited); the message says when they may post again.", body = ApiError),
    ),
    security(("helper" = [])),
)]
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
#[utoipa::path(
    patch,
    path = routes::ANSWER,
    tag = "answers",
    summary = "Edit one's own answer (helper)",
    params(SiteKey, AnswerId),
    request_body = AnswerDraft,
    responses(
        (status = 200, description = "The edited answer; the asker hears of it (answer_edited).", body = Answer),
        (status = 400, response = BadRequest),
        (status = 401, response = TokenRefused),
        (status = 403, description = "Another helper's answer, or origin not allowed (forbidden).", body = ApiError),
        (status = 404, description = "No such site or answer.", body = ApiError),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid AnswerDraft, or a value is not acceptable (invalid_input; the message names the field).", body = ApiError),
    ),
    security(("helper" = [])),
)]
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
#[utoipa::path(
    post,
    path = routes::ANSWER_ACCEPT,
    operation_id = "answers_accept",
    tag = "answers",
    summary = "Accept an answer (the asker)",
    params(SiteKey, AnswerId),
    responses(
        (status = 200, description = "The accepted answer. Accepting another answer of the thread moves the acceptance and its points.", body = Answer),
        (status = 400, response = BadRequest),
        (status = 401, response = TokenRefused),
        (status = 403, description = "Not the visitor who asked, a staff reply (only the community's answers are accepted), or origin not allowed (forbidden).", body = ApiError),
        (status = 404, description = "No such site or answer.", body = ApiError),
    ),
    security(("visitor" = [])),
)]
pub async fn accept(
    State(state): State<AppState>,
    SiteVisitor { site, visitor }: SiteVisitor,
    Path((_, answer_id)): Path<(String, i64)>,
) -> AppResult<Json<Answer>> {
    Ok(Json(
        state.store.accept(site.id, visitor.id, answer_id).await?,
    ))
}
