//! Who is calling: `Authorization: Bearer <token>`, resolved against the site in the path.
//! Tokens carry a prefix naming their kind; another site's token is unknown here (401), and a
//! valid token of the wrong kind is refused as forbidden (403).

use std::sync::Arc;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use peerhelp_api::{StaffMember, StaffRole};

use crate::error::{AppError, AppResult};
use crate::secrets::TokenKind;
use crate::state::AppState;
use crate::store::{Flagger, SiteRecord, StaffSession, VisitorRecord};

/// A visitor or a helper of the site.
#[derive(Clone, Debug)]
pub enum Caller {
    Visitor(VisitorRecord),
    Helper(i64),
}

impl Caller {
    pub fn as_flagger(&self) -> Flagger {
        match self {
            Caller::Visitor(visitor) => Flagger::Visitor(visitor.id),
            Caller::Helper(id) => Flagger::Helper(*id),
        }
    }
}

fn invalid_token() -> AppError {
    AppError::Unauthorized(
        "the token is not valid for this site; get a new one (POST /visitors, or a helper invite)"
            .to_owned(),
    )
}

/// Resolves a visitor's or helper's token on `site`.
pub async fn resolve(state: &AppState, site: &SiteRecord, token: &str) -> AppResult<Caller> {
    match TokenKind::of(token) {
        Some(TokenKind::Visitor) => state
            .store
            .visitor_by_token(site.id, token)
            .await?
            .map(Caller::Visitor)
            .ok_or_else(invalid_token),
        Some(TokenKind::Helper) => state
            .store
            .helper_by_token(site.id, token)
            .await?
            .map(Caller::Helper)
            .ok_or_else(invalid_token),
        _ => Err(invalid_token()),
    }
}

/// The bearer token, if the request carries one.
pub(super) fn bearer(parts: &Parts) -> AppResult<Option<&str>> {
    let Some(value) = parts.headers.get(AUTHORIZATION) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|token| Some(token.trim()))
        .ok_or_else(|| {
            AppError::Unauthorized("the Authorization header must be `Bearer <token>`".to_owned())
        })
}

async fn site_of(parts: &mut Parts, state: &AppState) -> AppResult<Arc<SiteRecord>> {
    let params = RawPathParams::from_request_parts(parts, state)
        .await
        .map_err(|rejection| AppError::BadRequest(rejection.body_text()))?;
    let key = params
        .iter()
        .find(|(name, _)| *name == "site")
        .map(|(_, value)| value.to_owned())
        .unwrap_or_default();
    state.site(&key)
}

/// The site and, when the request carries a token, who is calling. A token that is presented
/// must be valid: a stale one is a 401, so the widget knows to drop it.
pub struct MaybeCaller {
    pub site: Arc<SiteRecord>,
    pub caller: Option<Caller>,
}

impl FromRequestParts<AppState> for MaybeCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let site = site_of(parts, state).await?;
        let caller = match bearer(parts)? {
            Some(token) => Some(resolve(state, &site, token).await?),
            None => None,
        };
        Ok(MaybeCaller { site, caller })
    }
}

/// A visitor or a helper of the site; anyone else is refused.
pub struct AnyCaller {
    pub site: Arc<SiteRecord>,
    pub caller: Caller,
}

impl FromRequestParts<AppState> for AnyCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let MaybeCaller { site, caller } = MaybeCaller::from_request_parts(parts, state).await?;
        let caller = caller.ok_or_else(|| {
            AppError::Unauthorized(
                "this needs a visitor's or helper's token in `Authorization: Bearer <token>`"
                    .to_owned(),
            )
        })?;
        Ok(AnyCaller { site, caller })
    }
}

/// A visitor of the site.
pub struct SiteVisitor {
    pub site: Arc<SiteRecord>,
    pub visitor: VisitorRecord,
}

impl FromRequestParts<AppState> for SiteVisitor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let MaybeCaller { site, caller } = MaybeCaller::from_request_parts(parts, state).await?;
        match caller {
            Some(Caller::Visitor(visitor)) => Ok(SiteVisitor { site, visitor }),
            Some(Caller::Helper(_)) => Err(AppError::Forbidden(
                "this is for visitors; a helper's token cannot do it".to_owned(),
            )),
            None => Err(AppError::Unauthorized(
                "this needs a visitor token in `Authorization: Bearer <token>` (from POST /visitors)"
                    .to_owned(),
            )),
        }
    }
}

