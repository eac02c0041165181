//! Browser tests of the panel's parts, rendered from data: what a visitor sees and hears.
// Browser tests: they need a DOM, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use leptos::{mount::mount_to, prelude::*};
use peerhelp_api::{Answer, ApiError, ErrorCode, FeedbackTally, Thread, ThreadStatus};
use peerhelp_widget::components::{SearchResults, ThreadView};
use peerhelp_widget::{Api, ApiFailure, SearchOutcome};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn outcome(query: &str, result: Result<Vec<peerhelp_api::SearchHit>, ApiFailure>) -> SearchOutcome {
    SearchOutcome {
        query: query.into(),
        result,
    }
}

#[wasm_bindgen_test]
async fn results_mark_matches_and_announce_the_count() {
    let wrapper = wrapper();
    let found = outcome(
        "refund",
        Ok(vec![
            hit(1, "How do I get a ", "refund", 3, true),
            hit(2, "Late ", "refund", 1, false),
        ]),
    );
    let selected = RwSignal::new(None);
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched="refund".to_owned()
                outcome=Some(found)
                on_select=Callback::new(move |id| selected.set(Some(id)))
                on_retry=Callback::new(|()| {})
            />
        }
    });
    settle().await;

    assert_eq!(texts(&wrapper, "[role=status]"), ["2 answers found"]);
    assert_eq!(texts(&wrapper, "ul > li").len(), 2);
    assert_eq!(
        texts(&wrapper, "li:first-child .result-title mark"),
        ["refund"]
    );
    assert_eq!(
        texts(&wrapper, "li:first-child .result-title"),
        ["How do I get a refund"]
    );
    assert_eq!(
        texts(&wrapper, ".result-snippet mark"),
        ["refund", "refund"]
    );
    assert_eq!(
        texts(&wrapper, ".result-meta"),
        ["3 answers✓ Accepted answer", "1 answer"]
    );

    click(&wrapper, "li:nth-child(2) button");
    assert_eq!(selected.get_untracked(), Some(2));
}

#[wasm_bindgen_test]
async fn server_text_is_never_parsed_as_html() {
    let wrapper = wrapper();
    let mut evil = hit(1, "<img src=x onerror=alert(1)> ", "refund", 0, false);
    evil.snippet = spans(&[("<b>bold</b>", true)]);
    let found = outcome("refund", Ok(vec![evil]));
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched="refund".to_owned()
                outcome=Some(found)
                on_select=Callback::new(|_| {})
                on_retry=Callback::new(|()| {})
            />
        }
    });
    settle().await;

    assert!(wrapper.query_selector("img, b").unwrap().is_none());
    assert_eq!(texts(&wrapper, ".result-snippet mark"), ["<b>bold</b>"]);
    assert_eq!(texts(&wrapper, ".result-meta"), ["No answers yet"]);
}

#[wasm_bindgen_test]
async fn no_results_point_to_asking_the_community() {
    let wrapper = wrapper();
    let nothing = outcome("teleport", Ok(vec![]));
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched="teleport".to_owned()
                outcome=Some(nothing)
                on_select=Callback::new(|_| {})
                on_retry=Callback::new(|()| {})
            />
        }
    });
    settle().await;

    assert_eq!(
        texts(&wrapper, ".results > [role=status]"),
        ["No answers found"]
    );
    assert!(
        wrapper
            .text_content()
            .unwrap()
            .contains("No answers yet for “teleport”")
    );
    assert!(wrapper.query_selector("ul").unwrap().is_none());
    click_button(&wrapper, "Ask the community");
    settle().await;
    assert!(texts(&wrapper, ".soon")[0].contains("coming soon"));
}

