//! The reputation ledger: every award or withdrawal of points is a row naming the helper, the
//! reason, the answer and the visitor, so awards are idempotent and auditable, and a helper's
//! points are the sum of their rows.

use peerhelp_api::{LeaderboardEntry, LiveEventKind, Rank};

use super::Store;
use super::db::{Tx, query, query_scalar};
use super::events::{self, Audience};
use super::peers::{HELPER_COLUMNS, card_from_row};
use crate::error::AppResult;
use crate::timestamp::Timestamp;

/// Why points moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reason {
    Upvote,
    Accepted,
    /// The asker accepted another answer instead: the accepted points are taken back.
    AcceptanceMoved,
    DemoSeed,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Upvote => "upvote",
            Reason::Accepted => "accepted",
            Reason::AcceptanceMoved => "acceptance_moved",
            Reason::DemoSeed => "demo_seed",
        }
    }
}

/// One ledger row.
pub(super) struct Award {
    pub helper_id: i64,
    pub points: i64,
    pub reason: Reason,
    pub answer_id: Option<i64>,
    pub visitor_id: Option<i64>,
}

/// Writes an award; `false` when the ledger already had it (an upvote pays once).
pub(super) async fn award(conn: &mut Tx, now: Timestamp, award: &Award) -> AppResult<bool> {
    let inserted = query(
        "INSERT INTO reputation (helper_id, points, reason, answer_id, visitor_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(award.helper_id)
    .bind(award.points)
    .bind(award.reason.as_str())
    .bind(award.answer_id)
    .bind(award.visitor_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

pub(super) async fn points(conn: &mut Tx, helper_id: i64) -> AppResult<i64> {
    Ok(query_scalar(
        "SELECT CAST(COALESCE(SUM(points), 0) AS BIGINT) FROM reputation WHERE helper_id = $1",
    )
    .bind(helper_id)
    .fetch_one(conn)
    .await?)
}

/// Tells a helper their new points and rank.
pub(super) async fn announce(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    helper_id: i64,
) -> AppResult<()> {
    let points = points(&mut *conn, helper_id).await?;
    let kind = LiveEventKind::ReputationChanged {
        points,
        rank: Rank::for_points(points),
    };
    events::record(conn, now, site_id, Audience::Helper(helper_id), &kind).await
}

impl Store {
    /// The site's helpers by points, with their answer and accepted-answer counts.
    pub async fn leaderboard(&self, site_id: i64, limit: i64) -> AppResult<Vec<LeaderboardEntry>> {
        let sql = format!(
            "SELECT {HELPER_COLUMNS},
                (SELECT COUNT(*) FROM answers a WHERE a.helper_id = h.id AND a.hidden_at IS NULL) AS answers,
                (SELECT COUNT(*) FROM answers a WHERE a.helper_id = h.id AND a.hidden_at IS NULL AND a.accepted = TRUE) AS accepted
             FROM helpers h WHERE h.site_id = $1 AND h.banned_at IS NULL
             ORDER BY points DESC, accepted DESC, h.id LIMIT $2"
        );
        let rows = query(&sql)
            .bind(site_id)
            .bind(limit)
            .fetch_all(&self.db)
            .await?;
        Ok(rows
            .iter()
            .map(|row| LeaderboardEntry {
                helper: card_from_row(row),
                points: row.get("points"),
                answers: row.get::<i64, _>("answers") as u32,
                accepted_answers: row.get::<i64, _>("accepted") as u32,
            })
            .collect())
    }
}
