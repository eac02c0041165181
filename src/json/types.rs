//! How each API type the widget reads or writes maps to JSON, member by member, following
//! its serde attributes in `peerhelp-api` (`#[serde(default)]` members may be missing,
//! `Option`s are left out when `None`, enums are `snake_case` names, live events are
//! externally tagged).

use js_sys::{Object, Reflect};
use peerhelp_api::{
    Answer, AnswerDraft, ApiError, ErrorCode, EscalationCreated, EscalationStatus,
    EscalationSummary, Feedback, FeedbackTally, FlagReason, HelperCard, HelperProfile, HelperQueue,
    HelperSession, HelperSignIn, HelpersOnline, IdentifyRequest, Leaderboard, LeaderboardEntry,
    LiveEventKind, MyThread, MyThreads, NewEscalation, NewFlag, NewQuestion, Position,
    PresenceStatus, PresenceUpdate, QueueItem, Rank, SearchHit, SearchResponse, SiteConfig,
    StaffCard, TextSpan, Thread, ThreadStatus, ThreadViewer, Visitor, VisitorSession, VoteTally,
};
use wasm_bindgen::{JsCast, JsValue};

use super::{Decode, Encode, Members, object, variant, variant_name};

const POSITIONS: [(&str, Position); 2] = [("left", Position::Left), ("right", Position::Right)];

const RANKS: [(&str, Rank); 4] = [
    ("newcomer", Rank::Newcomer),
    ("helper", Rank::Helper),
    ("expert", Rank::Expert),
    ("champion", Rank::Champion),
];

const PRESENCE: [(&str, PresenceStatus); 3] = [
    ("online", PresenceStatus::Online),
    ("away", PresenceStatus::Away),
    ("offline", PresenceStatus::Offline),
];

const FLAG_REASONS: [(&str, FlagReason); 3] = [
    ("spam", FlagReason::Spam),
    ("rude", FlagReason::Rude),
    ("wrong", FlagReason::Wrong),
];

const ERROR_CODES: [(&str, ErrorCode); 12] = [
    ("bad_request", ErrorCode::BadRequest),
    ("invalid_input", ErrorCode::InvalidInput),
    ("unauthorized", ErrorCode::Unauthorized),
    ("forbidden", ErrorCode::Forbidden),
    ("not_found", ErrorCode::NotFound),
    ("conflict", ErrorCode::Conflict),
    ("origin_not_allowed", ErrorCode::OriginNotAllowed),
    ("method_not_allowed", ErrorCode::MethodNotAllowed),
    ("payload_too_large", ErrorCode::PayloadTooLarge),
    ("rate_limited", ErrorCode::RateLimited),
    ("request_timeout", ErrorCode::RequestTimeout),
    ("internal", ErrorCode::Internal),
];

impl Decode for Position {
    fn decode(value: &JsValue) -> Option<Self> {
        variant(value, &POSITIONS)
    }
}

impl Decode for Rank {
    fn decode(value: &JsValue) -> Option<Self> {
        variant(value, &RANKS)
    }
}

impl Decode for PresenceStatus {
    fn decode(value: &JsValue) -> Option<Self> {
        variant(value, &PRESENCE)
    }
}

impl Encode for PresenceStatus {
    fn encode(&self) -> JsValue {
        variant_name(self, &PRESENCE)
    }
}

impl Encode for FlagReason {
    fn encode(&self) -> JsValue {
        variant_name(self, &FLAG_REASONS)
    }
}

impl Decode for ErrorCode {
    fn decode(value: &JsValue) -> Option<Self> {
        variant(value, &ERROR_CODES)
    }
}

impl Decode for ThreadStatus {
    fn decode(value: &JsValue) -> Option<Self> {
        ThreadStatus::parse(&value.as_string()?)
    }
}

impl Decode for SiteConfig {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(SiteConfig {
            site: m.get("site")?,
            name: m.get("name")?,
            color: m.get("color")?,
            text_color: m.get("text_color")?,
            greeting: m.get("greeting")?,
            language: m.get("language")?,
            messages: m.get("messages")?,
            launcher_label: m.get("launcher_label")?,
            position: m.get("position")?,
            escalate_after_minutes: m.get("escalate_after_minutes")?,
            reply_within_minutes: m.get("reply_within_minutes")?,
        })
    }
}

impl Decode for ApiError {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(ApiError {
            code: m.get("code")?,
            message: m.get("message")?,
        })
    }
}

