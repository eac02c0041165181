//! Browser tests of the panel's layout and keyboard: one height whatever it shows, the greeting
//! making way once the visitor searched, the thread read on the whole height with a way back,
//! and the search box driving the results as a combobox (Up, Down, Enter).
// Browser tests: they need a DOM, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

mod common;

use common::mounted::*;
use common::*;
use peerhelp_api::{Position, SearchResponse};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Eight threads about refunds, the best a close match.
fn many_results() -> String {
    let results = (1..=8)
        .map(|id| hit(id, &format!("Thread {id} about a "), "refund", 1, false))
        .collect();
    serde_json::to_string(&SearchResponse {
        query: "refund".into(),
        results,
        close_match: true,
    })
    .unwrap()
}

fn height(element: &Element) -> f64 {
    element.get_bounding_client_rect().height()
}

fn search_box(panel: &Element) -> Element {
    find(panel, "input[type=search]")
}

#[wasm_bindgen_test]
async fn the_panel_keeps_its_height_and_the_greeting_makes_way_for_results() {
    let _api = FakeApi::new(&[
        ("/search?q=refund", 200, many_results()),
        ("/helpers/online", 200, r#"{"helpers":[]}"#.into()),
    ]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let panel = mounted.panel();
    let empty = height(&panel);
    assert!(
        empty > 300.0,
        "the panel opens at its full height, not {empty}"
    );
    let greeting = find(&panel, ".greeting");
    assert!(!greeting.has_attribute("hidden"));

    mounted.widget.search("refund".into());
    settle().await;
    assert_eq!(texts(&panel, ".result").len(), 8);
    assert_eq!(height(&panel), empty, "results don't grow the panel");
    assert!(greeting.has_attribute("hidden"), "the greeting made way");

    // Clearing the search keeps it collapsed: the search box must not jump back down.
    type_text(&search_box(&panel), "");
    settle().await;
    assert!(greeting.has_attribute("hidden"));
    assert_eq!(height(&panel), empty);
}

#[wasm_bindgen_test]
async fn a_thread_takes_the_whole_height_with_a_way_back() {
    let _api = FakeApi::new(&[
        ("/search?q=refund", 200, many_results()),
        ("/helpers/online", 200, r#"{"helpers":[]}"#.into()),
        (
            "GET /threads/3",
            200,
            serde_json::to_string(&thread_with(vec![], None)).unwrap(),
        ),
    ]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.search("refund".into());
    settle().await;
    let panel = mounted.panel();
    let chrome = find(&panel, ".chrome");
    assert!(!chrome.has_attribute("hidden"));
    click(&panel, "#ph-results-2");
    settle().await;
    assert!(
        chrome.has_attribute("hidden"),
        "search box and actions make way"
    );
    let back = find(&panel, ".back");
    assert!(back.text_content().unwrap().contains("Back to results"));
    assert!(height(&back) >= 44.0, "a touch target");
    back.unchecked_into::<HtmlElement>().click();
    settle().await;
    assert!(!chrome.has_attribute("hidden"));
    let focused = mounted.focused().unwrap();
    assert_eq!(focused.get_attribute("type").as_deref(), Some("search"));
}

#[wasm_bindgen_test]
async fn arrow_keys_move_through_the_results_and_enter_opens_one() {
    let api = FakeApi::new(&[
        ("/search?q=refund", 200, many_results()),
        ("/helpers/online", 200, r#"{"helpers":[]}"#.into()),
    ]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.search("refund".into());
    settle().await;
    let panel = mounted.panel();
    let input = search_box(&panel);
    assert_eq!(input.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(
        input.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(
        input.get_attribute("aria-controls").as_deref(),
        Some("ph-results")
    );
    assert_eq!(
        find(&panel, "#ph-results").get_attribute("role").as_deref(),
        Some("listbox")
    );
    let active = || input.get_attribute("aria-activedescendant");
    let selected = || {
        let list = panel.query_selector_all("[aria-selected=true]").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into::<Element>().id())
            .collect::<Vec<_>>()
    };
    assert_eq!(active(), None);
    press_key(&input, "Enter");
    settle().await;
    assert_eq!(
        api.count("GET", "/threads/1"),
        0,
        "Enter alone opens nothing"
    );

    for (key, expected) in [
        ("ArrowDown", Some("ph-results-0")),
        ("ArrowDown", Some("ph-results-1")),
        ("ArrowUp", Some("ph-results-0")),
        ("ArrowUp", None),
        ("ArrowDown", Some("ph-results-0")),
        ("ArrowDown", Some("ph-results-1")),
        ("ArrowDown", Some("ph-results-2")),
    ] {
        press_key(&input, key);
        settle().await;
        assert_eq!(active().as_deref(), expected, "after {key}");
        let expected: Vec<String> = expected.into_iter().map(String::from).collect();
        assert_eq!(selected(), expected);
    }
    for _ in 0..10 {
        press_key(&input, "ArrowDown");
    }
    settle().await;
    assert_eq!(
        active().as_deref(),
        Some("ph-results-7"),
        "stops at the last"
    );

    press_key(&input, "ArrowUp");
    press_key(&input, "Enter");
    settle().await;
    assert!(
        api.urls().contains(&format!("{API}/threads/7")),
        "Enter opens the highlighted thread: {:?}",
        api.urls()
    );
}
