//! The question form: checks, one post per question, refusals, the draft, similar threads.

use crate::common::*;
use crate::fixtures::*;
use leptos::{mount::mount_to, prelude::*};
use peerhelp_widget::components::AskForm;
use peerhelp_widget::{PanelState, Screen, Session};
use wasm_bindgen_test::*;

/// Mounts the question form with a session made outside the mount, so the test can watch it.
fn mount_ask(title: &str) -> (web_sys::HtmlElement, Session, impl Sized) {
    let wrapper = wrapper();
    let session = Session::new(API, PanelState::new(), None);
    let title = title.to_owned();
    let view = mount_to(wrapper.clone(), move || {
        provide_context(session);
        view! { <AskForm title /> }
    });
    (wrapper, session, view)
}

#[wasm_bindgen_test]
async fn the_ask_form_checks_the_title_then_posts_once_with_an_idempotency_key() {
    clear_storage();
    let api = FakeApi::new(&[
        ("/search", 200, r#"{"query":"","results":[]}"#.into()),
        (
            "POST /visitors",
            201,
            r#"{"token":"tok","visitor":{"id":3,"identified":false}}"#.into(),
        ),
        (
            "POST /threads",
            201,
            serde_json::to_string(&thread_with(vec![], asker())).unwrap(),
        ),
    ]);
    let (wrapper, session, _view) = mount_ask("refund");
    settle().await;
    assert_eq!(
        value_of(&wrapper, "#ph-ask-title"),
        "refund",
        "prefilled from the search"
    );

    click_button(&wrapper, "Post question");
    settle().await;
    assert_eq!(
        texts(&wrapper, "#ph-ask-problem"),
        ["Please write a question of at least 8 characters."]
    );
    let title = find(&wrapper, "#ph-ask-title");
    assert_eq!(title.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(api.calls().is_empty());

    type_into(&wrapper, "#ph-ask-title", "How do I get a refund?");
    type_into(&wrapper, "#ph-ask-body", "I was charged twice.");
    type_into(&wrapper, "#ph-ask-email", "sam@example.com");
    click_button(&wrapper, "Post question");
    settle().await;
    assert_eq!(api.count("POST", "/visitors"), 1);
    let post = api.index("POST", "/threads");
    assert_eq!(
        api.header(post, "authorization").as_deref(),
        Some("Bearer tok")
    );
    let key = api
        .header(post, "idempotency-key")
        .expect("an idempotency key");
    assert!(key.len() >= 8, "{key}");
    let body: serde_json::Value = serde_json::from_str(&api.body(post).await).unwrap();
    assert_eq!(body["title"], "How do I get a refund?");
    assert_eq!(body["body"], "I was charged twice.");
    assert_eq!(body["email"], "sam@example.com");
    assert!(body["page_url"].as_str().unwrap().starts_with("http"));
    assert_eq!(session.panel.screen.get_untracked(), Screen::Thread(7));
    assert_eq!(session.panel.back.get_untracked(), Screen::Mine);
    assert!(
        stored("draft").is_none(),
        "the draft is cleared once posted"
    );
}

#[wasm_bindgen_test]
async fn a_server_refusal_is_shown_and_the_question_kept() {
    clear_storage();
    store("visitor", "tok");
    let _api = FakeApi::new(&[(
        "POST /threads",
        422,
        r#"{"code":"invalid_input","message":"The title must say what you need help with."}"#
            .into(),
    )]);
    let (wrapper, _session, _view) = mount_ask("");
    settle().await;
    type_into(&wrapper, "#ph-ask-title", "aaaaaaaaaaaa");
    click_button(&wrapper, "Post question");
    settle().await;
    assert_eq!(
        texts(&wrapper, "#ph-ask-problem"),
        ["The title must say what you need help with."]
    );
    assert_eq!(value_of(&wrapper, "#ph-ask-title"), "aaaaaaaaaaaa");
    assert!(stored("draft").is_some());
}

#[wasm_bindgen_test]
async fn the_draft_survives_a_remount() {
    clear_storage();
    let _api = FakeApi::new(&[("/search", 200, r#"{"query":"","results":[]}"#.into())]);
    let (wrapper, _session, view) = mount_ask("");
    settle().await;
    assert!(stored("draft").is_none(), "nothing stored before typing");
    type_into(&wrapper, "#ph-ask-title", "Roaming in Spain");
    type_into(&wrapper, "#ph-ask-body", "Does my plan cover it?");
    type_into(&wrapper, "#ph-ask-email", "ann@example.com");
    drop(view);

    let (wrapper, _session, _view) = mount_ask("something else");
    settle().await;
    assert_eq!(value_of(&wrapper, "#ph-ask-title"), "Roaming in Spain");
    assert_eq!(value_of(&wrapper, "#ph-ask-body"), "Does my plan cover it?");
    assert_eq!(value_of(&wrapper, "#ph-ask-email"), "ann@example.com");
}

#[wasm_bindgen_test]
async fn similar_threads_are_suggested_while_the_title_is_typed() {
    clear_storage();
    let found = peerhelp_api::SearchResponse {
        query: "refund".into(),
        results: vec![hit(7, "How do I get a ", "refund", 2, true)],
        close_match: true,
    };
    let api = FakeApi::new(&[("/search", 200, serde_json::to_string(&found).unwrap())]);
    let (wrapper, session, _view) = mount_ask("");
    settle().await;
    let timeouts = fake_timeouts();
    type_into(&wrapper, "#ph-ask-title", "refund twice");
    settle().await;
    assert!(api.calls().is_empty(), "no request while typing");
    pass_time(&timeouts, 299).await;
    assert!(api.calls().is_empty(), "the pause is 300 ms");
    pass_time(&timeouts, 300).await;
    real_timeouts();
    assert_eq!(
        api.urls(),
        [format!("{API}/search?q=refund%20twice&limit=8")]
    );
    assert_eq!(
        texts(&wrapper, ".similar .result-title"),
        ["How do I get a refund"]
    );
    click(&wrapper, ".similar .result");
    assert_eq!(session.panel.screen.get_untracked(), Screen::Thread(7));
}
