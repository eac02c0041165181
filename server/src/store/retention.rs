//! Retention: personal data each site keeps only as long as its settings say, pruned by
//! maintenance. Widget activity and "this helped" feedback go after their site's retention;
//! an anonymous visitor who asked nothing goes with their sessions once neither they nor any
//! of their sessions is younger than the site's anonymous-visitor retention.

use super::Store;
use crate::error::AppResult;

/// How many rows one pruning removed, per kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    pub activity: u64,
    pub feedback: u64,
    pub anonymous_visitors: u64,
}

/// The moment `days` (an SQL expression) before now, in the form every timestamp is stored in.
fn days_before_now(days: &str) -> String {
    format!("strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || ({days}) || ' days')")
}

impl Store {
    /// Deletes what every site's retention settings say is past keeping.
    pub async fn prune_personal_data(&self) -> AppResult<Pruned> {
        let activity_cutoff = days_before_now(
            "SELECT activity_retention_days FROM sites WHERE sites.id = activity.site_id",
        );
        let activity = sqlx::query(&format!(
            "DELETE FROM activity WHERE created_at < {activity_cutoff}"
        ))
        .execute(&self.pool)
        .await?
        .rows_affected();
        let feedback_cutoff = days_before_now(
            "SELECT s.feedback_retention_days FROM threads t JOIN sites s ON s.id = t.site_id
             WHERE t.id = feedback.thread_id",
        );
        let feedback = sqlx::query(&format!(
            "DELETE FROM feedback WHERE created_at < {feedback_cutoff}"
        ))
        .execute(&self.pool)
        .await?
        .rows_affected();
        let visitor_cutoff = days_before_now(
            "SELECT anonymous_visitor_retention_days FROM sites WHERE sites.id = visitors.site_id",
        );
        // Their tokens, votes and flags go with them (ON DELETE CASCADE).
        let anonymous_visitors = sqlx::query(&format!(
            "DELETE FROM visitors
             WHERE external_id IS NULL AND created_at < {visitor_cutoff}
               AND NOT EXISTS (SELECT 1 FROM threads t WHERE t.visitor_id = visitors.id)
               AND NOT EXISTS (SELECT 1 FROM visitor_tokens vt
                   WHERE vt.visitor_id = visitors.id AND vt.created_at >= {visitor_cutoff})"
        ))
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(Pruned {
            activity,
            feedback,
            anonymous_visitors,
        })
    }
}
