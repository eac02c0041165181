//! `GET /api/v1/sites/{site}/search?q=&limit=`: ranked community threads.

use axum::extract::State;
use peerhelp_api::{ApiError, MAX_QUERY_CHARS, MAX_SEARCH_LIMIT, SearchResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::extract::{Json, Path, Query};
use super::openapi::{BadRequest, OriginRefused, SiteKey};
use super::routes;
use crate::activity::Activity;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::validate;

const DEFAULT_LIMIT: u32 = 10;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What the visitor typed, at most 200 characters. Empty gives no results.
    #[serde(default)]
    q: String,
    /// How many results at most, 1 to 50; 10 by default.
    limit: Option<u32>,
    /// The widget session, counted in the site's insights as on every widget request.
    session: Option<String>,
}

#[utoipa::path(
    get,
    path = routes::SEARCH,
    tag = "search",
    summary = "Search the community",
    description = "Ranked threads for a query, with highlighted title and snippet. The last word is also matched as a prefix (search as you type) and small typos are tolerated. An empty `q` answers with the threads staff pinned, latest pinned first (what the widget suggests when its panel opens); a pinned thread ranks first among the results of a query it matches.",
    params(SiteKey, SearchParams),
    responses(
        (status = 200, description = "Ranked results, best first.", body = SearchResponse),
        (status = 400, response = BadRequest),
        (status = 403, response = OriginRefused),
        (status = 404, description = "No such site or thread.", body = ApiError),
        (status = 422, description = "q too long or limit out of range.", body = ApiError),
    ),
)]
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
    let (results, close_match) = state
        .metrics
        .time_search(|| state.directory.search(site.id, &params.q, limit as usize));
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
