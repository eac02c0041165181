//! A thread: the accepted answer first, feedback, and the only markup inserted.

use crate::common::*;
use crate::fixtures::*;
use leptos::{mount::mount_to, prelude::*};
use peerhelp_widget::components::ThreadView;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn a_thread_shows_the_accepted_answer_first_with_its_badge() {
    let wrapper = wrapper();
    let backs = RwSignal::new(0);
    let _view = mount_to(wrapper.clone(), move || {
        session();
        view! {
            <ThreadView
                thread=RwSignal::new(thread())
                query=None
                on_back=Callback::new(move |()| backs.update(|n| *n += 1))
            />
        }
    });
    settle().await;

    assert_eq!(texts(&wrapper, "h3"), ["Can I keep my number?"]);
    assert_eq!(
        texts(&wrapper, ".question p"),
        [
            "I'm switching networks.",
            "Will my <b>number</b> move with me?"
        ]
    );
    assert!(wrapper.query_selector(".question b").unwrap().is_none());
    assert_eq!(texts(&wrapper, ".answers-heading"), ["2 answers"]);
    let first = find(&wrapper, "ol.answers > li:first-child");
    assert!(first.class_list().contains("accepted"));
    assert_eq!(texts(&first, ".badge"), ["✓ Accepted answer"]);
    assert_eq!(texts(&first, ".answer-meta"), ["Sam · 4 votes"]);
    assert_eq!(
        texts(&first, ".answer-body p"),
        ["Yes: ask your old network for a PAC code."]
    );
    assert!(
        first.query_selector(".answer-actions").unwrap().is_some(),
        "anyone may upvote and report"
    );
    assert!(
        !wrapper
            .text_content()
            .unwrap()
            .contains("Accept this answer")
    );
    let second = find(&wrapper, "ol.answers > li:nth-child(2)");
    assert!(second.query_selector(".badge").unwrap().is_none());
    assert_eq!(
        texts(&second, ".answer-meta"),
        ["A community member · 9 votes"]
    );

    click_button(&wrapper, "Back to results");
    assert_eq!(backs.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn feedback_is_posted_then_thanked() {
    clear_storage();
    let api = FakeApi::new(&[
        (
            "POST /visitors",
            201,
            r#"{"token":"new-token","visitor":{"id":3,"identified":false}}"#.into(),
        ),
        (
            "/threads/7/feedback",
            200,
            r#"{"helped":5,"not_helped":1}"#.to_owned(),
        ),
    ]);
    let wrapper = wrapper();
    let _view = mount_to(wrapper.clone(), move || {
        session();
        view! {
            <ThreadView
                thread=RwSignal::new(thread())
                query=Some("pac code".into())
                on_back=Callback::new(|()| {})
            />
        }
    });
    settle().await;

    click_button(&wrapper, "This helped");
    settle().await;
    // Feedback is one per visitor and thread, so it carries the visitor's token.
    assert_eq!(
        api.urls(),
        [
            "https://peerhelp.test/api/v1/sites/demo/visitors",
            "https://peerhelp.test/api/v1/sites/demo/threads/7/feedback"
        ]
    );
    assert_eq!(
        api.header(1, "authorization").as_deref(),
        Some("Bearer new-token")
    );
    assert_eq!(api.request(1, "method"), "POST");
    assert_eq!(api.body(1).await, r#"{"helped":true,"query":"pac code"}"#);
    assert_eq!(texts(&wrapper, ".thanks"), ["Thanks! Glad it helped."]);
    assert!(
        wrapper
            .query_selector(".feedback button")
            .unwrap()
            .is_none()
    );
    // The pressed button is gone; focus moved to the thanks rather than the page's body.
    assert_eq!(document().active_element(), Some(find(&wrapper, ".thanks")));
}

#[wasm_bindgen_test]
async fn failed_feedback_says_why_and_keeps_the_buttons() {
    clear_storage();
    let _api = FakeApi::new(&[
        (
            "POST /visitors",
            201,
            r#"{"token":"new-token","visitor":{"id":3,"identified":false}}"#.into(),
        ),
        ("/feedback", 0, String::new()),
    ]);
    let wrapper = wrapper();
    let _view = mount_to(wrapper.clone(), move || {
        session();
        view! { <ThreadView thread=RwSignal::new(thread()) query=None on_back=Callback::new(|()| {}) /> }
    });
    settle().await;

    click_button(&wrapper, "Didn't help");
    settle().await;
    assert!(texts(&wrapper, ".feedback .error-text")[0].contains("couldn't reach"));
    assert_eq!(texts(&wrapper, ".feedback button").len(), 2);
}

#[wasm_bindgen_test]
async fn answer_html_is_the_only_markup_inserted() {
    let wrapper = wrapper();
    let mut rich = answer(1, "<script>bad()</script>", Some("<i>Sam</i>"), false, 0);
    rich.html = r#"<p>Ask for a <code>PAC</code> at <a href="https://example.com">your network</a>.</p><ul><li>free</li></ul>"#.into();
    let mut evil = thread_with(vec![rich], None);
    evil.title = "<img src=x onerror=alert(1)> refund".into();
    evil.body = "<b>charged</b> twice".into();
    let _view = mount_to(wrapper.clone(), move || {
        session();
        view! { <ThreadView thread=RwSignal::new(evil) query=None on_back=Callback::new(|()| {}) /> }
    });
    settle().await;

    assert_eq!(texts(&wrapper, ".answer-body code"), ["PAC"]);
    assert_eq!(texts(&wrapper, ".answer-body li"), ["free"]);
    assert_eq!(
        find(&wrapper, ".answer-body a")
            .get_attribute("href")
            .as_deref(),
        Some("https://example.com")
    );
    assert!(
        wrapper
            .query_selector("img, b, i, script")
            .unwrap()
            .is_none()
    );
    assert_eq!(
        texts(&wrapper, "h3"),
        ["<img src=x onerror=alert(1)> refund"]
    );
    assert_eq!(texts(&wrapper, ".question p"), ["<b>charged</b> twice"]);
    assert_eq!(texts(&wrapper, ".answer-meta"), ["<i>Sam</i> · 0 votes"]);
}
