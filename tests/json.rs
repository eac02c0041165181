//! The widget's hand-written JSON mappings against serde_json, which the server uses: every
//! type the widget reads or writes must come out exactly as serde puts it in, for every
//! variant and with optional members both present and absent.
// Browser tests: `JSON.parse` and friends need a JS engine, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

mod common;

use std::fmt::Debug;

use common::*;
use peerhelp_api::{
    AnswerDraft, ApiError, ErrorCode, EscalationCreated, EscalationStatus, EscalationSummary,
    Feedback, FeedbackTally, FlagReason, HelperProfile, HelperQueue, HelperSession, HelperSignIn,
    HelpersOnline, IdentifyRequest, Leaderboard, LeaderboardEntry, LiveEventKind, MyThread,
    MyThreads, NewEscalation, NewFlag, NewQuestion, Position, PresenceStatus, PresenceUpdate,
    QueueItem, Rank, SearchResponse, SiteConfig, StaffCard, ThreadStatus, ThreadViewer, Visitor,
    VisitorSession, VoteTally,
};
use peerhelp_widget::json::{self, Decode, Encode};
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// What the server writes, the widget reads back unchanged.
fn reads<T: Decode + Serialize + PartialEq + Debug>(value: T) {
    let text = serde_json::to_string(&value).unwrap();
    assert_eq!(json::from_str::<T>(&text), Some(value), "reading {text}");
}

/// What the widget writes, the server reads back unchanged.
fn writes<T: Encode + DeserializeOwned + PartialEq + Debug>(value: T) {
    let text = json::to_string(&value).unwrap();
    assert_eq!(
        serde_json::from_str::<T>(&text).unwrap(),
        value,
        "writing {text}"
    );
}

fn staff_card() -> StaffCard {
    StaffCard {
        name: "Sam Ortiz".into(),
        initials: "SO".into(),
    }
}

fn ticket(status: EscalationStatus, assignee: Option<StaffCard>) -> EscalationSummary {
    EscalationSummary {
        reference: "PH-7K2QXM".into(),
        status,
        assignee,
    }
}

#[wasm_bindgen_test]
fn escalations() {
    for assignee in [None, Some(staff_card())] {
        reads(EscalationCreated {
            thread_id: 4,
            escalation: ticket(EscalationStatus::Open, assignee.clone()),
        });
        reads(LiveEventKind::EscalationChanged {
            thread_id: 4,
            escalation: ticket(EscalationStatus::Resolved, assignee),
        });
    }
    writes(NewEscalation {
        thread_id: Some(4),
        message: "Still no signal".into(),
        email: Some("kim@example.com".into()),
        page_url: Some("https://shop.example/help".into()),
        searches: vec!["signal".into(), "no signal indoors".into()],
    });
    writes(NewEscalation {
        thread_id: None,
        message: "Cancel my plan".into(),
        email: None,
        page_url: None,
        searches: vec![],
    });
}

fn question() -> QueueItem {
    QueueItem {
        thread_id: 9,
        title: "Roaming in Spain".into(),
        excerpt: "Does my plan cover it?".into(),
        answer_count: 0,
        created_at: "2025-01-01T00:00:00Z".into(),
    }
}

fn profile(answers_left_this_hour: Option<u32>) -> HelperProfile {
    HelperProfile {
        card: helper_card(5, "Robin"),
        points: 60,
        answers_left_this_hour,
    }
}

#[wasm_bindgen_test]
fn site_config_and_errors() {
    for position in [Position::Left, Position::Right] {
        reads(SiteConfig {
            site: "demo".into(),
            name: "Northwind Mobile".into(),
            color: "#0b5fff".into(),
            text_color: "#ffffff".into(),
            greeting: "Hi! Search our community.".into(),
            language: "fr".into(),
            messages: vec!["Aide".into(), "{n} réponses".into()],
            launcher_label: "Aide de la communauté Northwind".into(),
            position,
            escalate_after_minutes: 10,
            reply_within_minutes: 45,
        });
    }
    let codes = [
        ErrorCode::BadRequest,
        ErrorCode::InvalidInput,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::OriginNotAllowed,
        ErrorCode::MethodNotAllowed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::RateLimited,
        ErrorCode::Internal,
    ];
    for code in codes {
        reads(ApiError {
            code,
            message: "Something is off.".into(),
        });
    }
}