impl Decode for TextSpan {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(TextSpan {
            text: m.get("text")?,
            mark: m.get::<Option<bool>>("mark")?.unwrap_or_default(),
        })
    }
}

impl Decode for SearchHit {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(SearchHit {
            id: m.get("id")?,
            external_id: m.get("external_id")?,
            title: m.get("title")?,
            title_highlight: m.get("title_highlight")?,
            snippet: m.get("snippet")?,
            answer_count: m.get("answer_count")?,
            has_accepted_answer: m.get("has_accepted_answer")?,
            status: m.get("status")?,
            score: m.get("score")?,
        })
    }
}

impl Decode for SearchResponse {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(SearchResponse {
            query: m.get("query")?,
            results: m.get("results")?,
            close_match: m.get("close_match")?,
        })
    }
}

impl Decode for HelperCard {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(HelperCard {
            id: m.get("id")?,
            name: m.get("name")?,
            initials: m.get("initials")?,
            rank: m.get("rank")?,
            status: m.get("status")?,
        })
    }
}

impl Decode for Answer {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(Answer {
            id: m.get("id")?,
            body: m.get("body")?,
            html: m.get("html")?,
            author: m.get("author")?,
            helper: m.get("helper")?,
            staff: m.get("staff")?,
            accepted: m.get("accepted")?,
            verified: m.get("verified")?,
            votes: m.get("votes")?,
            created_at: m.get("created_at")?,
        })
    }
}

impl Decode for StaffCard {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(StaffCard {
            name: m.get("name")?,
            initials: m.get("initials")?,
        })
    }
}

impl Decode for EscalationStatus {
    fn decode(value: &JsValue) -> Option<Self> {
        EscalationStatus::parse(&value.as_string()?)
    }
}

impl Decode for EscalationSummary {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(EscalationSummary {
            reference: m.get("reference")?,
            status: m.get("status")?,
            assignee: m.get("assignee")?,
        })
    }
}

impl Decode for EscalationCreated {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(EscalationCreated {
            thread_id: m.get("thread_id")?,
            escalation: m.get("escalation")?,
        })
    }
}

impl Decode for FeedbackTally {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(FeedbackTally {
            helped: m.get("helped")?,
            not_helped: m.get("not_helped")?,
        })
    }
}

impl Decode for ThreadViewer {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(ThreadViewer {
            is_asker: m.get("is_asker")?,
            voted: m.get("voted")?,
            flagged: m.get("flagged")?,
        })
    }
}

impl Decode for Thread {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(Thread {
            id: m.get("id")?,
            external_id: m.get("external_id")?,
            title: m.get("title")?,
            body: m.get("body")?,
            tags: m.get("tags")?,
            status: m.get("status")?,
            created_at: m.get("created_at")?,
            answers: m.get("answers")?,
            feedback: m.get("feedback")?,
            escalation: m.get("escalation")?,
            viewer: m.get("viewer")?,
        })
    }
}

impl Decode for VoteTally {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(VoteTally {
            answer_id: m.get("answer_id")?,
            votes: m.get("votes")?,
        })
    }
}

impl Decode for Visitor {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(Visitor {
            id: m.get("id")?,
            name: m.get("name")?,
            identified: m.get("identified")?,
        })
    }
}

impl Decode for VisitorSession {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(VisitorSession {
            token: m.get("token")?,
            visitor: m.get("visitor")?,
        })
    }
}

impl Decode for IdentifyRequest {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(IdentifyRequest {
            id: m.get("id")?,
            name: m.get("name")?,
            email: m.get("email")?,
            expires: m.get("expires")?,
            signature: m.get("signature")?,
        })
    }
}

impl Encode for IdentifyRequest {
    fn encode(&self) -> JsValue {
        object(&[
            ("id", self.id.encode()),
            ("name", self.name.encode()),
            ("email", self.email.encode()),
            ("expires", self.expires.encode()),
            ("signature", self.signature.encode()),
        ])
    }
}

impl Decode for NewQuestion {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(NewQuestion {
            title: m.get("title")?,
            body: m.get::<Option<String>>("body")?.unwrap_or_default(),
            email: m.get("email")?,
            page_url: m.get("page_url")?,
        })
    }
}

impl Encode for NewQuestion {
    fn encode(&self) -> JsValue {
        object(&[
            ("title", self.title.encode()),
            ("body", self.body.encode()),
            ("email", self.email.encode()),
            ("page_url", self.page_url.encode()),
        ])
    }
}

