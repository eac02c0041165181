//! Escalations: a visitor hands a question to staff as a ticket; staff work the queue, assign,
//! reply (as answers marked with their name), resolve and reopen. Each change tells the
//! visitor live, replies are emailed, and staff actions go to the audit log, all in the
//! transaction of the change.

use std::net::IpAddr;

use peerhelp_api::{
    Answer, EscalationDetail, EscalationStatus, EscalationSummary, EscalationTicket, LiveEventKind,
    MAX_TITLE_CHARS, StaffMember, WebhookEvent,
};
use sqlx::{Row, SqliteConnection};

use super::answers::{read_answer, staff_card};
use super::events::{self, Audience};
use super::mail::{self, MailRequester};
use super::threads::{next_revision, touch};
use super::{Store, audit, webhooks};
use crate::error::{AppError, AppResult};
use crate::mailer::TicketMail;
use crate::rich_text::Rendered;
use crate::secrets::ticket_reference;

/// Most tickets one queue read returns.
const QUEUE_PAGE: i64 = 200;

/// A visitor's escalation that passed validation.
#[derive(Clone, Debug)]
pub struct Escalating {
    /// The thread the visitor escalated from, if any.
    pub thread_id: Option<i64>,
    /// What the visitor wrote; the request itself when it is not about their own question.
    pub message: String,
    /// Where to email replies, if the visitor gave an address.
    pub email: Option<String>,
    pub page_url: Option<String>,
    pub searches: Vec<String>,
}

/// The ticket an escalation opened or, for a repeated key or an already open ticket, had
/// already opened.
#[derive(Clone, Debug)]
pub struct Escalated {
    pub thread_id: i64,
    pub escalation: EscalationSummary,
    pub created: bool,
}

/// Who is escalating.
#[derive(Clone, Copy, Debug)]
pub struct Escalator {
    pub visitor_id: i64,
    /// Whether the brand vouched for who they are, which lets them skip the email.
    pub identified: bool,
    /// The client's address, which confirmation emails are limited by.
    pub ip: IpAddr,
}

/// Selects tickets `e` with their thread, assignee and visitor, for [`ticket_from_row`].
const TICKET_SELECT: &str = "SELECT e.id, e.reference, e.status, e.thread_id, t.title,
        e.assignee_id, st.name AS assignee_name, v.name AS visitor_name, e.contact_email,
        e.page_url, e.message, e.searches, e.created_at, e.first_staff_reply_at, e.resolved_at,
        e.source_thread_id, t.visitor_id
     FROM escalations e JOIN threads t ON t.id = e.thread_id
        LEFT JOIN staff st ON st.id = e.assignee_id
        LEFT JOIN visitors v ON v.id = t.visitor_id";

fn ticket_from_row(row: &sqlx::sqlite::SqliteRow) -> EscalationTicket {
    let assignee_name: Option<String> = row.get("assignee_name");
    let searches: String = row.get("searches");
    EscalationTicket {
        reference: row.get("reference"),
        status: EscalationStatus::parse(row.get("status")).unwrap_or_default(),
        thread_id: row.get("thread_id"),
        title: row.get("title"),
        assignee_id: row.get("assignee_id"),
        assignee: assignee_name.as_deref().map(staff_card),
        visitor_name: row.get("visitor_name"),
        contact_email: row.get("contact_email"),
        page_url: row.get("page_url"),
        message: row.get("message"),
        searches: serde_json::from_str(&searches).unwrap_or_default(),
        created_at: row.get("created_at"),
        first_staff_reply_at: row.get("first_staff_reply_at"),
        resolved_at: row.get("resolved_at"),
    }
}

