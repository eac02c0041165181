//! Privacy requests over the API, for a site's managers (a staff admin or the admin token;
//! agents are refused): find a visitor by email or customer id, export everything stored
//! about them, or erase it.

use axum::extract::State;
use peerhelp_api::{ApiError, PrivacyErase, PrivacyErased, PrivacyExport, PrivacyMatches};
use serde::Deserialize;
use utoipa::IntoParams;

use super::auth::SiteManager;
use super::extract::{Json, Path, Query};
use super::openapi::{AdminOnly, AdminRefused, NoSuchSite, SiteKey, VisitorId};
use super::routes;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{Ending, VisitorQuery};
use crate::validate;

/// Longest customer id looked up; longer ones are never stored.
const MAX_CUSTOMER_ID_CHARS: usize = 200;

/// `?email=` or `?customer_id=`, exactly one.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Search {
    /// An email address; give this or customer_id.
    email: Option<String>,
    /// The id the brand identifies the customer with; give this or email.
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
#[utoipa::path(
    get,
    path = routes::PRIVACY_VISITORS,
    tag = "privacy",
    summary = "Find a visitor for a privacy request",
    description = "Staff admin or the site's admin token. Matches the email a visitor was identified with or typed on a question or ticket (any case), or the brand's customer id (exactly).",
    params(SiteKey, Search),
    responses(
        (status = 200, description = "The matching visitors, oldest first (at most 50).", body = PrivacyMatches),
        (status = 422, description = "Neither or both of email and customer_id, or a malformed one (invalid_input).", body = ApiError),
        (status = 401, response = AdminRefused),
        (status = 403, response = AdminOnly),
        (status = 404, response = NoSuchSite),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
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
#[utoipa::path(
    get,
    path = routes::PRIVACY_EXPORT,
    tag = "privacy",
    summary = "Export everything stored about a visitor",
    description = "Staff admin or the site's admin token; audited (privacy.exported). Session tokens are listed by creation time only: their hashes are never shown.",
    params(SiteKey, VisitorId),
    responses(
        (status = 200, description = "The visitor's data.", body = PrivacyExport),
        (status = 401, response = AdminRefused),
        (status = 403, response = AdminOnly),
        (status = 404, description = "No such site, or no such visitor on it.", body = ApiError),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
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
#[utoipa::path(
    post,
    path = routes::PRIVACY_ERASE,
    tag = "privacy",
    summary = "Erase a visitor",
    description = "Staff admin or the site's admin token; audited (privacy.erased) without the erased data. Their questions are anonymized or deleted as asked; their sessions end at once; their address, votes, flags, mail and widget activity are removed. All or nothing, in one transaction.",
    params(SiteKey, VisitorId),
    request_body = PrivacyErase,
    responses(
        (status = 200, description = "What was removed.", body = PrivacyErased),
        (status = 400, description = "A malformed body (bad_request).", body = ApiError),
        (status = 422, description = "content is not anonymize or delete (invalid_input).", body = ApiError),
        (status = 401, response = AdminRefused),
        (status = 403, response = AdminOnly),
        (status = 404, description = "No such site, or no such visitor on it.", body = ApiError),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
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
    state.end_streams(Ending::Visitor(id)).await;
    // This node's search index drops deleted questions now; other nodes on their next refresh.
    state.directory.refresh(&state.store).await?;
    Ok(Json(erased))
}