impl Decode for MyThread {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(MyThread {
            id: m.get("id")?,
            title: m.get("title")?,
            status: m.get("status")?,
            answer_count: m.get("answer_count")?,
            unread: m.get("unread")?,
            created_at: m.get("created_at")?,
            last_activity_at: m.get("last_activity_at")?,
        })
    }
}

impl Decode for MyThreads {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(MyThreads {
            threads: m.get("threads")?,
        })
    }
}

impl Decode for HelperProfile {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(HelperProfile {
            card: m.get("card")?,
            points: m.get("points")?,
            answers_left_this_hour: m.get("answers_left_this_hour")?,
        })
    }
}

impl Decode for HelperSession {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(HelperSession {
            token: m.get("token")?,
            helper: m.get("helper")?,
        })
    }
}

impl Decode for QueueItem {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(QueueItem {
            thread_id: m.get("thread_id")?,
            title: m.get("title")?,
            excerpt: m.get("excerpt")?,
            answer_count: m.get("answer_count")?,
            created_at: m.get("created_at")?,
        })
    }
}

impl Decode for HelperQueue {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(HelperQueue {
            questions: m.get("questions")?,
        })
    }
}

impl Decode for HelpersOnline {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(HelpersOnline {
            helpers: m.get("helpers")?,
        })
    }
}

impl Decode for LeaderboardEntry {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(LeaderboardEntry {
            helper: m.get("helper")?,
            points: m.get("points")?,
            answers: m.get("answers")?,
            accepted_answers: m.get("accepted_answers")?,
        })
    }
}

impl Decode for Leaderboard {
    fn decode(value: &JsValue) -> Option<Self> {
        let m = Members::of(value)?;
        Some(Leaderboard {
            helpers: m.get("helpers")?,
        })
    }
}

/// `{"answer_posted": {…}}`: one member, named after the variant, holding its fields.
impl Decode for LiveEventKind {
    fn decode(value: &JsValue) -> Option<Self> {
        let keys = Object::keys(value.dyn_ref::<Object>()?);
        let tag = keys.get(0).as_string().filter(|_| keys.length() == 1)?;
        let fields = Reflect::get(value, &JsValue::from_str(&tag)).ok()?;
        let m = Members::of(&fields)?;
        Some(match tag.as_str() {
            "answer_posted" => LiveEventKind::AnswerPosted {
                thread_id: m.get("thread_id")?,
                thread_title: m.get("thread_title")?,
                answer: m.get("answer")?,
            },
            "answer_edited" => LiveEventKind::AnswerEdited {
                thread_id: m.get("thread_id")?,
                answer: m.get("answer")?,
            },
            "answer_accepted" => LiveEventKind::AnswerAccepted {
                thread_id: m.get("thread_id")?,
                answer_id: m.get("answer_id")?,
            },
            "answer_voted" => LiveEventKind::AnswerVoted {
                thread_id: m.get("thread_id")?,
                answer_id: m.get("answer_id")?,
                votes: m.get("votes")?,
            },
            "question_asked" => LiveEventKind::QuestionAsked {
                question: m.get("question")?,
            },
            "presence_changed" => LiveEventKind::PresenceChanged {
                helpers: m.get("helpers")?,
            },
            "escalation_changed" => LiveEventKind::EscalationChanged {
                thread_id: m.get("thread_id")?,
                escalation: m.get("escalation")?,
            },
            "reputation_changed" => LiveEventKind::ReputationChanged {
                points: m.get("points")?,
                rank: m.get("rank")?,
            },
            _ => return None,
        })
    }
}

impl Encode for Feedback {
    fn encode(&self) -> JsValue {
        object(&[
            ("helped", self.helped.encode()),
            ("query", self.query.encode()),
        ])
    }
}

impl Encode for NewEscalation {
    fn encode(&self) -> JsValue {
        object(&[
            ("thread_id", self.thread_id.encode()),
            ("message", self.message.encode()),
            ("email", self.email.encode()),
            ("page_url", self.page_url.encode()),
            ("searches", self.searches.encode()),
        ])
    }
}

impl Encode for NewFlag {
    fn encode(&self) -> JsValue {
        object(&[("reason", self.reason.encode())])
    }
}

impl Encode for AnswerDraft {
    fn encode(&self) -> JsValue {
        object(&[("body", self.body.encode())])
    }
}

impl Encode for HelperSignIn {
    fn encode(&self) -> JsValue {
        object(&[("code", self.code.encode())])
    }
}

impl Encode for PresenceUpdate {
    fn encode(&self) -> JsValue {
        object(&[("status", self.status.encode())])
    }
}
