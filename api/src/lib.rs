//! The PeerHelp JSON API v1 as plain serde types, shared by the widget (wasm) and the server so
//! the contract has exactly one source. Everything here is data; no I/O.

mod color;
mod community;
mod error;
mod search;
mod site;
mod thread;

pub use color::{Rgb, readable_text_color};
pub use community::{CommunityAnswer, CommunityThread};
pub use error::{ApiError, ErrorCode};
pub use search::{SearchHit, SearchResponse, TextSpan};
pub use site::{Position, SiteConfig};
pub use thread::{Answer, Feedback, FeedbackTally, Thread, ThreadStatus};

/// Path prefix of every JSON endpoint; bumped only for incompatible changes.
pub const API_PREFIX: &str = "/api/v1";

/// Longest search query the server accepts, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// Most search results one request may ask for.
pub const MAX_SEARCH_LIMIT: u32 = 50;