#[wasm_bindgen_test]
fn search_results_and_threads() {
    let mut imported = hit(2, "Late ", "refund", 1, false);
    imported.external_id = Some("so-42".into());
    imported.score = 0.375;
    imported.status = ThreadStatus::Escalated;
    for close_match in [true, false] {
        reads(SearchResponse {
            query: "refund".into(),
            results: vec![
                hit(1, "How do I get a ", "refund", 3, true),
                imported.clone(),
            ],
            close_match,
        });
    }
    let mut helped = answer(1, "Call us", None, true, 4);
    helped.helper = Some(helper_card(5, "Robin"));
    let mut staff_reply = answer(3, "Refunded", Some("Sam Ortiz"), false, 0);
    staff_reply.staff = Some(staff_card());
    let viewer = ThreadViewer {
        is_asker: true,
        voted: vec![1, 2],
        flagged: vec![3],
    };
    let tickets = [
        (ThreadStatus::Open, None),
        (
            ThreadStatus::Escalated,
            Some(ticket(EscalationStatus::Open, None)),
        ),
        (
            ThreadStatus::Resolved,
            Some(ticket(EscalationStatus::Resolved, Some(staff_card()))),
        ),
    ];
    for (status, escalation) in tickets {
        let mut thread = thread_with(
            vec![
                helped.clone(),
                answer(2, "Wait", Some("Sam"), false, 0),
                staff_reply.clone(),
            ],
            Some(viewer.clone()),
        );
        thread.status = status;
        thread.escalation = escalation;
        thread.external_id = Some("so-7".into());
        thread.tags = vec!["billing".into(), "refunds".into()];
        thread.feedback = FeedbackTally {
            helped: 3,
            not_helped: 1,
        };
        reads(thread);
    }
    reads(thread_with(vec![], None));
    reads(VoteTally {
        answer_id: 1,
        votes: 5,
    });
}

#[wasm_bindgen_test]
fn visitors_and_their_questions() {
    for name in [None, Some("Ana".to_owned())] {
        reads(VisitorSession {
            token: "v.abc".into(),
            visitor: Visitor {
                id: 3,
                name: name.clone(),
                identified: name.is_some(),
            },
        });
    }
    reads(MyThreads {
        threads: vec![MyThread {
            id: 7,
            title: "Refund".into(),
            status: ThreadStatus::Answered,
            answer_count: 2,
            unread: 1,
            created_at: "2025-01-01T00:00:00Z".into(),
            last_activity_at: "2025-01-02T00:00:00Z".into(),
        }],
    });
    for (email, page_url) in [
        (None, None),
        (Some("ana@example.com"), Some("https://x.test/")),
    ] {
        let question = NewQuestion {
            title: "Roaming in Spain".into(),
            body: "Does my plan cover it?".into(),
            email: email.map(Into::into),
            page_url: page_url.map(Into::into),
        };
        writes(question.clone());
        reads(question.clone());
        // The outbox keeps questions with their idempotency keys.
        writes(vec![("key-1".to_owned(), question.clone())]);
        reads(vec![("key-1".to_owned(), question)]);
    }
    for name in [None, Some("Ana".to_owned())] {
        let identity = IdentifyRequest {
            id: "cust-1".into(),
            name: name.clone(),
            email: name.map(|_| "ana@example.com".into()),
            expires: 1_900_000_000,
            signature: "ab12".into(),
        };
        writes(identity.clone());
        reads(identity);
    }
    for helped in [true, false] {
        writes(Feedback {
            helped,
            query: helped.then(|| "refund".into()),
        });
    }
}

