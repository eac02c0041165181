//! The community's threads as staff browse them in the console, and pinning: a pinned thread
//! is suggested when the widget's panel opens and ranks first for the searches it matches.

use peerhelp_api::{MAX_PINNED_THREADS, StaffThreadRow, ThreadStatus};

use super::db::{Row, query, query_scalar};
use super::index_feed::touch;
use super::{Store, audit};
use crate::error::{AppError, AppResult};

/// Most threads one listing returns; staff search to find the others.
const BROWSE_PAGE: i64 = 100;

/// A thread row's columns; answers counted as visitors see them (no hidden ones, no staff
/// replies, which are private to a ticket).
const ROW_COLUMNS: &str = "t.id, t.title, t.status, t.pinned_at, t.created_at,
    (SELECT COUNT(*) FROM answers a WHERE a.thread_id = t.id AND a.hidden_at IS NULL
        AND a.staff_id IS NULL) AS answer_count,
    (SELECT COUNT(*) FROM answers a WHERE a.thread_id = t.id AND a.hidden_at IS NULL
        AND a.staff_id IS NULL AND a.verified_at IS NOT NULL) AS verified_count";

fn row_of(row: &Row) -> StaffThreadRow {
    StaffThreadRow {
        id: row.get("id"),
        title: row.get("title"),
        status: ThreadStatus::parse(&row.get::<String, _>("status")).unwrap_or_default(),
        answer_count: row.get::<i64, _>("answer_count").try_into().unwrap_or(0),
        verified_count: row.get::<i64, _>("verified_count").try_into().unwrap_or(0),
        pinned_at: row.get("pinned_at"),
        created_at: row.get("created_at"),
    }
}

impl Store {
    /// The site's public threads: pinned ones first (latest pinned first), then newest.
    pub async fn browse_threads(&self, site_id: i64) -> AppResult<Vec<StaffThreadRow>> {
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM threads t WHERE t.site_id = $1 AND t.private = FALSE
             ORDER BY t.pinned_at IS NULL, t.pinned_at DESC, t.id DESC LIMIT $2"
        );
        let rows = query(&sql)
            .bind(site_id)
            .bind(BROWSE_PAGE)
            .fetch_all(&self.db)
            .await?;
        Ok(rows.iter().map(row_of).collect())
    }

    /// The site's public threads with these ids, in the order given.
    pub async fn threads_by_ids(
        &self,
        site_id: i64,
        ids: &[i64],
    ) -> AppResult<Vec<StaffThreadRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // The ids come from the search index as integers: listing them inline is safe.
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM threads t
             WHERE t.site_id = $1 AND t.private = FALSE AND t.id IN ({list})"
        );
        let rows = query(&sql).bind(site_id).fetch_all(&self.db).await?;
        let mut found: Vec<StaffThreadRow> = rows.iter().map(row_of).collect();
        found.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
        Ok(found)
    }

    /// Pins (`pinned`) or unpins a public thread of the site as staff member `staff_id`, in
    /// the audit log; the search index of every process re-reads it. Pinning one more than
    /// [`MAX_PINNED_THREADS`] is refused.
    pub async fn set_thread_pinned(
        &self,
        site_id: i64,
        staff_id: i64,
        thread_id: i64,
        pinned: bool,
    ) -> AppResult<StaffThreadRow> {
        let mut tx = self.write().await?;
        // The site's pins are counted, then one is added.
        tx.lock(&format!("pins:{site_id}")).await?;
        let now = self.now();
        let current = query(
            "SELECT title, pinned_at IS NOT NULL AS pinned FROM threads
             WHERE id = $1 AND site_id = $2 AND private = FALSE",
        )
        .bind(thread_id)
        .bind(site_id)
        .fetch_optional(&mut tx)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no public thread {thread_id} on this site")))?;
        let (title, was_pinned): (String, bool) = (current.get("title"), current.get("pinned"));
        if pinned != was_pinned {
            if pinned {
                let count: i64 = query_scalar(
                    "SELECT COUNT(*) FROM threads WHERE site_id = $1 AND pinned_at IS NOT NULL",
                )
                .bind(site_id)
                .fetch_one(&mut tx)
                .await?;
                if count >= MAX_PINNED_THREADS as i64 {
                    return Err(AppError::Conflict(format!(
                        "{MAX_PINNED_THREADS} threads are pinned already, the most a site may \
                         have: unpin one first"
                    )));
                }
            }
            query("UPDATE threads SET pinned_at = $1 WHERE id = $2")
                .bind(pinned.then_some(now))
                .bind(thread_id)
                .execute(&mut tx)
                .await?;
            touch(&mut tx, now, thread_id).await?;
            let action = if pinned {
                "thread.pinned"
            } else {
                "thread.unpinned"
            };
            audit::record(&mut tx, now, site_id, Some(staff_id), action, &title).await?;
        }
        let sql = format!("SELECT {ROW_COLUMNS} FROM threads t WHERE t.id = $1");
        let row = query(&sql).bind(thread_id).fetch_one(&mut tx).await?;
        tx.commit().await?;
        Ok(row_of(&row))
    }
}
