//! Insights: what the brand learns from its widget over a period, for the console and for
//! export (`GET /insights`, `GET /insights.csv`).

use serde::{Deserialize, Serialize};

/// Days an insights period covers unless `?days=` says otherwise.
pub const DEFAULT_INSIGHT_DAYS: u32 = 30;
/// The longest period insights cover.
pub const MAX_INSIGHT_DAYS: u32 = 365;

/// A search that did not serve the visitor: no result, or the visitor asked or escalated
/// after it. The brand fixes these at the root (an article, a product change).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KnowledgeGap {
    /// The search, lower-cased and trimmed.
    pub query: String,
    /// How often it was searched in the period.
    pub searches: i64,
    /// How many of those found nothing.
    pub without_results: i64,
    /// How many of those were followed by a question or an escalation in the same session.
    pub followed_by_request: i64,
}

/// A thread visitors read often.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopThread {
    pub thread_id: i64,
    pub title: String,
    pub reads: i64,
}

/// One day of the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InsightDay {
    /// `YYYY-MM-DD` (UTC).
    pub day: String,
    pub sessions: i64,
    pub questions: i64,
    pub escalations: i64,
}

/// `GET /insights?days=N`: the last N days (UTC). Rates are in [0, 1]; rates and medians are
/// absent when there is nothing to measure yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Insights {
    pub days: u32,
    /// Widget sessions (page views with the panel used) that searched or read a thread.
    pub sessions: i64,
    /// Sessions that read an answer and neither asked nor escalated.
    pub self_served_sessions: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_serve_rate: Option<f64>,
    /// Questions asked of the community.
    pub questions: i64,
    /// Questions that got at least one peer helper's answer.
    pub questions_answered_by_peers: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_answer_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_minutes_to_first_peer_reply: Option<f64>,
    pub escalations: i64,
    /// Escalations per session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_minutes_to_first_staff_reply: Option<f64>,
    pub knowledge_gaps: Vec<KnowledgeGap>,
    pub top_threads: Vec<TopThread>,
    /// Every day of the period, oldest first, for charts.
    pub daily: Vec<InsightDay>,
}
