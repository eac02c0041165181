//! Widget activity, written in batches, and the insights computed from it and from the
//! questions and escalations themselves.

use std::collections::BTreeMap;

use peerhelp_api::{InsightDay, Insights, KnowledgeGap, TopThread};
use sqlx::Row;

use super::Store;
use crate::activity::{Activity, Recorded};
use crate::error::AppResult;

/// How many knowledge gaps and top threads insights list.
const TOP: i64 = 10;

/// The median of `values`, if any.
fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    })
}

/// `part / whole`, if there is a whole.
fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

impl Store {
    /// Writes a batch of widget activity in one transaction.
    pub async fn record_activity(&self, batch: &[Recorded]) -> AppResult<()> {
        let mut tx = self.write().await?;
        for recorded in batch {
            let (query, results, thread_id) = match &recorded.activity {
                Activity::Search { query, results } => (Some(query.as_str()), Some(*results), None),
                Activity::Read { thread_id }
                | Activity::Ask { thread_id }
                | Activity::Escalate { thread_id } => (None, None, Some(*thread_id)),
            };
            sqlx::query(
                "INSERT INTO activity (site_id, session, kind, query, results, thread_id)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(recorded.site_id)
            .bind(&recorded.session)
            .bind(recorded.activity.kind())
            .bind(query)
            .bind(results)
            .bind(thread_id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Insights over the last `days` days (UTC, today included).
    pub async fn insights(&self, site_id: i64, days: u32) -> AppResult<Insights> {
        let since: String = sqlx::query_scalar("SELECT date('now', $1)")
            .bind(format!("-{} days", days.saturating_sub(1)))
            .fetch_one(&self.pool)
            .await?;
        let sessions = sqlx::query(
            "SELECT COUNT(*) AS sessions, COALESCE(SUM(read AND NOT requested), 0) AS self_served
             FROM (SELECT MAX(kind = 'read') AS read, MAX(kind IN ('ask', 'escalate')) AS requested
                   FROM activity WHERE site_id = $1 AND created_at >= $2 GROUP BY session)",
        )
        .bind(site_id)
        .bind(&since)
        .fetch_one(&self.pool)
        .await?;
        let (session_count, self_served): (i64, i64) =
            (sessions.get("sessions"), sessions.get("self_served"));

        let peer_waits: Vec<Option<f64>> = sqlx::query_scalar(
            "SELECT (julianday((SELECT MIN(a.created_at) FROM answers a
                               WHERE a.thread_id = t.id AND a.helper_id IS NOT NULL))
                     - julianday(t.created_at)) * 1440
             FROM threads t
             WHERE t.site_id = $1 AND t.visitor_id IS NOT NULL AND t.private = 0
               AND t.created_at >= $2",
        )
        .bind(site_id)
        .bind(&since)
        .fetch_all(&self.pool)
        .await?;
        let questions = peer_waits.len() as i64;
        let peer_waits: Vec<f64> = peer_waits.into_iter().flatten().collect();
        let answered_by_peers = peer_waits.len() as i64;

        let staff_waits: Vec<Option<f64>> = sqlx::query_scalar(
            "SELECT (julianday(first_staff_reply_at) - julianday(created_at)) * 1440
             FROM escalations WHERE site_id = $1 AND created_at >= $2",
        )
        .bind(site_id)
        .bind(&since)
        .fetch_all(&self.pool)
        .await?;
        let escalations = staff_waits.len() as i64;

        Ok(Insights {
            days,
            sessions: session_count,
            self_served_sessions: self_served,
            self_serve_rate: rate(self_served, session_count),
            questions,
            questions_answered_by_peers: answered_by_peers,
            peer_answer_share: rate(answered_by_peers, questions),
            median_minutes_to_first_peer_reply: median(peer_waits),
            escalations,
            escalation_rate: rate(escalations, session_count),
            median_minutes_to_first_staff_reply: median(
                staff_waits.into_iter().flatten().collect(),
            ),
            knowledge_gaps: self.knowledge_gaps(site_id, &since).await?,
            top_threads: self.top_threads(site_id, &since).await?,
            daily: self.daily(site_id, &since, days).await?,
        })
    }

    /// Searches that found nothing, or after which the session asked or escalated.
    async fn knowledge_gaps(&self, site_id: i64, since: &str) -> AppResult<Vec<KnowledgeGap>> {
        let rows = sqlx::query(
            "SELECT query, COUNT(*) AS searches, SUM(empty) AS without_results,
                    SUM(requested) AS followed_by_request
             FROM (SELECT lower(trim(s.query)) AS query, s.results = 0 AS empty,
                          EXISTS (SELECT 1 FROM activity r WHERE r.session = s.session
                                  AND r.id > s.id AND r.kind IN ('ask', 'escalate')) AS requested
                   FROM activity s
                   WHERE s.site_id = $1 AND s.kind = 'search' AND s.created_at >= $2)
             GROUP BY query HAVING SUM(empty OR requested) > 0
             ORDER BY SUM(empty OR requested) DESC, SUM(empty) DESC, searches DESC, query
             LIMIT $3",
        )
        .bind(site_id)
        .bind(since)
        .bind(TOP)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|row| KnowledgeGap {
                query: row.get("query"),
                searches: row.get("searches"),
                without_results: row.get("without_results"),
                followed_by_request: row.get("followed_by_request"),
            })
            .collect())
    }

    /// The public threads read most often.
    async fn top_threads(&self, site_id: i64, since: &str) -> AppResult<Vec<TopThread>> {
        let rows = sqlx::query(
            "SELECT t.id, t.title, COUNT(*) AS reads
             FROM activity a JOIN threads t ON t.id = a.thread_id
             WHERE a.site_id = $1 AND a.kind = 'read' AND a.created_at >= $2 AND t.private = 0
             GROUP BY t.id ORDER BY reads DESC, t.id LIMIT $3",
        )
        .bind(site_id)
        .bind(since)
        .bind(TOP)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|row| TopThread {
                thread_id: row.get("id"),
                title: row.get("title"),
                reads: row.get("reads"),
            })
            .collect())
    }

    /// Sessions, questions and escalations for every day from `since`, zeros included.
    async fn daily(&self, site_id: i64, since: &str, days: u32) -> AppResult<Vec<InsightDay>> {
        let all_days: Vec<String> = sqlx::query_scalar(
            "WITH RECURSIVE d(day, n) AS (SELECT $1, 1 UNION ALL
                SELECT date(day, '+1 day'), n + 1 FROM d WHERE n < $2)
             SELECT day FROM d",
        )
        .bind(since)
        .bind(days)
        .fetch_all(&self.pool)
        .await?;
        let mut daily: BTreeMap<String, InsightDay> = all_days
            .into_iter()
            .map(|day| {
                let empty = InsightDay {
                    day: day.clone(),
                    sessions: 0,
                    questions: 0,
                    escalations: 0,
                };
                (day, empty)
            })
            .collect();
        type Set = fn(&mut InsightDay, i64);
        let counts: [(&str, Set); 3] = [
            (
                "SELECT substr(created_at, 1, 10) AS day, COUNT(DISTINCT session) AS n
                 FROM activity WHERE site_id = $1 AND created_at >= $2 GROUP BY day",
                |day, n| day.sessions = n,
            ),
            (
                "SELECT substr(created_at, 1, 10) AS day, COUNT(*) AS n FROM threads
                 WHERE site_id = $1 AND visitor_id IS NOT NULL AND private = 0
                   AND created_at >= $2
                 GROUP BY day",
                |day, n| day.questions = n,
            ),
            (
                "SELECT substr(created_at, 1, 10) AS day, COUNT(*) AS n FROM escalations
                 WHERE site_id = $1 AND created_at >= $2 GROUP BY day",
                |day, n| day.escalations = n,
            ),
        ];
        for (sql, set) in counts {
            for row in sqlx::query(sql)
                .bind(site_id)
                .bind(since)
                .fetch_all(&self.pool)
                .await?
            {
                if let Some(day) = daily.get_mut(row.get::<&str, _>("day")) {
                    set(day, row.get("n"));
                }
            }
        }
        Ok(daily.into_values().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::{median, rate};

    #[test]
    fn medians_and_rates() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(rate(1, 0), None);
        assert_eq!(rate(1, 4), Some(0.25));
    }
}
