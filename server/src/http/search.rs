//! `GET /api/v1/sites/{site}/search?q=&limit=`: ranked community threads.

use axum::extract::State;
use peerhelp_api::{MAX_QUERY_CHARS, MAX_SEARCH_LIMIT, SearchResponse};
use serde::Deserialize;

use super::extract::{Json, Path, Query};
use crate::activity::Activity;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::validate;

const DEFAULT_LIMIT: u32 = 10;

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
    limit: Option<u32>,
    /// The widget session, for insights.
    session: Option<String>,
}

pub async fn search(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(params): Query<SearchParams>,
) -> AppResult<Json<SearchResponse>> {
    let site = state.site(&key)?;
    if params.q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::InvalidInput(format!(
            "q must be at most {MAX_QUERY_CHARS} characters"
        )));
    }
    // Queries are kept for the brand's insights and their CSV export: no control characters.
    validate::multiline_text("q", &params.q)?;
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_SEARCH_LIMIT).contains(&limit) {
        return Err(AppError::InvalidInput(format!(
            "limit must be between 1 and {MAX_SEARCH_LIMIT}"
        )));
    }
    let (results, close_match) = state.directory.search(site.id, &params.q, limit as usize);
    let query = params.q.trim();
    if !query.is_empty() {
        let search = Activity::Search {
            query: query.to_owned(),
            results: results.len() as u32,
        };
        state
            .activity
            .record(site.id, params.session.as_deref(), search);
    }
    Ok(Json(SearchResponse {
        query: params.q,
        results,
        close_match,
    }))
}
