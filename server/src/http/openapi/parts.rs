//! Pieces many operations share: the path parameters and the common error answers, each
//! described once.

use peerhelp_api::ApiError;
use utoipa::{IntoParams, ToResponse};

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