#[wasm_bindgen_test]
fn helpers_and_their_desk() {
    for left in [None, Some(3)] {
        reads(profile(left));
    }
    reads(HelperSession {
        token: "h.abc".into(),
        helper: profile(Some(5)),
    });
    reads(HelperQueue {
        questions: vec![question()],
    });
    let mut away = helper_card(6, "Ann");
    away.status = PresenceStatus::Away;
    away.rank = Rank::Newcomer;
    let mut offline = helper_card(7, "Bo");
    offline.status = PresenceStatus::Offline;
    offline.rank = Rank::Champion;
    reads(HelpersOnline {
        helpers: vec![helper_card(5, "Robin"), away, offline],
    });
    reads(Leaderboard {
        helpers: vec![LeaderboardEntry {
            helper: helper_card(5, "Robin"),
            points: 300,
            answers: 12,
            accepted_answers: 4,
        }],
    });
    for status in [PresenceStatus::Online, PresenceStatus::Away] {
        writes(PresenceUpdate { status });
    }
    for reason in [FlagReason::Spam, FlagReason::Rude, FlagReason::Wrong] {
        writes(NewFlag { reason });
    }
    writes(AnswerDraft {
        body: "Try **this**.".into(),
    });
    writes(HelperSignIn {
        code: "invite-1".into(),
    });
}

#[wasm_bindgen_test]
fn every_live_event() {
    let events = [
        LiveEventKind::AnswerPosted {
            thread_id: 7,
            thread_title: "Refund".into(),
            answer: answer(1, "Call us", None, false, 0),
        },
        LiveEventKind::AnswerEdited {
            thread_id: 7,
            answer: answer(1, "Call us today", Some("Sam"), false, 2),
        },
        LiveEventKind::AnswerAccepted {
            thread_id: 7,
            answer_id: 1,
        },
        LiveEventKind::AnswerVoted {
            thread_id: 7,
            answer_id: 1,
            votes: 3,
        },
        LiveEventKind::QuestionAsked {
            question: question(),
        },
        LiveEventKind::PresenceChanged {
            helpers: vec![helper_card(5, "Robin")],
        },
        LiveEventKind::ReputationChanged {
            points: 260,
            rank: Rank::Expert,
        },
    ];
    for event in events {
        reads(event);
    }
}

#[wasm_bindgen_test]
fn defaults_and_mistakes() {
    // `#[serde(default)]` members may be missing.
    let span = json::from_str::<peerhelp_api::TextSpan>(r#"{"text":"plain"}"#).unwrap();
    assert!(!span.mark);
    let draft = json::from_str::<NewQuestion>(r#"{"title":"Roaming in Spain"}"#).unwrap();
    assert_eq!(draft.body, "");
    // Anything else that is not the type's shape reads as nothing.
    let mistakes = [
        "",
        "not json",
        "null",
        "[]",
        r#"{"answer_id":1}"#,
        r#"{"answer_id":1,"votes":"5"}"#,
        r#"{"answer_id":1.5,"votes":5}"#,
        r#"{"answer_id":1,"votes":null}"#,
        r#"{"answer_id":1e300,"votes":5}"#,
    ];
    for text in mistakes {
        assert_eq!(json::from_str::<VoteTally>(text), None, "{text}");
    }
    assert_eq!(
        json::from_str::<Vec<QueueItem>>(r#"[{"thread_id":-1}]"#),
        None
    );
    let unknown = r#"{"answer_voted":{"thread_id":7,"answer_id":1,"votes":3},"extra":{}}"#;
    assert_eq!(json::from_str::<LiveEventKind>(unknown), None);
    assert_eq!(json::from_str::<LiveEventKind>(r#"{"renamed":{}}"#), None);
    let status = r#"{"id":5,"name":"R","initials":"R","rank":"expert","status":"busy"}"#;
    assert_eq!(json::from_str::<peerhelp_api::HelperCard>(status), None);
    // A count can't be negative.
    let negative = r#"{"threads":[{"id":7,"title":"t","status":"open","answer_count":-1,"unread":0,"created_at":"","last_activity_at":""}]}"#;
    assert_eq!(json::from_str::<MyThreads>(negative), None);
}
