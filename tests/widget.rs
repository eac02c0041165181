//! Browser tests of the mounted widget as the loader drives it: open and close, focus, events,
//! brand colours, and a search through to a thread against a fake API.
// Browser tests: they need a DOM, so they only exist on wasm32.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use peerhelp_api::{
    Answer, FeedbackTally, Position, SearchResponse, SiteConfig, Thread, ThreadStatus,
};
use peerhelp_widget::{Widget, mount};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const API: &str = "https://peerhelp.test/api/v1/sites/demo";

fn config(position: Position) -> String {
    serde_json::to_string(&SiteConfig {
        site: "demo".into(),
        name: "Nimbus Mobile".into(),
        color: "#0a7cff".into(),
        text_color: "#000000".into(),
        greeting: "Hi! Search our community's answers.".into(),
        language: "en".into(),
        position,
    })
    .unwrap()
}

struct Mounted {
    root: ShadowRoot,
    widget: Widget,
    events: js_sys::Array,
}

impl Mounted {
    fn new(config_json: &str) -> Mounted {
        let root = loader_shadow_root();
        let launcher = launcher(&root);
        let (emit, events) = recorder();
        let widget = mount(root.clone(), launcher, config_json.into(), API.into(), emit);
        Mounted {
            root,
            widget,
            events,
        }
    }

    fn panel(&self) -> Element {
        self.root
            .query_selector(".panel")
            .unwrap()
            .expect("a panel")
    }

    fn focused(&self) -> Option<Element> {
        self.root.active_element()
    }
}

fn launcher(root: &ShadowRoot) -> HtmlElement {
    root.query_selector("button.launcher")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn opening_and_closing_moves_focus_and_tells_the_page() {
    let mounted = Mounted::new(&config(Position::Right));
    settle().await;
    let launcher = launcher(&mounted.root);
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(mounted.focused().is_none(), "mounting must not take focus");

    mounted.widget.toggle();
    settle().await;
    let panel = mounted.panel();
    assert!(!panel.has_attribute("hidden"));
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(panel.get_attribute("role").as_deref(), Some("dialog"));
    let title = mounted
        .root
        .get_element_by_id(&panel.get_attribute("aria-labelledby").unwrap());
    assert_eq!(title.unwrap().text_content().unwrap(), "Nimbus Mobile");
    let focused = mounted.focused().expect("focus in the panel");
    assert_eq!(focused.get_attribute("type").as_deref(), Some("search"));

    press_key(&focused, "Escape");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(mounted.focused(), Some(launcher.clone().into()));

    mounted.widget.open();
    settle().await;
    click(&mounted.panel(), "button.close");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(mounted.focused(), Some(launcher.into()));
    assert_eq!(events(&mounted.events), ["open", "close", "open", "close"]);
}

#[wasm_bindgen_test]
async fn commands_replayed_right_after_mount_take_effect() {
    // The loader runs commands queued while the wasm loaded straight after `mount`.
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let launcher = launcher(&mounted.root);
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let focused = mounted.focused().expect("focus in the panel");
    assert_eq!(focused.get_attribute("type").as_deref(), Some("search"));
    assert_eq!(events(&mounted.events), ["open"]);
}

#[wasm_bindgen_test]
async fn escape_closes_even_when_focus_fell_to_the_body() {
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let focused: HtmlElement = mounted.focused().unwrap().unchecked_into();
    focused.blur().unwrap();
    let body = leptos::prelude::document().body().unwrap();
    press_key(&body, "Escape");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));
    assert_eq!(mounted.focused(), Some(launcher(&mounted.root).into()));
}

#[wasm_bindgen_test]
async fn brand_colours_and_side_come_from_the_config() {
    let mounted = Mounted::new(&config(Position::Left));
    settle().await;
    let panel: HtmlElement = mounted.panel().unchecked_into();
    let style = panel.style();
    assert_eq!(style.get_property_value("--ph-brand").unwrap(), "#0a7cff");
    assert_eq!(
        style.get_property_value("--ph-on-brand").unwrap(),
        "#000000"
    );
    assert!(panel.class_list().contains("left"));
    // The widget's sheet is added after the loader's, which stays.
    assert_eq!(mounted.root.adopted_style_sheets().length(), 2);
}

#[wasm_bindgen_test]
async fn bad_config_json_still_mounts_and_apologises() {
    let mut mounted = Mounted::new("{not json");
    mounted.widget.open();
    settle().await;
    let panel = mounted.panel();
    assert!(!panel.has_attribute("hidden"));
    assert!(
        panel
            .text_content()
            .unwrap()
            .contains("Help is unavailable right now")
    );
    click(&panel, "button.close");
    settle().await;
    assert!(mounted.panel().has_attribute("hidden"));

    mounted.widget.unmount();
    assert!(mounted.root.query_selector(".panel").unwrap().is_none());
    assert_eq!(mounted.root.adopted_style_sheets().length(), 1);
    assert!(
        mounted
            .root
            .query_selector("button.launcher")
            .unwrap()
            .is_some()
    );
    mounted.widget.open();
}

fn search_body() -> String {
    serde_json::to_string(&SearchResponse {
        query: "refund".into(),
        results: vec![hit(7, "How do I get a ", "refund", 2, true)],
    })
    .unwrap()
}

fn thread_body() -> String {
    let answer = |id, accepted, votes| Answer {
        id,
        body: format!("Answer {id}"),
        author: Some(format!("Helper {id}")),
        accepted,
        votes,
        created_at: "2025-01-01T00:00:00Z".into(),
    };
    serde_json::to_string(&Thread {
        id: 7,
        external_id: None,
        title: "How do I get a refund".into(),
        body: "I was charged twice.".into(),
        tags: vec![],
        status: ThreadStatus::Answered,
        created_at: "2025-01-01T00:00:00Z".into(),
        answers: vec![answer(1, true, 1), answer(2, false, 5)],
        feedback: FeedbackTally::default(),
    })
    .unwrap()
}

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
    assert_eq!(api.urls(), [format!("{API}/search?q=refund&limit=8")]);
    assert_eq!(api.request(0, "credentials"), "omit");
    assert_eq!(
        texts(&panel, ".results > [role=status]"),
        ["1 answer found"]
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

    click_button(&panel, "Back to results");
    settle().await;
    assert_eq!(texts(&panel, ".result-title"), ["How do I get a refund"]);
    assert_eq!(api.urls().len(), 2, "going back reuses the results");
    let focused = mounted.focused().unwrap();
    assert_eq!(focused.get_attribute("type").as_deref(), Some("search"));
}

#[wasm_bindgen_test]
async fn typing_searches_once_after_a_pause() {
    let api = FakeApi::new(&[("/search", 200, search_body())]);
    let mounted = Mounted::new(&config(Position::Right));
    mounted.widget.open();
    settle().await;
    let input = find(&mounted.panel(), "input[type=search]");
    type_text(&input, "ref");
    type_text(&input, "refund ");
    settle().await;
    assert!(api.urls().is_empty(), "no request while typing");
    wait(300).await;
    assert_eq!(api.urls(), [format!("{API}/search?q=refund&limit=8")]);
    assert_eq!(
        texts(&mounted.panel(), ".result-title"),
        ["How do I get a refund"]
    );
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
    assert!(!api.aborted(0));
    mounted.widget.search("refund".into());
    settle().await;
    assert!(
        api.aborted(0),
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
