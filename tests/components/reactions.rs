//! Votes, acceptance, reports and replies, each sent with the visitor token.

use crate::common::*;
use crate::fixtures::*;
use leptos::{mount::mount_to, prelude::*};
use peerhelp_widget::components::ThreadView;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn votes_acceptance_and_reports_are_sent_with_the_visitor_token() {
    clear_storage();
    let api = FakeApi::new(&[
        (
            "/answers/2/vote",
            200,
            r#"{"answer_id":2,"votes":10}"#.into(),
        ),
        ("/answers/2/accept", 204, String::new()),
        ("/answers/1/flags", 204, String::new()),
    ]);
    let wrapper = wrapper();
    let mine = thread_with(
        vec![
            answer(1, "Ask for a PAC.", Some("Sam"), false, 4),
            answer(2, "Two days.", Some("Ann"), false, 9),
        ],
        asker(),
    );
    let _view = mount_to(wrapper.clone(), move || {
        session().visitor.set(Some("visitor-token".into()));
        view! { <ThreadView thread=RwSignal::new(mine) query=None on_back=Callback::new(|()| {}) /> }
    });
    settle().await;
    let second = find(&wrapper, "ol.answers > li:nth-child(2)");

    click_button(&second, "Upvote");
    settle().await;
    assert_eq!(
        api.calls()[0],
        ("POST".into(), format!("{API}/answers/2/vote"))
    );
    assert_eq!(
        api.header(0, "authorization").as_deref(),
        Some("Bearer visitor-token")
    );
    assert_eq!(texts(&second, ".answer-meta"), ["Ann · 10 votes"]);
    let upvote = find(&second, "[aria-pressed]");
    assert_eq!(
        upvote.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(upvote.text_content().unwrap(), "Upvoted");

    click_button(&second, "Accept this answer");
    settle().await;
    assert_eq!(
        api.calls()[1],
        ("POST".into(), format!("{API}/answers/2/accept"))
    );
    assert!(second.class_list().contains("accepted"));
    assert_eq!(texts(&second, ".badge"), ["✓ Accepted answer"]);
    // The asker may still move the acceptance to the other answer, as on the server.
    assert!(
        !second
            .text_content()
            .unwrap()
            .contains("Accept this answer")
    );
    let first = find(&wrapper, "ol.answers > li:first-child");
    assert!(first.text_content().unwrap().contains("Accept this answer"));

    click(&first, "summary");
    click_button(&first, "Spam");
    settle().await;
    assert_eq!(
        api.calls()[2],
        ("POST".into(), format!("{API}/answers/1/flags"))
    );
    assert_eq!(api.body(2).await, r#"{"reason":"spam"}"#);
    assert!(first.text_content().unwrap().contains("Reported. Thanks."));
    assert!(texts(&wrapper, ".error-text").iter().all(String::is_empty));
}

#[wasm_bindgen_test]
async fn a_first_vote_creates_the_anonymous_visitor() {
    clear_storage();
    let api = FakeApi::new(&[
        (
            "POST /visitors",
            201,
            r#"{"token":"new-token","visitor":{"id":3,"identified":false}}"#.into(),
        ),
        ("/vote", 200, r#"{"answer_id":1,"votes":1}"#.into()),
    ]);
    let wrapper = wrapper();
    let one = thread_with(vec![answer(1, "Ask for a PAC.", None, false, 0)], None);
    let _view = mount_to(wrapper.clone(), move || {
        session();
        view! { <ThreadView thread=RwSignal::new(one) query=None on_back=Callback::new(|()| {}) /> }
    });
    settle().await;
    assert!(
        stored("visitor").is_none(),
        "nothing stored before an action"
    );
    click_button(&wrapper, "Upvote");
    settle().await;
    assert_eq!(api.calls()[0], ("POST".into(), format!("{API}/visitors")));
    assert_eq!(
        api.header(1, "authorization").as_deref(),
        Some("Bearer new-token")
    );
    assert_eq!(stored("visitor").as_deref(), Some("new-token"));
}

#[wasm_bindgen_test]
async fn the_reply_form_posts_and_keeps_the_text_when_refused() {
    clear_storage();
    let refused = FakeApi::new(&[(
        "/threads/7/answers",
        429,
        r#"{"code":"rate_limited","message":"New helpers can post 5 answers an hour."}"#.into(),
    )]);
    let wrapper = wrapper();
    let _view = mount_to(wrapper.clone(), move || {
        session().helper_token.set(Some("helper-token".into()));
        let open = thread_with(vec![], None);
        view! { <ThreadView thread=RwSignal::new(open) query=None on_back=Callback::new(|()| {}) /> }
    });
    settle().await;
    assert!(
        find(&wrapper, ".reply .hint")
            .text_content()
            .unwrap()
            .contains("`code`")
    );
    let label = find(&wrapper, ".reply label");
    assert_eq!(label.get_attribute("for").as_deref(), Some("ph-reply"));
    type_into(&wrapper, "#ph-reply", "Ask for a **PAC** code.");
    click_button(&wrapper, "Post answer");
    settle().await;
    assert_eq!(refused.request(0, "method"), "POST");
    assert_eq!(
        refused.header(0, "authorization").as_deref(),
        Some("Bearer helper-token")
    );
    assert_eq!(
        refused.body(0).await,
        r#"{"body":"Ask for a **PAC** code."}"#
    );
    assert_eq!(
        texts(&wrapper, ".reply .error-text"),
        ["New helpers can post 5 answers an hour."]
    );
    assert_eq!(value_of(&wrapper, "#ph-reply"), "Ask for a **PAC** code.");

    let mut posted = answer(12, "Ask for a **PAC** code.", None, false, 0);
    posted.html = "<p>Ask for a <strong>PAC</strong> code.</p>".into();
    posted.helper = Some(helper_card(5, "Robin"));
    let _accepted = FakeApi::new(&[(
        "/threads/7/answers",
        201,
        serde_json::to_string(&posted).unwrap(),
    )]);
    click_button(&wrapper, "Post answer");
    settle().await;
    assert_eq!(texts(&wrapper, ".answer-body strong"), ["PAC"]);
    assert_eq!(
        texts(&wrapper, ".answer-meta"),
        ["Robin (Expert) · 0 votes"]
    );
    assert_eq!(value_of(&wrapper, "#ph-reply"), "");
    assert_eq!(texts(&wrapper, ".reply .error-text"), [""]);
}
