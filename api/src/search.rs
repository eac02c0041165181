//! Community search results.

use serde::{Deserialize, Serialize};

use crate::ThreadStatus;

/// A run of text; `mark` is true where it matched the query. A highlighted snippet is a list of
/// spans rather than HTML, so no client ever has to trust markup from the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TextSpan {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mark: bool,
}

/// One ranked thread in `GET /api/v1/sites/{site}/search`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub id: i64,
    /// The id the thread had in an imported community file, if it came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    pub title: String,
    /// The title with the query's terms marked.
    pub title_highlight: Vec<TextSpan>,
    /// The passage of the question or its answers that best matches the query, terms marked.
    pub snippet: Vec<TextSpan>,
    pub answer_count: u32,
    pub has_accepted_answer: bool,
    pub status: ThreadStatus,
    /// Relevance score; only meaningful for comparing hits of the same query.
    pub score: f32,
}

/// `GET /api/v1/sites/{site}/search?q=&limit=`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResponse {
    pub query: String,
    pub results: Vec<SearchHit>,
    /// Whether the best hit is a close match: it matches every word of the query that the
    /// community's threads know. False when nothing was found. The widget marks the results
    /// of a query without a close match as weak, so visitors ask rather than read on.
    pub close_match: bool,
}
