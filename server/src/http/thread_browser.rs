//! The community's threads as staff browse them (`GET /threads?q=`) and pinning one
//! (`PUT`/`DELETE /threads/{thread}/pin`).

use axum::extract::State;
use peerhelp_api::{ApiError, MAX_QUERY_CHARS, MAX_SEARCH_LIMIT, StaffThreadRow, StaffThreads};
use serde::Deserialize;
use utoipa::IntoParams;

use super::auth::SiteStaff;
use super::extract::{Json, Path, Query};
use super::openapi::{NoSuchSite, PinChanged, SiteKey, StaffRefused, ThreadId};
use super::routes;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::validate;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BrowseQuery {
    /// Words to search for; at most 200 characters.
    #[serde(default)]
    q: String,
}

/// `GET /threads?q=`: without `q`, the public threads, pinned first then newest; with it, the
/// best matches as visitors' search ranks them (so staff see what visitors would find).
#[utoipa::path(
    get,
    path = routes::THREADS,
    operation_id = "thread_browser_list",
    tag = "threads",
    summary = "Browse the community's threads (staff)",
    description = "The site's public threads for the console's thread browser: without `q`, pinned threads first (latest pinned first), then newest, at most 100; with `q`, the best matches as visitors' search ranks them (pinned ones first), at most 50.",
    params(SiteKey, BrowseQuery),
    responses(
        (status = 200, description = "The threads.", body = StaffThreads),
        (status = 400, description = "Malformed query string.", body = ApiError),
        (status = 401, response = StaffRefused),
        (status = 404, response = NoSuchSite),
        (status = 422, description = "q is too long or holds control characters (invalid_input).", body = ApiError),
    ),
    security(("staff" = [])),
)]
pub async fn list(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
    Query(query): Query<BrowseQuery>,
) -> AppResult<Json<StaffThreads>> {
    if query.q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::InvalidInput(format!(
            "q must be at most {MAX_QUERY_CHARS} characters"
        )));
    }
    validate::multiline_text("q", &query.q)?;
    let q = query.q.trim();
    let threads = if q.is_empty() {
        state.store.browse_threads(site.id).await?
    } else {
        let ids: Vec<i64> = state
            .directory
            .search(site.id, q, MAX_SEARCH_LIMIT as usize)
            .0
            .into_iter()
            .map(|hit| hit.id)
            .collect();
        state.store.threads_by_ids(site.id, &ids).await?
    };
    Ok(Json(StaffThreads { threads }))
}

/// `PUT /threads/{thread}/pin`.
#[utoipa::path(
    put,
    path = routes::THREAD_PIN,
    tag = "threads",
    summary = "Pin a thread (staff)",
    description = "The widget suggests pinned threads when its panel opens (a search with an empty query answers with them) and ranks a pinned thread first among the results of the searches it matches. At most 5 per site. Audited.",
    params(SiteKey, ThreadId),
    responses(PinChanged, (status = 409, description = "5 threads are pinned already (conflict): unpin one first.", body = ApiError)),
    security(("staff" = [])),
)]
pub async fn pin(
    State(state): State<AppState>,
    SiteStaff { site, staff, .. }: SiteStaff,
    Path((_, thread_id)): Path<(String, i64)>,
) -> AppResult<Json<StaffThreadRow>> {
    set_pinned(&state, site.id, staff.id, thread_id, true).await
}

/// `DELETE /threads/{thread}/pin`.
#[utoipa::path(
    delete,
    path = routes::THREAD_PIN,
    tag = "threads",
    summary = "Unpin a thread (staff)",
    description = "Audited.",
    params(SiteKey, ThreadId),
    responses(PinChanged),
    security(("staff" = [])),
)]
pub async fn unpin(
    State(state): State<AppState>,
    SiteStaff { site, staff, .. }: SiteStaff,
    Path((_, thread_id)): Path<(String, i64)>,
) -> AppResult<Json<StaffThreadRow>> {
    set_pinned(&state, site.id, staff.id, thread_id, false).await
}

async fn set_pinned(
    state: &AppState,
    site_id: i64,
    staff_id: i64,
    thread_id: i64,
    pinned: bool,
) -> AppResult<Json<StaffThreadRow>> {
    let row = state
        .store
        .set_thread_pinned(site_id, staff_id, thread_id, pinned)
        .await?;
    // This process's search answers with the change at once; others within a refresh.
    state.directory.refresh(&state.store).await?;
    Ok(Json(row))
}
