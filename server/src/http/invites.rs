//! `POST /helper-invites`: the site's administrator (admin token) or a staff admin invites a
//! helper.

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{Invite, NewInvite};

use super::auth::SiteManager;
use super::extract::Json;
use crate::error::AppResult;
use crate::state::AppState;

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
