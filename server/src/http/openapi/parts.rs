//! Pieces several operations share, each described once: the path parameters, the common
//! error answers, and the whole answer lists of operations that answer alike.

use peerhelp_api::{Answer, ApiError, EscalationTicket, StaffAccount, StaffThreadRow};
use utoipa::{IntoParams, IntoResponses, ToResponse};

/// One struct per path parameter, so an operation lists its parameters by name.
macro_rules! path_parameters {
    ($($(#[doc = $doc:literal])* $name:ident { $field:ident: $ty:ty })*) => {$(
        #[derive(IntoParams)]
        #[into_params(parameter_in = Path)]
        pub struct $name {
            $(#[doc = $doc])*
            pub $field: $ty,
        }
    )*};
}

path_parameters! {
    /// Public site key, as in the script tag's data-site.
    SiteKey { site: String }
    /// Thread id.
    ThreadId { thread: i64 }
    /// Answer id.
    AnswerId { answer: i64 }
    /// Ticket reference, like PH-7K2QXM.
    TicketReference { reference: String }
    /// The staff account's id.
    StaffId { staff: i64 }
    /// The helper's id.
    HelperId { helper: i64 }
    /// The webhook's id.
    WebhookId { webhook: i64 }
    /// The visitor's id, from the search.
    VisitorId { visitor: i64 }
}

/// One reusable response per common error, its body the JSON `ApiError`.
macro_rules! error_responses {
    ($($name:ident: $description:literal,)*) => {$(
        #[derive(ToResponse)]
        #[response(description = $description)]
        pub struct $name(pub ApiError);
    )*};
}

error_responses! {
    BadRequest: "Malformed request (bad JSON, bad path or query).",
    TokenRefused: "Missing, invalid or other site's token (unauthorized).",
    StaffRefused: "Missing, expired or other site's staff session (unauthorized).",
    AdminRefused: "Missing or invalid admin token or staff session (unauthorized).",
    Forbidden: "The page's origin is not allowed for this site (origin_not_allowed), or the token may not do this (forbidden).",
    OriginRefused: "The page's origin is not allowed for this site (origin_not_allowed).",
    AdminOnly: "A staff agent where an admin is needed (forbidden).",
    NoSuchSite: "No such site.",
    TooLarge: "Body too large.",
}

/// What staff get back from assigning a ticket to themselves, resolving or reopening it.
#[derive(IntoResponses)]
#[allow(
    clippy::large_enum_variant,
    reason = "never built: it only describes the answers"
)]
pub enum TicketChanged {
    #[response(status = 200, description = "The ticket as it is now.")]
    Ticket(EscalationTicket),
    #[response(status = 401)]
    Refused(#[ref_response] StaffRefused),
    #[response(status = 403)]
    Forbidden(#[ref_response] Forbidden),
    #[response(status = 404, description = "No such site, or no such ticket on it.")]
    NoSuchTicket(ApiError),
}

/// What staff get back from hiding, restoring, verifying or unverifying an answer.
#[derive(IntoResponses)]
pub enum AnswerReviewed {
    #[response(status = 200, description = "The answer as it is now.")]
    Answer(Answer),
    #[response(status = 401)]
    Refused(#[ref_response] StaffRefused),
    #[response(
        status = 404,
        description = "No such site, or no such answer or helper on it."
    )]
    NoSuchAnswer(ApiError),
}

/// What a staff admin gets back from disabling or enabling an account.
#[derive(IntoResponses)]
pub enum StaffAccountChanged {
    #[response(status = 200, description = "The account as it is now.")]
    Account(StaffAccount),
    #[response(status = 401)]
    Refused(#[ref_response] AdminRefused),
    #[response(
        status = 403,
        description = "A staff session that is not a staff admin's, or one's own account (forbidden)."
    )]
    NotAllowed(ApiError),
    #[response(
        status = 404,
        description = "No such site, or no such staff member on it."
    )]
    NoSuchStaff(ApiError),
}

/// What staff get back from pinning or unpinning a thread.
#[derive(IntoResponses)]
pub enum PinChanged {
    #[response(status = 200, description = "The thread as it is now.")]
    Thread(StaffThreadRow),
    #[response(status = 400, description = "Malformed thread id.")]
    BadThreadId(ApiError),
    #[response(status = 401)]
    Refused(#[ref_response] StaffRefused),
    #[response(
        status = 404,
        description = "No such site, or no public thread with this id on it."
    )]
    NoSuchThread(ApiError),
}