/// A peer helper of the site.
pub struct SiteHelper {
    pub site: Arc<SiteRecord>,
    pub helper_id: i64,
}

impl FromRequestParts<AppState> for SiteHelper {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let MaybeCaller { site, caller } = MaybeCaller::from_request_parts(parts, state).await?;
        match caller {
            Some(Caller::Helper(helper_id)) => Ok(SiteHelper { site, helper_id }),
            Some(Caller::Visitor(_)) => Err(AppError::Forbidden(
                "this is for peer helpers; a visitor's token cannot do it".to_owned(),
            )),
            None => Err(AppError::Unauthorized(
                "this needs a helper token in `Authorization: Bearer <token>` (from POST /helpers/sign-in)"
                    .to_owned(),
            )),
        }
    }
}

/// The site's administrator, by the site's admin token.
pub struct SiteAdmin {
    pub site: Arc<SiteRecord>,
}

impl FromRequestParts<AppState> for SiteAdmin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let site = site_of(parts, state).await?;
        let token = bearer(parts)?.ok_or_else(|| {
            AppError::Unauthorized(
                "this needs the site's admin token in `Authorization: Bearer <token>`".to_owned(),
            )
        })?;
        if TokenKind::of(token) != Some(TokenKind::SiteAdmin)
            || !state.store.is_admin_token(site.id, token).await?
        {
            return Err(AppError::Unauthorized(
                "that is not this site's admin token (see `peerhelp site rotate-admin-token`)"
                    .to_owned(),
            ));
        }
        Ok(SiteAdmin { site })
    }
}

fn staff_only() -> AppError {
    AppError::Unauthorized(
        "this needs a staff session in `Authorization: Bearer <token>` (from POST /staff/sign-in)"
            .to_owned(),
    )
}

/// A signed-in staff member of the site.
pub struct SiteStaff {
    pub site: Arc<SiteRecord>,
    pub staff: StaffMember,
    /// The session's token, so signing out can end it.
    pub token: String,
}

/// The staff member whose session `token` is, on `site`; any other token is refused.
pub async fn staff_session(
    state: &AppState,
    site: &SiteRecord,
    token: &str,
) -> AppResult<StaffSession> {
    if TokenKind::of(token) != Some(TokenKind::Staff) {
        return Err(staff_only());
    }
    state
        .store
        .staff_by_token(site.id, token)
        .await?
        .ok_or_else(|| {
            AppError::Unauthorized(
                "this staff session has expired or is not valid for this site; sign in again"
                    .to_owned(),
            )
        })
}

impl FromRequestParts<AppState> for SiteStaff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        let site = site_of(parts, state).await?;
        let token = bearer(parts)?.ok_or_else(staff_only)?;
        let staff = staff_session(state, &site, token).await?.member;
        let token = token.to_owned();
        Ok(SiteStaff { site, staff, token })
    }
}

/// Whoever may manage the site (invite staff, set up webhooks): the site's administrator by
/// the admin token, or a signed-in staff admin.
pub struct SiteManager {
    pub site: Arc<SiteRecord>,
    /// The staff admin acting, for the audit log; `None` with the admin token.
    pub staff_id: Option<i64>,
}

impl FromRequestParts<AppState> for SiteManager {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Self> {
        if bearer(parts)?.and_then(TokenKind::of) == Some(TokenKind::Staff) {
            let SiteStaff { site, staff, .. } = SiteStaff::from_request_parts(parts, state).await?;
            if staff.role != StaffRole::Admin {
                return Err(AppError::Forbidden(
                    "only staff admins can manage the site".to_owned(),
                ));
            }
            let staff_id = Some(staff.id);
            return Ok(SiteManager { site, staff_id });
        }
        let SiteAdmin { site } = SiteAdmin::from_request_parts(parts, state).await?;
        Ok(SiteManager {
            site,
            staff_id: None,
        })
    }
}
