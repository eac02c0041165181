//! A search through to a thread and back, typing, stale and failed searches.

use crate::common::mounted::*;
use crate::common::*;
use crate::fixtures::*;
use peerhelp_api::Position;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
async fn a_search_leads_to_a_thread_and_back() {
    let api = FakeApi::new(&[
        ("/search?q=refund", 200, search_body()),
        ("/threads/7", 200, thread_body()),
    ]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.search("refund".into());
    settle().await;
    let panel = mounted.panel();
    assert!(!panel.has_attribute("hidden"));
    assert_eq!(
        api.search_urls(),
        [format!("{API}/search?q=refund&limit=8")]
    );
    assert_eq!(api.request(0, "credentials"), "omit");
    assert_eq!(
        texts(&panel, ".results > [role=status]"),
        ["1 thread found"]
    );
    assert_eq!(texts(&panel, ".result-title mark"), ["refund"]);
    let mut seen = events(&mounted.events);
    seen.sort();
    assert_eq!(seen, ["open", "search:refund"]);

    click(&panel, ".result");
    settle().await;
    assert_eq!(texts(&panel, "h3"), ["How do I get a refund"]);
    assert_eq!(
        texts(&panel, ".answer-meta"),
        ["Helper 1 · 1 vote", "Helper 2 · 5 votes"]
    );
    // The search and the read carry the page view's widget session, for the brand's insights.
    let search = api.index("GET", "/search?q=refund&limit=8") as usize;
    let read = api.index("GET", "/threads/7") as usize;
    let sessions = api.sessions();
    assert!(!sessions[search].is_empty());
    assert_eq!(sessions[search], sessions[read]);

    click_button(&panel, "Back to results");
    settle().await;
    assert_eq!(texts(&panel, ".result-title"), ["How do I get a refund"]);
    assert_eq!(api.search_urls().len(), 2, "going back reuses the results");
    let focused = mounted.focused().unwrap();
    assert_eq!(focused.get_attribute("type").as_deref(), Some("search"));
}

#[wasm_bindgen_test]
async fn typing_searches_once_after_a_pause() {
    let api = FakeApi::new(&[("/search", 200, search_body())]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    // Opening asks for the pinned suggestions, and only that.
    let suggestions = [format!("{API}/search?q=&limit=8")];
    assert_eq!(api.search_urls(), suggestions);
    let input = find(&mounted.panel(), "input[type=search]");
    let timeouts = fake_timeouts();
    type_text(&input, "ref");
    type_text(&input, "refund ");
    settle().await;
    assert_eq!(api.search_urls(), suggestions, "no request while typing");
    pass_time(&timeouts, 199).await;
    assert_eq!(api.search_urls(), suggestions, "the pause is 200 ms");
    pass_time(&timeouts, 200).await;
    real_timeouts();
    assert_eq!(
        api.search_urls(),
        [
            format!("{API}/search?q=&limit=8"),
            format!("{API}/search?q=refund&limit=8")
        ]
    );
    assert_eq!(
        texts(&mounted.panel(), ".result-title"),
        ["How do I get a refund"]
    );
}

/// The index of the search for "slow".
fn slow(api: &FakeApi) -> u32 {
    api.index("GET", "/search?q=slow&limit=8")
}

#[wasm_bindgen_test]
async fn a_newer_search_cancels_the_stale_request() {
    let api = FakeApi::new(&[
        ("q=slow", -1, String::new()),
        ("q=refund", 200, search_body()),
    ]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.search("slow".into());
    settle().await;
    assert!(!api.aborted(slow(&api)));
    mounted.widget.search("refund".into());
    settle().await;
    assert!(
        api.aborted(slow(&api)),
        "the stale request was cancelled: {:?}",
        api.urls()
    );
    assert_eq!(
        texts(&mounted.panel(), ".result-title"),
        ["How do I get a refund"]
    );
}

#[wasm_bindgen_test]
async fn a_network_failure_offers_a_retry_that_works() {
    let api = FakeApi::new(&[("/search", 0, String::new())]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.search("refund".into());
    settle().await;
    let panel = mounted.panel();
    assert!(texts(&panel, ".error p")[0].contains("couldn't reach the help service"));

    drop(api);
    let api = FakeApi::new(&[("/search", 200, search_body())]);
    click_button(&panel, "Try again");
    settle().await;
    assert_eq!(api.urls().len(), 1);
    assert_eq!(texts(&panel, ".result-title"), ["How do I get a refund"]);
}

#[wasm_bindgen_test]
async fn an_api_error_shows_the_servers_message() {
    let _api = FakeApi::new(&[(
        "/search",
        429,
        r#"{"code":"rate_limited","message":"Slow down a little."}"#.to_owned(),
    )]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.search("refund".into());
    settle().await;
    assert_eq!(texts(&mounted.panel(), ".error p"), ["Slow down a little."]);
}
