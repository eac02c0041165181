//! How each API type the widget reads or writes maps to JSON, declared once per type with the
//! macros of [`super::declare`] from the type's fields and its serde attributes in
//! `peerhelp-api`. A field with `#[serde(default)]` carries `default` here; `Option`s need no
//! rule (they may be missing and are left out when `None`).

use peerhelp_api::{
    Answer, AnswerDraft, ApiError, ErrorCode, EscalationCreated, EscalationStatus,
    EscalationSummary, Feedback, FeedbackTally, FlagReason, HelperCard, HelperProfile, HelperQueue,
    HelperSession, HelperSignIn, HelpersOnline, IdentifyRequest, Leaderboard, LeaderboardEntry,
    LiveEventKind, MyThread, MyThreads, NewEscalation, NewFlag, NewQuestion, Position,
    PresenceStatus, PresenceUpdate, QueueItem, Rank, SearchHit, SearchResponse, SiteConfig,
    StaffCard, TextSpan, Thread, ThreadStatus, ThreadViewer, Visitor, VisitorSession, VoteTally,
};

// The site and errors.

json_enum!(Position { Left, Right });

json_object!(SiteConfig {
    site,
    name,
    color,
    text_color,
    greeting,
    language,
    messages,
    launcher_label,
    position,
    escalate_after_minutes,
    reply_within_minutes,
});

json_enum!(ErrorCode {
    BadRequest,
    InvalidInput,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    OriginNotAllowed,
    MethodNotAllowed,
    PayloadTooLarge,
    RateLimited,
    RequestTimeout,
    Internal,
});

json_object!(ApiError { code, message });

// Search and threads.

json_object!(TextSpan {
    text,
    mark: omit_default,
});

json_object!(SearchHit {
    id,
    external_id,
    title,
    title_highlight,
    snippet,
    answer_count,
    has_accepted_answer,
    status,
    score,
});

json_object!(SearchResponse {
    query,
    results,
    close_match,
});

json_enum!(ThreadStatus {
    Open,
    Answered,
    Escalated,
    Resolved,
});

json_object!(Answer {
    id,
    body,
    html,
    author,
    helper,
    staff,
    accepted,
    verified: default,
    votes,
    created_at,
});

json_object!(FeedbackTally { helped, not_helped });

json_object!(ThreadViewer {
    is_asker,
    voted,
    flagged,
});

json_object!(Thread {
    id,
    external_id,
    title,
    body,
    tags,
    status,
    created_at,
    answers,
    feedback,
    escalation,
    viewer,
});

json_object!(VoteTally { answer_id, votes });

json_object!(Feedback { helped, query });

json_enum!(FlagReason { Spam, Rude, Wrong });

json_object!(NewFlag { reason });

json_object!(AnswerDraft { body });

// Escalation to staff.

json_object!(StaffCard { name, initials });

json_enum!(EscalationStatus { Open, Resolved });

json_object!(EscalationSummary {
    reference,
    status,
    assignee,
});

json_object!(NewEscalation {
    thread_id,
    message: default,
    email,
    page_url,
    searches: default,
});

json_object!(EscalationCreated {
    thread_id,
    escalation,
});

// Visitors and their questions.

json_object!(Visitor {
    id,
    name,
    identified,
});

json_object!(VisitorSession { token, visitor });

json_object!(IdentifyRequest {
    id,
    name,
    email,
    expires,
    signature,
});

json_object!(NewQuestion {
    title,
    body: default,
    email,
    page_url,
});

json_object!(MyThread {
    id,
    title,
    status,
    answer_count,
    unread,
    created_at,
    last_activity_at,
});

json_object!(MyThreads { threads });

// Helpers.

json_enum!(Rank {
    Newcomer,
    Helper,
    Expert,
    Champion,
});

json_enum!(PresenceStatus {
    Online,
    Away,
    Offline,
});

json_object!(HelperCard {
    id,
    name,
    initials,
    rank,
    status,
});

json_object!(HelperProfile {
    card,
    points,
    answers_left_this_hour,
});

json_object!(HelperSignIn { code });

json_object!(HelperSession { token, helper });

json_object!(PresenceUpdate { status });

json_object!(HelpersOnline { helpers });

json_object!(QueueItem {
    thread_id,
    title,
    excerpt,
    answer_count,
    created_at,
});

json_object!(HelperQueue { questions });

json_object!(LeaderboardEntry {
    helper,
    points,
    answers,
    accepted_answers,
});

json_object!(Leaderboard { helpers });

// Live events.

json_tagged!(LiveEventKind {
    AnswerPosted {
        thread_id,
        thread_title,
        answer,
    },
    AnswerEdited { thread_id, answer },
    AnswerAccepted {
        thread_id,
        answer_id,
    },
    AnswerVoted {
        thread_id,
        answer_id,
        votes,
    },
    QuestionAsked { question },
    PresenceChanged { helpers },
    EscalationChanged {
        thread_id,
        escalation,
    },
    ReputationChanged { points, rank },
});
