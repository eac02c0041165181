//! Finding a visitor and exporting everything stored about them, for a brand answering a
//! person's request for their data. Also what erasure and export share: the addresses that
//! are the visitor's and the widget sessions that were theirs.

use peerhelp_api::{
    ExportedActivity, ExportedAnswer, ExportedEmail, ExportedEscalation, ExportedFeedback,
    ExportedFlag, ExportedSession, ExportedThread, ExportedVote, PrivacyExport, PrivacyVisitor,
};

use super::db::{Row, Tx, query, query_scalar};
use super::{Store, audit};
use crate::error::AppResult;

/// Most visitors one search returns; an email or customer id matches few.
const MAX_MATCHES: i64 = 50;

/// Who to look for.
#[derive(Clone, Debug)]
pub enum VisitorQuery {
    /// Any address the visitor was identified with or typed into the widget, any case.
    Email(String),
    /// The brand's id of an identified visitor, exactly.
    CustomerId(String),
}

const VISITOR_COLUMNS: &str = "v.id, v.external_id, v.name, v.email, v.created_at,
    (SELECT COUNT(*) FROM threads t WHERE t.visitor_id = v.id) AS threads";

fn visitor_from_row(row: &Row) -> PrivacyVisitor {
    PrivacyVisitor {
        id: row.get("id"),
        customer_id: row.get("external_id"),
        name: row.get("name"),
        email: row.get("email"),
        threads: row.get::<i64, _>("threads") as u32,
        created_at: row.get("created_at"),
    }
}

impl Store {
    /// The site's visitors matching `wanted`, oldest first.
    pub async fn find_visitors(
        &self,
        site_id: i64,
        wanted: &VisitorQuery,
    ) -> AppResult<Vec<PrivacyVisitor>> {
        let (condition, value) = match wanted {
            VisitorQuery::Email(email) => (
                "lower(v.email) = lower($2)
                 OR EXISTS (SELECT 1 FROM threads t WHERE t.visitor_id = v.id
                    AND lower(t.email) = lower($2))
                 OR EXISTS (SELECT 1 FROM escalations e JOIN threads t ON t.id = e.thread_id
                    WHERE t.visitor_id = v.id AND lower(e.contact_email) = lower($2))",
                email,
            ),
            VisitorQuery::CustomerId(id) => ("v.external_id = $2", id),
        };
        let sql = format!(
            "SELECT {VISITOR_COLUMNS} FROM visitors v
             WHERE v.site_id = $1 AND ({condition}) ORDER BY v.id LIMIT $3"
        );
        let rows = query(&sql)
            .bind(site_id)
            .bind(value)
            .bind(MAX_MATCHES)
            .fetch_all(&self.db)
            .await?;
        Ok(rows.iter().map(visitor_from_row).collect())
    }

    /// Everything stored about the site's visitor `visitor_id`; `None` if the site has no such
    /// visitor. Read in the transaction that audits the export (by `actor`, a staff admin or
    /// `None` for the admin token), so the parts agree with each other.
    pub async fn export_visitor(
        &self,
        site_id: i64,
        visitor_id: i64,
        actor: Option<i64>,
    ) -> AppResult<Option<PrivacyExport>> {
        let mut tx = self.write().await?;
        let now = self.now();
        let Some(visitor) = visitor_of_site(&mut tx, site_id, visitor_id).await? else {
            return Ok(None);
        };
        let sessions = query_scalar(
            "SELECT created_at FROM visitor_tokens WHERE visitor_id = $1 ORDER BY created_at",
        )
        .bind(visitor_id)
        .fetch_all(&mut tx)
        .await?
        .into_iter()
        .map(|created_at| ExportedSession { created_at })
        .collect();
        let threads = exported_threads(&mut tx, visitor_id).await?;
        let votes = query(
            "SELECT answer_id, created_at FROM answer_votes WHERE visitor_id = $1 ORDER BY created_at",
        )
        .bind(visitor_id)
        .fetch_all(&mut tx)
        .await?
        .iter()
        .map(|row| ExportedVote {
            answer_id: row.get("answer_id"),
            created_at: row.get("created_at"),
        })
        .collect();
        let flags = query(
            "SELECT answer_id, reason, created_at FROM answer_flags WHERE visitor_id = $1
             ORDER BY created_at",
        )
        .bind(visitor_id)
        .fetch_all(&mut tx)
        .await?
        .iter()
        .map(|row| ExportedFlag {
            answer_id: row.get("answer_id"),
            reason: row.get("reason"),
            created_at: row.get("created_at"),
        })
        .collect();
        let feedback = query(
            "SELECT thread_id, helped, query, created_at FROM feedback WHERE visitor_id = $1
             ORDER BY id",
        )
        .bind(visitor_id)
        .fetch_all(&mut tx)
        .await?
        .iter()
        .map(|row| ExportedFeedback {
            thread_id: row.get("thread_id"),
            helped: row.get("helped"),
            query: row.get("query"),
            created_at: row.get("created_at"),
        })
        .collect();
        let escalations = exported_escalations(&mut tx, visitor_id).await?;
        let emails = visitor_emails(&mut tx, visitor_id).await?;
        let emails = query(format!(
            "SELECT recipient, subject, body, sent_at, created_at FROM mail_outbox
             WHERE site_id = $1 AND lower(recipient) IN {} ORDER BY id",
            tx.backend().json_strings("$2")
        ))
        .bind(site_id)
        .bind(serde_json::to_string(&emails).expect("strings serialize"))
        .fetch_all(&mut tx)
        .await?
        .iter()
        .map(|row| ExportedEmail {
            recipient: row.get("recipient"),
            subject: row.get("subject"),
            body: row.get("body"),
            sent_at: row.get("sent_at"),
            created_at: row.get("created_at"),
        })
        .collect();
        let activity = query(format!(
            "SELECT session, kind, query, thread_id, created_at FROM activity
             WHERE site_id = $1 AND session IN ({VISITOR_SESSIONS}) ORDER BY id"
        ))
        .bind(site_id)
        .bind(visitor_id)
        .fetch_all(&mut tx)
        .await?
        .iter()
        .map(|row| ExportedActivity {
            session: row.get("session"),
            kind: row.get("kind"),
            query: row.get("query"),
            thread_id: row.get("thread_id"),
            created_at: row.get("created_at"),
        })
        .collect();
        let subject = format!("visitor {visitor_id}");
        audit::record(&mut tx, now, site_id, actor, "privacy.exported", &subject).await?;
        tx.commit().await?;
        Ok(Some(PrivacyExport {
            visitor,
            sessions,
            threads,
            votes,
            flags,
            feedback,
            escalations,
            emails,
            activity,
        }))
    }
}

