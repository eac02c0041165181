//! Live events: what `GET /events` streams (Server-Sent Events). Each event is one SSE message
//! whose `id:` is the event's id and whose `data:` is a [`LiveEventKind`] as JSON. A client
//! that reconnects with `Last-Event-ID` gets every event it missed, once, in order. Ids rise,
//! so the last one seen is where a reconnect resumes.

use serde::{Deserialize, Serialize};

use crate::{Answer, EscalationSummary, HelperCard, QueueItem, Rank};

/// What happened. Who receives it: the asker (answers on their threads), helpers (new
/// questions), the answer's author (votes, acceptance), everyone on the site (presence).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// Externally tagged (`{"answer_posted": {…}}`): the one enum form serde decodes without
// buffering the whole value first, which keeps the widget's decoder small.
#[serde(rename_all = "snake_case")]
pub enum LiveEventKind {
    /// A new answer on a thread the receiver asked or is helping on.
    AnswerPosted {
        thread_id: i64,
        thread_title: String,
        answer: Answer,
    },
    /// An answer was edited by its author.
    AnswerEdited { thread_id: i64, answer: Answer },
    /// The asker accepted an answer.
    AnswerAccepted { thread_id: i64, answer_id: i64 },
    /// A visitor upvoted one of the receiving helper's answers.
    AnswerVoted {
        thread_id: i64,
        answer_id: i64,
        votes: i64,
    },
    /// A visitor asked a question (sent to helpers).
    QuestionAsked { question: QueueItem },
    /// The helpers online changed: the full list as it is now.
    PresenceChanged { helpers: Vec<HelperCard> },
    /// The asker's ticket changed: opened, assigned, resolved or reopened.
    EscalationChanged {
        thread_id: i64,
        escalation: EscalationSummary,
    },
    /// The receiving helper's points changed.
    ReputationChanged { points: i64, rank: Rank },
}
