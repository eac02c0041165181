//! Widget activity, written in batches, and the insights computed from it and from the
//! questions and escalations themselves.

use std::collections::BTreeMap;

use peerhelp_api::{InsightDay, Insights, KnowledgeGap, TopThread};
use time::Date;

use super::Store;
use super::db::{Row, query};
use crate::activity::{Activity, Recorded};
use crate::error::AppResult;
use crate::timestamp::Timestamp;

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

/// Minutes from each row's `from` to its `to`, for the rows that have a `to`; one entry per row.
fn waits(rows: &[Row], from: &str, to: &str) -> Vec<Option<f64>> {
    rows.iter()
        .map(|row| {
            let start: Timestamp = row.get(from);
            let end: Option<Timestamp> = row.get(to);
            end.map(|end| end.seconds_since(start) / 60.0)
        })
        .collect()
}

/// The `days` calendar days (UTC) ending with the one `now` falls on, oldest first.
fn calendar(now: Timestamp, days: u32) -> Vec<Date> {
    let mut day = now.date();
    let mut all = vec![day];
    while all.len() < days as usize {
        let Some(previous) = day.previous_day() else {
            break;
        };
        day = previous;
        all.push(day);
    }
    all.reverse();
    all
}

/// `part / whole`, if there is a whole.
fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

