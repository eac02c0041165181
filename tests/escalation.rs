//! Browser tests of reaching staff: when the offer appears, what the form checks and sends,
//! and how the ticket and staff replies look in the thread.
// Browser tests: they need a DOM, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use leptos::{mount::mount_to, prelude::*};
use peerhelp_api::{EscalationStatus, EscalationSummary, StaffCard, Thread, ThreadViewer};
use peerhelp_widget::components::{EscalateForm, ThreadView};
use peerhelp_widget::{EscalateFrom, PanelState, Screen, Session};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_thread(thread: Thread) -> (web_sys::HtmlElement, Session, impl Sized) {
    let wrapper = wrapper();
    let session = Session::new(API, PanelState::new(), None);
    session.team.set("Nimbus Mobile".into());
    session.reply_within_minutes.set_value(120);
    let view = mount_to(wrapper.clone(), move || {
        provide_context(session);
        view! { <ThreadView thread=RwSignal::new(thread) query=None on_back=Callback::new(|()| {}) /> }
    });
    (wrapper, session, view)
}

fn asked_by_me() -> Option<ThreadViewer> {
    Some(ThreadViewer {
        is_asker: true,
        ..ThreadViewer::default()
    })
}

fn sam() -> StaffCard {
    StaffCard {
        name: "Sam Ortiz".into(),
        initials: "SO".into(),
    }
}

#[wasm_bindgen_test]
async fn didnt_help_offers_the_team() {
    clear_storage();
    let _api = FakeApi::new(&[
        (
            "POST /visitors",
            201,
            r#"{"token":"tok","visitor":{"id":3,"identified":false}}"#.into(),
        ),
        (
            "/threads/7/feedback",
            200,
            r#"{"helped":0,"not_helped":1}"#.to_owned(),
        ),
    ]);
    let thread = thread_with(vec![answer(1, "Try again", None, false, 0)], None);
    let (wrapper, session, _view) = mount_thread(thread);
    settle().await;
    assert!(wrapper.query_selector(".offer").unwrap().is_none());

    click_button(&wrapper, "Didn't help");
    settle().await;
    click_button(&wrapper, "Talk to our team");
    assert_eq!(
        session.panel.screen.get_untracked(),
        Screen::Escalate(EscalateFrom::Other(7))
    );
}

