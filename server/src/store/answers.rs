//! Answers written in PeerHelp: posting (with the new-helper allowance) and editing.

use peerhelp_api::{Answer, LiveEventKind, StaffCard, TicketChange};

use super::Store;
use super::db::{Row, Tx, query, query_scalar};
use super::events::{self, Audience, tell_staff_ticket};
use super::index_feed::touch;
use super::mail;
use super::peers::{HELPER_COLUMNS, check_answer_allowance, initials, optional_card};
use crate::error::{AppError, AppResult};
use crate::mailer::ReplyMail;
use crate::rich_text::{Rendered, text_to_html};

/// Selects answers `a` with their helper `h` (by [`HELPER_COLUMNS`]) or staff author `st`,
/// for [`answer_from_row`].
pub(super) fn answer_select() -> String {
    format!(
        "SELECT a.id, a.body, a.html, a.author, a.accepted, a.verified_at, a.votes, a.created_at,
            {HELPER_COLUMNS}, st.name AS staff_name
         FROM answers a LEFT JOIN helpers h ON h.id = a.helper_id
            LEFT JOIN staff st ON st.id = a.staff_id"
    )
}

pub(super) fn answer_from_row(row: &Row) -> Answer {
    let body: String = row.get("body");
    // Imported answers are plain text: their HTML is derived when read, so a re-import or a
    // change of the rendering never leaves stale markup behind.
    let html = row
        .get::<Option<String>, _>("html")
        .unwrap_or_else(|| text_to_html(&body));
    Answer {
        id: row.get("id"),
        body,
        html,
        author: row.get("author"),
        helper: optional_card(row),
        staff: row
            .get::<Option<String>, _>("staff_name")
            .map(|name| staff_card(&name)),
        accepted: row.get("accepted"),
        verified: row.get::<Option<String>, _>("verified_at").is_some(),
        votes: row.get("votes"),
        created_at: row.get("created_at"),
    }
}

/// How a staff member appears to visitors.
pub(super) fn staff_card(name: &str) -> StaffCard {
    StaffCard {
        name: name.to_owned(),
        initials: initials(name),
    }
}

pub(super) async fn read_answer(conn: &mut Tx, answer_id: i64) -> AppResult<Answer> {
    let sql = format!("{} WHERE a.id = $1", answer_select());
    let row = query(&sql).bind(answer_id).fetch_one(conn).await?;
    Ok(answer_from_row(&row))
}

/// An answer of a site with its thread: what votes, flags, acceptance and edits check.
pub(super) struct AnswerPlace {
    pub thread_id: i64,
    pub asker: Option<i64>,
    pub helper_id: Option<i64>,
    pub accepted: bool,
    /// A staff reply, or any answer on a private thread: between the asker and staff.
    pub between_asker_and_staff: bool,
}

impl AnswerPlace {
    /// Votes, flags and acceptance are for the community's answers: a staff reply or an
    /// answer on a private thread takes none. Anyone but the asker cannot see such an answer
    /// and is told there is none; the asker is told why not.
    pub(super) fn check_open_to_reactions(
        &self,
        answer_id: i64,
        visitor_id: Option<i64>,
    ) -> AppResult<()> {
        if !self.between_asker_and_staff {
            return Ok(());
        }
        if visitor_id.is_some() && visitor_id == self.asker {
            return Err(AppError::Forbidden(
                "votes, flags and acceptance are for the community's answers, not for staff replies"
                    .to_owned(),
            ));
        }
        Err(no_answer(answer_id))
    }
}

/// A visible answer of the site.
pub(super) async fn answer_place(
    conn: &mut Tx,
    site_id: i64,
    answer_id: i64,
) -> AppResult<AnswerPlace> {
    find_answer(conn, site_id, answer_id, false).await
}

/// An answer of the site, hidden ones too when `hidden_too`.
pub(super) async fn find_answer(
    conn: &mut Tx,
    site_id: i64,
    answer_id: i64,
    hidden_too: bool,
) -> AppResult<AnswerPlace> {
    let row = query(
        "SELECT a.thread_id, t.visitor_id, a.helper_id, a.accepted,
            t.private OR a.staff_id IS NOT NULL AS between_asker_and_staff
         FROM answers a JOIN threads t ON t.id = a.thread_id
         WHERE a.id = $1 AND t.site_id = $2 AND (a.hidden_at IS NULL OR $3)",
    )
    .bind(answer_id)
    .bind(site_id)
    .bind(hidden_too)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| no_answer(answer_id))?;
    Ok(AnswerPlace {
        thread_id: row.get("thread_id"),
        asker: row.get("visitor_id"),
        helper_id: row.get("helper_id"),
        accepted: row.get("accepted"),
        between_asker_and_staff: row.get("between_asker_and_staff"),
    })
}

