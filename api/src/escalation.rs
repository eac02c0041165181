//! Escalation: when peers can't help, a visitor hands their question to the brand's staff as a
//! ticket, and a named staff member replies in the widget (and by email).

use serde::{Deserialize, Serialize};

use crate::{Thread, ThreadStatus};

/// Minutes a question may wait for a peer reply before the widget offers staff, unless the
/// site sets its own threshold.
pub const DEFAULT_ESCALATE_AFTER_MINUTES: u32 = 10;

/// Minutes within which the brand aims to send a first staff reply, unless the site sets its
/// own target; the console shows each ticket's age against it.
pub const DEFAULT_FIRST_REPLY_TARGET_MINUTES: u32 = 60;

/// Most searches a ticket keeps: the latest ones the visitor tried.
pub const MAX_SEARCHES_KEPT: usize = 10;

/// A staff member as visitors see them: a name and initials for the avatar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffCard {
    pub name: String,
    /// One or two letters for the avatar.
    pub initials: String,
}

/// Whether staff are still on a ticket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EscalationStatus {
    #[default]
    Open,
    Resolved,
}

impl EscalationStatus {
    /// The name used in JSON, in the database and in `?status=`.
    pub fn as_str(self) -> &'static str {
        match self {
            EscalationStatus::Open => "open",
            EscalationStatus::Resolved => "resolved",
        }
    }

    /// Inverse of [`EscalationStatus::as_str`].
    pub fn parse(name: &str) -> Option<EscalationStatus> {
        [EscalationStatus::Open, EscalationStatus::Resolved]
            .into_iter()
            .find(|status| status.as_str() == name)
    }

    /// The status of the ticket's thread: escalated while open, resolved with it.
    pub fn thread_status(self) -> ThreadStatus {
        match self {
            EscalationStatus::Open => ThreadStatus::Escalated,
            EscalationStatus::Resolved => ThreadStatus::Resolved,
        }
    }
}

/// What the visitor sees of their ticket, on the thread it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EscalationSummary {
    /// The ticket reference to quote, like `PH-7K2QXM`.
    pub reference: String,
    pub status: EscalationStatus,
    /// The staff member handling it, once assigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<StaffCard>,
}

/// `POST /escalations`: hand a question to staff. Sent with an `Idempotency-Key` header, so a
/// retry never opens two tickets.
///
/// With `thread_id` naming the visitor's own question, that thread is escalated and `message`
/// may add what is still missing. Otherwise (from the panel, or from someone else's thread)
/// `message` is the request, and it becomes a new private thread that only the visitor and
/// staff can read; the thread they came from is attached for context.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewEscalation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<i64>,
    #[serde(default)]
    pub message: String,
    /// Where staff should reply by email. Required unless the brand identified the visitor
    /// with an email, which is then used when this is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The page the visitor escalated from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
    /// What the visitor searched for before giving up, newest last; only the last
    /// [`MAX_SEARCHES_KEPT`] are kept.
    #[serde(default)]
    pub searches: Vec<String>,
}

/// The answer to `POST /escalations`: the thread staff will reply on, and the ticket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EscalationCreated {
    pub thread_id: i64,
    pub escalation: EscalationSummary,
}

/// A ticket as staff see it in the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EscalationTicket {
    pub reference: String,
    pub status: EscalationStatus,
    /// The thread staff reply on.
    pub thread_id: i64,
    pub title: String,
    /// The staff member handling it, by id and card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<StaffCard>,
    /// The visitor's name, when the brand identified them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visitor_name: Option<String>,
    /// Where replies are emailed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
    /// What the visitor added when escalating.
    pub message: String,
    pub searches: Vec<String>,
    /// RFC 3339 timestamps.
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_staff_reply_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<String>,
}

impl EscalationTicket {
    /// What the visitor sees of it.
    pub fn summary(&self) -> EscalationSummary {
        EscalationSummary {
            reference: self.reference.clone(),
            status: self.status,
            assignee: self.assignee.clone(),
        }
    }
}

/// `GET /escalations?status=open|resolved`: the queue, oldest first, with the site's target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EscalationQueue {
    pub first_reply_target_minutes: u32,
    pub tickets: Vec<EscalationTicket>,
}

/// `GET /escalations/{reference}`: a ticket with the whole conversation: the thread staff
/// reply on and, when the visitor escalated from someone else's thread, that thread too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EscalationDetail {
    pub ticket: EscalationTicket,
    pub thread: Thread,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_thread: Option<Thread>,
}

/// One staff action, as the audit log keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// Who acted; absent for actions taken with the site's admin token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_name: Option<String>,
    /// What was done, like `escalation.assigned` or `escalation.replied`.
    pub action: String,
    /// What it was done to, like `PH-7K2QXM`.
    pub subject: String,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET /audit-log`: newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditLog {
    pub entries: Vec<AuditEntry>,
}
