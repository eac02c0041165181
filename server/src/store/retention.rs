//! Retention: personal data each site keeps only as long as its settings say, pruned by
//! maintenance. Widget activity and "this helped" feedback go after their site's retention;
//! an anonymous visitor who asked nothing goes with their sessions once neither they nor any
//! of their sessions is younger than the site's anonymous-visitor retention.

use std::time::Duration;

use super::Store;
use super::db::query;
use crate::error::AppResult;
use crate::timestamp::Timestamp;

/// How many rows one pruning removed, per kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    pub activity: u64,
    pub feedback: u64,
    pub anonymous_visitors: u64,
}

/// The time `days` days before `now`.
fn days_before(now: Timestamp, days: u32) -> Timestamp {
    now - Duration::from_secs(u64::from(days) * 24 * 60 * 60)
}

impl Store {
    /// Deletes what every site's retention settings say is past keeping. Site by site, so
    /// each delete follows an index on the site rather than scanning every site's rows.
    pub async fn prune_personal_data(&self) -> AppResult<Pruned> {
        let sites = query(
            "SELECT id, activity_retention_days, feedback_retention_days,
                anonymous_visitor_retention_days FROM sites",
        )
        .fetch_all(&self.db)
        .await?;
        let now = self.now();
        let mut pruned = Pruned::default();
        for site in &sites {
            let site_id: i64 = site.get("id");
            pruned.activity += query(
                "DELETE FROM activity WHERE site_id = $1
                 AND created_at < $2",
            )
            .bind(site_id)
            .bind(days_before(now, site.get("activity_retention_days")))
            .execute(&self.db)
            .await?
            .rows_affected();
            pruned.feedback += query(
                "DELETE FROM feedback
                 WHERE thread_id IN (SELECT id FROM threads WHERE site_id = $1)
                   AND created_at < $2",
            )
            .bind(site_id)
            .bind(days_before(now, site.get("feedback_retention_days")))
            .execute(&self.db)
            .await?
            .rows_affected();
            // Their tokens, votes and flags go with them (ON DELETE CASCADE).
            pruned.anonymous_visitors += query(
                "DELETE FROM visitors
                 WHERE site_id = $1 AND external_id IS NULL
                   AND created_at < $2
                   AND NOT EXISTS (SELECT 1 FROM threads t WHERE t.visitor_id = visitors.id)
                   AND NOT EXISTS (SELECT 1 FROM visitor_tokens vt
                       WHERE vt.visitor_id = visitors.id
                         AND vt.created_at >= $2)",
            )
            .bind(site_id)
            .bind(days_before(
                now,
                site.get("anonymous_visitor_retention_days"),
            ))
            .execute(&self.db)
            .await?
            .rows_affected();
        }
        Ok(pruned)
    }
}
