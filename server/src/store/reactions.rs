//! What visitors (and helpers) do to answers: upvote, accept, flag. Points go through the
//! reputation ledger in the same transaction.

use peerhelp_api::{Answer, FlagReason, LiveEventKind, POINTS_PER_ACCEPTED_ANSWER, VoteTally};

use super::Store;
use super::answers::{answer_place, find_answer, read_answer};
use super::db::{query, query_scalar};
use super::events::{self, Audience};
use super::index_feed::touch;
use super::reputation::{self, Award, Reason};
use super::standing::{FLAG_WEIGHT_IN_HALVES, HIDING_WEIGHT_IN_HALVES, standing};
use crate::error::{AppError, AppResult};

/// Who flags (or views) an answer: visitors and helpers alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flagger {
    Visitor(i64),
    Helper(i64),
}

impl Flagger {
    /// `(visitor id, helper id)`, one of them set.
    pub(super) fn ids(self) -> (Option<i64>, Option<i64>) {
        match self {
            Flagger::Visitor(id) => (Some(id), None),
            Flagger::Helper(id) => (None, Some(id)),
        }
    }
}

fn reason_name(reason: FlagReason) -> &'static str {
    match reason {
        FlagReason::Spam => "spam",
        FlagReason::Rude => "rude",
        FlagReason::Wrong => "wrong",
    }
}

