//! Moderation by staff: reviewing flagged answers (hide, restore), verifying answers, and
//! banning helpers. Every action goes to the audit log in its own transaction.

use peerhelp_api::{Answer, FlagCounts, FlaggedAnswer, HelperAccount};

use super::answers::{find_answer, read_answer};
use super::db::{Row, query, query_scalar};
use super::events::tell_staff_moderation;
use super::index_feed::touch;
use super::peers::{HELPER_COLUMNS, card_from_row};
use super::presence::announce_presence;
use super::{Store, audit};
use crate::error::{AppError, AppResult};

/// Most flagged answers one review read returns.
const REVIEW_PAGE: i64 = 100;

/// What staff do to an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Review {
    /// Hide it from the thread and from search.
    Hide,
    /// Show it again and clear its flags, which then no longer count towards hiding it.
    Restore,
    /// Mark it correct: badged in the widget, ranked higher.
    Verify,
    /// Take the mark back.
    Unverify,
}

impl Review {
    fn action(self) -> &'static str {
        match self {
            Review::Hide => "answer.hidden",
            Review::Restore => "answer.restored",
            Review::Verify => "answer.verified",
            Review::Unverify => "answer.unverified",
        }
    }
}

impl Store {
    /// Answers with flags staff have not cleared: hidden ones first, then the most flagged.
    pub async fn moderation_queue(&self, site_id: i64) -> AppResult<Vec<FlaggedAnswer>> {
        let mut conn = self.db.begin().await?;
        let rows = query(
            "SELECT a.id, t.id AS thread_id, t.title, a.hidden_at, f.spam, f.rude, f.wrong
             FROM answers a JOIN threads t ON t.id = a.thread_id
             JOIN (SELECT answer_id, SUM(CASE WHEN reason = 'spam' THEN 1 ELSE 0 END) AS spam,
                     SUM(CASE WHEN reason = 'rude' THEN 1 ELSE 0 END) AS rude,
                     SUM(CASE WHEN reason = 'wrong' THEN 1 ELSE 0 END) AS wrong,
                     COUNT(*) AS flags
                   FROM answer_flags WHERE cleared_at IS NULL GROUP BY answer_id) f
               ON f.answer_id = a.id
             WHERE t.site_id = $1
             ORDER BY a.hidden_at IS NULL, f.flags DESC, a.id LIMIT $2",
        )
        .bind(site_id)
        .bind(REVIEW_PAGE)
        .fetch_all(&mut conn)
        .await?;
        let mut flagged = Vec::with_capacity(rows.len());
        for row in &rows {
            flagged.push(FlaggedAnswer {
                answer: read_answer(&mut conn, row.get("id")).await?,
                thread_id: row.get("thread_id"),
                thread_title: row.get("title"),
                hidden: row.get::<Option<String>, _>("hidden_at").is_some(),
                flags: FlagCounts {
                    spam: row.get("spam"),
                    rude: row.get("rude"),
                    wrong: row.get("wrong"),
                },
            });
        }
        Ok(flagged)
    }

