//! Privacy requests over the API, for a site's managers (a staff admin or the admin token;
//! agents are refused): find a visitor by email or customer id, export everything stored
//! about them, or erase it.

use axum::extract::State;
use peerhelp_api::{PrivacyErase, PrivacyErased, PrivacyExport, PrivacyMatches};
use serde::Deserialize;

use super::auth::SiteManager;
use super::extract::{Json, Path, Query};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::VisitorQuery;
use crate::validate;

/// Longest customer id looked up; longer ones are never stored.
const MAX_CUSTOMER_ID_CHARS: usize = 200;

/// `?email=` or `?customer_id=`, exactly one.
#[derive(Deserialize)]
pub struct Search {
    email: Option<String>,
    customer_id: Option<String>,
}

fn visitor_query(search: Search) -> AppResult<VisitorQuery> {
    match (search.email, search.customer_id) {
        (Some(email), None) => validate::email(Some(&email))?
            .map(VisitorQuery::Email)
            .ok_or_else(|| AppError::InvalidInput("email must not be empty".to_owned())),
        (None, Some(id)) if !id.is_empty() && id.chars().count() <= MAX_CUSTOMER_ID_CHARS => {
            Ok(VisitorQuery::CustomerId(id))
        }
        (None, Some(_)) => Err(AppError::InvalidInput(format!(
            "customer_id must be 1 to {MAX_CUSTOMER_ID_CHARS} characters"
        ))),
        _ => Err(AppError::InvalidInput(
            "give exactly one of ?email= or ?customer_id=".to_owned(),
        )),
    }
}

fn no_such_visitor(id: i64) -> AppError {
    AppError::NotFound(format!("no visitor {id} on this site"))
}

/// `GET /privacy/visitors?email=…|customer_id=…`.
pub async fn find(
    State(state): State<AppState>,
    SiteManager { site, .. }: SiteManager,
    Query(search): Query<Search>,
) -> AppResult<Json<PrivacyMatches>> {
    let query = visitor_query(search)?;
    let visitors = state.store.find_visitors(site.id, &query).await?;
    Ok(Json(PrivacyMatches { visitors }))
}

/// `GET /privacy/visitors/{visitor}/export` (audited: privacy.exported).
pub async fn export(
    State(state): State<AppState>,
    SiteManager { site, staff_id }: SiteManager,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<PrivacyExport>> {
    state
        .store
        .export_visitor(site.id, id, staff_id)
        .await?
        .map(Json)
        .ok_or_else(|| no_such_visitor(id))
}

/// `POST /privacy/visitors/{visitor}/erase` (audited: privacy.erased).
pub async fn erase(
    State(state): State<AppState>,
    SiteManager { site, staff_id }: SiteManager,
    Path((_, id)): Path<(String, i64)>,
    Json(erase): Json<PrivacyErase>,
) -> AppResult<Json<PrivacyErased>> {
    let erased = state
        .store
        .erase_visitor(site.id, id, erase.content, staff_id)
        .await?
        .ok_or_else(|| no_such_visitor(id))?;
    // This node's search index drops deleted questions now; other nodes on their next refresh.
    state.directory.refresh(&state.store).await?;
    Ok(Json(erased))
}
