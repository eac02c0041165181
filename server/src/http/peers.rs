//! Peer helpers: signing in with an invite, their profile and presence, who is online, the
//! queue of questions, the leaderboard, and (for staff) the site's helpers and banning one.

use axum::extract::State;
use peerhelp_api::{
    ApiError, HelperAccount, HelperAccounts, HelperProfile, HelperQueue, HelperSession,
    HelperSignIn, HelpersOnline, Leaderboard, PresenceUpdate,
};

use super::auth::{SiteHelper, SiteStaff};
use super::extract::{Json, Path};
use super::openapi::{
    BadRequest, Forbidden, HelperId, NoSuchSite, SiteKey, StaffRefused, TokenRefused, TooLarge,
};
use super::routes;
use crate::error::AppResult;
use crate::secrets::{TokenKind, new_token};
use crate::state::AppState;
use crate::store::Ending;

const LEADERBOARD_SIZE: i64 = 50;

/// `POST /helpers/sign-in`: redeem an invite code for a helper session.
#[utoipa::path(
    post,
    path = routes::HELPER_SIGN_IN,
    operation_id = "peers_sign_in",
    tag = "helpers",
    summary = "Sign in as a helper with an invite code",
    params(SiteKey),
    request_body = HelperSignIn,
    responses(
        (status = 200, description = "The helper's token and profile.", body = HelperSession),
        (status = 400, response = BadRequest),
        (status = 401, description = "Unknown, used or expired invite code; the message says which.", body = ApiError),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid HelperSignIn, or a value is not acceptable (invalid_input; the message names the field).", body = ApiError),
    ),
)]
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
#[utoipa::path(
    get,
    path = routes::HELPER_ME,
    operation_id = "peers_me",
    tag = "helpers",
    summary = "The signed-in helper's profile",
    params(SiteKey),
    responses(
        (status = 200, description = "Profile with points and the answers left this hour.", body = HelperProfile),
        (status = 401, response = TokenRefused),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
    ),
    security(("helper" = [])),
)]
pub async fn me(
    State(state): State<AppState>,
    SiteHelper { helper_id, .. }: SiteHelper,
) -> AppResult<Json<HelperProfile>> {
    Ok(Json(state.store.helper_profile(helper_id).await?))
}

/// `PUT /helpers/me/presence`: go online or away, or sign off; repeated as the heartbeat.
#[utoipa::path(
    put,
    path = routes::HELPER_PRESENCE,
    operation_id = "peers_presence",
    tag = "helpers",
    summary = "Go online or away, or sign off; also the heartbeat",
    params(SiteKey),
    request_body = PresenceUpdate,
    responses(
        (status = 200, description = "The helper's profile. A change of status tells everyone on the site (presence_changed); without a heartbeat for 60 s a helper goes offline.", body = HelperProfile),
        (status = 400, response = BadRequest),
        (status = 401, response = TokenRefused),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid PresenceUpdate, or a value is not acceptable (invalid_input; the message names the field).", body = ApiError),
    ),
    security(("helper" = [])),
)]
pub async fn presence(
    State(state): State<AppState>,
    SiteHelper { site, helper_id }: SiteHelper,
    Json(update): Json<PresenceUpdate>,
) -> AppResult<Json<HelperProfile>> {
    Ok(Json(
        state
            .store
            .set_presence(site.id, helper_id, update.status)
            .await?,
    ))
}

/// `GET /helpers/online`.
#[utoipa::path(
    get,
    path = routes::HELPERS_ONLINE,
    tag = "helpers",
    summary = "Helpers online now",
    params(SiteKey),
    responses(
        (status = 200, description = "Helpers online or away, online first.", body = HelpersOnline),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
    ),
)]
pub async fn online(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> AppResult<Json<HelpersOnline>> {
    let site = state.site(&key)?;
    let helpers = state.store.helpers_online(site.id).await?;
    Ok(Json(HelpersOnline { helpers }))
}

/// `GET /helpers/queue`.
#[utoipa::path(
    get,
    path = routes::HELPER_QUEUE,
    operation_id = "peers_queue",
    tag = "helpers",
    summary = "Questions waiting for helpers",
    params(SiteKey),
    responses(
        (status = 200, description = "Unanswered first, then the oldest first.", body = HelperQueue),
        (status = 401, response = TokenRefused),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
    ),
    security(("helper" = [])),
)]
pub async fn queue(
    State(state): State<AppState>,
    SiteHelper { site, .. }: SiteHelper,
) -> AppResult<Json<HelperQueue>> {
    let questions = state.store.helper_queue(site.id).await?;
    Ok(Json(HelperQueue { questions }))
}

/// `GET /leaderboard`.
#[utoipa::path(
    get,
    path = routes::LEADERBOARD,
    tag = "helpers",
    summary = "Helpers by points",
    params(SiteKey),
    responses(
        (status = 200, description = "Most points first, with answer and accepted-answer counts. Points: +10 per upvote, +15 per accepted answer (withdrawn if the asker accepts another).", body = Leaderboard),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
    ),
)]
pub async fn leaderboard(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> AppResult<Json<Leaderboard>> {
    let site = state.site(&key)?;
    let helpers = state.store.leaderboard(site.id, LEADERBOARD_SIZE).await?;
    Ok(Json(Leaderboard { helpers }))
}

/// `GET /helpers`.
#[utoipa::path(
    get,
    path = routes::HELPERS,
    tag = "helpers",
    summary = "The site's helpers",
    description = "Most points first, banned ones included.",
    params(SiteKey),
    responses(
        (status = 200, description = "Helpers.", body = HelperAccounts),
        (status = 401, response = StaffRefused),
        (status = 404, description = "No such site, or no such answer or helper on it.", body = ApiError),
    ),
    security(("staff" = [])),
)]
pub async fn helpers(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
) -> AppResult<Json<HelperAccounts>> {
    let helpers = state.store.helper_accounts(site.id).await?;
    Ok(Json(HelperAccounts { helpers }))
}

/// `POST /helpers/{helper}/ban`: their sessions and open event streams end at once.
#[utoipa::path(
    post,
    path = routes::HELPER_BAN,
    tag = "helpers",
    summary = "Ban a helper",
    description = "Their sessions end at once, they go offline and cannot sign in again; their answers stay for review. Audited.",
    params(SiteKey, HelperId),
    responses(
        (status = 200, description = "The helper as they are now.", body = HelperAccount),
        (status = 401, response = StaffRefused),
        (status = 404, description = "No such site, or no such answer or helper on it.", body = ApiError),
    ),
    security(("staff" = [])),
)]
pub async fn ban(
    State(state): State<AppState>,
    SiteStaff { site, staff, .. }: SiteStaff,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Json<HelperAccount>> {
    let helper = state.store.ban_helper(site.id, staff.id, id).await?;
    state.end_streams(Ending::Helper(id)).await;
    Ok(Json(helper))
}
