//! The community import/export format: JSON lines, one thread a line. Only `title` and each
//! answer's `body` are required; `id` makes re-imports update instead of duplicate.

use serde::{Deserialize, Serialize};

/// One line of a community file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunityThread {
    /// The thread's id in the source system; comes back as `external_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub answers: Vec<CommunityAnswer>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// One answer of a [`CommunityThread`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommunityAnswer {
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default)]
    pub accepted: bool,
    #[serde(default)]
    pub votes: i64,
}
