//! `GET /api/v1/openapi.json`: the API described as OpenAPI 3.1, generated from the handlers'
//! `#[utoipa::path]` annotations and the API types' schemas. The router registers each route
//! together with its annotation, so the document cannot miss a route nor drift from a type.

mod parts;

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;
use peerhelp_api::ApiError;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

pub use parts::*;

use super::routes;

/// What the routes do not say: the title, the shared error answers and the kinds of token.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "PeerHelp API",
        version = "1.0.0",
        description = "The JSON API behind the PeerHelp widget. Every error is JSON with a stable `code` and a human `message`. Cross-origin requests are answered only for origins the site allows."
    ),
    components(
        schemas(ApiError),
        responses(
            BadRequest,
            TokenRefused,
            StaffRefused,
            AdminRefused,
            Forbidden,
            OriginRefused,
            AdminOnly,
            NoSuchSite,
            TooLarge
        )
    ),
    modifiers(&Tokens)
)]
struct Base;

/// The bearer tokens operations name in their `security`, by scheme name.
const TOKENS: [(&str, &str); 4] = [
    (
        "visitor",
        "A visitor token (pv_…) from POST /visitors or /visitors/identify.",
    ),
    (
        "helper",
        "A helper token (ph_…) from POST /helpers/sign-in.",
    ),
    (
        "siteAdmin",
        "The site's admin token (pa_…), printed by `peerhelp site create` or `peerhelp site rotate-admin-token`.",
    ),
    (
        "staff",
        "A staff session token (ps_…) from POST /staff/sign-in or /staff/accept; it expires after 12 hours.",
    ),
];

struct Tokens;

impl Modify for Tokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        for (name, description) in TOKENS {
            let scheme = HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(description))
                .build();
            components.add_security_scheme(name, SecurityScheme::Http(scheme));
        }
    }
}

/// The document's start, before the router adds the routes.
pub(super) fn base() -> utoipa::openapi::OpenApi {
    Base::openapi()
}

/// The whole document, as the server serves it.
pub fn document() -> utoipa::openapi::OpenApi {
    super::api().into_openapi()
}

/// Serialized once: it depends only on the code.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    document()
        .to_pretty_json()
        .expect("the OpenAPI document serializes")
});

#[utoipa::path(
    get,
    path = routes::OPENAPI,
    tag = "openapi",
    summary = "This document",
    responses((status = 200, description = "OpenAPI 3.1 document.", content_type = "application/json")),
)]
pub async fn served() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.as_str(),
    )
}
