//! Moderation by staff: flagged answers to hide or restore, answers verified by staff, and the
//! site's peer helpers, who can be banned.

use serde::{Deserialize, Serialize};

use crate::{Answer, HelperCard};

/// How many people flagged an answer, by reason (flags staff cleared not counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlagCounts {
    pub spam: i64,
    pub rude: i64,
    pub wrong: i64,
}

/// A flagged answer waiting for review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlaggedAnswer {
    pub answer: Answer,
    pub thread_id: i64,
    pub thread_title: String,
    /// Whether the flags (or staff) hid it from the thread and from search.
    pub hidden: bool,
    pub flags: FlagCounts,
}

/// `GET /moderation`: flagged answers, hidden ones first, then the most flagged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationQueue {
    pub answers: Vec<FlaggedAnswer>,
}

/// A peer helper as staff see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelperAccount {
    pub card: HelperCard,
    pub points: i64,
    pub answers: i64,
    /// Whether staff banned them: their sessions ended and they cannot sign in.
    pub banned: bool,
    /// RFC 3339.
    pub joined_at: String,
}

/// `GET /helpers`: the site's helpers, most points first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelperAccounts {
    pub helpers: Vec<HelperAccount>,
}
