//! Escalation over the API: visitors hand a question to staff, opening a ticket (staff work
//! tickets in `tickets`).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use peerhelp_api::{ApiError, EscalationCreated, IDEMPOTENCY_KEY_HEADER, NewEscalation};

use super::auth::SiteVisitor;
use super::client_ip::ClientIp;
use super::extract::{Json, Query, WidgetSession};
use super::openapi::{Forbidden, SiteKey, TokenRefused};
use super::routes;
use crate::activity::Activity;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::{Escalating, Escalator};
use crate::validate;

/// `POST /escalations`: 201 with the new ticket, or 200 with the ticket this key (or the
/// visitor's already escalated question) opened before.
#[utoipa::path(
    post,
    path = routes::ESCALATIONS,
    operation_id = "escalations_create",
    tag = "escalations",
    summary = "Hand a question to staff",
    description = "Opens a ticket carrying the conversation, the page and the searches tried; the visitor hears of changes (escalation_changed) and gets a confirmation email. Escalating an already escalated question returns its ticket; a resolved one is reopened.",
    params(
        SiteKey,
        ("Idempotency-Key" = String, Header, description = "1 to 100 visible ASCII characters, unique per escalation: a retry with the same key returns the first ticket."),
        WidgetSession,
    ),
    request_body = NewEscalation,
    responses(
        (status = 201, description = "The new ticket.", body = EscalationCreated),
        (status = 200, description = "The ticket this key or this question already opened.", body = EscalationCreated),
        (status = 400, description = "Malformed request or missing/invalid Idempotency-Key.", body = ApiError),
        (status = 401, response = TokenRefused),
        (status = 403, response = Forbidden),
        (status = 404, description = "No such site, or no such thread on it.", body = ApiError),
        (status = 409, description = "The Idempotency-Key was used for a question (conflict).", body = ApiError),
        (status = 422, description = "Body is not a valid NewEscalation, or a value is not acceptable (invalid_input): no email from an anonymous visitor, no request message, a search too long.", body = ApiError),
    ),
    security(("visitor" = [])),
)]
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
