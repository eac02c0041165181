//! Outgoing webhooks: a brand's server hears of escalations and new questions as they happen.
//!
//! Each delivery is a `POST` of a JSON body `{"event", "site", "created_at", "data"}` (`data`
//! as each [`WebhookEvent`] says) with the headers
//! `PeerHelp-Event` (the event name), `PeerHelp-Delivery` (the delivery's id, the same on every
//! retry) and `PeerHelp-Signature: t=UNIX_SECONDS,v1=HEX`, where `HEX` is the lowercase hex
//! HMAC-SHA256 of `"{t}.{body}"` keyed with the webhook's secret. Any 2xx answer counts as
//! delivered; anything else is retried with backoff.

use serde::{Deserialize, Serialize};

/// Header carrying the event name.
pub const WEBHOOK_EVENT_HEADER: &str = "peerhelp-event";
/// Header carrying the delivery id.
pub const WEBHOOK_DELIVERY_HEADER: &str = "peerhelp-delivery";
/// Header carrying the timestamp and signature.
pub const WEBHOOK_SIGNATURE_HEADER: &str = "peerhelp-signature";

/// What a webhook can subscribe to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum WebhookEvent {
    /// A visitor handed a question to staff; `data` is the ticket.
    #[serde(rename = "escalation.created")]
    EscalationCreated,
    /// A staff member replied on a ticket; `data` holds the ticket and the reply.
    #[serde(rename = "escalation.replied")]
    EscalationReplied,
    /// A visitor asked the community; `data` is the thread.
    #[serde(rename = "thread.created")]
    ThreadCreated,
}

impl WebhookEvent {
    /// The name used on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::EscalationCreated => "escalation.created",
            WebhookEvent::EscalationReplied => "escalation.replied",
            WebhookEvent::ThreadCreated => "thread.created",
        }
    }

    /// Inverse of [`WebhookEvent::as_str`].
    pub fn parse(name: &str) -> Option<WebhookEvent> {
        [
            WebhookEvent::EscalationCreated,
            WebhookEvent::EscalationReplied,
            WebhookEvent::ThreadCreated,
        ]
        .into_iter()
        .find(|event| event.as_str() == name)
    }
}

/// `POST /webhooks` (staff admin, or the site's admin token).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewWebhook {
    /// Where deliveries are posted: an `https://` address (or `http://` for local tests).
    pub url: String,
    /// What to deliver; at least one.
    pub events: Vec<WebhookEvent>,
}

/// A webhook of the site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    /// RFC 3339.
    pub created_at: String,
}

/// The answer to `POST /webhooks`: the signing secret is shown this once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookCreated {
    pub webhook: Webhook,
    pub secret: String,
}

/// `GET /webhooks`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Webhooks {
    pub webhooks: Vec<Webhook>,
}

/// Where a delivery stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its first attempt or a retry.
    Pending,
    Delivered,
    /// Every attempt failed; no more are made.
    Failed,
}

/// One delivery in a webhook's log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDelivery {
    pub id: i64,
    pub event: WebhookEvent,
    pub status: DeliveryStatus,
    pub attempts: i64,
    /// The HTTP status of the last attempt, when it got an answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_status_code: Option<u16>,
    /// Why the last attempt failed, in general terms ("timed out", "connection refused",
    /// "the receiver answered HTTP 500"), never the client's internals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// RFC 3339 timestamps.
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<String>,
}

/// `GET /webhooks/{id}/deliveries`: newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveries {
    pub deliveries: Vec<WebhookDelivery>,
}
