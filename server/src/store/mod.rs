//! Persistent storage. Every SQL statement of the server lives under this module, behind the
//! `Store` methods, so a PostgreSQL backend can follow without touching the HTTP layer.

mod answers;
mod audit;
mod backup;
mod community_export;
mod copy;
mod db;
mod demo_peers;
mod erasure;
mod escalations;
mod events;
mod feedback;
mod gauges;
mod import;
mod index_feed;
mod insights;
mod invites;
mod mail;
mod moderation;
mod new_site;
mod new_ticket;
mod peers;
mod pins;
mod presence;
mod privacy;
mod questions;
mod reactions;
mod readiness;
mod reputation;
mod retention;
mod sign_in;
mod signals;
mod site_secrets;
mod sites;
mod staff;
mod staff_access;
mod standing;
mod threads;
mod ticket_opening;
mod ticket_work;
mod visitors;
mod webhooks;
mod widget_loads;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use db::{Db, Row, Tx, query};

use crate::clock::Clock;
use crate::error::AppResult;
use crate::retry::MAX_ATTEMPTS;
use crate::timestamp::Timestamp;

pub use backup::{check_sqlite_url, copy_sqlite_database};
pub use copy::CopiedTable;
pub use events::{Audience, EVENT_LOG_LOCK, StoredEvent};
pub use gauges::{Backlog, OutboxBacklogs, PoolUse};
pub use import::ImportSummary;
pub use index_feed::{FeedCursor, ThreadChange};
pub use invites::InviteRecord;
pub use mail::{
    CONFIRMATIONS_PER_IP_AN_HOUR, CONFIRMATIONS_PER_RECIPIENT_A_DAY,
    CONFIRMATIONS_PER_VISITOR_A_DAY, OutgoingMail,
};
pub use moderation::Review;
pub use new_site::{NewSite, normalize_origin};
pub use privacy::VisitorQuery;
pub use questions::{Asked, Question};
pub use reactions::Flagger;
pub use retention::Pruned;
pub use sign_in::{
    FAILURE_WINDOW, MAX_SIGN_IN_FAILURES, MAX_SIGN_IN_FAILURES_PER_IP, StaffCredentials,
};
pub use signals::{Ending, Heard, OtherNodes, Signal};
pub use site_secrets::SiteCredentials;
pub use sites::SiteRecord;
pub use staff::StaffSession;
pub use ticket_opening::{Escalated, Escalating, Escalator};
pub use visitors::{Identity, VisitorRecord};
pub use webhooks::{DueDelivery, MAX_WEBHOOKS};

/// Handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    db: Db,
    /// Where every time the store writes or compares comes from.
    clock: Clock,
    /// This node's waiters for commits: the live hub and the directory refresher.
    waiters: Arc<signals::Waiters>,
    /// Signalled after a commit that queued email, so the mailer sends it at once.
    mail_queued: Arc<Notify>,
    /// Signalled after a commit that queued webhook deliveries.
    webhooks_queued: Arc<Notify>,
}

impl Store {
    /// Opens (creating if needed) the database at `url` and applies pending migrations.
    pub async fn open(url: &str) -> AppResult<Store> {
        Store::open_with_clock(url, Clock::default()).await
    }

    /// [`Store::open`] telling time by `clock`, which tests advance.
    pub async fn open_with_clock(url: &str, clock: Clock) -> AppResult<Store> {
        let db = Db::connect(url).await?;
        readiness::migrate(&db).await?;
        Ok(Store {
            db,
            clock,
            waiters: Arc::default(),
            mail_queued: Arc::new(Notify::new()),
            webhooks_queued: Arc::new(Notify::new()),
        })
    }

    /// The clock the store tells time by.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Now, by the store's clock.
    fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// A write transaction. `BEGIN IMMEDIATE` takes SQLite's write lock up front, so a
    /// transaction that reads before it writes waits its turn (busy timeout) instead of failing
    /// when another writer committed in between, and its checks cannot go stale.
    async fn write(&self) -> AppResult<Tx> {
        Ok(self.db.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Deletes the rows of `table` created more than `age` ago; returns how many.
    async fn delete_older_than(&self, table: &'static str, age: Duration) -> AppResult<u64> {
        let sql = format!("DELETE FROM {table} WHERE created_at < $1");
        let deleted = query(&sql).bind(self.now() - age).execute(&self.db).await?;
        Ok(deleted.rows_affected())
    }

    /// Claims up to `limit` rows of outbox `table` (mail or webhook deliveries) that are due,
    /// not yet done (`done_column` empty) and not given up, each for `lease`: until then no
    /// other sender (another node, or this one after a crash) claims it again. One statement
    /// claims and reads; on PostgreSQL it skips rows another sender is claiming at that moment
    /// and claims a row only while it is still due, so two senders never take one row.
    /// Returns `columns` of each, oldest first.
    async fn claim_due(
        &self,
        table: &'static str,
        done_column: &'static str,
        columns: &'static str,
        limit: i64,
        lease: Duration,
    ) -> AppResult<Vec<Row>> {
        let sql = format!(
            "UPDATE {table} SET next_attempt_at = $1
             WHERE id IN (
                 SELECT id FROM {table}
                 WHERE {done_column} IS NULL AND attempts < $2
                   AND next_attempt_at <= $3
                 ORDER BY id LIMIT $4{skip_locked})
               AND next_attempt_at <= $3
             RETURNING {columns}",
            skip_locked = self.db.backend().skip_locked(),
        );
        let now = self.now();
        let mut rows = query(&sql)
            .bind(now + lease)
            .bind(MAX_ATTEMPTS)
            .bind(now)
            .bind(limit)
            .fetch_all(&self.db)
            .await?;
        // RETURNING gives no order.
        rows.sort_by_key(|row| row.get::<i64, _>("id"));
        Ok(rows)
    }

    /// Commits a transaction that recorded live events and wakes the hub to deliver them.
    async fn commit_announcing(&self, mut tx: Tx) -> AppResult<()> {
        signals::announce(&mut tx, Signal::Events).await?;
        tx.commit().await?;
        self.wake(Signal::Events);
        Ok(())
    }
}