impl Store {
    /// Writes a batch of widget activity in one transaction.
    pub async fn record_activity(&self, batch: &[Recorded]) -> AppResult<()> {
        let mut tx = self.write().await?;
        let now = self.now();
        for recorded in batch {
            let (searched, results, thread_id) = match &recorded.activity {
                Activity::Search { query, results } => (Some(query.as_str()), Some(*results), None),
                Activity::Read { thread_id }
                | Activity::Ask { thread_id }
                | Activity::Escalate { thread_id } => (None, None, Some(*thread_id)),
            };
            query(
                "INSERT INTO activity (site_id, session, kind, query, results, thread_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(recorded.site_id)
            .bind(&recorded.session)
            .bind(recorded.activity.kind())
            .bind(searched)
            .bind(results)
            .bind(thread_id)
            .bind(now)
            .execute(&mut tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Insights over the last `days` days (UTC, today included).
    pub async fn insights(&self, site_id: i64, days: u32) -> AppResult<Insights> {
        let calendar = calendar(self.now(), days.max(1));
        let since = Timestamp::start_of(calendar[0]);
        let sessions = query(
            "SELECT COUNT(*) AS sessions,
                    COALESCE(SUM(CASE WHEN did_read = 1 AND requested = 0 THEN 1 ELSE 0 END), 0)
                        AS self_served
             FROM (SELECT MAX(CASE WHEN kind = 'read' THEN 1 ELSE 0 END) AS did_read,
                          MAX(CASE WHEN kind IN ('ask', 'escalate') THEN 1 ELSE 0 END) AS requested
                   FROM activity WHERE site_id = $1 AND created_at >= $2 GROUP BY session)
                  AS per_session",
        )
        .bind(site_id)
        .bind(since)
        .fetch_one(&self.db)
        .await?;
        let (session_count, self_served): (i64, i64) =
            (sessions.get("sessions"), sessions.get("self_served"));

        let questions = query(
            "SELECT t.created_at, (SELECT MIN(a.created_at) FROM answers a
                    WHERE a.thread_id = t.id AND a.helper_id IS NOT NULL) AS first_peer_reply_at
             FROM threads t
             WHERE t.site_id = $1 AND t.visitor_id IS NOT NULL AND t.private = FALSE
               AND t.created_at >= $2",
        )
        .bind(site_id)
        .bind(since)
        .fetch_all(&self.db)
        .await?;
        let peer_waits = waits(&questions, "created_at", "first_peer_reply_at");
        let questions = peer_waits.len() as i64;
        let peer_waits: Vec<f64> = peer_waits.into_iter().flatten().collect();
        let answered_by_peers = peer_waits.len() as i64;

        let tickets = query(
            "SELECT created_at, first_staff_reply_at
             FROM escalations WHERE site_id = $1 AND created_at >= $2",
        )
        .bind(site_id)
        .bind(since)
        .fetch_all(&self.db)
        .await?;
        let staff_waits = waits(&tickets, "created_at", "first_staff_reply_at");
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
            knowledge_gaps: self.knowledge_gaps(site_id, since).await?,
            top_threads: self.top_threads(site_id, since).await?,
            daily: self.daily(site_id, &calendar).await?,
        })
    }

    /// Searches that found nothing, or after which the session asked or escalated.
    async fn knowledge_gaps(&self, site_id: i64, since: Timestamp) -> AppResult<Vec<KnowledgeGap>> {
        let rows = query(
            "SELECT query, COUNT(*) AS searches, SUM(empty) AS without_results,
                    SUM(requested) AS followed_by_request
             FROM (SELECT query, empty, requested,
                          CASE WHEN empty = 1 OR requested = 1 THEN 1 ELSE 0 END AS missed
                   FROM (SELECT lower(trim(s.query)) AS query,
                                CASE WHEN s.results = 0 THEN 1 ELSE 0 END AS empty,
                                CASE WHEN EXISTS (SELECT 1 FROM activity r
                                        WHERE r.session = s.session AND r.id > s.id
                                          AND r.kind IN ('ask', 'escalate'))
                                     THEN 1 ELSE 0 END AS requested
                         FROM activity s
                         WHERE s.site_id = $1 AND s.kind = 'search' AND s.created_at >= $2)
                        AS per_search) AS gaps
             GROUP BY query HAVING SUM(missed) > 0
             ORDER BY SUM(missed) DESC, SUM(empty) DESC, searches DESC, query
             LIMIT $3",
        )
        .bind(site_id)
        .bind(since)
        .bind(TOP)
        .fetch_all(&self.db)
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
    async fn top_threads(&self, site_id: i64, since: Timestamp) -> AppResult<Vec<TopThread>> {
        let rows = query(
            "SELECT t.id, t.title, COUNT(*) AS reads
             FROM activity a JOIN threads t ON t.id = a.thread_id
             WHERE a.site_id = $1 AND a.kind = 'read' AND a.created_at >= $2 AND t.private = FALSE
             GROUP BY t.id ORDER BY reads DESC, t.id LIMIT $3",
        )
        .bind(site_id)
        .bind(since)
        .bind(TOP)
        .fetch_all(&self.db)
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

    /// Sessions, questions and escalations for every day of `calendar`, zeros included.
    async fn daily(&self, site_id: i64, calendar: &[Date]) -> AppResult<Vec<InsightDay>> {
        let since = Timestamp::start_of(calendar[0]);
        let mut daily: BTreeMap<String, InsightDay> = calendar
            .iter()
            .map(|day| {
                let day = day.to_string();
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
        let day = self.db.backend().day("created_at");
        let counts: [(String, Set); 3] = [
            (
                format!(
                    "SELECT {day} AS day, COUNT(DISTINCT session) AS n
                     FROM activity WHERE site_id = $1 AND created_at >= $2 GROUP BY 1"
                ),
                |day, n| day.sessions = n,
            ),
            (
                format!(
                    "SELECT {day} AS day, COUNT(*) AS n FROM threads
                     WHERE site_id = $1 AND visitor_id IS NOT NULL AND private = FALSE
                       AND created_at >= $2
                     GROUP BY 1"
                ),
                |day, n| day.questions = n,
            ),
            (
                format!(
                    "SELECT {day} AS day, COUNT(*) AS n FROM escalations
                     WHERE site_id = $1 AND created_at >= $2 GROUP BY 1"
                ),
                |day, n| day.escalations = n,
            ),
        ];
        for (sql, set) in counts {
            for row in query(sql)
                .bind(site_id)
                .bind(since)
                .fetch_all(&self.db)
                .await?
            {
                if let Some(day) = daily.get_mut(&row.get::<String, _>("day")) {
                    set(day, row.get("n"));
                }
            }
        }
        Ok(daily.into_values().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::{calendar, median, rate};
    use crate::timestamp::Timestamp;

    #[test]
    fn medians_and_rates() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(rate(1, 0), None);
        assert_eq!(rate(1, 4), Some(0.25));
    }

    #[test]
    fn the_calendar_ends_today_and_crosses_months_and_leap_days() {
        let now: Timestamp = "2028-03-01T23:59:59.999Z".parse().unwrap();
        let days: Vec<String> = calendar(now, 3).iter().map(|d| d.to_string()).collect();
        assert_eq!(days, ["2028-02-28", "2028-02-29", "2028-03-01"]);
        assert_eq!(calendar(now, 1).len(), 1);
    }
}
