//! The PeerHelp JSON API v1 as plain serde types, shared by the widget (wasm) and the server so
//! the contract has exactly one source. Everything here is data; no I/O.

mod color;
mod community;
mod error;
mod escalation;
mod helper;
mod insights;
mod live;
mod moderation;
mod privacy;
mod search;
mod setup;
mod site;
mod staff;
mod staff_live;
mod text;
mod thread;
mod visitor;
mod webhook;

pub use color::{Rgb, readable_text_color};
pub use community::{CommunityAnswer, CommunityThread};
pub use error::{ApiError, ErrorCode};
pub use escalation::{
    AuditEntry, AuditLog, DEFAULT_ESCALATE_AFTER_MINUTES, DEFAULT_FIRST_REPLY_TARGET_MINUTES,
    EscalationCreated, EscalationDetail, EscalationQueue, EscalationStatus, EscalationSummary,
    EscalationTicket, MAX_SEARCHES_KEPT, NewEscalation, StaffCard,
};
pub use helper::{
    HEARTBEAT_SECONDS, HelperCard, HelperProfile, HelperQueue, HelperSession, HelperSignIn,
    HelpersOnline, Invite, Leaderboard, LeaderboardEntry, NEW_HELPER_ANSWERS_PER_HOUR, NewInvite,
    OFFLINE_AFTER_SECONDS, POINTS_PER_ACCEPTED_ANSWER, POINTS_PER_UPVOTE, PresenceStatus,
    PresenceUpdate, QueueItem, Rank, TRUSTED_HELPER_POINTS,
};
pub use insights::{
    DEFAULT_INSIGHT_DAYS, InsightDay, Insights, KnowledgeGap, MAX_INSIGHT_DAYS, TopThread,
};
pub use live::LiveEventKind;
pub use moderation::{FlagCounts, FlaggedAnswer, HelperAccount, HelperAccounts, ModerationQueue};
pub use privacy::{
    DEFAULT_ACTIVITY_RETENTION_DAYS, DEFAULT_ANONYMOUS_VISITOR_RETENTION_DAYS,
    DEFAULT_FEEDBACK_RETENTION_DAYS, ErasedContent, ExportedActivity, ExportedAnswer,
    ExportedEmail, ExportedEscalation, ExportedFeedback, ExportedFlag, ExportedSession,
    ExportedThread, ExportedVote, MAX_RETENTION_DAYS, PrivacyErase, PrivacyErased, PrivacyExport,
    PrivacyMatches, PrivacyVisitor,
};
pub use search::{SearchHit, SearchResponse, TextSpan};
pub use setup::{
    EscalationAssignee, MAX_PINNED_THREADS, StaffTeam, StaffThreadRow, StaffThreads, WidgetInstall,
    WidgetLoad,
};
pub use site::{IdentitySecret, Position, SiteConfig, SiteSettings, SiteSettingsChange};
pub use staff::{
    MIN_PASSWORD_CHARS, NewStaffInvite, STAFF_SESSION_HOURS, StaffAccept, StaffAccount,
    StaffAccounts, StaffInvite, StaffMember, StaffRole, StaffSession, StaffSignIn,
};
pub use staff_live::{StaffEventKind, TicketChange};
pub use text::{LANGUAGES, Text, hidden_character, in_text_order, plural_is_one};
pub use thread::{
    Answer, AnswerDraft, Feedback, FeedbackTally, FlagReason, NewFlag, Thread, ThreadStatus,
    ThreadViewer, VoteTally,
};
pub use visitor::{IdentifyRequest, MyThread, MyThreads, NewQuestion, Visitor, VisitorSession};
pub use webhook::{
    DeliveryStatus, NewWebhook, WEBHOOK_DELIVERY_HEADER, WEBHOOK_EVENT_HEADER,
    WEBHOOK_SIGNATURE_HEADER, Webhook, WebhookCreated, WebhookDeliveries, WebhookDelivery,
    WebhookEvent, Webhooks,
};

/// Path prefix of every JSON endpoint; bumped only for incompatible changes.
pub const API_PREFIX: &str = "/api/v1";

/// Longest search query the server accepts, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// Most search results one request may ask for.
pub const MAX_SEARCH_LIMIT: u32 = 50;

/// Question titles: long enough to mean something, short enough to scan.
pub const MIN_TITLE_CHARS: usize = 8;
pub const MAX_TITLE_CHARS: usize = 150;

/// Longest question details or answer, in characters.
pub const MAX_BODY_CHARS: usize = 5_000;

/// Whole flags that hide an answer until staff review it. Established visitors' and helpers'
/// flags are whole; a fresh visitor's is half, and fresh ones from one network count as one
/// half (the server's `store::standing` has the rule).
pub const FLAGS_TO_HIDE: u32 = 3;

/// Header that makes `POST /threads` safe to retry.
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";
