//! Reading threads: one thread with its answers as each kind of reader may see it.

use peerhelp_api::{Thread, ThreadStatus, ThreadViewer};

use super::Store;
use super::answers::{answer_from_row, answer_select};
use super::db::{query, query_scalar};
use super::escalations::escalation_summary;
use super::reactions::Flagger;
use crate::error::AppResult;

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

/// A thread's status as everyone but its asker and staff read it: escalated and resolved are
/// its ticket's status, which is between them, so others see where the community stands.
pub(super) fn public_status(status: ThreadStatus, has_public_answers: bool) -> ThreadStatus {
    match status {
        ThreadStatus::Escalated | ThreadStatus::Resolved if has_public_answers => {
            ThreadStatus::Answered
        }
        ThreadStatus::Escalated | ThreadStatus::Resolved => ThreadStatus::Open,
        status => status,
    }
}

/// A thread as read, with who asked it.
struct LoadedThread {
    thread: Thread,
    asker: Option<i64>,
}

impl Store {
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
        let answers: Vec<_> = query(&sql)
            .bind(thread_id)
            .bind(sees_ticket)
            .fetch_all(&self.db)
            .await?
            .iter()
            .map(answer_from_row)
            .collect();
        let status = ThreadStatus::parse(&row.get::<String, _>("status")).unwrap_or_default();
        let status = if sees_ticket {
            status
        } else {
            public_status(status, !answers.is_empty())
        };
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
            status,
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

    /// Who asked a thread of the site, as `visitor_id` may know: `None` when the site has no
    /// such thread or it is a private one (written to staff) someone else asked, `Some(None)`
    /// for a thread nobody asked here (an imported one).
    pub async fn thread_asker(
        &self,
        site_id: i64,
        thread_id: i64,
        visitor_id: i64,
    ) -> AppResult<Option<Option<i64>>> {
        Ok(query_scalar(
            "SELECT visitor_id FROM threads
             WHERE id = $1 AND site_id = $2 AND (NOT private OR visitor_id = $3)",
        )
        .bind(thread_id)
        .bind(site_id)
        .bind(visitor_id)
        .fetch_optional(&self.db)
        .await?)
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
