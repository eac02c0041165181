//! Threads (a question and its answers) and visitor feedback on them.

use serde::{Deserialize, Serialize};

/// Where a thread stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct Answer {
    pub id: i64,
    pub body: String,
    /// Display name of whoever wrote it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub accepted: bool,
    pub votes: i64,
    /// RFC 3339 timestamp.
    pub created_at: String,
}

/// How many visitors said a thread helped or didn't.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackTally {
    pub helped: i64,
    pub not_helped: i64,
}

/// `GET /api/v1/sites/{site}/threads/{id}`: a question with its answers, the accepted answer
/// first and the rest by votes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// `POST /api/v1/sites/{site}/threads/{id}/feedback`: "this helped" / "didn't help".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub helped: bool,
    /// What the visitor had searched for, so the brand learns which queries this thread serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
}
