//! Privacy requests a staff admin makes for one visitor: finding them, exporting everything
//! stored about them, and erasing it; and how long a site keeps personal data at all.

use serde::{Deserialize, Serialize};

/// Days widget activity (searches, reads) is kept unless the site sets otherwise.
pub const DEFAULT_ACTIVITY_RETENTION_DAYS: u32 = 90;
/// Days "this helped" feedback is kept unless the site sets otherwise.
pub const DEFAULT_FEEDBACK_RETENTION_DAYS: u32 = 365;
/// Days an anonymous visitor who asked nothing is kept after their last session began.
pub const DEFAULT_ANONYMOUS_VISITOR_RETENTION_DAYS: u32 = 180;
/// Longest retention a site may choose, for any kind of data (ten years).
pub const MAX_RETENTION_DAYS: u32 = 3650;

/// A visitor found by `GET /privacy/visitors?email=…` or `?customer_id=…`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrivacyVisitor {
    pub id: i64,
    /// The brand's id for an identified visitor; absent for an anonymous one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Questions and requests to staff they asked.
    pub threads: u32,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET /privacy/visitors`: every visitor of the site matching the search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrivacyMatches {
    pub visitors: Vec<PrivacyVisitor>,
}

/// A session the visitor held: when it began. The token itself is never kept, nor shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedSession {
    pub created_at: String,
}

/// An answer or staff reply on one of the visitor's threads, as the visitor could read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedAnswer {
    pub id: i64,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Written by the brand's staff (a reply to an escalation).
    pub staff_reply: bool,
    pub created_at: String,
}

/// A question or request to staff the visitor asked, with what they left on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedThread {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub status: String,
    /// Written straight to staff, never public.
    pub private: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
    pub created_at: String,
    pub answers: Vec<ExportedAnswer>,
}

/// An upvote the visitor gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedVote {
    pub answer_id: i64,
    pub created_at: String,
}

/// An answer the visitor flagged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedFlag {
    pub answer_id: i64,
    pub reason: String,
    pub created_at: String,
}

/// "This helped" or "didn't help" the visitor left on a thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedFeedback {
    pub thread_id: i64,
    pub helped: bool,
    /// What they had searched for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    pub created_at: String,
}

/// A ticket the visitor opened; staff replies are the answers of its thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedEscalation {
    pub reference: String,
    pub thread_id: i64,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
    /// What they searched for before asking staff.
    pub searches: Vec<String>,
    pub status: String,
    pub created_at: String,
}

/// An email PeerHelp queued or sent to one of the visitor's addresses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedEmail {
    pub recipient: String,
    pub subject: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<String>,
    pub created_at: String,
}

/// Something done in the widget in a session that asked one of the visitor's questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedActivity {
    pub session: String,
    /// `search`, `read`, `ask` or `escalate`.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<i64>,
    pub created_at: String,
}

/// `GET /privacy/visitors/{visitor}/export`: everything stored about one visitor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrivacyExport {
    pub visitor: PrivacyVisitor,
    pub sessions: Vec<ExportedSession>,
    pub threads: Vec<ExportedThread>,
    pub votes: Vec<ExportedVote>,
    pub flags: Vec<ExportedFlag>,
    pub feedback: Vec<ExportedFeedback>,
    pub escalations: Vec<ExportedEscalation>,
    pub emails: Vec<ExportedEmail>,
    pub activity: Vec<ExportedActivity>,
}

/// What becomes of the questions a visitor asked when they are erased.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErasedContent {
    /// Kept for the community with the author, their email and page removed.
    Anonymize,
    /// Deleted with their answers and tickets.
    Delete,
}

/// `POST /privacy/visitors/{visitor}/erase`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrivacyErase {
    pub content: ErasedContent,
}

/// What an erasure removed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrivacyErased {
    pub threads_anonymized: u32,
    pub threads_deleted: u32,
    pub sessions_ended: u32,
    pub emails_dropped: u32,
    pub activity_removed: u32,
}
