//! A new ticket's rows: the private thread of a request written straight to staff, and the
//! escalation itself under a fresh random reference.

use peerhelp_api::MAX_TITLE_CHARS;

use super::db::{Tx, query, query_scalar};
use super::index_feed::next_revision;
use super::ticket_opening::{Escalating, Escalator};
use crate::error::AppResult;
use crate::secrets::ticket_reference;
use crate::timestamp::Timestamp;

/// A new private thread holding a request written straight to staff.
pub(super) async fn private_request(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    who: Escalator,
    escalating: &Escalating,
    contact_email: Option<&str>,
) -> AppResult<i64> {
    let revision = next_revision(&mut *conn).await?;
    Ok(query_scalar(
        "INSERT INTO threads
            (site_id, title, body, revision, visitor_id, email, page_url, private,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE, $8, $8) RETURNING id",
    )
    .bind(site_id)
    .bind(request_title(&escalating.message))
    .bind(&escalating.message)
    .bind(revision)
    .bind(who.visitor_id)
    .bind(contact_email)
    .bind(&escalating.page_url)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// Where a new ticket stands.
pub(super) struct NewTicket<'a> {
    pub thread_id: i64,
    pub source_thread: Option<i64>,
    pub contact_email: Option<&'a str>,
}

/// Inserts the ticket under a fresh random reference (drawing again on the rare repeat);
/// returns the reference.
pub(super) async fn insert_ticket(
    conn: &mut Tx,
    now: Timestamp,
    site_id: i64,
    ticket: &NewTicket<'_>,
    escalating: &Escalating,
) -> AppResult<String> {
    let searches = serde_json::to_string(&escalating.searches).expect("strings serialize");
    loop {
        let reference = ticket_reference();
        let inserted = query(
            "INSERT INTO escalations (site_id, reference, thread_id, source_thread_id,
                message, contact_email, page_url, searches, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(site_id)
        .bind(&reference)
        .bind(ticket.thread_id)
        .bind(ticket.source_thread)
        .bind(&escalating.message)
        .bind(ticket.contact_email)
        .bind(&escalating.page_url)
        .bind(&searches)
        .bind(now)
        .execute(&mut *conn)
        .await;
        match inserted {
            Ok(_) => return Ok(reference),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => continue,
            Err(e) => return Err(e.into()),
        }
    }
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
