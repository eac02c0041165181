//! Opening a ticket: a visitor hands a question to staff (their own question, someone else's
//! thread as context for a new request, or a private request), once per idempotency key. The
//! ticket, its confirmation email and its webhook are written in one transaction.

use std::net::IpAddr;

use peerhelp_api::{EscalationStatus, EscalationSummary, TicketChange, WebhookEvent};

use super::db::{Tx, query, query_scalar};
use super::escalations::{current_ticket, escalation_summary, ticket_mail, ticket_place};
use super::events::tell_staff_ticket;
use super::index_feed::touch;
use super::mail::{self, MailRequester};
use super::new_ticket::{NewTicket, insert_ticket, private_request};
use super::ticket_work::set_status;
use super::{Store, webhooks};
use crate::error::{AppError, AppResult};
use crate::timestamp::Timestamp;

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
        // One ticket per key, and one per question of theirs: the checks below and the writes
        // after them see each of this visitor's escalations whole.
        tx.lock(&format!("escalations-by:{}", who.visitor_id))
            .await?;
        let now = self.now();
        if let Some(earlier) = opened_with_key(&mut tx, who, key).await? {
            return Ok(earlier);
        }
        let contact_email = contact_email(&mut tx, who, escalating).await?;
        let (own_thread, source_thread) =
            escalation_target(&mut tx, site_id, who, escalating).await?;
        if let Some(thread_id) = own_thread
            && let Some(existing) = escalation_summary(&mut tx, thread_id).await?
        {
            let escalation = if existing.status == EscalationStatus::Resolved {
                let reopened = reopen(&mut tx, now, site_id, &existing.reference).await?;
                self.commit_announcing(tx).await?;
                reopened
            } else {
                existing
            };
            return Ok(Escalated {
                thread_id,
                escalation,
                created: false,
            });
        }
        let thread_id = match own_thread {
            Some(thread_id) => thread_id,
            None => {
                private_request(
                    &mut tx,
                    now,
                    site_id,
                    who,
                    escalating,
                    contact_email.as_deref(),
                )
                .await?
            }
        };
        let ticket = NewTicket {
            thread_id,
            source_thread,
            contact_email: contact_email.as_deref(),
        };
        let reference = insert_ticket(&mut tx, now, site_id, &ticket, escalating).await?;
        query("UPDATE threads SET status = 'escalated' WHERE id = $1")
            .bind(thread_id)
            .execute(&mut tx)
            .await?;
        touch(&mut tx, now, thread_id).await?;
        query(
            "INSERT INTO question_keys (visitor_id, idempotency_key, thread_id) VALUES ($1, $2, $3)",
        )
        .bind(who.visitor_id)
        .bind(key)
        .bind(thread_id)
        .execute(&mut tx)
        .await?;
        let place = current_ticket(&mut tx, now, site_id, &reference, true).await?;
        tell_staff_ticket(&mut tx, now, site_id, &reference, TicketChange::Opened).await?;
        let mut confirmed = false;
        if let Some(email) = &contact_email {
            let (subject, body) = ticket_mail(&mut tx, site_id, &place.ticket).await?.opened();
            let requester = MailRequester {
                visitor_id: who.visitor_id,
                ip: who.ip,
            };
            confirmed =
                mail::queue_confirmation(&mut tx, now, site_id, requester, email, &subject, &body)
                    .await?;
        }
        let data = serde_json::to_value(&place.ticket).expect("tickets serialize");
        let hooked = webhooks::queue(
            &mut tx,
            now,
            site_id,
            WebhookEvent::EscalationCreated,
            &data,
        )
        .await?;
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
}

/// The ticket this visitor's idempotency key already opened, if it did; a key already used
/// for a question is a conflict.
async fn opened_with_key(conn: &mut Tx, who: Escalator, key: &str) -> AppResult<Option<Escalated>> {
    let earlier: Option<i64> = query_scalar(
        "SELECT thread_id FROM question_keys WHERE visitor_id = $1 AND idempotency_key = $2",
    )
    .bind(who.visitor_id)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(thread_id) = earlier else {
        return Ok(None);
    };
    let escalation = escalation_summary(conn, thread_id).await?.ok_or_else(|| {
        AppError::Conflict("that Idempotency-Key was already used for a question".into())
    })?;
    Ok(Some(Escalated {
        thread_id,
        escalation,
        created: false,
    }))
}

/// Where the team reaches the visitor: the address they typed, else the one the brand
/// identified them with. Anonymous visitors must give one.
async fn contact_email(
    conn: &mut Tx,
    who: Escalator,
    escalating: &Escalating,
) -> AppResult<Option<String>> {
    let email = match &escalating.email {
        Some(email) => Some(email.clone()),
        None => {
            query_scalar::<Option<String>>("SELECT email FROM visitors WHERE id = $1")
                .bind(who.visitor_id)
                .fetch_one(conn)
                .await?
        }
    };
    if email.is_none() && !who.identified {
        return Err(AppError::InvalidInput(
            "email is required, so the team can reach you once you leave the page".into(),
        ));
    }
    Ok(email)
}

/// Reopens a resolved ticket the visitor escalates again; its asker hears of it live.
async fn reopen(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    reference: &str,
) -> AppResult<EscalationSummary> {
    let place = ticket_place(&mut *conn, site_id, reference).await?;
    set_status(&mut *conn, now, &place, EscalationStatus::Open).await?;
    tell_staff_ticket(&mut *conn, now, site_id, reference, TicketChange::Reopened).await?;
    Ok(current_ticket(conn, now, site_id, reference, true)
        .await?
        .ticket
        .summary())
}

/// `(own thread, thread escalated from)`: the visitor's own question is escalated itself;
/// anyone else's is only context for a new request.
async fn escalation_target(
    conn: &mut Tx,
    site_id: i64,
    who: Escalator,
    escalating: &Escalating,
) -> AppResult<(Option<i64>, Option<i64>)> {
    let Some(thread_id) = escalating.thread_id else {
        crate::validate::request_message(&escalating.message)?;
        return Ok((None, None));
    };
    let row = query("SELECT visitor_id, private FROM threads WHERE id = $1 AND site_id = $2")
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
