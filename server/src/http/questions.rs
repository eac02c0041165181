//! Asking the community, and the asker marking replies read.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use peerhelp_api::{IDEMPOTENCY_KEY_HEADER, NewQuestion, Thread};

use super::auth::SiteVisitor;
use super::extract::{Json, Path, Query, WidgetSession};
use crate::activity::Activity;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{Flagger, Question};
use crate::validate;

/// `POST /threads`: 201 with the new thread, or 200 with the same thread when the
/// `Idempotency-Key` was already used by this visitor.
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
pub async fn seen(
    State(state): State<AppState>,
    SiteVisitor { site, visitor }: SiteVisitor,
    Path((_, thread_id)): Path<(String, i64)>,
) -> AppResult<StatusCode> {
    match state.store.thread_asker(site.id, thread_id).await? {
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
