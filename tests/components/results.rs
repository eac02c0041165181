//! The search results: marks, the count, empty and failed searches, results kept while loading.

use crate::common::*;
use leptos::{mount::mount_to, prelude::*};
use peerhelp_api::{ApiError, ErrorCode};
use peerhelp_widget::components::SearchResults;
use peerhelp_widget::{ApiFailure, SearchOutcome};
use wasm_bindgen_test::*;

fn outcome(query: &str, result: Result<Vec<peerhelp_api::SearchHit>, ApiFailure>) -> SearchOutcome {
    SearchOutcome {
        query: query.into(),
        result,
        close: true,
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

    assert_eq!(texts(&wrapper, "[role=status]"), ["2 threads found"]);
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

    click(&wrapper, "li:nth-child(2)");
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
    let asked = RwSignal::new(0);
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched="teleport".to_owned()
                outcome=Some(nothing)
                on_select=Callback::new(|_| {})
                on_retry=Callback::new(|()| {})
                on_ask=Callback::new(move |()| asked.update(|n| *n += 1))
            />
        }
    });
    settle().await;

    assert_eq!(
        texts(&wrapper, ".results > [role=status]"),
        ["No threads found"]
    );
    assert!(
        wrapper
            .text_content()
            .unwrap()
            .contains("No answers yet for “teleport”")
    );
    assert!(wrapper.query_selector("ul").unwrap().is_none());
    click_button(&wrapper, "Ask the community");
    assert_eq!(asked.get_untracked(), 1);
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
    assert_eq!(texts(&wrapper, "[role=status]"), ["1 thread found"]);

    searched.set("refunds".into());
    settle().await;
    let results = find(&wrapper, ".results");
    assert_eq!(results.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(texts(&wrapper, "li").len(), 1, "old results stay visible");
    assert_eq!(texts(&wrapper, "[role=status]"), [""]);
}
