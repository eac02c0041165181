//! The mail outbox: emails queued with what they tell of, claimed and sent by the mailer.

use std::net::IpAddr;
use std::time::Duration;

use super::Store;
use super::db::{Tx, query};
use crate::error::AppResult;
use crate::timestamp::Timestamp;

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
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    recipient: &str,
    subject: &str,
    body: &str,
) -> AppResult<()> {
    query(
        "INSERT INTO mail_outbox (site_id, recipient, subject, body, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(site_id)
    .bind(recipient)
    .bind(subject)
    .bind(body)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

const HOUR: Duration = Duration::from_secs(60 * 60);
const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// Confirmations one address receives in a day, whoever asks for them.
pub const CONFIRMATIONS_PER_RECIPIENT_A_DAY: i64 = 3;
/// Confirmations one visitor may have sent in a day, to any addresses.
pub const CONFIRMATIONS_PER_VISITOR_A_DAY: i64 = 5;
/// Confirmations requests from one client address may have sent in an hour.
pub const CONFIRMATIONS_PER_IP_AN_HOUR: i64 = 10;

/// The visitor (and their address) whose request sends an email to an address they typed.
#[derive(Clone, Copy, Debug)]
pub struct MailRequester {
    pub visitor_id: i64,
    pub ip: IpAddr,
}

/// Queues a confirmation to an address a visitor typed, unless that address, that visitor or
/// that client address already had their share (see the constants above). Returns whether it
/// was queued: past a limit the request itself still succeeds, only its email is skipped.
pub(super) async fn queue_confirmation(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    requester: MailRequester,
    recipient: &str,
    subject: &str,
    body: &str,
) -> AppResult<bool> {
    let recipient_key = recipient_key(recipient);
    let ip = requester.ip.to_string();
    // Each limit is counted, then the email added, one request at a time (keys in one order).
    conn.lock(&format!("confirmations-to:{recipient_key}"))
        .await?;
    conn.lock(&format!("confirmations-by:{}", requester.visitor_id))
        .await?;
    conn.lock(&format!("confirmations-from:{ip}")).await?;
    let recent = query(
        "SELECT
            (SELECT COUNT(*) FROM mail_outbox WHERE recipient_key = $1
                AND created_at > $4) AS to_recipient,
            (SELECT COUNT(*) FROM mail_outbox WHERE requested_by_visitor = $2
                AND created_at > $4) AS by_visitor,
            (SELECT COUNT(*) FROM mail_outbox WHERE requested_from_ip = $3
                AND created_at > $5) AS from_ip",
    )
    .bind(&recipient_key)
    .bind(requester.visitor_id)
    .bind(&ip)
    .bind(now - DAY)
    .bind(now - HOUR)
    .fetch_one(&mut *conn)
    .await?;
    if recent.get::<i64, _>("to_recipient") >= CONFIRMATIONS_PER_RECIPIENT_A_DAY
        || recent.get::<i64, _>("by_visitor") >= CONFIRMATIONS_PER_VISITOR_A_DAY
        || recent.get::<i64, _>("from_ip") >= CONFIRMATIONS_PER_IP_AN_HOUR
    {
        tracing::info!(
            site_id,
            "a confirmation email was over its limits and is not sent"
        );
        return Ok(false);
    }
    query(
        "INSERT INTO mail_outbox (site_id, recipient, subject, body, recipient_key,
            requested_by_visitor, requested_from_ip, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(site_id)
    .bind(recipient)
    .bind(subject)
    .bind(body)
    .bind(&recipient_key)
    .bind(requester.visitor_id)
    .bind(&ip)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(true)
}

/// One mailbox however it is written: case folded, a `+tag` (which most providers deliver to
/// the same mailbox) dropped, and the domain as DNS resolves it (an internationalized name in
/// its ASCII form, no trailing dot), so no spelling gets a daily quota of its own.
fn recipient_key(recipient: &str) -> String {
    let recipient = recipient.trim().to_lowercase();
    match recipient.rsplit_once('@') {
        Some((user, domain)) => {
            let user = user.split_once('+').map_or(user, |(user, _)| user);
            let domain = domain.strip_suffix('.').unwrap_or(domain);
            let domain = url::Host::parse(domain)
                .map_or_else(|_| domain.to_owned(), |host| host.to_string());
            format!("{user}@{domain}")
        }
        None => recipient,
    }
}

impl Store {
    /// Resolves once an email was queued since the last call returned.
    pub async fn mail_queued(&self) {
        self.mail_queued.notified().await;
    }

    /// Queues the email carrying a staff invitation link and wakes the mailer.
    pub async fn queue_staff_invite_mail(
        &self,
        site_id: i64,
        recipient: &str,
        subject: &str,
        body: &str,
    ) -> AppResult<()> {
        let mut tx = self.write().await?;
        queue(&mut tx, self.now(), site_id, recipient, subject, body).await?;
        tx.commit().await?;
        self.announce_mail();
        Ok(())
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
        query("UPDATE mail_outbox SET sent_at = $1 WHERE id = $2")
            .bind(self.now())
            .bind(id)
            .execute(&self.db)
            .await?;
        Ok(())
    }

    /// Records a failed attempt at email `id`; it is tried again after `retry_in`.
    pub async fn mail_failed(&self, id: i64, error: &str, retry_in: Duration) -> AppResult<()> {
        query(
            "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1,
             next_attempt_at = $2 WHERE id = $3",
        )
        .bind(error)
        .bind(self.now() + retry_in)
        .bind(id)
        .execute(&self.db)
        .await?;
        Ok(())
    }

    /// Deletes emails queued more than `age` ago, sent or not: a reply announced days late
    /// is noise.
    pub async fn prune_mail(&self, age: Duration) -> AppResult<u64> {
        self.delete_older_than("mail_outbox", age).await
    }
}

#[cfg(test)]
mod tests {
    use super::recipient_key;

    #[test]
    fn one_mailbox_has_one_key_however_it_is_written() {
        assert_eq!(recipient_key(" Kim+Offers@Example.COM"), "kim@example.com");
        assert_eq!(recipient_key("kim@example.com"), "kim@example.com");
        assert_eq!(recipient_key("kim@example.com."), "kim@example.com");
        assert_eq!(
            recipient_key("kim@exämple.com"),
            recipient_key("kim@xn--exmple-cua.com")
        );
    }
}
