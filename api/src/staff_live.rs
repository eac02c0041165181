//! Live events for staff: what `GET /staff/events` streams (Server-Sent Events), in the same
//! form as the visitors' and helpers' stream (`id:` the event id, `data:` a
//! [`StaffEventKind`] as JSON, resumable with `Last-Event-ID`). An event says *what* changed,
//! never the visitor's details: the console reads the current state through the API, which
//! applies every access rule, and an erased visitor leaves nothing behind in the stream.

use serde::{Deserialize, Serialize};

/// What changed on the site's tickets or moderation queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffEventKind {
    /// A ticket was opened, assigned, replied to, answered, resolved or reopened.
    TicketChanged {
        reference: String,
        change: TicketChange,
    },
    /// The moderation queue changed: an answer was flagged, hidden, restored, verified or
    /// unverified.
    ModerationChanged { answer_id: i64 },
}

/// How a ticket changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketChange {
    /// A visitor handed a question to staff.
    Opened,
    /// A staff member took it.
    Assigned,
    /// A staff member replied (taking it if nobody had).
    Replied,
    /// Someone other than staff answered on the ticket's thread (a peer helper).
    Answered,
    Resolved,
    /// Staff reopened it, or its visitor escalated the resolved question again.
    Reopened,
}
