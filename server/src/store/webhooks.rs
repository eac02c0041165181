//! Webhooks and their delivery outbox: deliveries are queued with the change they tell of,
//! claimed and posted by the deliverer, retried with backoff, and kept as a delivery log.

use std::collections::HashMap;
use std::time::Duration;

use peerhelp_api::{DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent};

use super::db::{Row, Tx, query, query_scalar};
use super::{Store, audit};
use crate::error::{AppError, AppResult};
use crate::retry::MAX_ATTEMPTS;
use crate::timestamp::Timestamp;

/// Most webhooks a site may have.
pub const MAX_WEBHOOKS: i64 = 20;
/// Most deliveries one log read returns.
const LOG_PAGE: i64 = 100;

/// A delivery the deliverer should post.
#[derive(Clone, Debug)]
pub struct DueDelivery {
    pub id: i64,
    pub webhook_id: i64,
    pub url: String,
    pub secret: String,
    pub event: String,
    pub body: String,
    /// Failed attempts so far.
    pub attempts: i64,
}

/// Queues `event` with `data` for every webhook of the site subscribed to it, in the caller's
/// transaction; returns whether any was. The body is written once, here, and posted byte for
/// byte on every retry (the signature covers it).
pub(super) async fn queue(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    event: WebhookEvent,
    data: &serde_json::Value,
) -> AppResult<bool> {
    let site_key: String = query_scalar("SELECT key FROM sites WHERE id = $1")
        .bind(site_id)
        .fetch_one(&mut *conn)
        .await?;
    let body = serde_json::json!({
        "event": event.as_str(),
        "site": site_key,
        "created_at": now.to_string(),
        "data": data,
    });
    let queued = query(
        "INSERT INTO webhook_deliveries (webhook_id, event, body, created_at, next_attempt_at)
         SELECT id, $2, $3, $4, $4 FROM webhooks
         WHERE site_id = $1 AND (',' || events || ',') LIKE ('%,' || $2 || ',%')",
    )
    .bind(site_id)
    .bind(event.as_str())
    .bind(body.to_string())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(queued.rows_affected() > 0)
}

fn webhook_from_row(row: &Row) -> Webhook {
    let events: String = row.get("events");
    Webhook {
        id: row.get("id"),
        url: row.get("url"),
        events: events.split(',').filter_map(WebhookEvent::parse).collect(),
        created_at: row.get("created_at"),
    }
}

fn no_webhook(id: i64) -> AppError {
    AppError::NotFound(format!("no webhook {id} on this site"))
}

impl Store {
    /// Resolves once a delivery was queued since the last call returned.
    pub async fn webhooks_queued(&self) {
        self.webhooks_queued.notified().await;
    }

    pub(super) fn announce_webhooks(&self) {
        self.webhooks_queued.notify_one();
    }

    /// Adds a webhook, unless the site already has [`MAX_WEBHOOKS`]; `actor` (a staff admin,
    /// or `None` for the admin token) goes to the audit log.
    pub async fn create_webhook(
        &self,
        site_id: i64,
        actor: Option<i64>,
        url: &str,
        events: &[WebhookEvent],
        secret: &str,
    ) -> AppResult<Webhook> {
        let mut tx = self.write().await?;
        // The site's webhooks are counted, then one is added.
        tx.lock(&format!("webhooks:{site_id}")).await?;
        let now = self.now();
        let count: i64 = query_scalar("SELECT COUNT(*) FROM webhooks WHERE site_id = $1")
            .bind(site_id)
            .fetch_one(&mut tx)
            .await?;
        if count >= MAX_WEBHOOKS {
            return Err(AppError::Conflict(format!(
                "a site may have at most {MAX_WEBHOOKS} webhooks; delete one first"
            )));
        }
        let names: Vec<&str> = events.iter().map(|event| event.as_str()).collect();
        let row = query(
            "INSERT INTO webhooks (site_id, url, secret, events, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id, url, events, created_at",
        )
        .bind(site_id)
        .bind(url)
        .bind(secret)
        .bind(names.join(","))
        .bind(now)
        .fetch_one(&mut tx)
        .await?;
        audit::record(&mut tx, now, site_id, actor, "webhook.created", url).await?;
        tx.commit().await?;
        Ok(webhook_from_row(&row))
    }

    /// The site's webhooks, oldest first.
    pub async fn webhooks(&self, site_id: i64) -> AppResult<Vec<Webhook>> {
        let rows = query(
            "SELECT id, url, events, created_at FROM webhooks WHERE site_id = $1 ORDER BY id",
        )
        .bind(site_id)
        .fetch_all(&self.db)
        .await?;
        Ok(rows.iter().map(webhook_from_row).collect())
    }

