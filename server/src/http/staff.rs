//! Staff accounts over the API: invitations, accepting one with a password, signing in and
//! out, and who is signed in.

use std::sync::OnceLock;

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{
    NewStaffInvite, StaffAccept, StaffInvite, StaffMember, StaffSession, StaffSignIn,
};

use super::auth::{SiteManager, SiteStaff};
use super::extract::{Json, Path};
use crate::error::{AppError, AppResult};
use crate::passwords;
use crate::secrets::{TokenKind, new_token};
use crate::state::AppState;
use crate::store::FAILURE_WINDOW;

/// `POST /staff-invites`: a single-use invitation for a new staff member.
pub async fn invite(
    State(state): State<AppState>,
    SiteManager { site, .. }: SiteManager,
    Json(invite): Json<NewStaffInvite>,
) -> AppResult<(StatusCode, Json<StaffInvite>)> {
    let invite = crate::staff_invites::issue(&state.store, site.id, &invite).await?;
    Ok((StatusCode::CREATED, Json(invite)))
}

/// `POST /staff/accept`: redeem an invitation with a new password; signs the member in.
pub async fn accept(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Json(accept): Json<StaffAccept>,
) -> AppResult<(StatusCode, Json<StaffSession>)> {
    let site = state.site(&key)?;
    passwords::check_new(&accept.password)?;
    let password_hash = passwords::hash(accept.password).await?;
    let token = new_token(TokenKind::Staff);
    let (staff, expires_at) = state
        .store
        .accept_staff_invite(site.id, accept.code.trim(), &password_hash, &token)
        .await?;
    let session = StaffSession {
        token,
        expires_at,
        staff,
    };
    Ok((StatusCode::CREATED, Json(session)))
}

/// `POST /staff/sign-in`. A wrong password and an unknown email get the same answer, after
/// the same work, so sign-in does not reveal who has an account. After
/// [`MAX_SIGN_IN_FAILURES`](crate::store::MAX_SIGN_IN_FAILURES) failures for one email within the window, that email is refused
/// (429) until the window has passed, so passwords cannot be guessed at speed.
pub async fn sign_in(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Json(sign_in): Json<StaffSignIn>,
) -> AppResult<Json<StaffSession>> {
    let site = state.site(&key)?;
    let email = sign_in.email.trim().to_lowercase();
    if state.store.sign_in_locked(site.id, &email).await? {
        return Err(AppError::RateLimited {
            message: format!(
                "too many failed sign-ins for this email; try again in {} minutes",
                FAILURE_WINDOW.as_secs() / 60
            ),
            retry_after: Some(FAILURE_WINDOW),
        });
    }
    let account = state.store.staff_credentials(site.id, &email).await?;
    let stored = match &account {
        Some(account) => account.password_hash.clone(),
        None => unknown_account_hash().await?,
    };
    let matches = passwords::verify(sign_in.password, stored).await?;
    let Some(account) = account.filter(|_| matches) else {
        state.store.sign_in_failed(site.id, &email).await?;
        return Err(AppError::Unauthorized(
            "that email and password do not match a staff account of this site".to_owned(),
        ));
    };
    let token = new_token(TokenKind::Staff);
    let expires_at = state
        .store
        .signed_in(site.id, &email, account.member.id, &token)
        .await?;
    Ok(Json(StaffSession {
        token,
        expires_at,
        staff: account.member,
    }))
}

/// A real hash of a random password, verified against when the email is unknown.
async fn unknown_account_hash() -> AppResult<String> {
    static HASH: OnceLock<String> = OnceLock::new();
    if let Some(hash) = HASH.get() {
        return Ok(hash.clone());
    }
    let hash = passwords::hash(crate::secrets::random_hex()).await?;
    Ok(HASH.get_or_init(|| hash).clone())
}

/// `GET /staff/me`.
pub async fn me(SiteStaff { staff, .. }: SiteStaff) -> Json<StaffMember> {
    Json(staff)
}

/// `POST /staff/sign-out`: ends this session.
pub async fn sign_out(
    State(state): State<AppState>,
    SiteStaff { token, .. }: SiteStaff,
) -> AppResult<StatusCode> {
    state.store.close_staff_session(&token).await?;
    Ok(StatusCode::NO_CONTENT)
}
