//! `POST /helper-invites`: the site's administrator (admin token) or a staff admin invites a
//! helper.

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{ApiError, Invite, NewInvite};

use super::auth::SiteManager;
use super::extract::Json;
use super::openapi::{BadRequest, Forbidden, NoSuchSite, SiteKey, TooLarge};
use super::routes;
use crate::error::AppResult;
use crate::state::AppState;

#[utoipa::path(
    post,
    path = routes::HELPER_INVITES,
    operation_id = "invites_create",
    tag = "helpers",
    summary = "Invite a peer helper (site admin)",
    params(SiteKey),
    request_body = NewInvite,
    responses(
        (status = 201, description = "A single-use invite valid for 7 days.", body = Invite),
        (status = 400, response = BadRequest),
        (status = 401, description = "Missing or wrong admin token.", body = ApiError),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid NewInvite, or a value is not acceptable (invalid_input; the message names the field).", body = ApiError),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
pub async fn create(
    State(state): State<AppState>,
    SiteManager { site, staff_id }: SiteManager,
    Json(invite): Json<NewInvite>,
) -> AppResult<(StatusCode, Json<Invite>)> {
    let invite = crate::invites::issue_by(
        &state.store,
        site.id,
        staff_id,
        &invite.name,
        invite.page_url.as_deref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(invite)))
}
