//! Browser tests of honest results: the count says threads, results without a close match are
//! marked as weak, and "Didn't find it?" (ask the community, talk to the team) is always there;
//! before any search, the threads staff pinned are suggested.
// Browser tests: they need a DOM, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use leptos::{mount::mount_to, prelude::*};
use peerhelp_widget::SearchOutcome;
use peerhelp_widget::components::SearchResults;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the results of `outcome` for "refund"; returns the wrapper, what the visitor chose
/// ("ask" or "contact") and the view.
fn mount_results(
    outcome: Option<SearchOutcome>,
) -> (
    web_sys::HtmlElement,
    RwSignal<Vec<&'static str>>,
    impl Sized,
) {
    let wrapper = wrapper();
    let chosen = RwSignal::new(Vec::new());
    let view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched=if outcome.is_some() { "refund" } else { "" }.to_owned()
                outcome
                on_select=Callback::new(|_| {})
                on_retry=Callback::new(|()| {})
                on_ask=Callback::new(move |()| chosen.update(|c| c.push("ask")))
                on_contact=Callback::new(move |()| chosen.update(|c| c.push("contact")))
            />
        }
    });
    (wrapper, chosen, view)
}

fn found(close: bool, hits: usize) -> Option<SearchOutcome> {
    Some(SearchOutcome {
        query: "refund".into(),
        result: Ok((1..=hits as i64)
            .map(|id| hit(id, "Late ", "refund", 0, false))
            .collect()),
        close,
    })
}

#[wasm_bindgen_test]
async fn weak_results_are_marked_and_offer_a_way_out() {
    let (wrapper, chosen, _view) = mount_results(found(false, 2));
    settle().await;
    assert_eq!(texts(&wrapper, "[role=status]"), ["2 threads found"]);
    assert_eq!(
        texts(&wrapper, ".weak"),
        ["No close match: ask the community"]
    );
    let weak = find(&wrapper, ".weak");
    let list = find(&wrapper, ".result-list");
    assert!(
        weak.compare_document_position(&list) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0,
        "the mark comes before the results"
    );
    assert_eq!(texts(&wrapper, ".way-out p"), ["Didn't find it?"]);
    let primary = find(&wrapper, ".way-out .primary");
    assert_eq!(primary.text_content().unwrap(), "Talk to our team");
    click_button(&wrapper, "Talk to our team");
    click_button(&wrapper, "Ask the community");
    assert_eq!(chosen.get_untracked(), ["contact", "ask"]);
}

#[wasm_bindgen_test]
async fn close_results_are_not_marked_but_the_way_out_stays() {
    let (wrapper, _, _view) = mount_results(found(true, 1));
    settle().await;
    assert_eq!(texts(&wrapper, "[role=status]"), ["1 thread found"]);
    assert!(wrapper.query_selector(".weak").unwrap().is_none());
    assert_eq!(texts(&wrapper, ".way-out p"), ["Didn't find it?"]);
}

#[wasm_bindgen_test]
async fn no_results_and_no_search_yet_offer_the_team_too() {
    let (wrapper, chosen, _view) = mount_results(found(false, 0));
    settle().await;
    assert_eq!(texts(&wrapper, "[role=status]"), ["No threads found"]);
    click_button(&wrapper, "Talk to our team");
    assert_eq!(chosen.get_untracked(), ["contact"]);

    let (wrapper, chosen, _view) = mount_results(None);
    settle().await;
    assert!(texts(&wrapper, ".hint")[0].contains("Type a few words"));
    click_button(&wrapper, "Talk to our team");
    assert_eq!(chosen.get_untracked(), ["contact"]);
}

#[wasm_bindgen_test]
async fn pinned_threads_are_suggested_until_the_visitor_searches() {
    let wrapper = wrapper();
    let searched = RwSignal::new(String::new());
    // What the server answers an empty query with: the pinned threads.
    let pinned = SearchOutcome {
        query: String::new(),
        result: Ok(vec![hit(3, "Where is my ", "order", 2, true)]),
        close: true,
    };
    let outcome = RwSignal::new(Some(pinned));
    let opened = RwSignal::new(Vec::new());
    let _view = mount_to(wrapper.clone(), move || {
        view! {
            <SearchResults
                searched
                outcome
                on_select=Callback::new(move |id| opened.update(|o| o.push(id)))
                on_retry=Callback::new(|()| {})
            />
        }
    });
    settle().await;
    assert_eq!(texts(&wrapper, ".list-heading"), ["Suggested answers"]);
    assert_eq!(texts(&wrapper, ".result-title"), ["Where is my order"]);
    assert!(texts(&wrapper, ".hint")[0].contains("Type a few words"));
    assert_eq!(
        texts(&wrapper, "[role=status]"),
        [""],
        "suggestions are not a search"
    );
    click(&wrapper, ".result");
    assert_eq!(opened.get_untracked(), [3]);

    searched.set("refund".into());
    outcome.set(found(true, 1));
    settle().await;
    assert!(wrapper.query_selector(".list-heading").unwrap().is_none());
    assert_eq!(texts(&wrapper, ".result-title"), ["Late refund"]);
}