/// The ticket on a thread, as its asker sees it.
pub(super) async fn escalation_summary(
    conn: &mut SqliteConnection,
    thread_id: i64,
) -> AppResult<Option<EscalationSummary>> {
    let row = sqlx::query(
        "SELECT e.reference, e.status, st.name AS assignee_name
         FROM escalations e LEFT JOIN staff st ON st.id = e.assignee_id WHERE e.thread_id = $1",
    )
    .bind(thread_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| EscalationSummary {
        reference: row.get("reference"),
        status: EscalationStatus::parse(row.get("status")).unwrap_or_default(),
        assignee: row
            .get::<Option<String>, _>("assignee_name")
            .as_deref()
            .map(staff_card),
    }))
}

/// A ticket of the site with what acting on it needs.
struct TicketPlace {
    id: i64,
    ticket: EscalationTicket,
    visitor_id: Option<i64>,
    source_thread_id: Option<i64>,
}

async fn ticket_place(
    conn: &mut SqliteConnection,
    site_id: i64,
    reference: &str,
) -> AppResult<TicketPlace> {
    let sql = format!("{TICKET_SELECT} WHERE e.site_id = $1 AND e.reference = $2");
    let row = sqlx::query(&sql)
        .bind(site_id)
        .bind(reference)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no ticket {reference} on this site")))?;
    Ok(TicketPlace {
        id: row.get("id"),
        ticket: ticket_from_row(&row),
        visitor_id: row.get("visitor_id"),
        source_thread_id: row.get("source_thread_id"),
    })
}

/// The ticket as it stands now; when it `changed`, its asker hears of it live.
async fn current_ticket(
    conn: &mut SqliteConnection,
    site_id: i64,
    reference: &str,
    changed: bool,
) -> AppResult<TicketPlace> {
    let place = ticket_place(conn, site_id, reference).await?;
    if let (true, Some(visitor_id)) = (changed, place.visitor_id) {
        let kind = LiveEventKind::EscalationChanged {
            thread_id: place.ticket.thread_id,
            escalation: place.ticket.summary(),
        };
        events::record(conn, site_id, Audience::Visitor(visitor_id), &kind).await?;
    }
    Ok(place)
}

/// What a ticket's emails say, with the site's name read from the database.
async fn ticket_mail(
    conn: &mut SqliteConnection,
    site_id: i64,
    ticket: &EscalationTicket,
) -> AppResult<TicketMail> {
    let site_name = sqlx::query_scalar("SELECT name FROM sites WHERE id = $1")
        .bind(site_id)
        .fetch_one(conn)
        .await?;
    Ok(TicketMail {
        site_name,
        reference: ticket.reference.clone(),
    })
}

/// A request's first line, cut at a word to fit a thread title.
fn request_title(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default().trim();
    if line.chars().count() <= MAX_TITLE_CHARS {
        return line.to_owned();
    }
    let cut: String = line.chars().take(MAX_TITLE_CHARS - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end())
}

/// `(own thread, thread escalated from)`: the visitor's own question is escalated itself;
/// anyone else's is only context for a new request.
async fn escalation_target(
    conn: &mut SqliteConnection,
    site_id: i64,
    who: Escalator,
    escalating: &Escalating,
) -> AppResult<(Option<i64>, Option<i64>)> {
    let Some(thread_id) = escalating.thread_id else {
        crate::validate::request_message(&escalating.message)?;
        return Ok((None, None));
    };
    let row = sqlx::query("SELECT visitor_id, private FROM threads WHERE id = $1 AND site_id = $2")
        .bind(thread_id)
        .bind(site_id)
        .fetch_optional(conn)
        .await?;
    let no_thread = || AppError::NotFound(format!("no thread {thread_id} on this site"));
    let row = row.ok_or_else(no_thread)?;
    let own = row.get::<Option<i64>, _>("visitor_id") == Some(who.visitor_id);
    if own {
        return Ok((Some(thread_id), None));
    }
    if row.get::<bool, _>("private") {
        return Err(no_thread());
    }
    crate::validate::request_message(&escalating.message)?;
    Ok((None, Some(thread_id)))
}

