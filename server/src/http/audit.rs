//! The audit log of staff actions over the API (staff admins).

use axum::extract::State;
use peerhelp_api::{ApiError, AuditLog, StaffRole};

use super::auth::SiteStaff;
use super::extract::Json;
use super::openapi::{Forbidden, SiteKey, StaffRefused};
use super::routes;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// `GET /audit-log`: staff admins only.
#[utoipa::path(
    get,
    path = routes::AUDIT_LOG,
    tag = "escalations",
    summary = "The audit log",
    description = "The latest 200 staff actions, newest first. Staff admins only.",
    params(SiteKey),
    responses(
        (status = 200, description = "Entries.", body = AuditLog),
        (status = 401, response = StaffRefused),
        (status = 403, response = Forbidden),
        (status = 404, description = "No such site, or no such ticket on it.", body = ApiError),
    ),
    security(("staff" = [])),
)]
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
