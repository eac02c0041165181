//! The mail outbox: emails queued with what they tell of, claimed and sent by the mailer.

use std::time::Duration;

use sqlx::{Row, SqliteConnection};

use super::{Store, seconds_from_now};
use crate::error::AppResult;

/// An email the mailer should send.
#[derive(Clone, Debug)]
pub struct OutgoingMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Failed attempts so far.
    pub attempts: i64,
}

/// Queues an email in the caller's transaction; [`Store::announce_mail`] wakes the mailer
/// once it commits.
pub(super) async fn queue(
    conn: &mut SqliteConnection,
    site_id: i64,
    recipient: &str,
    subject: &str,
    body: &str,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO mail_outbox (site_id, recipient, subject, body) VALUES ($1, $2, $3, $4)",
    )
    .bind(site_id)
    .bind(recipient)
    .bind(subject)
    .bind(body)
    .execute(conn)
    .await?;
    Ok(())
}

impl Store {
    /// Resolves once an email was queued since the last call returned.
    pub async fn mail_queued(&self) {
        self.mail_queued.notified().await;
    }

    pub(super) fn announce_mail(&self) {
        self.mail_queued.notify_one();
    }

    /// Up to `limit` emails due now, oldest first, each leased for `lease`: until then no other
    /// mailer (another node, or this one after a crash) claims it again.
    pub async fn claim_due_mail(
        &self,
        limit: i64,
        lease: Duration,
    ) -> AppResult<Vec<OutgoingMail>> {
        let rows = self
            .claim_due(
                "mail_outbox",
                "sent_at",
                "id, recipient, subject, body, attempts",
                limit,
                lease,
            )
            .await?;
        Ok(rows
            .iter()
            .map(|row| OutgoingMail {
                id: row.get("id"),
                recipient: row.get("recipient"),
                subject: row.get("subject"),
                body: row.get("body"),
                attempts: row.get("attempts"),
            })
            .collect())
    }

    /// Marks email `id` sent.
    pub async fn mail_sent(&self, id: i64) -> AppResult<()> {
        sqlx::query(
            "UPDATE mail_outbox SET sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = $1",
        )
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a failed attempt at email `id`; it is tried again after `retry_in`.
    pub async fn mail_failed(&self, id: i64, error: &str, retry_in: Duration) -> AppResult<()> {
        sqlx::query(
            "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1,
             next_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', $2) WHERE id = $3",
        )
        .bind(error)
        .bind(seconds_from_now(retry_in))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Deletes emails queued more than `age` ago, sent or not: a reply announced days late
    /// is noise.
    pub async fn prune_mail(&self, age: Duration) -> AppResult<u64> {
        self.delete_older_than("mail_outbox", age).await
    }
}