#[wasm_bindgen_test]
async fn a_failed_search_explains_and_retries() {
    let wrapper = wrapper();
    let refused = outcome(
        "refund",
        Err(ApiFailure::Server(ApiError {
            code: ErrorCode::RateLimited,
            message: "Too many searches; wait a moment.".into(),
        })),
    );
    let retries = RwSignal::new(0);
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched="refund".to_owned()
                outcome=Some(refused)
                on_select=Callback::new(|_| {})
                on_retry=Callback::new(move |()| retries.update(|n| *n += 1))
            />
        }
    });
    settle().await;

    assert_eq!(
        texts(&wrapper, ".error p"),
        ["Too many searches; wait a moment."]
    );
    click_button(&wrapper, "Try again");
    assert_eq!(retries.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn results_stay_while_a_new_query_loads() {
    let wrapper = wrapper();
    let searched = RwSignal::new("refund".to_owned());
    let found = RwSignal::new(None::<SearchOutcome>);
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched
                outcome=found
                on_select=Callback::new(|_| {})
                on_retry=Callback::new(|()| {})
            />
        }
    });
    settle().await;
    assert_eq!(texts(&wrapper, ".loading"), ["Searching…"]);

    found.set(Some(outcome(
        "refund",
        Ok(vec![hit(1, "A ", "refund", 1, false)]),
    )));
    settle().await;
    assert_eq!(texts(&wrapper, "[role=status]"), ["1 answer found"]);

    searched.set("refunds".into());
    settle().await;
    let results = find(&wrapper, ".results");
    assert_eq!(results.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(texts(&wrapper, "li").len(), 1, "old results stay visible");
    assert_eq!(texts(&wrapper, "[role=status]"), [""]);
}

fn answer(id: i64, body: &str, author: Option<&str>, accepted: bool, votes: i64) -> Answer {
    Answer {
        id,
        body: body.into(),
        author: author.map(Into::into),
        accepted,
        votes,
        created_at: "2025-01-01T00:00:00Z".into(),
    }
}

fn thread() -> Thread {
    Thread {
        id: 7,
        external_id: None,
        title: "Can I keep my number?".into(),
        body: "I'm switching networks.\n\nWill my <b>number</b> move with me?".into(),
        tags: vec![],
        status: ThreadStatus::Answered,
        created_at: "2025-01-01T00:00:00Z".into(),
        answers: vec![
            answer(
                1,
                "Yes: ask your old network for a PAC code.",
                Some("Sam"),
                true,
                4,
            ),
            answer(2, "It took two days for me.", None, false, 9),
        ],
        feedback: FeedbackTally::default(),
    }
}

#[wasm_bindgen_test]
async fn a_thread_shows_the_accepted_answer_first_with_its_badge() {
    let wrapper = wrapper();
    let backs = RwSignal::new(0);
    let _view = mount_to(wrapper.clone(), move || {
        provide_context(Api::new("https://peerhelp.test/api/v1/sites/demo"));
        view! {
            <ThreadView
                thread=thread()
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
    let api = FakeApi::new(&[(
        "/threads/7/feedback",
        200,
        r#"{"helped":5,"not_helped":1}"#.to_owned(),
    )]);
    let wrapper = wrapper();
    let _view = mount_to(wrapper.clone(), move || {
        provide_context(Api::new("https://peerhelp.test/api/v1/sites/demo"));
        view! {
            <ThreadView thread=thread() query=Some("pac code".into()) on_back=Callback::new(|()| {}) />
        }
    });
    settle().await;

    click_button(&wrapper, "This helped");
    settle().await;
    assert_eq!(
        api.urls(),
        ["https://peerhelp.test/api/v1/sites/demo/threads/7/feedback"]
    );
    assert_eq!(api.request(0, "method"), "POST");
    assert_eq!(api.body(0).await, r#"{"helped":true,"query":"pac code"}"#);
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
    let _api = FakeApi::new(&[("/feedback", 0, String::new())]);
    let wrapper = wrapper();
    let _view = mount_to(wrapper.clone(), move || {
        provide_context(Api::new("https://peerhelp.test/api/v1/sites/demo"));
        view! { <ThreadView thread=thread() query=None on_back=Callback::new(|()| {}) /> }
    });
    settle().await;

    click_button(&wrapper, "Didn't help");
    settle().await;
    assert!(texts(&wrapper, ".error-text")[0].contains("couldn't reach"));
    assert_eq!(texts(&wrapper, ".feedback button").len(), 2);
}
