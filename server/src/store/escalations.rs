//! Escalation tickets as stored: how a ticket is read (the staff queue, a ticket with its
//! conversation, the summary its asker sees) and what acting on one needs. Opening a ticket
//! is in `ticket_opening`, staff's work on it in `ticket_work`.

use peerhelp_api::{
    EscalationDetail, EscalationStatus, EscalationSummary, EscalationTicket, LiveEventKind,
};

use super::Store;
use super::answers::staff_card;
use super::db::{Row, Tx, query, query_scalar};
use super::events::{self, Audience};
use crate::error::{AppError, AppResult};
use crate::mailer::TicketMail;
use crate::timestamp::Timestamp;

/// Most tickets one queue read returns.
const QUEUE_PAGE: i64 = 200;

/// Selects tickets `e` with their thread, assignee and visitor, for [`ticket_from_row`].
const TICKET_SELECT: &str = "SELECT e.id, e.reference, e.status, e.thread_id, t.title,
        e.assignee_id, st.name AS assignee_name, v.name AS visitor_name, e.contact_email,
        e.page_url, e.message, e.searches, e.created_at, e.first_staff_reply_at, e.resolved_at,
        e.source_thread_id, t.visitor_id
     FROM escalations e JOIN threads t ON t.id = e.thread_id
        LEFT JOIN staff st ON st.id = e.assignee_id
        LEFT JOIN visitors v ON v.id = t.visitor_id";

pub(super) fn ticket_from_row(row: &Row) -> EscalationTicket {
    let assignee_name: Option<String> = row.get("assignee_name");
    let searches: String = row.get("searches");
    EscalationTicket {
        reference: row.get("reference"),
        status: EscalationStatus::parse(&row.get::<String, _>("status")).unwrap_or_default(),
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
    conn: &mut Tx,
    thread_id: i64,
) -> AppResult<Option<EscalationSummary>> {
    let row = query(
        "SELECT e.reference, e.status, st.name AS assignee_name
         FROM escalations e LEFT JOIN staff st ON st.id = e.assignee_id WHERE e.thread_id = $1",
    )
    .bind(thread_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| EscalationSummary {
        reference: row.get("reference"),
        status: EscalationStatus::parse(&row.get::<String, _>("status")).unwrap_or_default(),
        assignee: row
            .get::<Option<String>, _>("assignee_name")
            .as_deref()
            .map(staff_card),
    }))
}

/// A ticket of the site with what acting on it needs.
pub(super) struct TicketPlace {
    pub(super) id: i64,
    pub(super) ticket: EscalationTicket,
    pub(super) visitor_id: Option<i64>,
    pub(super) source_thread_id: Option<i64>,
}

pub(super) async fn ticket_place(
    conn: &mut Tx,
    site_id: i64,
    reference: &str,
) -> AppResult<TicketPlace> {
    let sql = format!("{TICKET_SELECT} WHERE e.site_id = $1 AND e.reference = $2");
    let row = query(&sql)
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
pub(super) async fn current_ticket(
    conn: &mut Tx,
    now: Timestamp,
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
        events::record(conn, now, site_id, Audience::Visitor(visitor_id), &kind).await?;
    }
    Ok(place)
}

/// What a ticket's emails say, with the site's name read from the database.
pub(super) async fn ticket_mail(
    conn: &mut Tx,
    site_id: i64,
    ticket: &EscalationTicket,
) -> AppResult<TicketMail> {
    let site_name = query_scalar("SELECT name FROM sites WHERE id = $1")
        .bind(site_id)
        .fetch_one(conn)
        .await?;
    Ok(TicketMail {
        site_name,
        reference: ticket.reference.clone(),
    })
}

impl Store {
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
        let rows = query(&sql)
            .bind(site_id)
            .bind(status.as_str())
            .bind(QUEUE_PAGE)
            .fetch_all(&self.db)
            .await?;
        Ok(rows.iter().map(ticket_from_row).collect())
    }

    /// A ticket with its whole conversation.
    pub async fn escalation_detail(
        &self,
        site_id: i64,
        reference: &str,
    ) -> AppResult<EscalationDetail> {
        let place = ticket_place(&mut self.db.begin().await?, site_id, reference).await?;
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
}
