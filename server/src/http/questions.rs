//! Asking the community, and the asker marking replies read.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use peerhelp_api::{ApiError, IDEMPOTENCY_KEY_HEADER, NewQuestion, Thread};

use super::auth::SiteVisitor;
use super::extract::{Json, Path, Query, WidgetSession};
use super::openapi::{
    BadRequest, Forbidden, NoSuchSite, SiteKey, ThreadId, TokenRefused, TooLarge,
};
use super::routes;
use crate::activity::Activity;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{Flagger, Question};
use crate::validate;

/// `POST /threads`: 201 with the new thread, or 200 with the same thread when the
/// `Idempotency-Key` was already used by this visitor.
#[utoipa::path(
    post,
    path = routes::THREADS,
    tag = "threads",
    summary = "Ask the community",
    params(
        SiteKey,
        ("Idempotency-Key" = String, Header, description = "1 to 100 visible ASCII characters, unique per question: a retry with the same key returns the first thread."),
        WidgetSession,
    ),
    request_body = NewQuestion,
    responses(
        (status = 201, description = "The new thread; helpers hear of it (question_asked).", body = Thread),
        (status = 200, description = "The thread this Idempotency-Key already created.", body = Thread),
        (status = 400, description = "Malformed request or missing/invalid Idempotency-Key.", body = ApiError),
        (status = 401, response = TokenRefused),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid NewQuestion, or a value is not acceptable (invalid_input; the message names the field).", body = ApiError),
    ),
    security(("visitor" = [])),
)]
pub async fn ask(
    State(state): State<AppState>,
    SiteVisitor { site, visitor }: SiteVisitor,
    headers: HeaderMap,
    Query(widget): Query<WidgetSession>,
    Json(question): Json<NewQuestion>,
) -> AppResult<(StatusCode, Json<Thread>)> {
    let key = validate::idempotency_key(
        headers
            .get(IDEMPOTENCY_KEY_HEADER)
            .map(|value| value.as_bytes()),
    )?;
    let question = Question {
        title: validate::title(&question.title)?,
        body: validate::body("body", &question.body, false)?,
        email: validate::email(question.email.as_deref())?,
        page_url: validate::page_url("page_url", question.page_url.as_deref())?,
    };
    let asked = state
        .store
        .ask(site.id, visitor.id, &key, &question)
        .await?;
    let thread = state
        .store
        .thread_seen_by(site.id, asked.thread_id, Some(Flagger::Visitor(visitor.id)))
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no thread {}", asked.thread_id)))?;
    if asked.created {
        let ask = Activity::Ask {
            thread_id: asked.thread_id,
        };
        state
            .activity
            .record(site.id, widget.session.as_deref(), ask);
    }
    let status = if asked.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(thread)))
}

/// `POST /threads/{thread}/seen`: the asker has read every answer so far.
#[utoipa::path(
    post,
    path = routes::THREAD_SEEN,
    tag = "threads",
    summary = "Mark the thread's answers read (asker)",
    params(SiteKey, ThreadId),
    responses(
        (status = 204, description = "Unread count is now zero."),
        (status = 400, response = BadRequest),
        (status = 401, response = TokenRefused),
        (status = 403, description = "Not the asker of this public thread, or origin not allowed.", body = ApiError),
        (status = 404, description = "No such site or thread (a private thread someone else asked is not there for you).", body = ApiError),
    ),
    security(("visitor" = [])),
)]
pub async fn seen(
    State(state): State<AppState>,
    SiteVisitor { site, visitor }: SiteVisitor,
    Path((_, thread_id)): Path<(String, i64)>,
) -> AppResult<StatusCode> {
    match state
        .store
        .thread_asker(site.id, thread_id, visitor.id)
        .await?
    {
        None => Err(AppError::NotFound(format!(
            "no thread {thread_id} on this site"
        ))),
        Some(asker) if asker != Some(visitor.id) => Err(AppError::Forbidden(
            "only the visitor who asked a question tracks its unread answers".to_owned(),
        )),
        Some(_) => {
            state.store.mark_thread_seen(thread_id).await?;
            Ok(StatusCode::NO_CONTENT)
        }
    }
}
