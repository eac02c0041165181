//! The community's threads as staff browse them (`GET /threads?q=`) and pinning one
//! (`PUT`/`DELETE /threads/{thread}/pin`).

use axum::extract::State;
use peerhelp_api::{MAX_QUERY_CHARS, MAX_SEARCH_LIMIT, StaffThreadRow, StaffThreads};
use serde::Deserialize;

use super::auth::SiteStaff;
use super::extract::{Json, Path, Query};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::validate;

#[derive(Debug, Deserialize)]
pub struct BrowseQuery {
    #[serde(default)]
    q: String,
}

/// `GET /threads?q=`: without `q`, the public threads, pinned first then newest; with it, the
/// best matches as visitors' search ranks them (so staff see what visitors would find).
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
pub async fn pin(
    State(state): State<AppState>,
    SiteStaff { site, staff, .. }: SiteStaff,
    Path((_, thread_id)): Path<(String, i64)>,
) -> AppResult<Json<StaffThreadRow>> {
    set_pinned(&state, site.id, staff.id, thread_id, true).await
}

/// `DELETE /threads/{thread}/pin`.
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
