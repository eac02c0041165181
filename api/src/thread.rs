//! Threads (a question and its answers) and visitor feedback on them.

use serde::{Deserialize, Serialize};

use crate::{EscalationSummary, HelperCard, StaffCard};

/// Where a thread stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ThreadStatus {
    #[default]
    Open,
    Answered,
    Escalated,
    Resolved,
}

impl ThreadStatus {
    /// The name used in JSON and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ThreadStatus::Open => "open",
            ThreadStatus::Answered => "answered",
            ThreadStatus::Escalated => "escalated",
            ThreadStatus::Resolved => "resolved",
        }
    }

    /// Inverse of [`ThreadStatus::as_str`].
    pub fn parse(name: &str) -> Option<ThreadStatus> {
        [
            ThreadStatus::Open,
            ThreadStatus::Answered,
            ThreadStatus::Escalated,
            ThreadStatus::Resolved,
        ]
        .into_iter()
        .find(|status| status.as_str() == name)
    }
}

/// One answer in a thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    pub id: i64,
    /// The answer as plain text (what search indexes and snippets quote).
    pub body: String,
    /// The answer as sanitized HTML, limited to paragraphs, line breaks, links, lists, code and
    /// emphasis: safe to insert as markup.
    pub html: String,
    /// Display name of whoever wrote it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The peer helper who wrote it, for answers written in PeerHelp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helper: Option<HelperCard>,
    /// The staff member who wrote it, for staff replies to an escalation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<StaffCard>,
    pub accepted: bool,
    /// Marked correct by the brand's staff: shown with a badge and ranked higher.
    #[serde(default)]
    pub verified: bool,
    pub votes: i64,
    /// RFC 3339 timestamp.
    pub created_at: String,
}

/// How many visitors said a thread helped or didn't.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackTally {
    pub helped: i64,
    pub not_helped: i64,
}

/// `GET /api/v1/sites/{site}/threads/{id}`: a question with its answers, the accepted answer
/// first and the rest by votes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Thread {
    pub id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub status: ThreadStatus,
    /// RFC 3339 timestamp.
    pub created_at: String,
    pub answers: Vec<Answer>,
    pub feedback: FeedbackTally,
    /// The ticket, when the asker handed this question to staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<EscalationSummary>,
    /// What the request's visitor or helper has done here; present when it carried a token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewer: Option<ThreadViewer>,
}

/// The requesting visitor's or helper's relation to a thread.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThreadViewer {
    /// Whether they asked it (and so may accept an answer).
    pub is_asker: bool,
    /// Answers they upvoted.
    pub voted: Vec<i64>,
    /// Answers they flagged.
    pub flagged: Vec<i64>,
}

/// `POST /threads/{thread}/answers` and `PATCH /answers/{answer}`: a helper's answer, written
/// in a small Markdown subset (paragraphs, links, lists, `code`, emphasis). The server renders
/// and sanitizes it; any HTML in it is shown as text, never run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerDraft {
    pub body: String,
}

/// `POST /answers/{answer}/vote`: the answer's votes after the visitor's upvote. Voting twice
/// counts once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteTally {
    pub answer_id: i64,
    pub votes: i64,
}

/// Why an answer is flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FlagReason {
    Spam,
    Rude,
    Wrong,
}

/// `POST /answers/{answer}/flags`. Flags weighing [`crate::FLAGS_TO_HIDE`] whole ones hide
/// the answer until staff review it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewFlag {
    pub reason: FlagReason,
}

/// `POST /api/v1/sites/{site}/threads/{id}/feedback`: "this helped" / "didn't help", with a
/// visitor's token: one per visitor and thread, a second replacing the first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Feedback {
    pub helped: bool,
    /// What the visitor had searched for, so the brand learns which queries this thread serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
}
