//! What `GET /metrics` reads at each scrape: how many deliveries wait in the outboxes (mail,
//! webhooks) and since when, and how the connection pool is used.

use super::Store;
use super::db::query;
use crate::error::AppResult;
use crate::retry::MAX_ATTEMPTS;
use crate::timestamp::Timestamp;

/// Deliveries waiting in one outbox: neither done nor given up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Backlog {
    pub waiting: i64,
    /// Seconds since the oldest waiting delivery was queued, by the store's clock; 0 when
    /// none waits.
    pub oldest_age_seconds: f64,
}

/// The backlogs of both outboxes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OutboxBacklogs {
    pub mail: Backlog,
    pub webhooks: Backlog,
}

/// The connection pool's use now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUse {
    pub in_use: u32,
    pub idle: u32,
    /// The most connections the pool opens.
    pub max: u32,
}

impl Store {
    /// How many emails and webhook deliveries wait, and how long the oldest of each has.
    pub async fn outbox_backlogs(&self) -> AppResult<OutboxBacklogs> {
        Ok(OutboxBacklogs {
            mail: self.backlog("mail_outbox", "sent_at").await?,
            webhooks: self.backlog("webhook_deliveries", "delivered_at").await?,
        })
    }

    /// The rows of outbox `table` not yet done (`done_column` empty) and not given up, as
    /// [`Store::claim_due`] sees them, whether due now or waiting for a retry.
    async fn backlog(&self, table: &'static str, done_column: &'static str) -> AppResult<Backlog> {
        let sql = format!(
            "SELECT COUNT(*) AS waiting, MIN(created_at) AS oldest FROM {table}
             WHERE {done_column} IS NULL AND attempts < $1"
        );
        let row = query(sql).bind(MAX_ATTEMPTS).fetch_one(&self.db).await?;
        let oldest: Option<Timestamp> = row.get("oldest");
        Ok(Backlog {
            waiting: row.get("waiting"),
            oldest_age_seconds: oldest
                .map_or(0.0, |oldest| self.now().seconds_since(oldest).max(0.0)),
        })
    }

    /// Connections in use, idle, and the most the pool opens.
    pub fn pool_use(&self) -> PoolUse {
        let (open, idle, max) = self.db.connections();
        let idle = u32::try_from(idle).unwrap_or(open).min(open);
        PoolUse {
            in_use: open - idle,
            idle,
            max,
        }
    }
}
