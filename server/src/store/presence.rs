//! Helpers' presence: heartbeats with a status, the timeout that turns a silent helper
//! offline, and the list of helpers online, announced to everyone on the site at each change.

use std::time::Duration;

use peerhelp_api::{HelperCard, HelperProfile, LiveEventKind, PresenceStatus};

use super::Store;
use super::db::{Tx, query, query_scalar};
use super::events::{self, Audience};
use super::peers::{HELPER_COLUMNS, card_from_row, profile};
use crate::error::AppResult;
use crate::timestamp::Timestamp;

fn status_name(status: PresenceStatus) -> &'static str {
    match status {
        PresenceStatus::Online => "online",
        PresenceStatus::Away => "away",
        PresenceStatus::Offline => "offline",
    }
}

pub(super) fn parse_status(name: &str) -> PresenceStatus {
    match name {
        "online" => PresenceStatus::Online,
        "away" => PresenceStatus::Away,
        _ => PresenceStatus::Offline,
    }
}

/// The helpers online or away, online first.
pub(super) async fn online(conn: &mut Tx, site_id: i64) -> AppResult<Vec<HelperCard>> {
    let sql = format!(
        "SELECT {HELPER_COLUMNS} FROM helpers h
         WHERE h.site_id = $1 AND h.status IN ('online', 'away')
         ORDER BY h.status = 'online' DESC, points DESC, h.name"
    );
    let rows = query(&sql).bind(site_id).fetch_all(conn).await?;
    Ok(rows.iter().map(card_from_row).collect())
}

/// Tells everyone on the site who is online now.
pub(super) async fn announce_presence(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
) -> AppResult<()> {
    let helpers = online(&mut *conn, site_id).await?;
    let kind = LiveEventKind::PresenceChanged { helpers };
    events::record(conn, now, site_id, Audience::Everyone, &kind).await
}

impl Store {
    /// Records a heartbeat now with this status (offline signs off). A change of status tells
    /// everyone on the site; a heartbeat that changes nothing only refreshes `last_seen_at`.
    pub async fn set_presence(
        &self,
        site_id: i64,
        helper_id: i64,
        status: PresenceStatus,
    ) -> AppResult<HelperProfile> {
        let mut tx = self.write().await?;
        let now = self.now();
        let previous: String =
            query_scalar("UPDATE helpers SET last_seen_at = $2 WHERE id = $1 RETURNING status")
                .bind(helper_id)
                .bind(now)
                .fetch_one(&mut tx)
                .await?;
        let changed = parse_status(&previous) != status;
        if changed {
            query("UPDATE helpers SET status = $1 WHERE id = $2")
                .bind(status_name(status))
                .bind(helper_id)
                .execute(&mut tx)
                .await?;
            announce_presence(&mut tx, now, site_id).await?;
        }
        let profile = profile(&mut tx, now, helper_id).await?;
        self.commit_announcing(tx).await?;
        Ok(profile)
    }

    /// Turns helpers whose last heartbeat is more than `offline_after` old offline, telling
    /// their sites.
    pub async fn expire_presence(&self, offline_after: Duration) -> AppResult<()> {
        let cutoff = self.now() - offline_after;
        let stale_sql = "status != 'offline' AND (last_seen_at IS NULL OR last_seen_at < $1)";
        // A cheap read first: most ticks find nobody, and need not take the write lock.
        let any_stale: bool = query_scalar(format!(
            "SELECT EXISTS (SELECT 1 FROM helpers WHERE {stale_sql})"
        ))
        .bind(cutoff)
        .fetch_one(&self.db)
        .await?;
        if !any_stale {
            return Ok(());
        }
        let mut tx = self.write().await?;
        let now = self.now();
        let mut sites: Vec<i64> = query_scalar(format!(
            "UPDATE helpers SET status = 'offline' WHERE {stale_sql} RETURNING site_id"
        ))
        .bind(cutoff)
        .fetch_all(&mut tx)
        .await?;
        sites.sort_unstable();
        sites.dedup();
        for site_id in sites {
            announce_presence(&mut tx, now, site_id).await?;
        }
        self.commit_announcing(tx).await
    }

    pub async fn helpers_online(&self, site_id: i64) -> AppResult<Vec<HelperCard>> {
        let mut conn = self.db.begin().await?;
        online(&mut conn, site_id).await
    }

    /// The helpers online now and the newest event id, read in one snapshot: a stream that
    /// shows this list and then follows the events after that id misses no change and shows
    /// none twice.
    pub async fn helpers_online_as_of(&self, site_id: i64) -> AppResult<(Vec<HelperCard>, i64)> {
        let mut tx = self.db.begin().await?;
        let helpers = online(&mut tx, site_id).await?;
        let newest: i64 = query_scalar("SELECT COALESCE(MAX(id), 0) FROM events")
            .fetch_one(&mut tx)
            .await?;
        tx.commit().await?;
        Ok((helpers, newest))
    }
}
