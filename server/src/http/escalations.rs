//! Escalation over the API: visitors open tickets; staff work the queue, assign, reply,
//! resolve and reopen.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use peerhelp_api::{
    Answer, AnswerDraft, EscalationAssignee, EscalationCreated, EscalationDetail, EscalationQueue,
    EscalationStatus, EscalationTicket, IDEMPOTENCY_KEY_HEADER, NewEscalation,
};
use serde::Deserialize;

use super::answers::rendered;
use super::auth::{SiteStaff, SiteVisitor};
use super::client_ip::ClientIp;
use super::extract::{Json, Path, Query, WidgetSession};
use crate::activity::Activity;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{Escalating, Escalator};
use crate::validate;

/// `POST /escalations`: 201 with the new ticket, or 200 with the ticket this key (or the
/// visitor's already escalated question) opened before.
pub async fn create(
    State(state): State<AppState>,
    SiteVisitor { site, visitor }: SiteVisitor,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Query(widget): Query<WidgetSession>,
    Json(escalation): Json<NewEscalation>,
) -> AppResult<(StatusCode, Json<EscalationCreated>)> {
    let key = validate::idempotency_key(
        headers
            .get(IDEMPOTENCY_KEY_HEADER)
            .map(|value| value.as_bytes()),
    )?;
    let escalating = Escalating {
        thread_id: escalation.thread_id,
        message: validate::body("message", &escalation.message, false)?,
        email: validate::email(escalation.email.as_deref())?,
        page_url: validate::page_url("page_url", escalation.page_url.as_deref())?,
        searches: validate::searches(&escalation.searches)?,
    };
    let who = Escalator {
        visitor_id: visitor.id,
        identified: visitor.external_id.is_some(),
        ip,
    };
    let escalated = state
        .store
        .escalate(site.id, who, &key, &escalating)
        .await?;
    if escalated.created {
        let escalate = Activity::Escalate {
            thread_id: escalated.thread_id,
        };
        state
            .activity
            .record(site.id, widget.session.as_deref(), escalate);
    }
    let status = if escalated.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let created = EscalationCreated {
        thread_id: escalated.thread_id,
        escalation: escalated.escalation,
    };
    Ok((status, Json(created)))
}

#[derive(Deserialize)]
pub struct QueueQuery {
    status: Option<String>,
}

/// `GET /escalations?status=open|resolved` (open when absent).
pub async fn queue(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
    Query(query): Query<QueueQuery>,
) -> AppResult<Json<EscalationQueue>> {
    let status = match query.status.as_deref() {
        None => EscalationStatus::Open,
        Some(name) => EscalationStatus::parse(name).ok_or_else(|| {
            AppError::InvalidInput(format!("status {name:?} is not open or resolved"))
        })?,
    };
    let tickets = state.store.escalation_queue(site.id, status).await?;
    Ok(Json(EscalationQueue {
        first_reply_target_minutes: site.first_reply_target_minutes,
        tickets,
    }))
}

/// `GET /escalations/{reference}`: the ticket and the whole conversation.
pub async fn detail(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
    Path((_, reference)): Path<(String, String)>,
) -> AppResult<Json<EscalationDetail>> {
    Ok(Json(
        state.store.escalation_detail(site.id, &reference).await?,
    ))
}

/// `POST /escalations/{reference}/assign`: the signed-in staff member takes the ticket.
pub async fn assign(
    State(state): State<AppState>,
    SiteStaff { site, staff, .. }: SiteStaff,
    Path((_, reference)): Path<(String, String)>,
) -> AppResult<Json<EscalationTicket>> {
    Ok(Json(
        state
            .store
            .assign_escalation(site.id, &staff, staff.id, &reference)
            .await?,
    ))
}

/// `PUT /escalations/{reference}/assignee`: hands the ticket to an active teammate.
pub async fn set_assignee(
    State(state): State<AppState>,
    SiteStaff { site, staff, .. }: SiteStaff,
    Path((_, reference)): Path<(String, String)>,
    Json(assignee): Json<EscalationAssignee>,
) -> AppResult<Json<EscalationTicket>> {
    Ok(Json(
        state
            .store
            .assign_escalation(site.id, &staff, assignee.staff_id, &reference)
            .await?,
    ))
}

/// `POST /escalations/{reference}/replies`: a staff reply, shown in the widget and emailed.
pub async fn reply(
    State(state): State<AppState>,
    SiteStaff { site, staff, .. }: SiteStaff,
    Path((_, reference)): Path<(String, String)>,
    Json(draft): Json<AnswerDraft>,
) -> AppResult<(StatusCode, Json<Answer>)> {
    let reply = rendered(&draft)?;
    let answer = state
        .store
        .reply_to_escalation(site.id, &staff, &reference, &reply)
        .await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

/// `POST /escalations/{reference}/resolve`.
pub async fn resolve(
    state: State<AppState>,
    staff: SiteStaff,
    path: Path<(String, String)>,
) -> AppResult<Json<EscalationTicket>> {
    set_status(state, staff, path, EscalationStatus::Resolved).await
}

/// `POST /escalations/{reference}/reopen`.
pub async fn reopen(
    state: State<AppState>,
    staff: SiteStaff,
    path: Path<(String, String)>,
) -> AppResult<Json<EscalationTicket>> {
    set_status(state, staff, path, EscalationStatus::Open).await
}

async fn set_status(
    State(state): State<AppState>,
    SiteStaff { site, staff, .. }: SiteStaff,
    Path((_, reference)): Path<(String, String)>,
    status: EscalationStatus,
) -> AppResult<Json<EscalationTicket>> {
    let ticket = state
        .store
        .set_escalation_status(site.id, &staff, &reference, status)
        .await?;
    Ok(Json(ticket))
}
