//! The values of visitors, their questions, helpers and live events.

use peerhelp_api::{
    EscalationStatus, HelperProfile, HelperQueue, HelperSession, HelperSignIn, HelpersOnline,
    IdentifyRequest, Leaderboard, LeaderboardEntry, LiveEventKind, MyThread, MyThreads,
    NewQuestion, PresenceStatus, PresenceUpdate, QueueItem, Rank, ThreadStatus, Visitor,
    VisitorSession,
};

use super::super::{answer, helper_card};
use super::{Visit, every, staff_card, ticket};

pub fn visitors(to: &mut impl Visit) {
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

pub fn helpers(to: &mut impl Visit) {
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
    let ranks = every::<Rank>();
    let statuses = every::<PresenceStatus>();
    for &status in &statuses {
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
pub fn live_events() -> Vec<LiveEventKind> {
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