/// The widget sessions (of site `$1`) that were visitor `$2`'s: activity carries only a random
/// session id, but a session that asked or escalated one of their questions was theirs.
pub(super) const VISITOR_SESSIONS: &str = "SELECT DISTINCT session FROM activity
    WHERE site_id = $1 AND kind IN ('ask', 'escalate')
      AND thread_id IN (SELECT id FROM threads WHERE visitor_id = $2)";

pub(super) async fn visitor_of_site(
    conn: &mut Tx,
    site_id: i64,
    visitor_id: i64,
) -> AppResult<Option<PrivacyVisitor>> {
    let sql =
        format!("SELECT {VISITOR_COLUMNS} FROM visitors v WHERE v.id = $1 AND v.site_id = $2");
    let row = query(&sql)
        .bind(visitor_id)
        .bind(site_id)
        .fetch_optional(conn)
        .await?;
    Ok(row.as_ref().map(visitor_from_row))
}

/// Every address that is the visitor's, lowercased: the one the brand identified them with
/// and those they typed on their questions and tickets.
pub(super) async fn visitor_emails(conn: &mut Tx, visitor_id: i64) -> AppResult<Vec<String>> {
    Ok(query_scalar(
        "SELECT lower(email) FROM visitors WHERE id = $1 AND email IS NOT NULL
         UNION SELECT lower(email) FROM threads WHERE visitor_id = $1 AND email IS NOT NULL
         UNION SELECT lower(e.contact_email) FROM escalations e JOIN threads t ON t.id = e.thread_id
            WHERE t.visitor_id = $1 AND e.contact_email IS NOT NULL",
    )
    .bind(visitor_id)
    .fetch_all(conn)
    .await?)
}

async fn exported_threads(conn: &mut Tx, visitor_id: i64) -> AppResult<Vec<ExportedThread>> {
    let mut threads: Vec<ExportedThread> = query(
        "SELECT id, title, body, status, private, email, page_url, created_at FROM threads
         WHERE visitor_id = $1 ORDER BY id",
    )
    .bind(visitor_id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|row| ExportedThread {
        id: row.get("id"),
        title: row.get("title"),
        body: row.get("body"),
        status: row.get("status"),
        private: row.get("private"),
        email: row.get("email"),
        page_url: row.get("page_url"),
        created_at: row.get("created_at"),
        answers: Vec::new(),
    })
    .collect();
    // Hidden answers stay out: the visitor could not read them either.
    let answers = query(
        "SELECT a.thread_id, a.id, a.body, COALESCE(st.name, h.name, a.author) AS author,
            a.staff_id IS NOT NULL AS staff_reply, a.created_at
         FROM answers a JOIN threads t ON t.id = a.thread_id
         LEFT JOIN helpers h ON h.id = a.helper_id LEFT JOIN staff st ON st.id = a.staff_id
         WHERE t.visitor_id = $1 AND a.hidden_at IS NULL ORDER BY a.id",
    )
    .bind(visitor_id)
    .fetch_all(&mut *conn)
    .await?;
    for row in &answers {
        let thread_id: i64 = row.get("thread_id");
        if let Some(thread) = threads.iter_mut().find(|t| t.id == thread_id) {
            thread.answers.push(ExportedAnswer {
                id: row.get("id"),
                body: row.get("body"),
                author: row.get("author"),
                staff_reply: row.get("staff_reply"),
                created_at: row.get("created_at"),
            });
        }
    }
    Ok(threads)
}

async fn exported_escalations(
    conn: &mut Tx,
    visitor_id: i64,
) -> AppResult<Vec<ExportedEscalation>> {
    let rows = query(
        "SELECT e.reference, e.thread_id, e.message, e.contact_email, e.page_url, e.searches,
            e.status, e.created_at
         FROM escalations e JOIN threads t ON t.id = e.thread_id
         WHERE t.visitor_id = $1 ORDER BY e.id",
    )
    .bind(visitor_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .iter()
        .map(|row| ExportedEscalation {
            reference: row.get("reference"),
            thread_id: row.get("thread_id"),
            message: row.get("message"),
            contact_email: row.get("contact_email"),
            page_url: row.get("page_url"),
            searches: serde_json::from_str(&row.get::<String, _>("searches")).unwrap_or_default(),
            status: row.get("status"),
            created_at: row.get("created_at"),
        })
        .collect())
}
