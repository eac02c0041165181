//! Webhooks over the API: a site's managers add, list and delete them and read each one's
//! delivery log.

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{ApiError, NewWebhook, WebhookCreated, WebhookDeliveries, Webhooks};

use super::auth::SiteManager;
use super::extract::{Json, Path};
use super::openapi::{AdminOnly, AdminRefused, SiteKey, WebhookId};
use super::routes;
use crate::error::{AppError, AppResult};
use crate::secrets::random_hex;
use crate::state::AppState;
use crate::validate;
use crate::webhook_target::TargetPolicy;

/// `POST /webhooks`: 201 with the webhook and its signing secret, shown this once.
#[utoipa::path(
    post,
    path = routes::WEBHOOKS,
    operation_id = "webhooks_create",
    tag = "webhooks",
    summary = "Add a webhook",
    description = "Site admin token or a staff admin's session. At most 20 per site.",
    params(SiteKey),
    request_body = NewWebhook,
    responses(
        (status = 201, description = "The webhook and its signing secret.", body = WebhookCreated),
        (status = 409, description = "The site has 20 webhooks (conflict).", body = ApiError),
        (status = 422, description = "Not an https URL, a URL with a user name or password, a host that does not resolve or resolves to an internal address (loopback, private, link-local, unique-local, multicast, reserved or cloud metadata; http and private addresses are allowed on a server started with --allow-private-webhooks, metadata never), no events, or an unknown event (invalid_input).", body = ApiError),
        (status = 401, response = AdminRefused),
        (status = 403, response = AdminOnly),
        (status = 404, description = "No such site, or no such webhook on it.", body = ApiError),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
pub async fn create(
    State(state): State<AppState>,
    SiteManager { site, staff_id }: SiteManager,
    Json(webhook): Json<NewWebhook>,
) -> AppResult<(StatusCode, Json<WebhookCreated>)> {
    let url = validate::page_url("url", Some(&webhook.url))?
        .ok_or_else(|| AppError::InvalidInput("url is required".to_owned()))?;
    TargetPolicy::new(&state.security)
        .check_new(&url)
        .await
        .map_err(AppError::InvalidInput)?;
    let mut events = webhook.events;
    events.sort_by_key(|event| event.as_str());
    events.dedup();
    if events.is_empty() {
        return Err(AppError::InvalidInput(
            "events must name at least one of escalation.created, escalation.replied, thread.created"
                .to_owned(),
        ));
    }
    let secret = format!("whsec_{}", random_hex());
    let webhook = state
        .store
        .create_webhook(site.id, staff_id, &url, &events, &secret)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(WebhookCreated { webhook, secret }),
    ))
}

/// `GET /webhooks`.
#[utoipa::path(
    get,
    path = routes::WEBHOOKS,
    operation_id = "webhooks_list",
    tag = "webhooks",
    summary = "The site's webhooks",
    params(SiteKey),
    responses(
        (status = 200, description = "Webhooks, without their secrets.", body = Webhooks),
        (status = 401, response = AdminRefused),
        (status = 403, response = AdminOnly),
        (status = 404, description = "No such site, or no such webhook on it.", body = ApiError),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
pub async fn list(
    State(state): State<AppState>,
    SiteManager { site, .. }: SiteManager,
) -> AppResult<Json<Webhooks>> {
    let webhooks = state.store.webhooks(site.id).await?;
    Ok(Json(Webhooks { webhooks }))
}

/// `DELETE /webhooks/{id}`.
#[utoipa::path(
    delete,
    path = routes::WEBHOOK,
    tag = "webhooks",
    summary = "Delete a webhook",
    description = "Its log and pending deliveries go with it.",
    params(SiteKey, WebhookId),
    responses(
        (status = 204, description = "Deleted."),
        (status = 401, response = AdminRefused),
        (status = 403, response = AdminOnly),
        (status = 404, description = "No such site, or no such webhook on it.", body = ApiError),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
pub async fn delete(
    State(state): State<AppState>,
    SiteManager { site, staff_id }: SiteManager,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<StatusCode> {
    state.store.delete_webhook(site.id, staff_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /webhooks/{id}/deliveries`: the latest deliveries, newest first.
#[utoipa::path(
    get,
    path = routes::WEBHOOK_DELIVERIES,
    tag = "webhooks",
    summary = "A webhook's delivery log",
    description = "The latest 100 deliveries, newest first; kept 30 days.",
    params(SiteKey, WebhookId),
    responses(
        (status = 200, description = "Deliveries.", body = WebhookDeliveries),
        (status = 401, response = AdminRefused),
        (status = 403, response = AdminOnly),
        (status = 404, description = "No such site, or no such webhook on it.", body = ApiError),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
pub async fn deliveries(
    State(state): State<AppState>,
    SiteManager { site, .. }: SiteManager,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<WebhookDeliveries>> {
    let deliveries = state.store.webhook_deliveries(site.id, id).await?;
    Ok(Json(WebhookDeliveries { deliveries }))
}
