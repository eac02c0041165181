//! Staff sessions over the API: accepting an invitation with a password, signing in and out,
//! and who is signed in (managing accounts is in `staff_accounts`).

use std::sync::OnceLock;

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{ApiError, StaffAccept, StaffMember, StaffSession, StaffSignIn};

use super::auth::SiteStaff;
use super::client_ip::ClientIp;
use super::extract::{Json, Path};
use super::openapi::{BadRequest, Forbidden, NoSuchSite, SiteKey, StaffRefused, TooLarge};
use super::routes;
use crate::error::{AppError, AppResult};
use crate::passwords;
use crate::secrets::{TokenKind, new_token};
use crate::state::AppState;
use crate::store::Ending;

/// `POST /staff/accept`: redeem an invitation with a new password; signs the member in. The
/// code is checked before the password is hashed, so bogus codes cost no hashing.
#[utoipa::path(
    post,
    path = routes::STAFF_ACCEPT,
    operation_id = "staff_accept",
    tag = "staff",
    summary = "Accept a staff invitation, choosing a password; signs the new member in",
    params(SiteKey),
    request_body = StaffAccept,
    responses(
        (status = 201, description = "The new account's session.", body = StaffSession),
        (status = 400, response = BadRequest),
        (status = 401, description = "The invitation is unknown, used or expired (unauthorized).", body = ApiError),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
        (status = 409, description = "The email already has a staff account on this site (conflict).", body = ApiError),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid StaffAccept, or the password is not 10 to 200 characters (invalid_input).", body = ApiError),
    ),
)]
pub async fn accept(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Json(accept): Json<StaffAccept>,
) -> AppResult<(StatusCode, Json<StaffSession>)> {
    let site = state.site(&key)?;
    passwords::check_new(&accept.password)?;
    let code = accept.code.trim();
    state.store.check_staff_invite(site.id, code).await?;
    let password_hash = passwords::hash(accept.password).await?;
    let token = new_token(TokenKind::Staff);
    let (staff, expires_at) = state
        .store
        .accept_staff_invite(site.id, code, &password_hash, &token)
        .await?;
    let session = StaffSession {
        token,
        expires_at,
        staff,
    };
    Ok((StatusCode::CREATED, Json(session)))
}

/// `POST /staff/sign-in`. A wrong password and an unknown email get the same answer, after
/// the same work, so sign-in does not reveal who has an account. Every attempt counts as a
/// failure until its password matched (see [`Store::begin_sign_in`](crate::store::Store::begin_sign_in)):
/// after [`MAX_SIGN_IN_FAILURES`](crate::store::MAX_SIGN_IN_FAILURES) for one email, or
/// [`MAX_SIGN_IN_FAILURES_PER_IP`](crate::store::MAX_SIGN_IN_FAILURES_PER_IP) from one address,
/// within the window, further attempts are refused (429, saying when to retry), so passwords
/// cannot be guessed at speed, in parallel or across many emails.
#[utoipa::path(
    post,
    path = routes::STAFF_SIGN_IN,
    operation_id = "staff_sign_in",
    tag = "staff",
    summary = "Sign in as staff with email and password",
    params(SiteKey),
    request_body = StaffSignIn,
    responses(
        (status = 200, description = "A session that expires after 12 hours.", body = StaffSession),
        (status = 400, response = BadRequest),
        (status = 401, description = "The email and password do not match a staff account of this site (unauthorized; the same answer for an unknown email).", body = ApiError),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid StaffSignIn (invalid_input).", body = ApiError),
        (status = 429, description = "Too many failed sign-ins for this email (5) or from this address (20) within 15 minutes (rate_limited); the message and Retry-After say when to try again.", body = ApiError),
    ),
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(key): Path<String>,
    Json(sign_in): Json<StaffSignIn>,
) -> AppResult<Json<StaffSession>> {
    let site = state.site(&key)?;
    let email = sign_in.email.trim().to_lowercase();
    let account = state.store.begin_sign_in(site.id, &email, ip).await?;
    let stored = match &account {
        Some(account) => account.password_hash.clone(),
        None => unknown_account_hash().await?,
    };
    let matches = passwords::verify(sign_in.password, stored).await?;
    let Some(account) = account.filter(|_| matches) else {
        return Err(AppError::Unauthorized(
            "that email and password do not match a staff account of this site".to_owned(),
        ));
    };
    if account.disabled {
        return Err(AppError::Forbidden(
            "this staff account is disabled; ask a staff admin of the site to enable it".to_owned(),
        ));
    }
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
#[utoipa::path(
    get,
    path = routes::STAFF_ME,
    operation_id = "staff_me",
    tag = "staff",
    summary = "The signed-in staff member",
    params(SiteKey),
    responses(
        (status = 200, description = "Name, email and role.", body = StaffMember),
        (status = 401, response = StaffRefused),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
    ),
    security(("staff" = [])),
)]
pub async fn me(SiteStaff { staff, .. }: SiteStaff) -> Json<StaffMember> {
    Json(staff)
}

/// `POST /staff/sign-out`: ends this session.
#[utoipa::path(
    post,
    path = routes::STAFF_SIGN_OUT,
    tag = "staff",
    summary = "End this staff session",
    params(SiteKey),
    responses(
        (status = 204, description = "Signed out; the token no longer works."),
        (status = 401, response = StaffRefused),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
    ),
    security(("staff" = [])),
)]
pub async fn sign_out(
    State(state): State<AppState>,
    SiteStaff { token, staff, .. }: SiteStaff,
) -> AppResult<StatusCode> {
    state.store.close_staff_session(&token).await?;
    // Their open event streams end too (a stream of another of their sessions reconnects).
    state.end_streams(Ending::Staff(staff.id)).await;
    Ok(StatusCode::NO_CONTENT)
}
