//! A value of every API type the widget maps to JSON, with every variant of its enums and its
//! optional members both present and absent: what `tests/json.rs` maps both ways against
//! serde_json, and where `tests/json_robustness.rs` takes the API's member names from. A
//! variant missing here fails to compile (see [`every`]), as does a field added to a type.

use std::fmt::Debug;

use peerhelp_api::{
    AnswerDraft, ApiError, ErrorCode, EscalationCreated, EscalationStatus, EscalationSummary,
    Feedback, FeedbackTally, FlagReason, HelperProfile, HelperQueue, HelperSession, HelperSignIn,
    HelpersOnline, IdentifyRequest, Leaderboard, LeaderboardEntry, LiveEventKind, MyThread,
    MyThreads, NewEscalation, NewFlag, NewQuestion, Position, PresenceStatus, PresenceUpdate,
    QueueItem, Rank, SearchResponse, SiteConfig, StaffCard, ThreadStatus, ThreadViewer, Visitor,
    VisitorSession, VoteTally,
};
use peerhelp_widget::json::{Decode, Encode};
use serde::{Serialize, de::DeserializeOwned};

use super::{answer, helper_card, hit, thread_with};

/// What the widget maps and serde (de)serializes alike.
pub trait Mapped: Decode + Encode + Serialize + DeserializeOwned + PartialEq + Debug {}

impl<T: Decode + Encode + Serialize + DeserializeOwned + PartialEq + Debug> Mapped for T {}

/// Takes each of the values.
pub trait Visit {
    fn visit<T: Mapped>(&mut self, value: T);
}

/// Every variant of unit enum `$type`, as an array; the `match` without a wildcard makes a
/// variant left out of the list a compile error.
macro_rules! every {
    ($type:ident { $($variant:ident),* $(,)? }) => {{
        let _every_variant_listed = |value: $type| match value {
            $($type::$variant)|* => (),
        };
        [$($type::$variant),*]
    }};
}

/// Hands every value to `to`, one type after another.
pub fn visit_every_value(to: &mut impl Visit) {
    site_and_errors(to);
    search_and_threads(to);
    escalations(to);
    visitors(to);
    helpers(to);
    for event in live_events() {
        to.visit(event);
    }
}

