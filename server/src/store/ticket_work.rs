//! Staff's work on a ticket: assign, reply (as answers marked with their name), resolve and
//! reopen. Each change tells the visitor live, replies are emailed, and staff actions go to
//! the audit log, all in the transaction of the change.

use peerhelp_api::{
    Answer, EscalationStatus, EscalationTicket, LiveEventKind, StaffMember, TicketChange,
    WebhookEvent,
};

use super::answers::read_answer;
use super::db::{Tx, query, query_scalar};
use super::escalations::{TicketPlace, current_ticket, ticket_mail, ticket_place};
use super::events::{self, Audience, tell_staff_ticket};
use super::index_feed::touch;
use super::{Store, audit, mail, webhooks};
use crate::error::{AppError, AppResult};
use crate::rich_text::Rendered;
use crate::timestamp::Timestamp;

impl Store {
    /// Assigns a ticket to active staff member `assignee_id` (taking it over from anyone
    /// else), as staff member `by`.
    pub async fn assign_escalation(
        &self,
        site_id: i64,
        by: &StaffMember,
        assignee_id: i64,
        reference: &str,
    ) -> AppResult<EscalationTicket> {
        let mut tx = self.write().await?;
        let now = self.now();
        let place = ticket_place(&mut tx, site_id, reference).await?;
        let assignee: String = query_scalar(
            "SELECT name FROM staff WHERE id = $1 AND site_id = $2 AND disabled_at IS NULL",
        )
        .bind(assignee_id)
        .bind(site_id)
        .fetch_optional(&mut tx)
        .await?
        .ok_or_else(|| {
            AppError::InvalidInput(format!(
                "staff_id {assignee_id} is not an active staff member of this site"
            ))
        })?;
        let changed = place.ticket.assignee_id != Some(assignee_id);
        if changed {
            query("UPDATE escalations SET assignee_id = $1 WHERE id = $2")
                .bind(assignee_id)
                .bind(place.id)
                .execute(&mut tx)
                .await?;
            // Taking a ticket names only the ticket; handing it over names the teammate too.
            let subject = if assignee_id == by.id {
                reference.to_owned()
            } else {
                format!("{reference} to {assignee}")
            };
            audit::record(
                &mut tx,
                now,
                site_id,
                Some(by.id),
                "escalation.assigned",
                &subject,
            )
            .await?;
            tell_staff_ticket(&mut tx, now, site_id, reference, TicketChange::Assigned).await?;
        }
        let ticket = current_ticket(&mut tx, now, site_id, reference, changed)
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
        let now = self.now();
        let place = ticket_place(&mut tx, site_id, reference).await?;
        let thread_id = place.ticket.thread_id;
        let answer_id: i64 = query_scalar(
            "INSERT INTO answers (thread_id, body, html, author, staff_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(thread_id)
        .bind(&reply.text)
        .bind(&reply.html)
        .bind(&staff.name)
        .bind(staff.id)
        .bind(now)
        .fetch_one(&mut tx)
        .await?;
        query(
            "UPDATE escalations SET assignee_id = COALESCE(assignee_id, $1),
                first_staff_reply_at = COALESCE(first_staff_reply_at, $3)
             WHERE id = $2",
        )
        .bind(staff.id)
        .bind(place.id)
        .bind(now)
        .execute(&mut tx)
        .await?;
        touch(&mut tx, now, thread_id).await?;
        let answer = read_answer(&mut tx, answer_id).await?;
        if let Some(visitor_id) = place.visitor_id {
            let kind = LiveEventKind::AnswerPosted {
                thread_id,
                thread_title: place.ticket.title.clone(),
                answer: answer.clone(),
            };
            events::record(&mut tx, now, site_id, Audience::Visitor(visitor_id), &kind).await?;
        }
        // An unassigned ticket just became the replier's.
        let taken = place.ticket.assignee_id.is_none();
        let ticket = current_ticket(&mut tx, now, site_id, reference, taken)
            .await?
            .ticket;
        audit::record(
            &mut tx,
            now,
            site_id,
            Some(staff.id),
            "escalation.replied",
            reference,
        )
        .await?;
        tell_staff_ticket(&mut tx, now, site_id, reference, TicketChange::Replied).await?;
        if let Some(email) = &ticket.contact_email {
            let (subject, body) = ticket_mail(&mut tx, site_id, &ticket)
                .await?
                .replied(&answer);
            mail::queue(&mut tx, now, site_id, email, &subject, &body).await?;
        }
        let data = serde_json::json!({ "ticket": ticket, "reply": answer });
        let hooked = webhooks::queue(
            &mut tx,
            now,
            site_id,
            WebhookEvent::EscalationReplied,
            &data,
        )
        .await?;
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
        let now = self.now();
        let place = ticket_place(&mut tx, site_id, reference).await?;
        let changed = place.ticket.status != status;
        if changed {
            set_status(&mut tx, now, &place, status).await?;
            let (action, change) = match status {
                EscalationStatus::Open => ("escalation.reopened", TicketChange::Reopened),
                EscalationStatus::Resolved => ("escalation.resolved", TicketChange::Resolved),
            };
            audit::record(&mut tx, now, site_id, Some(staff.id), action, reference).await?;
            tell_staff_ticket(&mut tx, now, site_id, reference, change).await?;
        }
        let ticket = current_ticket(&mut tx, now, site_id, reference, changed)
            .await?
            .ticket;
        self.commit_announcing(tx).await?;
        Ok(ticket)
    }
}

/// Moves a ticket and its thread to `status`: a resolved ticket's thread is resolved, a
/// reopened one's escalated again.
pub(super) async fn set_status(
    conn: &mut Tx,
    now: Timestamp,
    place: &TicketPlace,
    status: EscalationStatus,
) -> AppResult<()> {
    query("UPDATE escalations SET status = $1, resolved_at = $3 WHERE id = $2")
        .bind(status.as_str())
        .bind(place.id)
        .bind((status == EscalationStatus::Resolved).then_some(now))
        .execute(&mut *conn)
        .await?;
    query("UPDATE threads SET status = $1 WHERE id = $2")
        .bind(status.thread_status().as_str())
        .bind(place.ticket.thread_id)
        .execute(&mut *conn)
        .await?;
    touch(conn, now, place.ticket.thread_id).await
}