    /// Deletes a webhook with its delivery log; pending deliveries are dropped.
    pub async fn delete_webhook(&self, site_id: i64, actor: Option<i64>, id: i64) -> AppResult<()> {
        let mut tx = self.write().await?;
        let now = self.now();
        let url: String =
            query_scalar("DELETE FROM webhooks WHERE id = $1 AND site_id = $2 RETURNING url")
                .bind(id)
                .bind(site_id)
                .fetch_optional(&mut tx)
                .await?
                .ok_or_else(|| no_webhook(id))?;
        audit::record(&mut tx, now, site_id, actor, "webhook.deleted", &url).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A webhook's latest deliveries, newest first.
    pub async fn webhook_deliveries(
        &self,
        site_id: i64,
        id: i64,
    ) -> AppResult<Vec<WebhookDelivery>> {
        let exists: bool =
            query_scalar("SELECT EXISTS (SELECT 1 FROM webhooks WHERE id = $1 AND site_id = $2)")
                .bind(id)
                .bind(site_id)
                .fetch_one(&self.db)
                .await?;
        if !exists {
            return Err(no_webhook(id));
        }
        let rows = query(
            "SELECT id, event, attempts, last_status_code, last_error, created_at, delivered_at
             FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(id)
        .bind(LOG_PAGE)
        .fetch_all(&self.db)
        .await?;
        Ok(rows
            .iter()
            .filter_map(|row| {
                let attempts: i64 = row.get("attempts");
                let delivered_at: Option<String> = row.get("delivered_at");
                let status = match (&delivered_at, attempts >= MAX_ATTEMPTS) {
                    (Some(_), _) => DeliveryStatus::Delivered,
                    (None, true) => DeliveryStatus::Failed,
                    (None, false) => DeliveryStatus::Pending,
                };
                Some(WebhookDelivery {
                    id: row.get("id"),
                    event: WebhookEvent::parse(&row.get::<String, _>("event"))?,
                    status,
                    attempts,
                    last_status_code: row
                        .get::<Option<i64>, _>("last_status_code")
                        .and_then(|code| u16::try_from(code).ok()),
                    last_error: row.get("last_error"),
                    created_at: row.get("created_at"),
                    delivered_at,
                })
            })
            .collect())
    }

    /// Up to `limit` deliveries due now, oldest first, each leased for `lease` (see
    /// [`Store::claim_due_mail`]), no more of one webhook than brings its deliveries in flight
    /// (`in_flight`, by webhook id) to `per_webhook`: a webhook at its limit keeps its due
    /// deliveries unclaimed, for whichever node has room.
    pub async fn claim_due_deliveries(
        &self,
        limit: usize,
        per_webhook: usize,
        in_flight: &HashMap<i64, usize>,
        lease: Duration,
    ) -> AppResult<Vec<DueDelivery>> {
        let in_flight: HashMap<String, usize> = in_flight
            .iter()
            .map(|(webhook, count)| (webhook.to_string(), *count))
            .collect();
        // The webhook's address and secret come with the claim: one statement, however many.
        let now = self.now();
        let backend = self.db.backend();
        // The due rows are locked as they are read (skipping those another node is claiming),
        // ranked within their webhook, and claimed while still due.
        let mut rows = query(format!(
            "UPDATE webhook_deliveries SET next_attempt_at = $1
             WHERE id IN (
                 SELECT id FROM (
                     SELECT id, webhook_id,
                            ROW_NUMBER() OVER (PARTITION BY webhook_id ORDER BY id) AS place
                     FROM (SELECT id, webhook_id FROM webhook_deliveries
                           WHERE delivered_at IS NULL AND attempts < $2 AND next_attempt_at <= $6
                           ORDER BY id{skip_locked}) AS due) AS ranked
                 WHERE place + {in_flight} <= $4
                 ORDER BY id LIMIT $3)
               AND next_attempt_at <= $6
             RETURNING id, webhook_id, event, body, attempts,
                 (SELECT url FROM webhooks w WHERE w.id = webhook_id) AS url,
                 (SELECT secret FROM webhooks w WHERE w.id = webhook_id) AS secret",
            skip_locked = backend.skip_locked(),
            in_flight = backend.json_count("$5", "webhook_id"),
        ))
        .bind(now + lease)
        .bind(MAX_ATTEMPTS)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .bind(i64::try_from(per_webhook).unwrap_or(i64::MAX))
        .bind(serde_json::to_string(&in_flight).expect("a map of counts serializes"))
        .bind(now)
        .fetch_all(&self.db)
        .await?;
        // RETURNING gives no order.
        rows.sort_by_key(|row| row.get::<i64, _>("id"));
        Ok(rows
            .iter()
            .map(|row| DueDelivery {
                id: row.get("id"),
                webhook_id: row.get("webhook_id"),
                url: row.get("url"),
                secret: row.get("secret"),
                event: row.get("event"),
                body: row.get("body"),
                attempts: row.get("attempts"),
            })
            .collect())
    }

    /// Marks delivery `id` delivered, with the receiver's status code.
    pub async fn delivery_done(&self, id: i64, status_code: u16) -> AppResult<()> {
        query(
            "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $1,
                last_error = NULL, delivered_at = $3
             WHERE id = $2",
        )
        .bind(i64::from(status_code))
        .bind(id)
        .bind(self.now())
        .execute(&self.db)
        .await?;
        Ok(())
    }

    /// Records a failed attempt at delivery `id`; it is tried again after `retry_in`.
    pub async fn delivery_failed(
        &self,
        id: i64,
        status_code: Option<u16>,
        error: &str,
        retry_in: Duration,
    ) -> AppResult<()> {
        query(
            "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $1,
                last_error = $2, next_attempt_at = $3
             WHERE id = $4",
        )
        .bind(status_code.map(i64::from))
        .bind(error)
        .bind(self.now() + retry_in)
        .bind(id)
        .execute(&self.db)
        .await?;
        Ok(())
    }

    /// Deletes deliveries queued more than `age` ago.
    pub async fn prune_deliveries(&self, age: Duration) -> AppResult<u64> {
        self.delete_older_than("webhook_deliveries", age).await
    }
}
