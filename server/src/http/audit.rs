//! The audit log of staff actions over the API (staff admins).

use axum::extract::State;
use peerhelp_api::{AuditLog, StaffRole};

use super::auth::SiteStaff;
use super::extract::Json;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// `GET /audit-log`: staff admins only.
pub async fn audit_log(
    State(state): State<AppState>,
    SiteStaff { site, staff, .. }: SiteStaff,
) -> AppResult<Json<AuditLog>> {
    if staff.role != StaffRole::Admin {
        return Err(AppError::Forbidden(
            "only staff admins can read the audit log".to_owned(),
        ));
    }
    let entries = state.store.audit_log(site.id).await?;
    Ok(Json(AuditLog { entries }))
}
