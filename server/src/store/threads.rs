//! Threads and answers: community import and reading one thread.

use peerhelp_api::{CommunityThread, Thread, ThreadStatus, ThreadViewer};

use super::Store;
use super::answers::{answer_from_row, answer_select};
use super::db::{Backend, Tx, query, query_scalar};
use super::escalations::escalation_summary;
use super::index_feed::next_revision;
use super::reactions::Flagger;
use crate::error::AppResult;
use crate::timestamp::Timestamp;

/// Who reads a thread. Staff replies on an escalated question and its ticket are between the
/// asker and staff: everyone else (other visitors, helpers, search) reads the thread without
/// them.
#[derive(Clone, Copy, Debug)]
enum Reader {
    Staff,
    /// A visitor (`Some`), a helper or nobody signed in (`None`).
    Public {
        visitor: Option<i64>,
    },
}

/// A thread as read, with who asked it.
struct LoadedThread {
    thread: Thread,
    asker: Option<i64>,
}

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

    /// One thread of a site with its answers: the accepted one first, then by votes.
    pub async fn thread(&self, site_id: i64, thread_id: i64) -> AppResult<Option<Thread>> {
        Ok(self
            .load_thread(site_id, thread_id, Reader::Staff)
            .await?
            .map(|loaded| loaded.thread))
    }

    /// A thread with who asked it, as `reader` may see it: a private thread (a request written
    /// to staff) is there only for its asker and staff, and so are staff replies and the ticket.
    async fn load_thread(
        &self,
        site_id: i64,
        thread_id: i64,
        reader: Reader,
    ) -> AppResult<Option<LoadedThread>> {
        let row = query(
            "SELECT t.id, t.external_id, t.title, t.body, t.status, t.created_at, t.visitor_id,
                    t.private,
                    (SELECT COUNT(*) FROM feedback f WHERE f.thread_id = t.id AND f.helped = TRUE) AS helped,
                    (SELECT COUNT(*) FROM feedback f WHERE f.thread_id = t.id AND f.helped = FALSE) AS not_helped
             FROM threads t WHERE t.id = $1 AND t.site_id = $2",
        )
        .bind(thread_id)
        .bind(site_id)
        .fetch_optional(&self.db)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let asker: Option<i64> = row.get("visitor_id");
        let sees_ticket = match reader {
            Reader::Staff => true,
            Reader::Public { visitor } => visitor.is_some() && visitor == asker,
        };
        if row.get::<bool, _>("private") && !sees_ticket {
            return Ok(None);
        }
        let sql = format!(
            "{} WHERE a.thread_id = $1 AND a.hidden_at IS NULL
                AND (a.staff_id IS NULL OR $2)
             ORDER BY a.accepted DESC, a.verified_at IS NOT NULL DESC, a.votes DESC, a.id",
            answer_select()
        );
        let answers = query(&sql)
            .bind(thread_id)
            .bind(sees_ticket)
            .fetch_all(&self.db)
            .await?
            .iter()
            .map(answer_from_row)
            .collect();
        let tags = query_scalar("SELECT tag FROM thread_tags WHERE thread_id = $1 ORDER BY tag")
            .bind(thread_id)
            .fetch_all(&self.db)
            .await?;
        let escalation = if sees_ticket {
            escalation_summary(&mut self.db.begin().await?, thread_id).await?
        } else {
            None
        };
        let thread = Thread {
            id: row.get("id"),
            external_id: row.get("external_id"),
            title: row.get("title"),
            body: row.get("body"),
            tags,
            status: ThreadStatus::parse(&row.get::<String, _>("status")).unwrap_or_default(),
            created_at: row.get("created_at"),
            answers,
            feedback: peerhelp_api::FeedbackTally {
                helped: row.get("helped"),
                not_helped: row.get("not_helped"),
            },
            escalation,
            viewer: None,
        };
        Ok(Some(LoadedThread { thread, asker }))
    }

    /// Who asked a thread of the site: `None` when the site has no such thread, `Some(None)`
    /// for a thread nobody asked here (an imported one).
    pub async fn thread_asker(
        &self,
        site_id: i64,
        thread_id: i64,
    ) -> AppResult<Option<Option<i64>>> {
        Ok(
            query_scalar("SELECT visitor_id FROM threads WHERE id = $1 AND site_id = $2")
                .bind(thread_id)
                .bind(site_id)
                .fetch_optional(&self.db)
                .await?,
        )
    }

    /// A thread of the site as `who` sees it: with what they did on it (`viewer`), when a
    /// visitor or helper is asking. A private thread (a request written to staff) is there
    /// only for its asker.
    pub async fn thread_seen_by(
        &self,
        site_id: i64,
        thread_id: i64,
        who: Option<Flagger>,
    ) -> AppResult<Option<Thread>> {
        let visitor = who.and_then(|who| who.ids().0);
        let Some(LoadedThread { mut thread, asker }) = self
            .load_thread(site_id, thread_id, Reader::Public { visitor })
            .await?
        else {
            return Ok(None);
        };
        if let Some(who) = who {
            thread.viewer = Some(self.thread_viewer(thread_id, who, asker).await?);
        }
        Ok(Some(thread))
    }

    /// What a visitor or helper has done on a thread.
    async fn thread_viewer(
        &self,
        thread_id: i64,
        who: Flagger,
        asker: Option<i64>,
    ) -> AppResult<ThreadViewer> {
        let (visitor, helper) = who.ids();
        let is_asker = visitor.is_some() && asker == visitor;
        let voted = query_scalar(
            "SELECT v.answer_id FROM answer_votes v JOIN answers a ON a.id = v.answer_id
             WHERE a.thread_id = $1 AND v.visitor_id = $2 ORDER BY v.answer_id",
        )
        .bind(thread_id)
        .bind(visitor)
        .fetch_all(&self.db)
        .await?;
        let flagged = query_scalar(
            "SELECT f.answer_id FROM answer_flags f JOIN answers a ON a.id = f.answer_id
             WHERE a.thread_id = $1 AND (f.visitor_id = $2 OR f.helper_id = $3)
             ORDER BY f.answer_id",
        )
        .bind(thread_id)
        .bind(visitor)
        .bind(helper)
        .fetch_all(&self.db)
        .await?;
        Ok(ThreadViewer {
            is_asker,
            voted,
            flagged,
        })
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