impl Store {
    /// Opens a ticket for `escalating`, or returns the one this visitor's key (or their
    /// already escalated question) opened before. Escalating a resolved question reopens it.
    pub async fn escalate(
        &self,
        site_id: i64,
        who: Escalator,
        key: &str,
        escalating: &Escalating,
    ) -> AppResult<Escalated> {
        let mut tx = self.write().await?;
        let earlier: Option<i64> = sqlx::query_scalar(
            "SELECT thread_id FROM question_keys WHERE visitor_id = $1 AND idempotency_key = $2",
        )
        .bind(who.visitor_id)
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(thread_id) = earlier {
            let escalation = escalation_summary(&mut tx, thread_id)
                .await?
                .ok_or_else(|| {
                    AppError::Conflict(
                        "that Idempotency-Key was already used for a question".into(),
                    )
                })?;
            return Ok(Escalated {
                thread_id,
                escalation,
                created: false,
            });
        }
        let contact_email = match &escalating.email {
            Some(email) => Some(email.clone()),
            None => {
                sqlx::query_scalar::<_, Option<String>>("SELECT email FROM visitors WHERE id = $1")
                    .bind(who.visitor_id)
                    .fetch_one(&mut *tx)
                    .await?
            }
        };
        if contact_email.is_none() && !who.identified {
            return Err(AppError::InvalidInput(
                "email is required, so the team can reach you once you leave the page".into(),
            ));
        }
        let (own_thread, source_thread) =
            escalation_target(&mut tx, site_id, who, escalating).await?;
        if let Some(thread_id) = own_thread
            && let Some(existing) = escalation_summary(&mut tx, thread_id).await?
        {
            let mut escalation = existing;
            if escalation.status == EscalationStatus::Resolved {
                let place = ticket_place(&mut tx, site_id, &escalation.reference).await?;
                set_status(&mut tx, &place, EscalationStatus::Open).await?;
                let reopened =
                    current_ticket(&mut tx, site_id, &escalation.reference, true).await?;
                escalation = reopened.ticket.summary();
                self.commit_announcing(tx).await?;
            }
            return Ok(Escalated {
                thread_id,
                escalation,
                created: false,
            });
        }
        let thread_id = match own_thread {
            Some(thread_id) => thread_id,
            None => {
                let revision = next_revision(&mut tx).await?;
                sqlx::query_scalar(
                    "INSERT INTO threads
                        (site_id, title, body, revision, visitor_id, email, page_url, private)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, 1) RETURNING id",
                )
                .bind(site_id)
                .bind(request_title(&escalating.message))
                .bind(&escalating.message)
                .bind(revision)
                .bind(who.visitor_id)
                .bind(&contact_email)
                .bind(&escalating.page_url)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        let searches = serde_json::to_string(&escalating.searches).expect("strings serialize");
        let reference = loop {
            let reference = ticket_reference();
            let inserted = sqlx::query(
                "INSERT INTO escalations (site_id, reference, thread_id, source_thread_id,
                    message, contact_email, page_url, searches)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(site_id)
            .bind(&reference)
            .bind(thread_id)
            .bind(source_thread)
            .bind(&escalating.message)
            .bind(&contact_email)
            .bind(&escalating.page_url)
            .bind(&searches)
            .execute(&mut *tx)
            .await;
            match inserted {
                Ok(_) => break reference,
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => continue,
                Err(e) => return Err(e.into()),
            }
        };
        sqlx::query("UPDATE threads SET status = 'escalated' WHERE id = $1")
            .bind(thread_id)
            .execute(&mut *tx)
            .await?;
        touch(&mut tx, thread_id).await?;
        sqlx::query(
            "INSERT INTO question_keys (visitor_id, idempotency_key, thread_id) VALUES ($1, $2, $3)",
        )
        .bind(who.visitor_id)
        .bind(key)
        .bind(thread_id)
        .execute(&mut *tx)
        .await?;
        let place = current_ticket(&mut tx, site_id, &reference, true).await?;
        let mut confirmed = false;
        if let Some(email) = &contact_email {
            let (subject, body) = ticket_mail(&mut tx, site_id, &place.ticket).await?.opened();
            let requester = MailRequester {
                visitor_id: who.visitor_id,
                ip: who.ip,
            };
            confirmed =
                mail::queue_confirmation(&mut tx, site_id, requester, email, &subject, &body)
                    .await?;
        }
        let data = serde_json::to_value(&place.ticket).expect("tickets serialize");
        let hooked =
            webhooks::queue(&mut tx, site_id, WebhookEvent::EscalationCreated, &data).await?;
        self.commit_announcing(tx).await?;
        if confirmed {
            self.announce_mail();
        }
        if hooked {
            self.announce_webhooks();
        }
        Ok(Escalated {
            thread_id,
            escalation: place.ticket.summary(),
            created: true,
        })
    }

    /// The site's tickets with `status`, oldest first: the queue staff work through.
    pub async fn escalation_queue(
        &self,
        site_id: i64,
        status: EscalationStatus,
    ) -> AppResult<Vec<EscalationTicket>> {
        let sql = format!(
            "{TICKET_SELECT} WHERE e.site_id = $1 AND e.status = $2
             ORDER BY e.created_at, e.id LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(site_id)
            .bind(status.as_str())
            .bind(QUEUE_PAGE)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(ticket_from_row).collect())
    }

    /// A ticket with its whole conversation.
    pub async fn escalation_detail(
        &self,
        site_id: i64,
        reference: &str,
    ) -> AppResult<EscalationDetail> {
        let place = ticket_place(&mut *self.pool.acquire().await?, site_id, reference).await?;
        let missing = || AppError::NotFound(format!("the thread of {reference} is gone"));
        let thread = self
            .thread(site_id, place.ticket.thread_id)
            .await?
            .ok_or_else(missing)?;
        let source_thread = match place.source_thread_id {
            Some(id) => self.thread(site_id, id).await?,
            None => None,
        };
        Ok(EscalationDetail {
            ticket: place.ticket,
            thread,
            source_thread,
        })
    }

    /// Assigns a ticket to `staff` (taking it over from anyone else).
    pub async fn assign_escalation(
        &self,
        site_id: i64,
        staff: &StaffMember,
        reference: &str,
    ) -> AppResult<EscalationTicket> {
        let mut tx = self.write().await?;
        let place = ticket_place(&mut tx, site_id, reference).await?;
        let changed = place.ticket.assignee_id != Some(staff.id);
        if changed {
            sqlx::query("UPDATE escalations SET assignee_id = $1 WHERE id = $2")
                .bind(staff.id)
                .bind(place.id)
                .execute(&mut *tx)
                .await?;
            audit::record(
                &mut tx,
                site_id,
                Some(staff.id),
                "escalation.assigned",
                reference,
            )
            .await?;
        }
        let ticket = current_ticket(&mut tx, site_id, reference, changed)
            .await?
            .ticket;
        self.commit_announcing(tx).await?;
        Ok(ticket)
    }

    /// Posts a staff reply on a ticket's thread: the visitor sees it live and by email. An
    /// unassigned ticket becomes the replier's.
    pub async fn reply_to_escalation(
        &self,
        site_id: i64,
        staff: &StaffMember,
        reference: &str,
        reply: &Rendered,
    ) -> AppResult<Answer> {
        let mut tx = self.write().await?;
        let place = ticket_place(&mut tx, site_id, reference).await?;
        let thread_id = place.ticket.thread_id;
        let answer_id: i64 = sqlx::query_scalar(
            "INSERT INTO answers (thread_id, body, html, author, staff_id)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(thread_id)
        .bind(&reply.text)
        .bind(&reply.html)
        .bind(&staff.name)
        .bind(staff.id)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE escalations SET assignee_id = COALESCE(assignee_id, $1),
                first_staff_reply_at = COALESCE(first_staff_reply_at,
                    strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
             WHERE id = $2",
        )
        .bind(staff.id)
        .bind(place.id)
        .execute(&mut *tx)
        .await?;
        touch(&mut tx, thread_id).await?;
        let answer = read_answer(&mut tx, answer_id).await?;
        if let Some(visitor_id) = place.visitor_id {
            let kind = LiveEventKind::AnswerPosted {
                thread_id,
                thread_title: place.ticket.title.clone(),
                answer: answer.clone(),
            };
            events::record(&mut tx, site_id, Audience::Visitor(visitor_id), &kind).await?;
        }
        // An unassigned ticket just became the replier's.
        let taken = place.ticket.assignee_id.is_none();
        let ticket = current_ticket(&mut tx, site_id, reference, taken)
            .await?
            .ticket;
        audit::record(
            &mut tx,
            site_id,
            Some(staff.id),
            "escalation.replied",
            reference,
        )
        .await?;
        if let Some(email) = &ticket.contact_email {
            let (subject, body) = ticket_mail(&mut tx, site_id, &ticket)
                .await?
                .replied(&answer);
            mail::queue(&mut tx, site_id, email, &subject, &body).await?;
        }
        let data = serde_json::json!({ "ticket": ticket, "reply": answer });
        let hooked =
            webhooks::queue(&mut tx, site_id, WebhookEvent::EscalationReplied, &data).await?;
        self.commit_announcing(tx).await?;
        if ticket.contact_email.is_some() {
            self.announce_mail();
        }
        if hooked {
            self.announce_webhooks();
        }
        Ok(answer)
    }

    /// Resolves or reopens a ticket; setting the status it already has changes nothing.
    pub async fn set_escalation_status(
        &self,
        site_id: i64,
        staff: &StaffMember,
        reference: &str,
        status: EscalationStatus,
    ) -> AppResult<EscalationTicket> {
        let mut tx = self.write().await?;
        let place = ticket_place(&mut tx, site_id, reference).await?;
        let changed = place.ticket.status != status;
        if changed {
            set_status(&mut tx, &place, status).await?;
            let action = match status {
                EscalationStatus::Open => "escalation.reopened",
                EscalationStatus::Resolved => "escalation.resolved",
            };
            audit::record(&mut tx, site_id, Some(staff.id), action, reference).await?;
        }
        let ticket = current_ticket(&mut tx, site_id, reference, changed)
            .await?
            .ticket;
        self.commit_announcing(tx).await?;
        Ok(ticket)
    }
}

/// Moves a ticket and its thread to `status`: a resolved ticket's thread is resolved, a
/// reopened one's escalated again.
async fn set_status(
    conn: &mut SqliteConnection,
    place: &TicketPlace,
    status: EscalationStatus,
) -> AppResult<()> {
    sqlx::query(
        "UPDATE escalations SET status = $1, resolved_at = CASE WHEN $1 = 'resolved'
            THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END
         WHERE id = $2",
    )
    .bind(status.as_str())
    .bind(place.id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE threads SET status = $1 WHERE id = $2")
        .bind(status.thread_status().as_str())
        .bind(place.ticket.thread_id)
        .execute(&mut *conn)
        .await?;
    touch(conn, place.ticket.thread_id).await
}

#[cfg(test)]
mod tests {
    use super::request_title;
    use peerhelp_api::MAX_TITLE_CHARS;

    #[test]
    fn a_request_is_titled_by_its_first_line_cut_at_a_word() {
        assert_eq!(
            request_title("Refund for order 123\nIt was charged twice"),
            "Refund for order 123"
        );
        let long = "word ".repeat(60);
        let title = request_title(&long);
        assert!(title.chars().count() <= MAX_TITLE_CHARS);
        assert!(title.ends_with("word…"));
    }
}
