//! Helpers shared by the browser tests: a stand-in for the loader's shadow root, a fake
//! `fetch` that answers like the API, and ways to let the page settle.

#![allow(dead_code, unused_imports)] // Each test binary uses a different subset.

mod fake_api;
pub mod json_values;
pub mod mounted;

pub use fake_api::FakeApi;

use js_sys::{Array, Function, Reflect};
use peerhelp_api::{
    Answer, FeedbackTally, HelperCard, PresenceStatus, Rank, SearchHit, TextSpan, Thread,
    ThreadStatus, ThreadViewer,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, ShadowRoot};

#[wasm_bindgen(module = "/tests/common/fakes.js")]
extern "C" {
    pub fn loader_shadow_root() -> ShadowRoot;
    fn event_recorder() -> Array;
    fn fake_fetch(routes_json: &str) -> Array;
    /// Replaces `EventSource`; the streams the widget opens from now on.
    pub fn fake_event_source() -> Array;
    /// Plays one server message on a fake stream.
    pub fn live_event(source: &JsValue, data: &str, id: &str);
    /// Replaces `setInterval`; the timers set from now on, as `{callback, ms}`.
    pub fn fake_intervals() -> Array;
    /// Runs a fake interval's callback once.
    pub fn fire(interval: &JsValue);
    /// Replaces `setTimeout` and `clearTimeout`; the timeouts set from now on.
    pub fn fake_timeouts() -> Array;
    /// Runs, once, every pending fake timeout whose delay is at most `ms`.
    pub fn let_time_pass(timeouts: &Array, ms: u32);
    /// Gives the widget the browser's own `setTimeout` back.
    pub fn real_timeouts();
    /// Fires the window's `online` event.
    pub fn go_online();
    fn sleep(ms: u32) -> js_sys::Promise;
    fn next_frame() -> js_sys::Promise;
    pub fn press_key(element: &Element, key: &str);
    pub fn type_text(input: &Element, text: &str);
}

/// The loader's `emit` and the list of events it received, as "name" or "name:detail".
pub fn recorder() -> (Function, Array) {
    let pair = event_recorder();
    (pair.get(0).unchecked_into(), pair.get(1).unchecked_into())
}

/// The events a recorder received.
pub fn events(log: &Array) -> Vec<String> {
    log.iter().filter_map(|event| event.as_string()).collect()
}

/// Lets timers, fetches and Leptos' scheduled updates run.
pub async fn settle() {
    JsFuture::from(sleep(10)).await.unwrap();
    leptos::task::tick().await;
    JsFuture::from(next_frame()).await.unwrap();
    leptos::task::tick().await;
}

/// Lets `ms` milliseconds of fake time pass (see `fake_timeouts`), then settles.
pub async fn pass_time(timeouts: &Array, ms: u32) {
    let_time_pass(timeouts, ms);
    settle().await;
}

/// The English catalogue, in the order the server sends it.
pub fn english() -> Vec<String> {
    let texts = serde_json::from_str(include_str!("../../server/messages/en.json")).unwrap();
    peerhelp_api::in_text_order(&texts).unwrap()
}

/// A fresh element in the document for a test to mount into, with the English texts loaded
/// as a mount with the site's configuration would.
pub fn wrapper() -> HtmlElement {
    peerhelp_widget::i18n::load("en", &english());
    let document = leptos::prelude::document();
    let wrapper: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&wrapper).unwrap();
    wrapper
}

/// The first element matching `selector` in `root`, which must exist.
pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
}

/// The text of every element matching `selector` in `root`.
pub fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.text_content())
        .collect()
}

/// Clicks the first element matching `selector`.
pub fn click(root: &Element, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
}

/// Clicks the button whose text contains `label`.
pub fn click_button(root: &Element, label: &str) {
    let buttons = root.query_selector_all("button").unwrap();
    let button = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .find(|b| b.text_content().unwrap_or_default().contains(label))
        .unwrap_or_else(|| panic!("no button {label:?}"));
    button.unchecked_into::<HtmlElement>().click();
}

/// Text spans from `(text, marked)` pairs.
pub fn spans(parts: &[(&str, bool)]) -> Vec<TextSpan> {
    parts
        .iter()
        .map(|&(text, mark)| TextSpan {
            text: text.into(),
            mark,
        })
        .collect()
}

/// A search hit whose title marks `word`.
pub fn hit(id: i64, before: &str, word: &str, answers: u32, accepted: bool) -> SearchHit {
    SearchHit {
        id,
        external_id: None,
        title: format!("{before}{word}"),
        title_highlight: spans(&[(before, false), (word, true)]),
        snippet: spans(&[
            ("You can ask for a ", false),
            (word, true),
            (" online.", false),
        ]),
        answer_count: answers,
        has_accepted_answer: accepted,
        status: ThreadStatus::Answered,
        score: 1.0,
    }
}

/// The API base of the test site; its storage keys start with `peerhelp:demo:`.
pub const API: &str = "https://peerhelp.test/api/v1/sites/demo";

/// Empties the site's storage, which tests share.
pub fn clear_storage() {
    leptos::prelude::window()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

/// Storage item `name` of the test site.
pub fn stored(name: &str) -> Option<String> {
    let storage = leptos::prelude::window().local_storage().unwrap().unwrap();
    storage.get_item(&format!("peerhelp:demo:{name}")).unwrap()
}

/// Keeps `value` under storage item `name` of the test site.
pub fn store(name: &str, value: &str) {
    let storage = leptos::prelude::window().local_storage().unwrap().unwrap();
    storage
        .set_item(&format!("peerhelp:demo:{name}"), value)
        .unwrap();
}

/// A helper as visitors see them.
pub fn helper_card(id: i64, name: &str) -> HelperCard {
    HelperCard {
        id,
        name: name.into(),
        initials: name[..1].into(),
        rank: Rank::Expert,
        status: PresenceStatus::Online,
    }
}

/// An answer whose HTML is its body in a paragraph.
pub fn answer(id: i64, body: &str, author: Option<&str>, accepted: bool, votes: i64) -> Answer {
    Answer {
        id,
        body: body.into(),
        html: format!("<p>{body}</p>"),
        author: author.map(Into::into),
        helper: None,
        staff: None,
        accepted,
        verified: false,
        votes,
        created_at: "2025-01-01T00:00:00Z".into(),
    }
}

/// Thread 7, with `answers`, as the asker (`viewer`) or anyone sees it.
pub fn thread_with(answers: Vec<Answer>, viewer: Option<ThreadViewer>) -> Thread {
    Thread {
        id: 7,
        external_id: None,
        title: "How do I get a refund".into(),
        body: "I was charged twice.".into(),
        tags: vec![],
        status: ThreadStatus::Answered,
        created_at: "2025-01-01T00:00:00Z".into(),
        answers,
        feedback: FeedbackTally::default(),
        escalation: None,
        viewer,
    }
}

/// Sets the value of the form control matching `selector` as if typed.
pub fn type_into(root: &Element, selector: &str, text: &str) {
    type_text(&find(root, selector), text);
}

/// The value of the form control matching `selector`.
pub fn value_of(root: &Element, selector: &str) -> String {
    let control = find(root, selector);
    Reflect::get(&control, &"value".into())
        .unwrap()
        .as_string()
        .unwrap()
}
