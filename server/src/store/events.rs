//! The live event log. Events are written in the transaction of the change they announce, so
//! there is never an event without its change or a change without its event; after the commit
//! the store signals the live hub, which reads them back in id order and broadcasts them.
//! Staff events ([`StaffEventKind`]) share the table under their own audience, which only
//! staff streams follow.

use std::time::Duration;

use peerhelp_api::{LiveEventKind, StaffEventKind, TicketChange};

use super::Store;
use super::db::{Row, Tx, query, query_scalar};
use crate::error::AppResult;
use crate::timestamp::Timestamp;

/// Who receives an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Every visitor and helper of the site.
    Everyone,
    /// Every helper of the site.
    Helpers,
    Visitor(i64),
    Helper(i64),
    /// The site's signed-in staff.
    Staff,
}

impl Audience {
    /// The form stored in `events.audience` and matched by streams.
    pub fn key(self) -> String {
        match self {
            Audience::Everyone => "everyone".to_owned(),
            Audience::Helpers => "helpers".to_owned(),
            Audience::Visitor(id) => format!("visitor:{id}"),
            Audience::Helper(id) => format!("helper:{id}"),
            Audience::Staff => "staff".to_owned(),
        }
    }
}

/// An event as stored: `payload` is the [`LiveEventKind`] (for staff, the [`StaffEventKind`])
/// as JSON, serialized once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEvent {
    pub id: i64,
    pub site_id: i64,
    pub audience: String,
    pub payload: String,
}

/// Appends an event inside the caller's transaction.
pub(super) async fn record(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    audience: Audience,
    kind: &LiveEventKind,
) -> AppResult<()> {
    let payload = serde_json::to_string(kind).expect("live events serialize");
    insert(conn, now, site_id, audience, payload).await
}

/// Tells the site's staff, inside the caller's transaction, that ticket `reference` changed.
pub(super) async fn tell_staff_ticket(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    reference: &str,
    change: TicketChange,
) -> AppResult<()> {
    let kind = StaffEventKind::TicketChanged {
        reference: reference.to_owned(),
        change,
    };
    tell_staff(conn, now, site_id, &kind).await
}

/// Tells the site's staff, inside the caller's transaction, that the moderation queue changed.
pub(super) async fn tell_staff_moderation(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    answer_id: i64,
) -> AppResult<()> {
    tell_staff(
        conn,
        now,
        site_id,
        &StaffEventKind::ModerationChanged { answer_id },
    )
    .await
}

async fn tell_staff(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    kind: &StaffEventKind,
) -> AppResult<()> {
    let payload = serde_json::to_string(kind).expect("staff events serialize");
    insert(conn, now, site_id, Audience::Staff, payload).await
}

/// The lock every transaction that writes events holds from its first event to its commit.
/// PostgreSQL hands out ids as rows are inserted but shows them only once committed, so two
/// writers could commit ids out of order, and a reader following ids would skip the lower one
/// when it commits last. Under this lock ids commit in the order they were given. (SQLite has
/// one writer at a time already.)
pub const EVENT_LOG_LOCK: &str = "live-events";

async fn insert(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    audience: Audience,
    payload: String,
) -> AppResult<()> {
    conn.lock(EVENT_LOG_LOCK).await?;
    query("INSERT INTO events (site_id, audience, payload, created_at) VALUES ($1, $2, $3, $4)")
        .bind(site_id)
        .bind(audience.key())
        .bind(payload)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

fn from_row(row: &Row) -> StoredEvent {
    StoredEvent {
        id: row.get("id"),
        site_id: row.get("site_id"),
        audience: row.get("audience"),
        payload: row.get("payload"),
    }
}

impl Store {
    /// Every site's events after `after`, oldest first: what the hub broadcasts.
    pub async fn events_after(&self, after: i64, limit: i64) -> AppResult<Vec<StoredEvent>> {
        let rows = query(
            "SELECT id, site_id, audience, payload FROM events WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.db)
        .await?;
        Ok(rows.iter().map(from_row).collect())
    }

    /// One session's events after `after`, oldest first: what a reconnecting stream replays.
    pub async fn replay_events(
        &self,
        site_id: i64,
        audiences: &[String],
        after: i64,
        limit: i64,
    ) -> AppResult<Vec<StoredEvent>> {
        let placeholders = (0..audiences.len())
            .map(|i| format!("${}", i + 4))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT id, site_id, audience, payload FROM events
             WHERE site_id = $1 AND id > $2 AND audience IN ({placeholders}) ORDER BY id LIMIT $3"
        );
        let mut query = query(&sql).bind(site_id).bind(after).bind(limit);
        for audience in audiences {
            query = query.bind(audience);
        }
        Ok(query
            .fetch_all(&self.db)
            .await?
            .iter()
            .map(from_row)
            .collect())
    }

    /// The newest event's id (0 when there is none).
    pub async fn last_event_id(&self) -> AppResult<i64> {
        Ok(query_scalar("SELECT COALESCE(MAX(id), 0) FROM events")
            .fetch_one(&self.db)
            .await?)
    }

    /// Deletes events older than `age`; returns how many.
    pub async fn prune_events(&self, age: Duration) -> AppResult<u64> {
        self.delete_older_than("events", age).await
    }
}
