//! Inviting a staff member, shared by `POST /staff-invites` and `peerhelp staff invite`: a
//! single-use code (stored hashed) that `POST /staff/accept` redeems with a new password.

use peerhelp_api::{NewStaffInvite, StaffInvite};

use crate::error::{AppError, AppResult};
use crate::secrets::{TokenKind, new_token};
use crate::store::Store;
use crate::validate;

/// Invites the person `invite` names to the site's staff, as the site's administrator.
pub async fn issue(store: &Store, site_id: i64, invite: &NewStaffInvite) -> AppResult<StaffInvite> {
    issue_by(store, site_id, None, invite).await
}

/// Invites the person `invite` names to the site's staff, as staff admin `by` (for the audit
/// log; `None` for the site's administrator).
pub async fn issue_by(
    store: &Store,
    site_id: i64,
    by: Option<i64>,
    invite: &NewStaffInvite,
) -> AppResult<StaffInvite> {
    // Emails compare case-insensitively, as mail systems treat them.
    let email = validate::email(Some(&invite.email))?
        .ok_or_else(|| AppError::InvalidInput("email is required".to_owned()))?
        .to_lowercase();
    let name = validate::name("name", &invite.name)?;
    let code = new_token(TokenKind::Invite);
    let expires_at = store
        .create_staff_invite(site_id, by, &email, &name, invite.role, &code)
        .await?;
    Ok(StaffInvite {
        code,
        expires_at,
        url: None,
        emailed: false,
    })
}