#[wasm_bindgen_test]
async fn an_unanswered_question_offers_the_team_once_the_threshold_passed() {
    // Asked long ago (see `thread_with`) and still without a reply.
    let (wrapper, session, _view) = mount_thread(thread_with(vec![], asked_by_me()));
    settle().await;
    click_button(&wrapper, "Talk to our team");
    assert_eq!(
        session.panel.screen.get_untracked(),
        Screen::Escalate(EscalateFrom::Own(7))
    );

    // Asked just now: peers get their chance first.
    let mut fresh = thread_with(vec![], asked_by_me());
    fresh.created_at = String::from(js_sys::Date::new_0().to_iso_string());
    let (wrapper, _, _view) = mount_thread(fresh);
    settle().await;
    assert!(wrapper.query_selector(".offer").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_ticket_names_who_handles_it_and_staff_answers_are_marked() {
    let mut reply = answer(
        2,
        "I have refunded the charge.",
        Some("Sam Ortiz"),
        false,
        0,
    );
    reply.staff = Some(sam());
    let mut checked = answer(3, "Check the billing page.", Some("Ana"), false, 0);
    checked.verified = true;
    let mut thread = thread_with(vec![reply, checked], asked_by_me());
    thread.escalation = Some(EscalationSummary {
        reference: "PH-7K2QXM".into(),
        status: EscalationStatus::Open,
        assignee: Some(sam()),
    });
    let (wrapper, _, _view) = mount_thread(thread);
    settle().await;

    // A conversation with the brand: whom it went to and how soon, then the named person.
    assert!(
        find(&wrapper, "article")
            .class_list()
            .contains("conversation")
    );
    assert_eq!(
        texts(&wrapper, ".ticket p"),
        [
            "Sent to the Nimbus Mobile team · we usually reply within 2 hours",
            "SOSam Ortiz from our team is handling this.",
            "Ticket PH-7K2QXM"
        ]
    );
    assert_eq!(texts(&wrapper, ".ticket .avatar"), ["SO"]);
    let staff_reply = find(&wrapper, "ol.answers > li");
    assert!(staff_reply.class_list().contains("staff"));
    assert_eq!(texts(&staff_reply, ".badge"), ["Reply from our team"]);
    assert_eq!(texts(&staff_reply, ".answer-meta"), ["Sam Ortiz"]);
    assert!(
        staff_reply
            .query_selector("button, summary")
            .unwrap()
            .is_none(),
        "no upvote, accept or report on the team's reply"
    );
    let checked = find(&wrapper, "ol.answers > li:nth-child(2)");
    assert_eq!(texts(&checked, ".badge"), ["✓ Verified by our team"]);
    assert!(
        checked.query_selector(".answer-actions").unwrap().is_some(),
        "a community answer keeps its actions"
    );
    let said = wrapper.text_content().unwrap();
    for stale in [
        "Helpers have been told",
        "Did this answer",
        "No answers yet",
    ] {
        assert!(!said.contains(stale), "{stale:?} in {said}");
    }
    assert!(
        wrapper.query_selector(".offer").unwrap().is_none(),
        "no offer once the team has it"
    );
}

#[wasm_bindgen_test]
async fn a_new_ticket_waits_for_the_team_without_asking_for_feedback() {
    let mut thread = thread_with(vec![], asked_by_me());
    thread.escalation = Some(EscalationSummary {
        reference: "PH-7K2QXM".into(),
        status: EscalationStatus::Open,
        assignee: None,
    });
    let (wrapper, _, _view) = mount_thread(thread);
    settle().await;
    assert_eq!(
        texts(&wrapper, ".ticket p")[..2],
        [
            "Sent to the Nimbus Mobile team · we usually reply within 2 hours",
            "With our team: a team member will reply here."
        ]
    );
    let said = wrapper.text_content().unwrap();
    for stale in [
        "Helpers have been told",
        "Did this answer",
        "Talk to our team",
    ] {
        assert!(!said.contains(stale), "{stale:?} in {said}");
    }
}

#[wasm_bindgen_test]
async fn the_form_checks_then_sends_the_searches_tried_once() {
    clear_storage();
    let api = FakeApi::new(&[
        (
            "POST /visitors",
            201,
            r#"{"token":"tok","visitor":{"id":3,"identified":false}}"#.into(),
        ),
        (
            "POST /escalations",
            201,
            r#"{"thread_id":12,"escalation":{"reference":"PH-7K2QXM","status":"open"}}"#.into(),
        ),
    ]);
    let wrapper = wrapper();
    let (emit, emitted) = recorder();
    let session = Session::new(API, PanelState::new(), Some(emit));
    session.panel.search("esim");
    session.panel.search("esim not working");
    let _view = mount_to(wrapper.clone(), move || {
        provide_context(session);
        view! { <EscalateForm from=EscalateFrom::Other(7) /> }
    });
    settle().await;

    click_button(&wrapper, "Send to the team");
    settle().await;
    assert_eq!(
        texts(&wrapper, "[role=alert]"),
        ["Please tell the team what you need help with."]
    );
    type_into(&wrapper, "#ph-escalate-message", "My eSIM still fails");
    click_button(&wrapper, "Send to the team");
    settle().await;
    assert_eq!(
        texts(&wrapper, "[role=alert]"),
        ["Please give an email address, so the team can reach you."]
    );
    assert!(api.calls().is_empty());

    type_into(&wrapper, "#ph-escalate-email", "kim@example.com");
    click_button(&wrapper, "Send to the team");
    settle().await;
    let post = api.index("POST", "/escalations");
    assert_eq!(
        api.header(post, "authorization").as_deref(),
        Some("Bearer tok")
    );
    assert!(api.header(post, "idempotency-key").is_some());
    let body: serde_json::Value = serde_json::from_str(&api.body(post).await).unwrap();
    assert_eq!(body["thread_id"], 7);
    assert_eq!(body["message"], "My eSIM still fails");
    assert_eq!(body["email"], "kim@example.com");
    assert_eq!(
        body["searches"],
        serde_json::json!(["esim", "esim not working"])
    );
    assert_eq!(session.panel.screen.get_untracked(), Screen::Thread(12));
    assert_eq!(events(&emitted), ["escalated:PH-7K2QXM"]);
}
