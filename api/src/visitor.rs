//! Visitors: the anonymous token issued on a visitor's first action, identification by the
//! brand's server, asking a question, and "My questions".

use serde::{Deserialize, Serialize};

use crate::ThreadStatus;

/// A visitor as the API shows them to themselves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Visitor {
    pub id: i64,
    /// Display name, once the brand identified the visitor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether the brand's server vouched for who this is (`PeerHelp('identify', …)`).
    pub identified: bool,
}

/// `POST /visitors` and `POST /visitors/identify`: the bearer token the widget keeps in the
/// browser and sends as `Authorization: Bearer …` from then on. Only its hash is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitorSession {
    pub token: String,
    pub visitor: Visitor,
}

/// `POST /visitors/identify`: what `PeerHelp('identify', {…})` passes on. The brand's server
/// computes `signature` as the lowercase hex HMAC-SHA256, keyed with the site's identity
/// secret, of `"v2\n{id}\n{expires}\n{name}\n{email}"` (an absent name or email as the empty
/// string); `expires` is in Unix seconds, at most 24 hours ahead. The fields are checked
/// exactly as sent: surrounding spaces or control characters are refused. The deprecated
/// `"{id}:{expires}"` form works until 2027-05-31. A visitor already holding an anonymous
/// token sends it too, so the questions they asked follow them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentifyRequest {
    /// The brand's own id for this customer.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub expires: i64,
    pub signature: String,
}

/// `POST /threads`: a visitor's question. Sent with an `Idempotency-Key` header, so a retry
/// (an offline queue flushing, a flaky network) never posts it twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewQuestion {
    pub title: String,
    #[serde(default)]
    pub body: String,
    /// Where to tell the visitor of replies, if they want that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The page the question was asked from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
}

/// One of the visitor's own threads in "My questions".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyThread {
    pub id: i64,
    pub title: String,
    pub status: ThreadStatus,
    pub answer_count: u32,
    /// Answers posted since the visitor last read the thread.
    pub unread: u32,
    /// RFC 3339 timestamp of the question.
    pub created_at: String,
    /// RFC 3339 timestamp of the newest answer, or of the question if none.
    pub last_activity_at: String,
}

/// `GET /visitors/me/threads`: newest activity first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyThreads {
    pub threads: Vec<MyThread>,
}
