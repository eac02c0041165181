//! Protections on every response and request: headers that stop browsers from sniffing types
//! and leaking addresses and caches from keeping the API's answers, a strict
//! Content-Security-Policy on the staff console's page, a body declared too large refused at
//! once, and a time limit on each request.

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, REFERRER_POLICY,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64ct::{Base64, Encoding};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::state::AppState;

/// On every response: no MIME sniffing, and no `Referer` sent from our pages (console links
/// would otherwise tell other sites which tickets staff read).
/// The API's answers are kept by no cache, browser's or shared: they carry new tokens,
/// tickets, exports and private threads.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers
        .entry(REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("no-referrer"));
    if api {
        headers
            .entry(CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    response
}

/// Refuses at once a request whose `Content-Length` is over `max` bytes, rather than reading
/// (or waiting for) a body that would be refused once `max` bytes of it had arrived.
pub async fn refuse_declared_oversize(max: usize, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > max as u64) {
        return AppError::PayloadTooLarge.into_response();
    }
    next.run(request).await
}

/// Ends a request whose response has not started within the configured time (a client
/// trickling its body, a stuck handler) with a 408. Only the start counts: an event stream
/// runs on after its headers are sent.
pub async fn request_timeout(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let limit = state.security.connections.request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => AppError::RequestTimeout(format!(
            "the request took longer than {} seconds; send it again, all at once",
            limit.as_secs_f64()
        ))
        .into_response(),
    }
}

/// The console page's Content-Security-Policy: it may not be framed (clickjacking), and it
/// runs only its own files plus the inline start-up scripts of `page` (console/index.html),
/// allowed by their hashes.
pub fn console_page_policy(page: &[u8]) -> HeaderValue {
    let scripts: String = inline_scripts(&String::from_utf8_lossy(page))
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(" 'sha256-{}'", Base64::encode_string(&digest))
        })
        .collect();
    let policy = format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; \
         form-action 'none'; frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy).expect("the policy is visible ASCII")
}

/// The console page's headers: its policy, and no framing for browsers that predate
/// `frame-ancestors`.
pub fn console_page_headers(policy: &HeaderValue, headers: &mut HeaderMap) {
    headers.insert(CONTENT_SECURITY_POLICY, policy.clone());
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

/// The contents of the page's inline `<script>` elements (those without `src`).
fn inline_scripts(page: &str) -> impl Iterator<Item = &str> {
    page.split("<script").skip(1).filter_map(|rest| {
        let (attributes, rest) = rest.split_once('>')?;
        let (body, _) = rest.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_only_inline_scripts() {
        let page = r#"<script src="/a.js"></script><script type="module">init()</script>"#;
        assert_eq!(inline_scripts(page).collect::<Vec<_>>(), ["init()"]);
    }
}
