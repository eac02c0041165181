//! The feed of changed threads that keeps each process's in-memory search index current: the
//! revision counter every change to a thread takes a value of, and reading the changes back.

use peerhelp_api::ThreadStatus;
use peerhelp_search::AnswerText;

use super::Store;
use super::db::{Tx, query, query_scalar};
use super::events::EVENT_LOG_LOCK;
use super::signals::{self, Signal};
use super::threads::public_status;
use crate::error::AppResult;
use crate::timestamp::Timestamp;

/// A thread as the search index needs it, as of `revision`.
#[derive(Clone, Debug)]
pub struct ThreadChange {
    pub site_id: i64,
    pub id: i64,
    pub revision: i64,
    pub external_id: Option<String>,
    pub title: String,
    pub body: String,
    pub status: ThreadStatus,
    /// A request written to staff: never searchable. Staff replies are never in `answers`
    /// either: they are between the asker and staff.
    pub private: bool,
    /// When staff pinned it (RFC 3339), if they did.
    pub pinned_at: Option<String>,
    pub answers: Vec<AnswerText>,
}

/// Position in the feed: everything up to and including (revision, id) has been read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FeedCursor {
    pub revision: i64,
    pub id: i64,
}

impl Store {
    /// Up to `limit` threads changed after `cursor`, in feed order.
    pub async fn changed_threads(
        &self,
        cursor: FeedCursor,
        limit: i64,
    ) -> AppResult<Vec<ThreadChange>> {
        let batch =
            "SELECT id FROM threads WHERE (revision, id) > ($1, $2) ORDER BY revision, id LIMIT $3";
        // An erased thread comes through as an empty private one, which every index drops.
        // Each side is limited in its own index order first, so a batch sorts at most twice
        // `limit` rows however far behind the cursor is.
        let thread_rows = query(
            "SELECT * FROM (
                SELECT * FROM (
                    SELECT id, site_id, revision, external_id, title, body, status, private, pinned_at
                    FROM threads WHERE (revision, id) > ($1, $2) ORDER BY revision, id LIMIT $3)
                    AS live
                UNION ALL
                SELECT * FROM (
                    SELECT thread_id, site_id, revision, NULL, '', '', 'resolved', TRUE,
                        CAST(NULL AS TIMESTAMPTZ)
                    FROM erased_threads WHERE (revision, thread_id) > ($1, $2)
                    ORDER BY revision, thread_id LIMIT $3) AS erased) AS changed
             ORDER BY revision, id LIMIT $3",
        )
        .bind(cursor.revision)
        .bind(cursor.id)
        .bind(limit)
        .fetch_all(&self.db)
        .await?;
        // The first `limit` live threads after the cursor include every live one of the batch.
        let answer_rows = query(format!(
            "SELECT thread_id, body, votes, accepted, verified_at FROM answers
             WHERE thread_id IN ({batch}) AND hidden_at IS NULL AND staff_id IS NULL
             ORDER BY thread_id, id"
        ))
        .bind(cursor.revision)
        .bind(cursor.id)
        .bind(limit)
        .fetch_all(&self.db)
        .await?;
        let mut changes: Vec<ThreadChange> = thread_rows
            .iter()
            .map(|row| ThreadChange {
                site_id: row.get("site_id"),
                id: row.get("id"),
                revision: row.get("revision"),
                external_id: row.get("external_id"),
                title: row.get("title"),
                body: row.get("body"),
                status: ThreadStatus::parse(&row.get::<String, _>("status")).unwrap_or_default(),
                private: row.get("private"),
                pinned_at: row.get("pinned_at"),
                answers: Vec::new(),
            })
            .collect();
        let position: std::collections::HashMap<i64, usize> =
            changes.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        for row in &answer_rows {
            if let Some(&i) = position.get(&row.get::<i64, _>("thread_id")) {
                changes[i].answers.push(AnswerText {
                    body: row.get("body"),
                    votes: row.get("votes"),
                    accepted: row.get("accepted"),
                    verified: row.get::<Option<String>, _>("verified_at").is_some(),
                });
            }
        }
        // Search shows threads to everyone: with their public status.
        for change in &mut changes {
            change.status = public_status(change.status, !change.answers.is_empty());
        }
        Ok(changes)
    }
}

impl ThreadChange {
    pub fn cursor(&self) -> FeedCursor {
        FeedCursor {
            revision: self.revision,
            id: self.id,
        }
    }
}

/// Takes the next value of the revision counter; see the migration for why writes start here.
/// Every node refreshes its search indexes when the transaction commits.
pub(super) async fn next_revision(conn: &mut Tx) -> AppResult<i64> {
    // Most writers that take a revision also record events, some before and some after: taking
    // the event log's lock first puts the two locks in one order for every transaction, so two
    // writers never wait on each other (PostgreSQL would abort one as deadlocked). It costs no
    // concurrency, since the counter's row lock serializes these writers anyway.
    conn.lock(EVENT_LOG_LOCK).await?;
    signals::announce(&mut *conn, Signal::Directory).await?;
    Ok(
        query_scalar("UPDATE revision_counter SET value = value + 1 WHERE id = 1 RETURNING value")
            .fetch_one(conn)
            .await?,
    )
}

/// Marks a thread changed at `now`, so every process's search index re-reads it.
pub(super) async fn touch(conn: &mut Tx, now: Timestamp, thread_id: i64) -> AppResult<()> {
    let revision = next_revision(&mut *conn).await?;
    query("UPDATE threads SET revision = $1, updated_at = $2 WHERE id = $3")
        .bind(revision)
        .bind(now)
        .bind(thread_id)
        .execute(conn)
        .await?;
    Ok(())
}
