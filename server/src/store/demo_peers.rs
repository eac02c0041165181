//! Demo helpers: the demo community's most helpful authors become helpers with the points their
//! answers earned, so "helpers online" and the leaderboard have people in them. Their presence
//! is not faked: they stay offline until someone signs in as them.

use super::Store;
use super::db::{query, query_scalar};
use super::reputation::{self, Award, Reason};
use crate::error::AppResult;

impl Store {
    /// Creates each `(name, points)` helper the site lacks, with a `demo_seed` ledger row, and
    /// credits them with their imported answers. Safe to run at every start.
    pub async fn seed_demo_helpers(
        &self,
        site_id: i64,
        helpers: &[(String, i64)],
    ) -> AppResult<()> {
        let mut tx = self.write().await?;
        let now = self.now();
        for (name, points) in helpers {
            let exists: bool = query_scalar(
                "SELECT EXISTS (SELECT 1 FROM helpers WHERE site_id = $1 AND name = $2)",
            )
            .bind(site_id)
            .bind(name)
            .fetch_one(&mut tx)
            .await?;
            if exists {
                continue;
            }
            let helper_id: i64 = query_scalar(
                "INSERT INTO helpers (site_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
            )
            .bind(site_id)
            .bind(name)
            .bind(now)
            .fetch_one(&mut tx)
            .await?;
            let award = Award {
                helper_id,
                points: *points,
                reason: Reason::DemoSeed,
                answer_id: None,
                visitor_id: None,
            };
            reputation::award(&mut tx, now, &award).await?;
        }
        // Re-importing replaces imported answers, so the credit is re-linked every time.
        query(
            "UPDATE answers SET helper_id =
                (SELECT h.id FROM helpers h WHERE h.site_id = $1 AND h.name = answers.author)
             WHERE imported = TRUE AND helper_id IS NULL
               AND thread_id IN (SELECT id FROM threads WHERE site_id = $1)",
        )
        .bind(site_id)
        .execute(&mut tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