pub(super) fn no_answer(answer_id: i64) -> AppError {
    AppError::NotFound(format!("no answer {answer_id} on this site"))
}

impl Store {
    /// Posts a helper's answer: the thread becomes answered, the asker and the helpers hear of
    /// it, and an asker who left an email gets one. A new helper past their hourly allowance
    /// is refused, and nothing is written.
    pub async fn post_answer(
        &self,
        site_id: i64,
        helper_id: i64,
        thread_id: i64,
        answer: &Rendered,
    ) -> AppResult<Answer> {
        let mut tx = self.write().await?;
        // The new-helper allowance counts this helper's answers, then adds one.
        tx.lock(&format!("answers-by:{helper_id}")).await?;
        let now = self.now();
        let thread = query(
            "SELECT t.title, t.visitor_id, t.email, t.page_url, s.name AS site_name,
                (SELECT reference FROM escalations WHERE thread_id = t.id) AS ticket
             FROM threads t JOIN sites s ON s.id = t.site_id
             WHERE t.id = $1 AND t.site_id = $2 AND t.private = FALSE",
        )
        .bind(thread_id)
        .bind(site_id)
        .fetch_optional(&mut tx)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no thread {thread_id} on this site")))?;
        check_answer_allowance(&mut tx, now, helper_id).await?;
        let answer_id: i64 = query_scalar(
            "INSERT INTO answers (thread_id, body, html, author, helper_id, created_at)
             SELECT $1, $2, $3, name, id, $5 FROM helpers WHERE id = $4 RETURNING id",
        )
        .bind(thread_id)
        .bind(&answer.text)
        .bind(&answer.html)
        .bind(helper_id)
        .bind(now)
        .fetch_one(&mut tx)
        .await?;
        query("UPDATE threads SET status = 'answered' WHERE id = $1 AND status = 'open'")
            .bind(thread_id)
            .execute(&mut tx)
            .await?;
        touch(&mut tx, now, thread_id).await?;
        let posted = read_answer(&mut tx, answer_id).await?;
        let kind = LiveEventKind::AnswerPosted {
            thread_id,
            thread_title: thread.get("title"),
            answer: posted.clone(),
        };
        if let Some(asker) = thread.get::<Option<i64>, _>("visitor_id") {
            events::record(&mut tx, now, site_id, Audience::Visitor(asker), &kind).await?;
        }
        events::record(&mut tx, now, site_id, Audience::Helpers, &kind).await?;
        // A peer answering an escalated question is news for the staff working the ticket.
        if let Some(reference) = thread.get::<Option<String>, _>("ticket") {
            tell_staff_ticket(&mut tx, now, site_id, &reference, TicketChange::Answered).await?;
        }
        let email: Option<String> = thread.get("email");
        if let Some(email) = &email {
            let reply = ReplyMail {
                site_name: thread.get("site_name"),
                thread_title: thread.get("title"),
                page_url: thread.get("page_url"),
                answer: &posted,
            };
            mail::queue(
                &mut tx,
                now,
                site_id,
                email,
                &reply.subject(),
                &reply.body(),
            )
            .await?;
        }
        self.commit_announcing(tx).await?;
        if email.is_some() {
            self.announce_mail();
        }
        Ok(posted)
    }

    /// Replaces the text of a helper's own answer and tells the asker.
    pub async fn edit_answer(
        &self,
        site_id: i64,
        helper_id: i64,
        answer_id: i64,
        answer: &Rendered,
    ) -> AppResult<Answer> {
        let mut tx = self.write().await?;
        let now = self.now();
        let place = answer_place(&mut tx, site_id, answer_id).await?;
        if place.helper_id != Some(helper_id) {
            return Err(AppError::Forbidden(
                "only the helper who wrote an answer can edit it".to_owned(),
            ));
        }
        query("UPDATE answers SET body = $1, html = $2, updated_at = $4 WHERE id = $3")
            .bind(&answer.text)
            .bind(&answer.html)
            .bind(answer_id)
            .bind(now)
            .execute(&mut tx)
            .await?;
        touch(&mut tx, now, place.thread_id).await?;
        let edited = read_answer(&mut tx, answer_id).await?;
        if let Some(asker) = place.asker {
            let kind = LiveEventKind::AnswerEdited {
                thread_id: place.thread_id,
                answer: edited.clone(),
            };
            events::record(&mut tx, now, site_id, Audience::Visitor(asker), &kind).await?;
        }
        self.commit_announcing(tx).await?;
        Ok(edited)
    }
}
