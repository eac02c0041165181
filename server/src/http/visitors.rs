//! Visitor sessions: an anonymous token on the first action, identification signed by the
//! brand's server, and "My questions".

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use peerhelp_api::{ApiError, IdentifyRequest, MyThreads, VisitorSession};

use super::auth::{Caller, MaybeCaller, SiteVisitor};
use super::client_ip::ClientIp;
use super::extract::{Json, Path};
use super::openapi::{BadRequest, Forbidden, NoSuchSite, SiteKey, TokenRefused, TooLarge};
use super::routes;
use crate::error::{AppError, AppResult};
use crate::secrets::{
    IdentityError, IdentityForm, LEGACY_IDENTITY_DEPRECATED_AT, LEGACY_IDENTITY_SUNSET_HTTP_DATE,
    MAX_IDENTITY_LIFETIME_SECONDS, SignedIdentity, TokenKind, new_token, unix_now, verify_identity,
};
use crate::state::AppState;
use crate::store::Identity;
use crate::validate;

/// `POST /visitors`: a new anonymous visitor and their token.
#[utoipa::path(
    post,
    path = routes::VISITORS,
    operation_id = "visitors_create",
    tag = "visitors",
    summary = "Start an anonymous visitor session",
    params(SiteKey),
    responses(
        (status = 201, description = "The visitor and their token.", body = VisitorSession),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(key): Path<String>,
) -> AppResult<(StatusCode, Json<VisitorSession>)> {
    let site = state.site(&key)?;
    let token = new_token(TokenKind::Visitor);
    let visitor = state.store.create_visitor(site.id, &token, ip).await?;
    Ok((
        StatusCode::CREATED,
        Json(VisitorSession {
            token,
            visitor: visitor.to_api(),
        }),
    ))
}

/// `POST /visitors/identify`: the brand vouches for a customer; an anonymous visitor's token,
/// if sent, brings their questions along. A signature over the deprecated `{id}:{expires}`
/// string still works until its sunset, with `Deprecation` and `Sunset` headers saying so.
#[utoipa::path(
    post,
    path = routes::VISITOR_IDENTIFY,
    tag = "visitors",
    summary = "Identify a visitor with the brand's signature",
    params(SiteKey),
    request_body = IdentifyRequest,
    responses(
        (status = 200, description = "The identified visitor's new session; an anonymous visitor token sent along moves its threads to them.", body = VisitorSession),
        (status = 400, response = BadRequest),
        (status = 401, description = "Bad or expired signature, or an invalid token (unauthorized); the message says which.", body = ApiError),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
        (status = 413, response = TooLarge),
        (status = 422, description = "Body is not a valid IdentifyRequest, or a value is not acceptable (invalid_input; the message names the field).", body = ApiError),
    ),
    security((), ("visitor" = [])),
)]
pub async fn identify(
    State(state): State<AppState>,
    MaybeCaller { site, caller }: MaybeCaller,
    Json(request): Json<IdentifyRequest>,
) -> AppResult<(HeaderMap, Json<VisitorSession>)> {
    let anonymous = match caller {
        Some(Caller::Visitor(visitor)) => Some(visitor.id),
        Some(Caller::Helper(_)) => {
            return Err(AppError::Forbidden(
                "identify takes a visitor's token, not a helper's".to_owned(),
            ));
        }
        None => None,
    };
    for (field, value) in [("name", &request.name), ("email", &request.email)] {
        if let Some(value) = value {
            validate::signed_text(field, value)?;
        }
    }
    let identity = Identity {
        external_id: validate::external_id(&request.id)?,
        name: validate::optional_name("name", request.name.as_deref())?,
        email: validate::email(request.email.as_deref())?,
    };
    let secret =
        state.store.identity_secret(site.id).await?.ok_or_else(|| {
            AppError::Unauthorized("this site has no identity secret yet".to_owned())
        })?;
    // The fields exactly as they arrived, which the checks above made equal to what is stored.
    let signed = SignedIdentity {
        id: &request.id,
        expires: request.expires,
        name: request.name.as_deref(),
        email: request.email.as_deref(),
    };
    let form = verify_identity(&secret, &signed, &request.signature, unix_now())
        .map_err(|error| refusal(error, request.expires))?;
    let mut headers = HeaderMap::new();
    if form == IdentityForm::Legacy {
        tracing::warn!(
            site = %site.key,
            "identify used the deprecated \"{{id}}:{{expires}}\" signature; it is refused from {LEGACY_IDENTITY_SUNSET_HTTP_DATE}"
        );
        headers.insert(
            "deprecation",
            HeaderValue::from_str(&format!("@{LEGACY_IDENTITY_DEPRECATED_AT}"))
                .expect("a number is a header value"),
        );
        headers.insert(
            "sunset",
            HeaderValue::from_static(LEGACY_IDENTITY_SUNSET_HTTP_DATE),
        );
    }
    let token = new_token(TokenKind::Visitor);
    let visitor = state
        .store
        .identify_visitor(site.id, &identity, anonymous, &token)
        .await?;
    Ok((
        headers,
        Json(VisitorSession {
            token,
            visitor: visitor.to_api(),
        }),
    ))
}

fn refusal(error: IdentityError, expires: i64) -> AppError {
    AppError::Unauthorized(match error {
        IdentityError::BadSignature => "the identity signature does not match: sign \
            \"v2\\n{id}\\n{expires}\\n{name}\\n{email}\" (an absent name or email as an empty \
            string) with HMAC-SHA256 and the site's identity secret, in lowercase hex"
            .to_owned(),
        IdentityError::Expired => {
            format!("the identity signature expired at {expires} (Unix seconds); sign it again")
        }
        IdentityError::TooLongLived => format!(
            "the identity signature's expiry {expires} is more than {} hours away; \
             sign it for a shorter time",
            MAX_IDENTITY_LIFETIME_SECONDS / 3600
        ),
        IdentityError::LegacyRetired => format!(
            "the \"{{id}}:{{expires}}\" identity signature was retired on \
             {LEGACY_IDENTITY_SUNSET_HTTP_DATE}; sign the v2 string instead"
        ),
    })
}

/// `GET /visitors/me/threads`.
#[utoipa::path(
    get,
    path = routes::MY_THREADS,
    tag = "visitors",
    summary = "My questions",
    params(SiteKey),
    responses(
        (status = 200, description = "The visitor's threads with unread answer counts.", body = MyThreads),
        (status = 401, response = TokenRefused),
        (status = 403, response = Forbidden),
        (status = 404, response = NoSuchSite),
    ),
    security(("visitor" = [])),
)]
pub async fn my_threads(
    State(state): State<AppState>,
    SiteVisitor { visitor, .. }: SiteVisitor,
) -> AppResult<Json<MyThreads>> {
    let threads = state.store.my_threads(visitor.id).await?;
    Ok(Json(MyThreads { threads }))
}
