//! Community import: threads and their answers from a community file, written all at once.

use peerhelp_api::CommunityThread;

use super::Store;
use super::db::{Backend, Tx, query, query_scalar};
use super::index_feed::next_revision;
use crate::error::AppResult;
use crate::timestamp::Timestamp;

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
}

impl Store {
    /// Writes already validated threads in one transaction: all of them or none. A thread whose
    /// `id` the site already has is updated in place (its imported answers replaced, answers
    /// written in PeerHelp kept); the others are created.
    pub async fn import_threads(
        &self,
        site_id: i64,
        threads: &[CommunityThread],
    ) -> AppResult<ImportSummary> {
        let mut tx = self.db.begin().await?;
        let now = self.now();
        let revision = next_revision(&mut tx).await?;
        let mut summary = ImportSummary::default();
        for thread in threads {
            let existing: Option<i64> = match &thread.id {
                Some(external_id) => {
                    query_scalar("SELECT id FROM threads WHERE site_id = $1 AND external_id = $2")
                        .bind(site_id)
                        .bind(external_id)
                        .fetch_optional(&mut tx)
                        .await?
                }
                None => None,
            };
            let thread_id = match existing {
                Some(id) => {
                    query(
                        "UPDATE threads SET title = $1, body = $2, revision = $3, updated_at = $4
                         WHERE id = $5",
                    )
                    .bind(&thread.title)
                    .bind(&thread.body)
                    .bind(revision)
                    .bind(now)
                    .bind(id)
                    .execute(&mut tx)
                    .await?;
                    query("DELETE FROM answers WHERE thread_id = $1 AND imported = TRUE")
                        .bind(id)
                        .execute(&mut tx)
                        .await?;
                    query("DELETE FROM thread_tags WHERE thread_id = $1")
                        .bind(id)
                        .execute(&mut tx)
                        .await?;
                    summary.updated += 1;
                    id
                }
                None => {
                    summary.created += 1;
                    query_scalar(
                        "INSERT INTO threads
                             (site_id, external_id, title, body, revision, created_at, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                    )
                    .bind(site_id)
                    .bind(&thread.id)
                    .bind(&thread.title)
                    .bind(&thread.body)
                    .bind(revision)
                    .bind(now)
                    .fetch_one(&mut tx)
                    .await?
                }
            };
            insert_answers_and_tags(&mut tx, now, thread_id, thread).await?;
        }
        tx.commit().await?;
        Ok(summary)
    }

    /// After a bulk import: brings PostgreSQL's planner statistics up to date. It plans from
    /// statistics that autovacuum refreshes only a while later (never where it is off), and
    /// planned as if the tables were still nearly empty, the search index's read of a freshly
    /// imported 100k threads takes most of an hour instead of seconds. SQLite needs nothing.
    pub async fn refresh_statistics(&self) -> AppResult<()> {
        if self.db.backend() == Backend::Postgres {
            query("ANALYZE threads, answers, thread_tags")
                .execute(&self.db)
                .await?;
        }
        Ok(())
    }
}

async fn insert_answers_and_tags(
    tx: &mut Tx,
    now: Timestamp,
    thread_id: i64,
    thread: &CommunityThread,
) -> AppResult<()> {
    for answer in &thread.answers {
        query(
            "INSERT INTO answers (thread_id, body, author, accepted, votes, imported, created_at)
             VALUES ($1, $2, $3, $4, $5, TRUE, $6)",
        )
        .bind(thread_id)
        .bind(&answer.body)
        .bind(&answer.author)
        .bind(answer.accepted)
        .bind(answer.votes)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    for tag in &thread.tags {
        query("INSERT INTO thread_tags (thread_id, tag) VALUES ($1, $2)")
            .bind(thread_id)
            .bind(tag)
            .execute(&mut *tx)
            .await?;
    }
    // An open or answered thread's status follows whether it has answers; escalated and
    // resolved threads keep theirs.
    query(
        "UPDATE threads SET status = CASE WHEN EXISTS (SELECT 1 FROM answers WHERE thread_id = $1)
         THEN 'answered' ELSE 'open' END WHERE id = $1 AND status IN ('open', 'answered')",
    )
    .bind(thread_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
