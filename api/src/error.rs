//! The one error body every endpoint returns: a stable machine code plus a human message.

use serde::{Deserialize, Serialize};

/// Stable error codes. Clients switch on these; the message is for people and may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request was malformed (bad JSON, bad query string).
    BadRequest,
    /// The request was well-formed but a value is not acceptable.
    InvalidInput,
    /// The request needs a visitor's or helper's token and carried none that is valid, or an
    /// identity signature did not verify or has expired.
    Unauthorized,
    /// The token is valid but does not allow this (another helper's answer, another visitor's
    /// thread).
    Forbidden,
    /// The site, thread or route does not exist.
    NotFound,
    /// The thing being created already exists (for example a site key).
    Conflict,
    /// The page's origin is not in the site's allowed origins.
    OriginNotAllowed,
    /// The endpoint exists but not with this HTTP method.
    MethodNotAllowed,
    /// The body is larger than the server accepts.
    PayloadTooLarge,
    /// Too many requests from this client; retry later.
    RateLimited,
    /// The request did not arrive (or could not be answered) in time; send it again.
    RequestTimeout,
    /// Something failed on the server; details are in the server log, never in the response.
    Internal,
}

/// JSON error body: `{"code": "not_found", "message": "..."}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}
