//! Webhooks over the API: a site's managers add, list and delete them and read each one's
//! delivery log.

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{NewWebhook, WebhookCreated, WebhookDeliveries, Webhooks};

use super::auth::SiteManager;
use super::extract::{Json, Path};
use crate::error::{AppError, AppResult};
use crate::secrets::random_hex;
use crate::state::AppState;
use crate::validate;
use crate::webhook_target::TargetPolicy;

/// `POST /webhooks`: 201 with the webhook and its signing secret, shown this once.
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
pub async fn list(
    State(state): State<AppState>,
    SiteManager { site, .. }: SiteManager,
) -> AppResult<Json<Webhooks>> {
    let webhooks = state.store.webhooks(site.id).await?;
    Ok(Json(Webhooks { webhooks }))
}

/// `DELETE /webhooks/{id}`.
pub async fn delete(
    State(state): State<AppState>,
    SiteManager { site, staff_id }: SiteManager,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<StatusCode> {
    state.store.delete_webhook(site.id, staff_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /webhooks/{id}/deliveries`: the latest deliveries, newest first.
pub async fn deliveries(
    State(state): State<AppState>,
    SiteManager { site, .. }: SiteManager,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<WebhookDeliveries>> {
    let deliveries = state.store.webhook_deliveries(site.id, id).await?;
    Ok(Json(WebhookDeliveries { deliveries }))
}
