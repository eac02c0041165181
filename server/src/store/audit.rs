//! The audit log: every staff action, written in the transaction of the action itself, so the
//! log cannot miss one or tell of one that did not happen.

use peerhelp_api::AuditEntry;

use super::Store;
use super::db::{Tx, query};
use crate::error::AppResult;
use crate::timestamp::Timestamp;

/// Most entries one read returns.
const AUDIT_PAGE: i64 = 200;

/// Records that `staff_id` (or, with `None`, the site's admin token) did `action` to `subject`
/// at `now`.
pub(super) async fn record(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    staff_id: Option<i64>,
    action: &str,
    subject: &str,
) -> AppResult<()> {
    query(
        "INSERT INTO audit_log (site_id, staff_id, action, subject, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(site_id)
    .bind(staff_id)
    .bind(action)
    .bind(subject)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

impl Store {
    /// The site's latest staff actions, newest first.
    pub async fn audit_log(&self, site_id: i64) -> AppResult<Vec<AuditEntry>> {
        let rows = query(
            "SELECT l.id, st.name AS staff_name, l.action, l.subject, l.created_at
             FROM audit_log l LEFT JOIN staff st ON st.id = l.staff_id
             WHERE l.site_id = $1 ORDER BY l.id DESC LIMIT $2",
        )
        .bind(site_id)
        .bind(AUDIT_PAGE)
        .fetch_all(&self.db)
        .await?;
        Ok(rows
            .iter()
            .map(|row| AuditEntry {
                id: row.get("id"),
                staff_name: row.get("staff_name"),
                action: row.get("action"),
                subject: row.get("subject"),
                created_at: row.get("created_at"),
            })
            .collect())
    }
}
