//! Peer helpers: who they are (cards and profiles), their answer allowance, and the queue of
//! questions waiting for them. Their presence is in `presence`.

use std::time::Duration;

use peerhelp_api::{
    HelperCard, HelperProfile, NEW_HELPER_ANSWERS_PER_HOUR, QueueItem, Rank, TRUSTED_HELPER_POINTS,
};

use super::Store;
use super::db::{Row, Tx, query, query_scalar};
use super::presence::parse_status;
use crate::error::{AppError, AppResult};
use crate::secrets::hash_token;
use crate::timestamp::Timestamp;

/// Columns describing helper `h` for [`card_from_row`]: select them from `helpers h`.
pub(super) const HELPER_COLUMNS: &str = "h.id AS helper_id, h.name AS helper_name,
    h.status AS helper_status,
    CAST(COALESCE((SELECT SUM(r.points) FROM reputation r WHERE r.helper_id = h.id), 0)
            AS BIGINT) AS points";

const QUEUE_LIMIT: i64 = 50;
const EXCERPT_CHARS: usize = 160;

/// One or two letters for an avatar: the first letters of the first two words.
pub fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '_' || c == '-' || c == '.')
        .filter_map(|word| word.chars().next())
        .filter(|c| c.is_alphanumeric())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

pub(super) fn card_from_row(row: &Row) -> HelperCard {
    let name: String = row.get("helper_name");
    HelperCard {
        id: row.get("helper_id"),
        initials: initials(&name),
        name,
        rank: Rank::for_points(row.get("points")),
        status: parse_status(&row.get::<String, _>("helper_status")),
    }
}

/// The card of the helper in a row that may have none (an imported answer).
pub(super) fn optional_card(row: &Row) -> Option<HelperCard> {
    row.get::<Option<i64>, _>("helper_id")
        .map(|_| card_from_row(row))
}

/// The window of the new-helper answer allowance.
const ALLOWANCE_WINDOW: Duration = Duration::from_secs(60 * 60);

/// A helper's answers in the last hour, and when the oldest of them stops counting.
pub(super) async fn recent_answers(
    conn: &mut Tx,
    now: Timestamp,
    helper_id: i64,
) -> AppResult<(u32, Option<Timestamp>)> {
    let row = query(
        "SELECT COUNT(*) AS recent, MIN(created_at) AS oldest FROM answers
         WHERE helper_id = $1 AND created_at > $2",
    )
    .bind(helper_id)
    .bind(now - ALLOWANCE_WINDOW)
    .fetch_one(conn)
    .await?;
    let oldest: Option<Timestamp> = row.get("oldest");
    Ok((
        row.get::<i64, _>("recent") as u32,
        oldest.map(|oldest| oldest + ALLOWANCE_WINDOW),
    ))
}

pub(super) async fn profile(
    conn: &mut Tx,
    now: Timestamp,
    helper_id: i64,
) -> AppResult<HelperProfile> {
    let sql = format!("SELECT {HELPER_COLUMNS} FROM helpers h WHERE h.id = $1");
    let row = query(&sql).bind(helper_id).fetch_one(&mut *conn).await?;
    let points: i64 = row.get("points");
    let answers_left_this_hour = if points < TRUSTED_HELPER_POINTS {
        let (recent, _) = recent_answers(conn, now, helper_id).await?;
        Some(NEW_HELPER_ANSWERS_PER_HOUR.saturating_sub(recent))
    } else {
        None
    };
    Ok(HelperProfile {
        card: card_from_row(&row),
        points,
        answers_left_this_hour,
    })
}

/// A question as the queue and `question_asked` show it.
pub(super) fn queue_item(
    thread_id: i64,
    title: String,
    body: &str,
    answer_count: u32,
    created_at: String,
) -> QueueItem {
    QueueItem {
        thread_id,
        title,
        excerpt: body.chars().take(EXCERPT_CHARS).collect(),
        answer_count,
        created_at,
    }
}

/// Refuses a new helper's answer beyond the hourly allowance, saying when they may post.
pub(super) async fn check_answer_allowance(
    conn: &mut Tx,
    now: Timestamp,
    helper_id: i64,
) -> AppResult<()> {
    if super::reputation::points(&mut *conn, helper_id).await? >= TRUSTED_HELPER_POINTS {
        return Ok(());
    }
    let (recent, frees_at) = recent_answers(&mut *conn, now, helper_id).await?;
    if recent >= NEW_HELPER_ANSWERS_PER_HOUR {
        return Err(AppError::RateLimited {
            message: format!(
                "new helpers may post {NEW_HELPER_ANSWERS_PER_HOUR} answers an hour until they \
                 have {TRUSTED_HELPER_POINTS} points; you can answer again at {}",
                frees_at.map(|at| at.to_string()).unwrap_or_default()
            ),
            retry_after: frees_at.map(|at| Duration::from_secs_f64(at.seconds_since(now).max(0.0))),
        });
    }
    Ok(())
}

impl Store {
    /// The helper of this site holding `token`.
    pub async fn helper_by_token(&self, site_id: i64, token: &str) -> AppResult<Option<i64>> {
        Ok(query_scalar(
            "SELECT h.id FROM helper_tokens t JOIN helpers h ON h.id = t.helper_id
             WHERE t.token_hash = $1 AND h.site_id = $2 AND h.banned_at IS NULL",
        )
        .bind(hash_token(token))
        .bind(site_id)
        .fetch_optional(&self.db)
        .await?)
    }

    pub async fn helper_profile(&self, helper_id: i64) -> AppResult<HelperProfile> {
        let mut conn = self.db.begin().await?;
        profile(&mut conn, self.now(), helper_id).await
    }

    /// Questions waiting for helpers: open ones, and answered questions asked here whose asker
    /// has accepted nothing yet; unanswered first, then the oldest first.
    pub async fn helper_queue(&self, site_id: i64) -> AppResult<Vec<QueueItem>> {
        let rows = query(
            "SELECT * FROM (
                SELECT t.id, t.title, t.body, t.created_at,
                    (SELECT COUNT(*) FROM answers a WHERE a.thread_id = t.id
                        AND a.hidden_at IS NULL AND a.staff_id IS NULL) AS answer_count
                FROM threads t
                WHERE t.site_id = $1 AND (t.status = 'open' OR (t.status = 'answered'
                    AND t.visitor_id IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM answers a
                        WHERE a.thread_id = t.id AND a.accepted = TRUE)))) AS waiting
             ORDER BY answer_count > 0, created_at, id LIMIT $2",
        )
        .bind(site_id)
        .bind(QUEUE_LIMIT)
        .fetch_all(&self.db)
        .await?;
        Ok(rows
            .iter()
            .map(|row| {
                queue_item(
                    row.get("id"),
                    row.get("title"),
                    &row.get::<String, _>("body"),
                    row.get::<i64, _>("answer_count") as u32,
                    row.get("created_at"),
                )
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_take_the_first_two_words() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("moira_c"), "MC");
        assert_eq!(initials("NimbusNerd"), "N");
        assert_eq!(initials("  "), "");
    }
}
