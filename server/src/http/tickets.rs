//! Staff working tickets over the API: the queue, a ticket, assigning, replying, resolving and
//! reopening (visitors open tickets in `escalations`).

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{
    Answer, AnswerDraft, ApiError, EscalationAssignee, EscalationDetail, EscalationQueue,
    EscalationStatus, EscalationTicket,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::answers::rendered;
use super::auth::SiteStaff;
use super::extract::{Json, Path, Query};
use super::openapi::{Forbidden, SiteKey, StaffRefused, TicketChanged, TicketReference};
use super::routes;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// `open` (the default) or `resolved`.
    status: Option<String>,
}

/// `GET /escalations?status=open|resolved` (open when absent).
#[utoipa::path(
    get,
    path = routes::ESCALATIONS,
    operation_id = "tickets_queue",
    tag = "escalations",
    summary = "The escalation queue",
    description = "Tickets with the status asked for (open by default), oldest first, with the site's first-reply target.",
    params(SiteKey, QueueQuery),
    responses(
        (status = 200, description = "The queue.", body = EscalationQueue),
        (status = 422, description = "Unknown status (invalid_input).", body = ApiError),
        (status = 401, response = StaffRefused),
        (status = 403, response = Forbidden),
        (status = 404, description = "No such site, or no such ticket on it.", body = ApiError),
    ),
    security(("staff" = [])),
)]
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
#[utoipa::path(
    get,
    path = routes::ESCALATION,
    tag = "escalations",
    summary = "A ticket with the whole conversation",
    params(SiteKey, TicketReference),
    responses(
        (status = 200, description = "The ticket, its thread and the thread it was escalated from.", body = EscalationDetail),
        (status = 401, response = StaffRefused),
        (status = 403, response = Forbidden),
        (status = 404, description = "No such site, or no such ticket on it.", body = ApiError),
    ),
    security(("staff" = [])),
)]
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
#[utoipa::path(
    post,
    path = routes::ESCALATION_ASSIGN,
    tag = "escalations",
    summary = "Assign a ticket to me",
    description = "The signed-in staff member takes the ticket; the visitor sees their name.",
    params(SiteKey, TicketReference),
    responses(TicketChanged),
    security(("staff" = [])),
)]
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
#[utoipa::path(
    put,
    path = routes::ESCALATION_ASSIGNEE,
    tag = "escalations",
    summary = "Assign a ticket to a teammate",
    description = "Any staff member hands the ticket to an active staff member of the site (themselves included); the visitor sees their name. Audited as `escalation.assigned`, naming the teammate.",
    params(SiteKey, TicketReference),
    request_body = EscalationAssignee,
    responses(
        (status = 200, description = "The ticket as it is now.", body = EscalationTicket),
        (status = 400, description = "Malformed request (bad JSON, bad path).", body = ApiError),
        (status = 401, response = StaffRefused),
        (status = 404, description = "No such site, or no such ticket on it.", body = ApiError),
        (status = 422, description = "staff_id is not an active staff member of this site (invalid_input).", body = ApiError),
    ),
    security(("staff" = [])),
)]
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
#[utoipa::path(
    post,
    path = routes::ESCALATION_REPLIES,
    tag = "escalations",
    summary = "Reply to a ticket",
    description = "Posted on the ticket's thread as an answer carrying the staff member's name; the visitor gets it live (answer_posted) and by email. An unassigned ticket becomes the replier's.",
    params(SiteKey, TicketReference),
    request_body = AnswerDraft,
    responses(
        (status = 201, description = "The reply.", body = Answer),
        (status = 422, description = "Empty or too long (invalid_input).", body = ApiError),
        (status = 401, response = StaffRefused),
        (status = 403, response = Forbidden),
        (status = 404, description = "No such site, or no such ticket on it.", body = ApiError),
    ),
    security(("staff" = [])),
)]
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
#[utoipa::path(
    post,
    path = routes::ESCALATION_RESOLVE,
    tag = "escalations",
    summary = "Resolve a ticket",
    description = "Resolving a resolved ticket changes nothing.",
    params(SiteKey, TicketReference),
    responses(TicketChanged),
    security(("staff" = [])),
)]
pub async fn resolve(
    state: State<AppState>,
    staff: SiteStaff,
    path: Path<(String, String)>,
) -> AppResult<Json<EscalationTicket>> {
    set_status(state, staff, path, EscalationStatus::Resolved).await
}

/// `POST /escalations/{reference}/reopen`.
#[utoipa::path(
    post,
    path = routes::ESCALATION_REOPEN,
    tag = "escalations",
    summary = "Reopen a ticket",
    description = "Reopening an open ticket changes nothing.",
    params(SiteKey, TicketReference),
    responses(TicketChanged),
    security(("staff" = [])),
)]
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
