//! Peer helpers: signing in with an invite, their profile and presence, who is online, the
//! queue of questions, the leaderboard, and (for staff) the site's helpers and banning one.

use axum::extract::State;
use peerhelp_api::{
    HelperAccount, HelperAccounts, HelperProfile, HelperQueue, HelperSession, HelperSignIn,
    HelpersOnline, Leaderboard, PresenceUpdate,
};

use super::auth::{SiteHelper, SiteStaff};
use super::extract::{Json, Path};
use crate::error::AppResult;
use crate::live::Ending;
use crate::secrets::{TokenKind, new_token};
use crate::state::AppState;

const LEADERBOARD_SIZE: i64 = 50;

/// `POST /helpers/sign-in`: redeem an invite code for a helper session.
pub async fn sign_in(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Json(sign_in): Json<HelperSignIn>,
) -> AppResult<Json<HelperSession>> {
    let site = state.site(&key)?;
    let token = new_token(TokenKind::Helper);
    let helper = state
        .store
        .redeem_invite(site.id, sign_in.code.trim(), &token)
        .await?;
    Ok(Json(HelperSession { token, helper }))
}

/// `GET /helpers/me`.
pub async fn me(
    State(state): State<AppState>,
    SiteHelper { helper_id, .. }: SiteHelper,
) -> AppResult<Json<HelperProfile>> {
    Ok(Json(state.store.helper_profile(helper_id).await?))
}

/// `PUT /helpers/me/presence`: go online or away, or sign off; repeated as the heartbeat.
pub async fn presence(
    State(state): State<AppState>,
    SiteHelper { site, helper_id }: SiteHelper,
    Json(update): Json<PresenceUpdate>,
) -> AppResult<Json<HelperProfile>> {
    Ok(Json(
        state
            .store
            .set_presence(site.id, helper_id, update.status, state.clock.now())
            .await?,
    ))
}

/// `GET /helpers/online`.
pub async fn online(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> AppResult<Json<HelpersOnline>> {
    let site = state.site(&key)?;
    let helpers = state.store.helpers_online(site.id).await?;
    Ok(Json(HelpersOnline { helpers }))
}

/// `GET /helpers/queue`.
pub async fn queue(
    State(state): State<AppState>,
    SiteHelper { site, .. }: SiteHelper,
) -> AppResult<Json<HelperQueue>> {
    let questions = state.store.helper_queue(site.id).await?;
    Ok(Json(HelperQueue { questions }))
}

/// `GET /leaderboard`.
pub async fn leaderboard(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> AppResult<Json<Leaderboard>> {
    let site = state.site(&key)?;
    let helpers = state.store.leaderboard(site.id, LEADERBOARD_SIZE).await?;
    Ok(Json(Leaderboard { helpers }))
}

/// `GET /helpers`.
pub async fn helpers(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
) -> AppResult<Json<HelperAccounts>> {
    let helpers = state.store.helper_accounts(site.id).await?;
    Ok(Json(HelperAccounts { helpers }))
}

/// `POST /helpers/{helper}/ban`: their sessions and open event streams end at once.
pub async fn ban(
    State(state): State<AppState>,
    SiteStaff { site, staff, .. }: SiteStaff,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<HelperAccount>> {
    let helper = state.store.ban_helper(site.id, staff.id, id).await?;
    state.hub.endings.announce(Ending::Helper(id));
    Ok(Json(helper))
}
