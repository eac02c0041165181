//! Browser tests of states that must not outlive their cause: a validation error once the input
//! is fixed, unread replies the asker has read, feedback asked before there is an answer or of
//! a helper, and the actions of a staff reply.
// Browser tests: they need a DOM, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

mod common;

use common::mounted::*;
use common::*;
use leptos::{mount::mount_to, prelude::*};
use peerhelp_api::{LiveEventKind, Position, SearchResponse, Thread, ThreadViewer};
use peerhelp_widget::components::{AskForm, EscalateForm, ThreadView};
use peerhelp_widget::{EscalateFrom, PanelState, Session};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn asker() -> Option<ThreadViewer> {
    Some(ThreadViewer {
        is_asker: true,
        ..ThreadViewer::default()
    })
}

/// Mounts `thread` in a session, signed in as a helper when `helper`.
fn mount_thread(thread: Thread, helper: bool) -> (web_sys::HtmlElement, impl Sized) {
    let wrapper = wrapper();
    let session = Session::new(API, PanelState::new(), None);
    if helper {
        session.helper_token.set(Some("helper-token".into()));
    }
    let view = mount_to(wrapper.clone(), move || {
        provide_context(session);
        view! { <ThreadView thread=RwSignal::new(thread) query=None on_back=Callback::new(|()| {}) /> }
    });
    (wrapper, view)
}

#[wasm_bindgen_test]
async fn the_question_form_error_goes_once_the_title_is_long_enough() {
    clear_storage();
    let wrapper = wrapper();
    let _view = mount_to(wrapper.clone(), move || {
        provide_context(Session::new(API, PanelState::new(), None));
        view! { <AskForm title=String::new() /> }
    });
    settle().await;
    click_button(&wrapper, "Post question");
    settle().await;
    assert_eq!(
        texts(&wrapper, "#ph-ask-problem"),
        ["Please write a question of at least 8 characters."]
    );
    type_into(&wrapper, "#ph-ask-title", "Roaming");
    settle().await;
    assert_eq!(texts(&wrapper, "#ph-ask-problem").len(), 1);
    assert!(
        !texts(&wrapper, "#ph-ask-problem")[0].is_empty(),
        "7 characters are still too few"
    );
    type_into(&wrapper, "#ph-ask-title", "Roaming in Spain");
    settle().await;
    assert_eq!(texts(&wrapper, "#ph-ask-problem"), [""]);
    assert_eq!(
        find(&wrapper, "#ph-ask-title")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn the_team_form_error_goes_once_the_email_is_given() {
    let wrapper = wrapper();
    let _view = mount_to(wrapper.clone(), move || {
        provide_context(Session::new(API, PanelState::new(), None));
        view! { <EscalateForm from=EscalateFrom::Own(7) /> }
    });
    settle().await;
    click_button(&wrapper, "Send to the team");
    settle().await;
    assert_eq!(
        texts(&wrapper, "[role=alert]"),
        ["Please give an email address, so the team can reach you."]
    );
    type_into(&wrapper, "#ph-escalate-email", "kim@example.com");
    settle().await;
    assert_eq!(texts(&wrapper, "[role=alert]"), [""]);
}

#[wasm_bindgen_test]
async fn no_feedback_before_an_answer_nor_from_a_helper() {
    let (wrapper, _view) = mount_thread(thread_with(vec![], asker()), false);
    settle().await;
    assert!(wrapper.query_selector(".feedback").unwrap().is_none());
    assert!(!wrapper.text_content().unwrap().contains("Did this answer"));

    let answered = thread_with(vec![answer(1, "Use the app", None, false, 0)], None);
    let (wrapper, _view) = mount_thread(answered.clone(), true);
    settle().await;
    assert!(
        wrapper.query_selector(".feedback").unwrap().is_none(),
        "not in the helper desk"
    );

    let (wrapper, _view) = mount_thread(answered, false);
    settle().await;
    assert!(
        wrapper.query_selector(".feedback").unwrap().is_some(),
        "a visitor is asked"
    );
}

#[wasm_bindgen_test]
async fn a_reply_read_as_it_arrives_counts_as_seen() {
    clear_storage();
    store("visitor", "tok");
    let found = SearchResponse {
        query: "refund".into(),
        results: vec![hit(7, "How do I get a ", "refund", 0, false)],
        close_match: true,
    };
    let api = FakeApi::new(&[
        ("/visitors/me/threads", 200, r#"{"threads":[]}"#.into()),
        ("/search", 200, serde_json::to_string(&found).unwrap()),
        (
            "GET /threads/7",
            200,
            serde_json::to_string(&thread_with(vec![], asker())).unwrap(),
        ),
        ("/threads/7/seen", 204, String::new()),
        ("/helpers/online", 200, r#"{"helpers":[]}"#.into()),
    ]);
    let mounted = Mounted::resumed(&config(Position::Right));
    mounted.widget.search("refund".into());
    settle().await;
    click(&mounted.panel(), ".result");
    settle().await;
    assert_eq!(api.count("POST", "/threads/7/seen"), 1);

    let mut reply = answer(31, "Ask in the app.", None, false, 0);
    reply.helper = Some(helper_card(5, "Robin"));
    mounted.live(
        0,
        &LiveEventKind::AnswerPosted {
            thread_id: 7,
            thread_title: "How do I get a refund".into(),
            answer: reply,
        },
        "101",
    );
    settle().await;
    assert_eq!(
        texts(&mounted.panel(), ".answer-body p"),
        ["Ask in the app."]
    );
    assert_eq!(
        api.count("POST", "/threads/7/seen"),
        2,
        "the server hears the new reply was read, so My questions shows no unread reply"
    );
}
