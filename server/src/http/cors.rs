//! Per-site cross-origin access. Brand pages live on their own origins, so the widget's assets
//! and API calls are cross-origin requests: a page whose origin the site lists gets the CORS
//! headers; any other page is refused outright with a JSON 403, preflight included, so nothing a
//! foreign page sends is ever processed. Requests from this server's own pages (the staff
//! console) are same-origin and need no CORS.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::state::AppState;

/// The site key in `/api/v1/sites/{site}/...` or `/widget/{site}/...`.
fn site_key_of(path: &str) -> Option<&str> {
    let rest = path
        .strip_prefix("/api/v1/sites/")
        .or_else(|| path.strip_prefix("/widget/"))?;
    rest.split('/').next().filter(|key| !key.is_empty())
}

/// The request's `Origin` when it is this server's own (the staff console's page), as
/// `http://host:port`; `None` for other origins and requests without one.
pub fn same_origin(headers: &HeaderMap) -> Option<&str> {
    let origin = headers.get(header::ORIGIN)?.to_str().ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let (scheme, rest) = origin.split_once("://")?;
    (rest == host && (scheme == "http" || scheme == "https")).then_some(origin)
}

/// Every answer of a site's routes depends on `Origin`, including those to requests without
/// one: a shared cache (a CDN in front of the server) must never hand the copy made for a
/// request without `Origin` (no CORS headers) to a brand page, which would then be blocked for
/// as long as the file is cached (a year, for the widget's hashed files).
pub async fn per_site_cors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let varies = site_key_of(request.uri().path()).is_some();
    let mut response = cors(&state, request, next).await;
    if varies {
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("origin"));
    }
    response
}

async fn cors(state: &AppState, request: Request, next: Next) -> Response {
    let Some(origin) = request.headers().get(header::ORIGIN).cloned() else {
        // Not a cross-origin browser request (curl, a server, a same-origin GET).
        return next.run(request).await;
    };
    let Some(site) = site_key_of(request.uri().path()).and_then(|key| state.directory.site(key))
    else {
        // No such site: let the handler answer its 404.
        return next.run(request).await;
    };
    let origin_text = origin.to_str().unwrap_or_default();
    // The staff console is served by this server: its requests are same-origin, which
    // browsers still mark with `Origin` on POST.
    if same_origin(request.headers()).is_some() {
        return next.run(request).await;
    }
    if !site.origins.iter().any(|allowed| allowed == origin_text) {
        return AppError::OriginNotAllowed(origin_text.to_owned()).into_response();
    }
    let is_preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if is_preflight {
        let mut preflight = Response::new(axum::body::Body::empty());
        *preflight.status_mut() = axum::http::StatusCode::NO_CONTENT;
        let headers = preflight.headers_mut();
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE"),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("content-type, authorization, idempotency-key, last-event-id"),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        preflight
    } else {
        next.run(request).await
    };
    response
        .headers_mut()
        .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    response
}

#[cfg(test)]
mod tests {
    use super::site_key_of;

    #[test]
    fn finds_the_site_key_in_api_and_asset_paths() {
        assert_eq!(site_key_of("/api/v1/sites/acme/search"), Some("acme"));
        assert_eq!(
            site_key_of("/widget/acme/peerhelp-widget-1.wasm"),
            Some("acme")
        );
        assert_eq!(site_key_of("/api/v1/openapi.json"), None);
        assert_eq!(site_key_of("/widget.js"), None);
    }
}
