//! Visitor sessions: an anonymous token on the first action, identification signed by the
//! brand's server, and "My questions".

use axum::extract::State;
use axum::http::StatusCode;
use peerhelp_api::{IdentifyRequest, MyThreads, VisitorSession};

use super::auth::{Caller, MaybeCaller, SiteVisitor};
use super::extract::{Json, Path};
use crate::error::{AppError, AppResult};
use crate::secrets::{IdentityError, TokenKind, new_token, unix_now, verify_identity};
use crate::state::AppState;
use crate::store::Identity;
use crate::validate;

/// `POST /visitors`: a new anonymous visitor and their token.
pub async fn create(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> AppResult<(StatusCode, Json<VisitorSession>)> {
    let site = state.site(&key)?;
    let token = new_token(TokenKind::Visitor);
    let visitor = state.store.create_visitor(site.id, &token).await?;
    Ok((
        StatusCode::CREATED,
        Json(VisitorSession {
            token,
            visitor: visitor.to_api(),
        }),
    ))
}

/// `POST /visitors/identify`: the brand vouches for a customer; an anonymous visitor's token,
/// if sent, brings their questions along.
pub async fn identify(
    State(state): State<AppState>,
    MaybeCaller { site, caller }: MaybeCaller,
    Json(request): Json<IdentifyRequest>,
) -> AppResult<Json<VisitorSession>> {
    let anonymous = match caller {
        Some(Caller::Visitor(visitor)) => Some(visitor.id),
        Some(Caller::Helper(_)) => {
            return Err(AppError::Forbidden(
                "identify takes a visitor's token, not a helper's".to_owned(),
            ));
        }
        None => None,
    };
    let identity = Identity {
        external_id: validate::external_id(&request.id)?,
        name: validate::optional_name("name", request.name.as_deref())?,
        email: validate::email(request.email.as_deref())?,
    };
    let secret =
        state.store.identity_secret(site.id).await?.ok_or_else(|| {
            AppError::Unauthorized("this site has no identity secret yet".to_owned())
        })?;
    verify_identity(
        &secret,
        &request.id,
        request.expires,
        &request.signature,
        unix_now(),
    )
    .map_err(|error| {
        AppError::Unauthorized(match error {
            IdentityError::BadSignature => "the identity signature does not match: sign \
                \"{id}:{expires}\" with HMAC-SHA256 and the site's identity secret, in lowercase hex"
                .to_owned(),
            IdentityError::Expired => format!(
                "the identity signature expired at {} (Unix seconds); sign it again",
                request.expires
            ),
        })
    })?;
    let token = new_token(TokenKind::Visitor);
    let visitor = state
        .store
        .identify_visitor(site.id, &identity, anonymous, &token)
        .await?;
    Ok(Json(VisitorSession {
        token,
        visitor: visitor.to_api(),
    }))
}

/// `GET /visitors/me/threads`.
pub async fn my_threads(
    State(state): State<AppState>,
    SiteVisitor { visitor, .. }: SiteVisitor,
) -> AppResult<Json<MyThreads>> {
    let threads = state.store.my_threads(visitor.id).await?;
    Ok(Json(MyThreads { threads }))
}
