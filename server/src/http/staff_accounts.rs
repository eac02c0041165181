//! Staff accounts over the API, for those who manage them: invitations, the team, listing,
//! disabling and enabling accounts.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use peerhelp_api::{ApiError, NewStaffInvite, StaffAccount, StaffAccounts, StaffInvite, StaffTeam};

use super::auth::{SiteManager, SiteStaff};
use super::cors::same_origin;
use super::extract::{Json, Path};
use super::openapi::{
    AdminRefused, BadRequest, NoSuchSite, SiteKey, StaffAccountChanged, StaffId, StaffRefused,
    TooLarge,
};
use super::routes;
use crate::error::{AppError, AppResult};
use crate::mailer::StaffInviteMail;
use crate::state::AppState;
use crate::store::Ending;

/// `POST /staff-invites`: a single-use invitation for a new staff member. Asked from the
/// console, whose address the request's origin gives, the answer carries the invitation link,
/// which is also emailed to the person when email is configured.
#[utoipa::path(
    post,
    path = routes::STAFF_INVITES,
    tag = "staff",
    summary = "Invite a staff member (site admin token, or a staff admin's session)",
    params(SiteKey),
    request_body = NewStaffInvite,
    responses(
        (status = 201, description = "A single-use invitation valid for 7 days.", body = StaffInvite),
        (status = 400, response = BadRequest),
        (status = 401, description = "Missing or wrong admin token or staff session.", body = ApiError),
        (status = 403, description = "A staff agent (only admins invite), or the page's origin is not allowed.", body = ApiError),
        (status = 404, response = NoSuchSite),
        (status = 409, description = "The email already has a staff account on this site (conflict).", body = ApiError),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid NewStaffInvite, or a value is not acceptable (invalid_input; the message names the field).", body = ApiError),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
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
#[utoipa::path(
    get,
    path = routes::STAFF_TEAM,
    tag = "staff",
    summary = "The site's active staff (staff)",
    description = "Who a ticket may be assigned to: every staff account that is not disabled, by name.",
    params(SiteKey),
    responses(
        (status = 200, description = "The active staff.", body = StaffTeam),
        (status = 401, response = StaffRefused),
        (status = 404, response = NoSuchSite),
    ),
    security(("staff" = [])),
)]
pub async fn team(
    State(state): State<AppState>,
    SiteStaff { site, .. }: SiteStaff,
) -> AppResult<Json<StaffTeam>> {
    let staff = state.store.active_staff(site.id).await?;
    Ok(Json(StaffTeam { staff }))
}

/// `GET /staff`: the site's staff accounts, for staff admins.
#[utoipa::path(
    get,
    path = routes::STAFF,
    operation_id = "staff_accounts_list",
    tag = "staff",
    summary = "List the staff accounts",
    description = "The site's staff accounts, oldest first, with whether each is disabled. For the site admin token or a staff admin.",
    params(SiteKey),
    responses(
        (status = 200, description = "The staff accounts.", body = StaffAccounts),
        (status = 401, response = AdminRefused),
        (status = 403, description = "A staff session that is not a staff admin's (forbidden).", body = ApiError),
        (status = 404, response = NoSuchSite),
    ),
    security(("siteAdmin" = []), ("staff" = [])),
)]
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
        state.end_streams(Ending::Staff(target)).await;
    }
    Ok(Json(account))
}

/// `POST /staff/{staff}/disable`: the account can no longer sign in and its sessions end.
#[utoipa::path(
    post,
    path = routes::STAFF_DISABLE,
    tag = "staff",
    summary = "Disable a staff account",
    description = "The account can no longer sign in and its sessions end at once. Not one's own account. Audited (staff.disabled).",
    params(SiteKey, StaffId),
    responses(StaffAccountChanged),
    security(("siteAdmin" = []), ("staff" = [])),
)]
pub async fn disable(
    State(state): State<AppState>,
    manager: SiteManager,
    Path((_, target)): Path<(String, i64)>,
) -> AppResult<Json<StaffAccount>> {
    set_disabled(state, manager, target, true).await
}

/// `POST /staff/{staff}/enable`: the account may sign in again.
#[utoipa::path(
    post,
    path = routes::STAFF_ENABLE,
    tag = "staff",
    summary = "Enable a staff account",
    description = "The account may sign in again. Not one's own account. Audited (staff.enabled).",
    params(SiteKey, StaffId),
    responses(StaffAccountChanged),
    security(("siteAdmin" = []), ("staff" = [])),
)]
pub async fn enable(
    State(state): State<AppState>,
    manager: SiteManager,
    Path((_, target)): Path<(String, i64)>,
) -> AppResult<Json<StaffAccount>> {
    set_disabled(state, manager, target, false).await
}
