//! Staff accounts over the API: invitations, accepting one with a password, signing in and
//! out, and who is signed in.

use std::sync::OnceLock;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use peerhelp_api::{
    NewStaffInvite, StaffAccept, StaffAccount, StaffAccounts, StaffInvite, StaffMember,
    StaffSession, StaffSignIn, StaffTeam,
};

use super::auth::{SiteManager, SiteStaff};
use super::client_ip::ClientIp;
use super::cors::same_origin;
use super::extract::{Json, Path};
use crate::error::{AppError, AppResult};
use crate::live::Ending;
use crate::mailer::StaffInviteMail;
use crate::passwords;
use crate::secrets::{TokenKind, new_token};
use crate::state::AppState;

/// `POST /staff-invites`: a single-use invitation for a new staff member. Asked from the
/// console, whose address the request's origin gives, the answer carries the invitation link,
/// which is also emailed to the person when email is configured.
pub async fn invite(
    State(state): State<AppState>,
    SiteManager { site, staff_id }: SiteManager,
    headers: HeaderMap,
    Json(invite): Json<NewStaffInvite>,
) -> AppResult<(StatusCode, Json<StaffInvite>)> {
    let mut issued =
        crate::staff_invites::issue_by(&state.store, site.id, staff_id, &invite).await?;
    if let Some(console) = same_origin(&headers) {
        let url = format!(
            "{console}/console/#site={}&invite={}",
            site.key, issued.code
        );
        if state.mail_enabled {
            let mail = StaffInviteMail {
                site_name: &site.name,
                url: &url,
                expires_at: &issued.expires_at,
            };
            let (subject, body) = mail.text();
            let recipient = invite.email.trim().to_lowercase();
            state
                .store
                .queue_staff_invite_mail(site.id, &recipient, &subject, &body)
                .await?;
            issued.emailed = true;
        }
        issued.url = Some(url);
    }
    Ok((StatusCode::CREATED, Json(issued)))
}

/// `GET /staff/team`: the site's active staff, for assigning a ticket to one of them.
pub async fn team(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
) -> AppResult<Json<StaffTeam>> {
    let staff = state.store.active_staff(site.id).await?;
    Ok(Json(StaffTeam { staff }))
}

/// `POST /staff/accept`: redeem an invitation with a new password; signs the member in. The
/// code is checked before the password is hashed, so bogus codes cost no hashing.
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
pub async fn me(SiteStaff { staff, .. }: SiteStaff) -> Json<StaffMember> {
    Json(staff)
}

/// `POST /staff/sign-out`: ends this session.
pub async fn sign_out(
    State(state): State<AppState>,
    SiteStaff { token, staff, .. }: SiteStaff,
) -> AppResult<StatusCode> {
    state.store.close_staff_session(&token).await?;
    // Their open event streams end too (a stream of another of their sessions reconnects).
    state.hub.endings.announce(Ending::Staff(staff.id));
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /staff`: the site's staff accounts, for staff admins.
pub async fn list(
    State(state): State<AppState>,
    SiteManager { site, .. }: SiteManager,
) -> AppResult<Json<StaffAccounts>> {
    let staff = state.store.staff_accounts(site.id).await?;
    Ok(Json(StaffAccounts { staff }))
}

async fn set_disabled(
    state: AppState,
    SiteManager { site, staff_id }: SiteManager,
    target: i64,
    disabled: bool,
) -> AppResult<Json<StaffAccount>> {
    // An admin locking themselves out would need another admin to get back in.
    if staff_id == Some(target) {
        return Err(AppError::Forbidden(
            "you cannot disable or enable your own account; ask another staff admin".to_owned(),
        ));
    }
    let account = state
        .store
        .set_staff_disabled(site.id, staff_id, target, disabled)
        .await?;
    if disabled {
        state.hub.endings.announce(Ending::Staff(target));
    }
    Ok(Json(account))
}

/// `POST /staff/{staff}/disable`: the account can no longer sign in and its sessions end.
pub async fn disable(
    State(state): State<AppState>,
    manager: SiteManager,
    Path((_, target)): Path<(String, i64)>,
) -> AppResult<Json<StaffAccount>> {
    set_disabled(state, manager, target, true).await
}

/// `POST /staff/{staff}/enable`: the account may sign in again.
pub async fn enable(
    State(state): State<AppState>,
    manager: SiteManager,
    Path((_, target)): Path<(String, i64)>,
) -> AppResult<Json<StaffAccount>> {
    set_disabled(state, manager, target, false).await
}
