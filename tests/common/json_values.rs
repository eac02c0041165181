//! A value of every API type the widget maps to JSON, with every variant of its enums and its
//! optional members both present and absent: what `tests/json.rs` maps both ways against
//! serde_json, and where `tests/json_robustness.rs` takes the API's member names from. The
//! variants come from the widget's declarations ([`every`]); a field added to a type fails to
//! compile here until it has a value.

use std::fmt::Debug;

use peerhelp_api::{
    AnswerDraft, ApiError, ErrorCode, EscalationCreated, EscalationStatus, EscalationSummary,
    Feedback, FeedbackTally, FlagReason, NewEscalation, NewFlag, Position, SearchResponse,
    SiteConfig, StaffCard, ThreadStatus, ThreadViewer, VoteTally,
};
use peerhelp_widget::json::{Decode, Encode, Variants};
use serde::{Serialize, de::DeserializeOwned};

use super::{answer, helper_card, hit, thread_with};

/// What the widget maps and serde (de)serializes alike.
pub trait Mapped: Decode + Encode + Serialize + DeserializeOwned + PartialEq + Debug {}

impl<T: Decode + Encode + Serialize + DeserializeOwned + PartialEq + Debug> Mapped for T {}

/// Takes each of the values.
pub trait Visit {
    fn visit<T: Mapped>(&mut self, value: T);
}

/// Every variant of a unit enum, as the widget's declaration lists them (its exhaustive
/// `match` keeps the list complete).
pub fn every<T: Variants>() -> Vec<T> {
    T::VARIANTS.iter().map(|(_, variant)| *variant).collect()
}

mod people;

/// Hands every value to `to`, one type after another.
pub fn visit_every_value(to: &mut impl Visit) {
    site_and_errors(to);
    search_and_threads(to);
    escalations(to);
    people::visitors(to);
    people::helpers(to);
    for event in people::live_events() {
        to.visit(event);
    }
}

fn site_and_errors(to: &mut impl Visit) {
    for position in every::<Position>() {
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
    let codes = every::<ErrorCode>();
    for code in codes {
        to.visit(code);
        to.visit(ApiError {
            code,
            message: "Something is off.".into(),
        });
    }
}

pub fn staff_card() -> StaffCard {
    StaffCard {
        name: "Sam Ortiz".into(),
        initials: "SO".into(),
    }
}

pub fn ticket(status: EscalationStatus, assignee: Option<StaffCard>) -> EscalationSummary {
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
    let statuses = every::<ThreadStatus>();
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
    for reason in every::<FlagReason>() {
        to.visit(reason);
        to.visit(NewFlag { reason });
    }
    to.visit(AnswerDraft {
        body: "Try **this**.".into(),
    });
}

fn escalations(to: &mut impl Visit) {
    for status in every::<EscalationStatus>() {
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