fn site_and_errors(to: &mut impl Visit) {
    for position in every!(Position { Left, Right }) {
        to.visit(position);
        to.visit(SiteConfig {
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
    let codes = every!(ErrorCode {
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
    for code in codes {
        to.visit(code);
        to.visit(ApiError {
            code,
            message: "Something is off.".into(),
        });
    }
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

fn search_and_threads(to: &mut impl Visit) {
    let mut imported = hit(2, "Late ", "refund", 1, false);
    imported.external_id = Some("so-42".into());
    imported.score = 0.375;
    imported.status = ThreadStatus::Escalated;
    for close_match in [true, false] {
        to.visit(SearchResponse {
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
    helped.verified = true;
    let mut staff_reply = answer(3, "Refunded", Some("Sam Ortiz"), false, 0);
    staff_reply.staff = Some(staff_card());
    let viewer = ThreadViewer {
        is_asker: true,
        voted: vec![1, 2],
        flagged: vec![3],
    };
    let statuses = every!(ThreadStatus {
        Open,
        Answered,
        Escalated,
        Resolved,
    });
    for status in statuses {
        to.visit(status);
        let mut thread = thread_with(
            vec![
                helped.clone(),
                answer(2, "Wait", Some("Sam"), false, 0),
                staff_reply.clone(),
            ],
            Some(viewer.clone()),
        );
        thread.status = status;
        thread.escalation = match status {
            ThreadStatus::Escalated => Some(ticket(EscalationStatus::Open, None)),
            ThreadStatus::Resolved => Some(ticket(EscalationStatus::Resolved, Some(staff_card()))),
            ThreadStatus::Open | ThreadStatus::Answered => None,
        };
        thread.external_id = Some("so-7".into());
        thread.tags = vec!["billing".into(), "refunds".into()];
        thread.feedback = FeedbackTally {
            helped: 3,
            not_helped: 1,
        };
        to.visit(thread);
    }
    to.visit(thread_with(vec![], None));
    to.visit(VoteTally {
        answer_id: 1,
        votes: 5,
    });
    for helped in [true, false] {
        to.visit(Feedback {
            helped,
            query: helped.then(|| "refund".into()),
        });
    }
    for reason in every!(FlagReason { Spam, Rude, Wrong }) {
        to.visit(reason);
        to.visit(NewFlag { reason });
    }
    to.visit(AnswerDraft {
        body: "Try **this**.".into(),
    });
}

fn escalations(to: &mut impl Visit) {
    for status in every!(EscalationStatus { Open, Resolved }) {
        to.visit(status);
        for assignee in [None, Some(staff_card())] {
            to.visit(EscalationCreated {
                thread_id: 4,
                escalation: ticket(status, assignee),
            });
        }
    }
    to.visit(NewEscalation {
        thread_id: Some(4),
        message: "Still no signal".into(),
        email: Some("kim@example.com".into()),
        page_url: Some("https://shop.example/help".into()),
        searches: vec!["signal".into(), "no signal indoors".into()],
    });
    to.visit(NewEscalation {
        thread_id: None,
        message: "Cancel my plan".into(),
        email: None,
        page_url: None,
        searches: vec![],
    });
}

fn visitors(to: &mut impl Visit) {
    for name in [None, Some("Ana".to_owned())] {
        to.visit(VisitorSession {
            token: "v.abc".into(),
            visitor: Visitor {
                id: 3,
                name: name.clone(),
                identified: name.is_some(),
            },
        });
        to.visit(IdentifyRequest {
            id: "cust-1".into(),
            name: name.clone(),
            email: name.map(|_| "ana@example.com".into()),
            expires: 1_900_000_000,
            signature: "ab12".into(),
        });
    }
    to.visit(MyThreads {
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
        to.visit(question.clone());
        // The outbox keeps questions with their idempotency keys.
        to.visit(vec![("key-1".to_owned(), question)]);
    }
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

fn helpers(to: &mut impl Visit) {
    for answers_left_this_hour in [None, Some(3)] {
        to.visit(HelperSession {
            token: "h.abc".into(),
            helper: HelperProfile {
                card: helper_card(5, "Robin"),
                points: 60,
                answers_left_this_hour,
            },
        });
    }
    to.visit(HelperSignIn {
        code: "invite-1".into(),
    });
    to.visit(HelperQueue {
        questions: vec![question()],
    });
    let ranks = every!(Rank {
        Newcomer,
        Helper,
        Expert,
        Champion,
    });
    let statuses = every!(PresenceStatus {
        Online,
        Away,
        Offline,
    });
    for status in statuses {
        to.visit(status);
        to.visit(PresenceUpdate { status });
    }
    let mut cards = Vec::new();
    for (rank, status) in ranks.into_iter().zip(statuses.into_iter().cycle()) {
        to.visit(rank);
        let mut card = helper_card(5, "Robin");
        card.rank = rank;
        card.status = status;
        cards.push(card);
    }
    to.visit(HelpersOnline {
        helpers: cards.clone(),
    });
    to.visit(Leaderboard {
        helpers: vec![LeaderboardEntry {
            helper: cards[0].clone(),
            points: 300,
            answers: 12,
            accepted_answers: 4,
        }],
    });
}

/// One event of each kind; the `match` makes a kind without an example a compile error.
fn live_events() -> Vec<LiveEventKind> {
    let events = vec![
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
        LiveEventKind::EscalationChanged {
            thread_id: 4,
            escalation: ticket(EscalationStatus::Resolved, Some(staff_card())),
        },
        LiveEventKind::ReputationChanged {
            points: 260,
            rank: Rank::Expert,
        },
    ];
    let kinds: std::collections::BTreeSet<usize> = events
        .iter()
        .map(|event| match event {
            LiveEventKind::AnswerPosted { .. } => 0,
            LiveEventKind::AnswerEdited { .. } => 1,
            LiveEventKind::AnswerAccepted { .. } => 2,
            LiveEventKind::AnswerVoted { .. } => 3,
            LiveEventKind::QuestionAsked { .. } => 4,
            LiveEventKind::PresenceChanged { .. } => 5,
            LiveEventKind::EscalationChanged { .. } => 6,
            LiveEventKind::ReputationChanged { .. } => 7,
        })
        .collect();
    assert_eq!(
        kinds,
        (0..8).collect(),
        "an example of every kind of live event"
    );
    events
}
