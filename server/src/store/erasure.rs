//! Erasing a visitor at their request: their questions anonymized or deleted as the brand
//! chooses, and their sessions, addresses, votes, flags, mail and widget activity removed, all
//! in one transaction with its audit entry, so an erasure never half happens.

use peerhelp_api::{ErasedContent, PrivacyErased};

use super::db::{Tx, query};
use super::index_feed::next_revision;
use super::privacy::{VISITOR_SESSIONS, visitor_emails, visitor_of_site};
use super::{Store, audit};
use crate::error::AppResult;
use crate::timestamp::Timestamp;

impl Store {
    /// Erases the site's visitor `visitor_id`; `None` if the site has no such visitor. `actor`
    /// (a staff admin, or `None` for the admin token) is audited with the visitor's number
    /// only: the audit log must not keep what was erased.
    pub async fn erase_visitor(
        &self,
        site_id: i64,
        visitor_id: i64,
        content: ErasedContent,
        actor: Option<i64>,
    ) -> AppResult<Option<PrivacyErased>> {
        let mut tx = self.write().await?;
        let now = self.now();
        if visitor_of_site(&mut tx, site_id, visitor_id)
            .await?
            .is_none()
        {
            return Ok(None);
        }
        let emails = serde_json::to_string(&visitor_emails(&mut tx, visitor_id).await?)
            .expect("strings serialize");
        // Activity is found through the visitor's questions, so it goes before they move.
        let activity_removed = query(format!(
            "DELETE FROM activity WHERE site_id = $1 AND session IN ({VISITOR_SESSIONS})"
        ))
        .bind(site_id)
        .bind(visitor_id)
        .execute(&mut tx)
        .await?
        .rows_affected();
        let backend = tx.backend();
        let emails_dropped = query(format!(
            "DELETE FROM mail_outbox WHERE site_id = $1 AND lower(recipient) IN {}",
            backend.json_strings("$2")
        ))
        .bind(site_id)
        .bind(&emails)
        .execute(&mut tx)
        .await?
        .rows_affected();
        // Webhook bodies carry the ticket, contact address included; they name its reference.
        query(format!(
            "DELETE FROM webhook_deliveries
             WHERE webhook_id IN (SELECT id FROM webhooks WHERE site_id = $1)
               AND EXISTS (SELECT 1 FROM escalations e JOIN threads t ON t.id = e.thread_id
                   WHERE t.visitor_id = $2 AND {})",
            backend.contains("webhook_deliveries.body", "e.reference")
        ))
        .bind(site_id)
        .bind(visitor_id)
        .execute(&mut tx)
        .await?;
        query("DELETE FROM events WHERE site_id = $1 AND audience = 'visitor:' || $2")
            .bind(site_id)
            .bind(visitor_id)
            .execute(&mut tx)
            .await?;
        let mut erased = match content {
            ErasedContent::Anonymize => anonymize_threads(&mut tx, visitor_id).await?,
            ErasedContent::Delete => delete_threads(&mut tx, now, site_id, visitor_id).await?,
        };
        erased.activity_removed = activity_removed as u32;
        erased.emails_dropped = emails_dropped as u32;
        erased.sessions_ended = query("DELETE FROM visitor_tokens WHERE visitor_id = $1")
            .bind(visitor_id)
            .execute(&mut tx)
            .await?
            .rows_affected() as u32;
        // Votes, flags and retry keys go with the visitor (ON DELETE CASCADE); the reputation
        // their votes earned helpers stays, no longer naming them (ON DELETE SET NULL).
        query("DELETE FROM visitors WHERE id = $1")
            .bind(visitor_id)
            .execute(&mut tx)
            .await?;
        let content = match content {
            ErasedContent::Anonymize => "anonymize",
            ErasedContent::Delete => "delete",
        };
        let subject = format!("visitor {visitor_id} (content: {content})");
        audit::record(&mut tx, now, site_id, actor, "privacy.erased", &subject).await?;
        tx.commit().await?;
        Ok(Some(erased))
    }
}

/// Keeps the visitor's questions and tickets for the community and staff, without them.
async fn anonymize_threads(conn: &mut Tx, visitor_id: i64) -> AppResult<PrivacyErased> {
    query(
        "UPDATE escalations SET contact_email = NULL, page_url = NULL, searches = '[]'
         WHERE thread_id IN (SELECT id FROM threads WHERE visitor_id = $1)",
    )
    .bind(visitor_id)
    .execute(&mut *conn)
    .await?;
    let anonymized = query(
        "UPDATE threads SET visitor_id = NULL, email = NULL, page_url = NULL WHERE visitor_id = $1",
    )
    .bind(visitor_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(PrivacyErased {
        threads_anonymized: anonymized as u32,
        ..PrivacyErased::default()
    })
}

/// Deletes the visitor's questions with their answers, tags, feedback and tickets, leaving a
/// tombstone per thread in the revision feed so every search index drops it.
async fn delete_threads(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    visitor_id: i64,
) -> AppResult<PrivacyErased> {
    // One revision for all of them: the feed reads tombstones in (revision, thread) order.
    let revision = next_revision(&mut *conn).await?;
    // SQLite may give an erased id to a later thread, which may be erased in turn.
    query(
        "INSERT INTO erased_threads (thread_id, site_id, revision, created_at)
         SELECT id, $2, $3, $4 FROM threads WHERE visitor_id = $1
         ON CONFLICT (thread_id) DO UPDATE SET
            site_id = excluded.site_id, revision = excluded.revision,
            created_at = excluded.created_at",
    )
    .bind(visitor_id)
    .bind(site_id)
    .bind(revision)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let deleted = query("DELETE FROM threads WHERE visitor_id = $1")
        .bind(visitor_id)
        .execute(&mut *conn)
        .await?;
    Ok(PrivacyErased {
        threads_deleted: deleted.rows_affected() as u32,
        ..PrivacyErased::default()
    })
}