    /// Applies a staff review to an answer of the site; the thread is re-read by search.
    pub async fn review_answer(
        &self,
        site_id: i64,
        staff_id: i64,
        answer_id: i64,
        review: Review,
    ) -> AppResult<Answer> {
        let mut tx = self.write().await?;
        let now = self.now();
        let thread_id = find_answer(&mut tx, site_id, answer_id, true)
            .await?
            .thread_id;
        let change = match review {
            Review::Hide => {
                query("UPDATE answers SET hidden_at = COALESCE(hidden_at, $2) WHERE id = $1")
                    .bind(answer_id)
                    .bind(now)
            }
            Review::Restore => {
                query(
                    "UPDATE answer_flags SET cleared_at = $2
                     WHERE answer_id = $1 AND cleared_at IS NULL",
                )
                .bind(answer_id)
                .bind(now)
                .execute(&mut tx)
                .await?;
                query("UPDATE answers SET hidden_at = NULL WHERE id = $1").bind(answer_id)
            }
            Review::Verify => query(
                "UPDATE answers SET verified_at = COALESCE(verified_at, $2), verified_by = $3
                 WHERE id = $1",
            )
            .bind(answer_id)
            .bind(now)
            .bind(staff_id),
            Review::Unverify => {
                query("UPDATE answers SET verified_at = NULL, verified_by = NULL WHERE id = $1")
                    .bind(answer_id)
            }
        };
        change.execute(&mut tx).await?;
        // An open question with a visible answer again is answered; one left with none goes
        // back to the helpers' queue.
        query(
            "UPDATE threads SET status = CASE
                WHEN EXISTS (SELECT 1 FROM answers WHERE thread_id = $1 AND hidden_at IS NULL)
                THEN 'answered' ELSE 'open' END
             WHERE id = $1 AND status IN ('open', 'answered')",
        )
        .bind(thread_id)
        .execute(&mut tx)
        .await?;
        touch(&mut tx, now, thread_id).await?;
        audit::record(
            &mut tx,
            now,
            site_id,
            Some(staff_id),
            review.action(),
            &answer_id.to_string(),
        )
        .await?;
        tell_staff_moderation(&mut tx, now, site_id, answer_id).await?;
        let answer = read_answer(&mut tx, answer_id).await?;
        self.commit_announcing(tx).await?;
        Ok(answer)
    }

    /// The site's helpers with their standing, most points first.
    pub async fn helper_accounts(&self, site_id: i64) -> AppResult<Vec<HelperAccount>> {
        let sql = format!(
            "{} WHERE h.site_id = $1 ORDER BY points DESC, h.name",
            account_select()
        );
        let rows = query(&sql).bind(site_id).fetch_all(&self.db).await?;
        Ok(rows.iter().map(account_from_row).collect())
    }

    /// Bans a helper: their sessions end at once, they go offline (the site hears of it) and
    /// they cannot sign in again. Their answers stay, to be reviewed one by one.
    pub async fn ban_helper(
        &self,
        site_id: i64,
        staff_id: i64,
        helper_id: i64,
    ) -> AppResult<HelperAccount> {
        let mut tx = self.write().await?;
        let now = self.now();
        let name: String = query_scalar(
            "UPDATE helpers SET banned_at = COALESCE(banned_at, $3), status = 'offline'
             WHERE id = $1 AND site_id = $2 RETURNING name",
        )
        .bind(helper_id)
        .bind(site_id)
        .bind(now)
        .fetch_optional(&mut tx)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no helper {helper_id} on this site")))?;
        query("DELETE FROM helper_tokens WHERE helper_id = $1")
            .bind(helper_id)
            .execute(&mut tx)
            .await?;
        announce_presence(&mut tx, now, site_id).await?;
        audit::record(
            &mut tx,
            now,
            site_id,
            Some(staff_id),
            "helper.banned",
            &name,
        )
        .await?;
        let sql = format!("{} WHERE h.id = $1", account_select());
        let row = query(&sql).bind(helper_id).fetch_one(&mut tx).await?;
        self.commit_announcing(tx).await?;
        Ok(account_from_row(&row))
    }
}

/// Selects helpers `h` with their standing, for [`account_from_row`].
fn account_select() -> String {
    format!(
        "SELECT {HELPER_COLUMNS}, h.banned_at, h.created_at,
            (SELECT COUNT(*) FROM answers a WHERE a.helper_id = h.id) AS answers
         FROM helpers h"
    )
}

fn account_from_row(row: &Row) -> HelperAccount {
    HelperAccount {
        card: card_from_row(row),
        points: row.get("points"),
        answers: row.get("answers"),
        banned: row.get::<Option<String>, _>("banned_at").is_some(),
        joined_at: row.get("created_at"),
    }
}