impl Store {
    /// A visitor's upvote on a community answer. The first one counts (for a fresh visitor,
    /// only the first from their network: see [`super::standing::Standing`]), pays the author
    /// by the voter's standing and tells them; a repeat changes nothing and returns the same
    /// tally.
    pub async fn vote(
        &self,
        site_id: i64,
        visitor_id: i64,
        answer_id: i64,
    ) -> AppResult<VoteTally> {
        let mut tx = self.write().await?;
        // An answer's votes (one counted per network) are tallied one vote at a time.
        tx.lock(&format!("reactions:{answer_id}")).await?;
        let now = self.now();
        let place = answer_place(&mut tx, site_id, answer_id).await?;
        place.check_open_to_reactions(answer_id, Some(visitor_id))?;
        let standing = standing(&mut tx, now, visitor_id).await?;
        let network_voted = match standing.fresh_origin() {
            Some(origin) => query_scalar(
                "SELECT EXISTS (SELECT 1 FROM answer_votes WHERE answer_id = $1 AND fresh_origin = $2)",
            )
            .bind(answer_id)
            .bind(origin)
            .fetch_one(&mut tx)
            .await?,
            None => false,
        };
        let inserted = query(
            "INSERT INTO answer_votes (answer_id, visitor_id, fresh_origin, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(answer_id)
        .bind(visitor_id)
        .bind(standing.fresh_origin())
        .bind(now)
        .execute(&mut tx)
        .await?;
        // The vote is kept either way, so the visitor sees they voted.
        let counts = inserted.rows_affected() == 1 && !network_voted;
        if counts {
            query("UPDATE answers SET votes = votes + 1 WHERE id = $1")
                .bind(answer_id)
                .execute(&mut tx)
                .await?;
            // Votes weigh in search ranking.
            touch(&mut tx, now, place.thread_id).await?;
        }
        let votes: i64 = query_scalar("SELECT votes FROM answers WHERE id = $1")
            .bind(answer_id)
            .fetch_one(&mut tx)
            .await?;
        if let (true, Some(helper_id)) = (counts, place.helper_id) {
            let award = Award {
                helper_id,
                points: standing.upvote_points(),
                reason: Reason::Upvote,
                answer_id: Some(answer_id),
                visitor_id: Some(visitor_id),
            };
            reputation::award(&mut tx, now, &award).await?;
            let kind = LiveEventKind::AnswerVoted {
                thread_id: place.thread_id,
                answer_id,
                votes,
            };
            events::record(&mut tx, now, site_id, Audience::Helper(helper_id), &kind).await?;
            reputation::announce(&mut tx, now, site_id, helper_id).await?;
        }
        self.commit_announcing(tx).await?;
        Ok(VoteTally { answer_id, votes })
    }

    /// The asker accepts an answer; at most one per thread, so accepting another moves the
    /// acceptance, and the previous author's accepted points are withdrawn by a ledger row.
    /// Accepting the accepted answer again changes nothing.
    pub async fn accept(&self, site_id: i64, visitor_id: i64, answer_id: i64) -> AppResult<Answer> {
        let mut tx = self.write().await?;
        let now = self.now();
        let thread_id = answer_place(&mut tx, site_id, answer_id).await?.thread_id;
        // At most one accepted answer per thread, however many acceptances arrive at once; the
        // answer is read again under the lock, since whether it is accepted may have changed
        // while this waited.
        tx.lock(&format!("acceptance:{thread_id}")).await?;
        let place = answer_place(&mut tx, site_id, answer_id).await?;
        // A staff reply is between the asker and staff: accepting it would take the public
        // thread's accepted answer away from the community.
        place.check_open_to_reactions(answer_id, Some(visitor_id))?;
        if place.asker != Some(visitor_id) {
            return Err(AppError::Forbidden(
                "only the visitor who asked this question can accept an answer".to_owned(),
            ));
        }
        if place.accepted {
            let answer = read_answer(&mut tx, answer_id).await?;
            tx.commit().await?;
            return Ok(answer);
        }
        let previous =
            query("SELECT id, helper_id FROM answers WHERE thread_id = $1 AND accepted = TRUE")
                .bind(place.thread_id)
                .fetch_optional(&mut tx)
                .await?;
        query("UPDATE answers SET accepted = (id = $1) WHERE thread_id = $2")
            .bind(answer_id)
            .bind(place.thread_id)
            .execute(&mut tx)
            .await?;
        touch(&mut tx, now, place.thread_id).await?;
        let mut changed_helpers = Vec::new();
        if let Some(previous) = previous
            && let Some(helper_id) = previous.get::<Option<i64>, _>("helper_id")
        {
            let withdrawal = Award {
                helper_id,
                points: -POINTS_PER_ACCEPTED_ANSWER,
                reason: Reason::AcceptanceMoved,
                answer_id: Some(previous.get("id")),
                visitor_id: Some(visitor_id),
            };
            reputation::award(&mut tx, now, &withdrawal).await?;
            changed_helpers.push(helper_id);
        }
        let kind = LiveEventKind::AnswerAccepted {
            thread_id: place.thread_id,
            answer_id,
        };
        events::record(&mut tx, now, site_id, Audience::Visitor(visitor_id), &kind).await?;
        if let Some(helper_id) = place.helper_id {
            let award = Award {
                helper_id,
                points: POINTS_PER_ACCEPTED_ANSWER,
                reason: Reason::Accepted,
                answer_id: Some(answer_id),
                visitor_id: Some(visitor_id),
            };
            reputation::award(&mut tx, now, &award).await?;
            events::record(&mut tx, now, site_id, Audience::Helper(helper_id), &kind).await?;
            changed_helpers.push(helper_id);
        }
        changed_helpers.dedup();
        for helper_id in changed_helpers {
            reputation::announce(&mut tx, now, site_id, helper_id).await?;
        }
        let accepted = read_answer(&mut tx, answer_id).await?;
        self.commit_announcing(tx).await?;
        Ok(accepted)
    }

    /// Records a flag on a community answer, once per person and answer. When the flags weigh
    /// [`peerhelp_api::FLAGS_TO_HIDE`] whole ones (fresh visitors' weigh less: see
    /// [`super::standing::Standing`]), the answer is hidden (and leaves the search index) until
    /// staff review it.
    pub async fn flag(
        &self,
        site_id: i64,
        who: Flagger,
        answer_id: i64,
        reason: FlagReason,
    ) -> AppResult<()> {
        let mut tx = self.write().await?;
        // Flags are weighed against the hiding threshold one at a time.
        tx.lock(&format!("reactions:{answer_id}")).await?;
        let now = self.now();
        let (visitor_id, helper_id) = who.ids();
        // Flags on an already hidden answer are still recorded for the staff review.
        let place = find_answer(&mut tx, site_id, answer_id, true).await?;
        place.check_open_to_reactions(answer_id, visitor_id)?;
        let thread_id = place.thread_id;
        let fresh_origin = match visitor_id {
            Some(visitor_id) => standing(&mut tx, now, visitor_id)
                .await?
                .fresh_origin()
                .map(str::to_owned),
            None => None,
        };
        let flagged = query(
            "INSERT INTO answer_flags
                 (answer_id, visitor_id, helper_id, reason, fresh_origin, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(answer_id)
        .bind(visitor_id)
        .bind(helper_id)
        .bind(reason_name(reason))
        .bind(fresh_origin)
        .bind(now)
        .execute(&mut tx)
        .await?;
        let hidden = query(format!(
            "UPDATE answers SET hidden_at = $3
             WHERE id = $1 AND hidden_at IS NULL AND {FLAG_WEIGHT_IN_HALVES} >= $2"
        ))
        .bind(answer_id)
        .bind(HIDING_WEIGHT_IN_HALVES)
        .bind(now)
        .execute(&mut tx)
        .await?;
        if hidden.rows_affected() == 1 {
            // With no visible answer left, the question goes back to the helpers' queue.
            query(
                "UPDATE threads SET status = 'open' WHERE id = $1 AND status = 'answered'
                 AND NOT EXISTS (SELECT 1 FROM answers WHERE thread_id = $1 AND hidden_at IS NULL)",
            )
            .bind(thread_id)
            .execute(&mut tx)
            .await?;
            touch(&mut tx, now, thread_id).await?;
        }
        // A repeated flag changes nothing staff need to hear of.
        if flagged.rows_affected() == 1 {
            events::tell_staff_moderation(&mut tx, now, site_id, answer_id).await?;
        }
        self.commit_announcing(tx).await?;
        Ok(())
    }
}
