//! "This helped" / "didn't help" votes on threads: one per visitor and thread.

use peerhelp_api::{Feedback, FeedbackTally};

use super::Store;
use super::db::query;
use crate::error::AppResult;

impl Store {
    /// Records a visitor's feedback on a public thread of the site, replacing theirs from
    /// before (people change their minds); `None` when the site has no such public thread, so
    /// a private one is indistinguishable from one that does not exist.
    pub async fn add_feedback(
        &self,
        site_id: i64,
        visitor_id: i64,
        thread_id: i64,
        feedback: &Feedback,
    ) -> AppResult<Option<FeedbackTally>> {
        let inserted = query(
            "INSERT INTO feedback (thread_id, visitor_id, helped, query, created_at)
             SELECT id, $5, $1, $2, $6 FROM threads WHERE id = $3 AND site_id = $4 AND private = FALSE
             ON CONFLICT (thread_id, visitor_id) DO UPDATE SET
                helped = excluded.helped, query = excluded.query, created_at = excluded.created_at",
        )
        .bind(feedback.helped)
        .bind(&feedback.query)
        .bind(thread_id)
        .bind(site_id)
        .bind(visitor_id)
        .bind(self.now())
        .execute(&self.db)
        .await?;
        if inserted.rows_affected() == 0 {
            return Ok(None);
        }
        let row = query(
            "SELECT COALESCE(SUM(CASE WHEN helped THEN 1 ELSE 0 END), 0) AS helped,
                COALESCE(SUM(CASE WHEN helped THEN 0 ELSE 1 END), 0) AS not_helped
             FROM feedback WHERE thread_id = $1",
        )
        .bind(thread_id)
        .fetch_one(&self.db)
        .await?;
        Ok(Some(FeedbackTally {
            helped: row.get("helped"),
            not_helped: row.get("not_helped"),
        }))
    }
}
