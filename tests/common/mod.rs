//! Helpers shared by the browser tests: a stand-in for the loader's shadow root, a fake
//! `fetch` that answers like the API, and ways to let the page settle.

#![allow(dead_code)] // Each test binary uses a different subset.

pub mod json_values;
pub mod mounted;

use js_sys::{Array, Function, Reflect};
use peerhelp_api::{
    Answer, FeedbackTally, HelperCard, PresenceStatus, Rank, SearchHit, TextSpan, Thread,
    ThreadStatus, ThreadViewer,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, ShadowRoot};

#[wasm_bindgen(inline_js = r#"
export function loader_shadow_root() {
  const host = document.createElement("peerhelp-widget");
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("button.launcher { position: fixed; bottom: 20px; right: 20px; }");
  root.adoptedStyleSheets = [sheet];
  const launcher = document.createElement("button");
  launcher.className = "launcher";
  launcher.setAttribute("aria-expanded", "false");
  root.append(launcher);
  return root;
}

export function event_recorder() {
  const events = [];
  const emit = (name, detail) => events.push(detail === undefined ? name : name + ":" + detail);
  return [emit, events];
}

// Replaces fetch: each route is [url fragment, status, body], the fragment optionally preceded
// by a method ("PUT /helpers/me/presence"); status 0 fails like a network error, status -1
// never answers (until aborted). Returns the log of requests seen.
export function fake_fetch(routes_json) {
  const routes = JSON.parse(routes_json);
  const log = [];
  globalThis.fetch = (request) => {
    const body = request.clone().text();
    const headers = Object.fromEntries(request.headers);
    log.push({ url: request.url, method: request.method, credentials: request.credentials, signal: request.signal, body, headers });
    const route = routes.find(([route]) => {
      const [method, fragment] = route.includes(" ") ? route.split(" ") : [request.method, route];
      return method === request.method && request.url.includes(fragment);
    });
    if (!route || route[1] === 0) return Promise.reject(new TypeError("Failed to fetch"));
    if (route[1] === -1) {
      return new Promise((_, reject) =>
        request.signal.addEventListener("abort", () => reject(new DOMException("Aborted", "AbortError"))));
    }
    const status = route[1];
    const content = status === 204 ? null : route[2];
    return Promise.resolve(new Response(content, { status, headers: { "content-type": "application/json" } }));
  };
  return log;
}

// Replaces EventSource: each stream created is recorded; `live_event` plays a server message.
export function fake_event_source() {
  const sources = [];
  globalThis.EventSource = class {
    constructor(url) { this.url = url; this.closed = false; this.onmessage = null; sources.push(this); }
    close() { this.closed = true; }
  };
  return sources;
}

export function live_event(source, data, id) {
  source.onmessage(new MessageEvent("message", { data, lastEventId: id }));
}

// Replaces setInterval so a test can see the period and fire the timer itself.
export function fake_intervals() {
  const intervals = [];
  globalThis.setInterval = (callback, ms) => intervals.push({ callback, ms });
  globalThis.clearInterval = () => {};
  return intervals;
}

export function fire(interval) {
  interval.callback();
}

export function go_online() {
  dispatchEvent(new Event("online"));
}

// The browser's own timeouts, which `sleep` keeps using while a test fakes them for the widget.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);

// Replaces setTimeout so a test decides how much time passes: a timeout runs only when the
// test lets at least its delay go by.
export function fake_timeouts() {
  const timeouts = [];
  globalThis.setTimeout = (callback, ms) => timeouts.push({ callback, ms: ms || 0, done: false });
  globalThis.clearTimeout = (id) => { if (timeouts[id - 1]) timeouts[id - 1].done = true; };
  return timeouts;
}

export function let_time_pass(timeouts, ms) {
  for (const timeout of timeouts) {
    if (!timeout.done && timeout.ms <= ms) {
      timeout.done = true;
      timeout.callback();
    }
  }
}

export function real_timeouts() {
  globalThis.setTimeout = realSetTimeout;
  globalThis.clearTimeout = realClearTimeout;
}

export function sleep(ms) {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}

export function next_frame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

export function press_key(element, key) {
  element.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, composed: true, cancelable: true }));
}

export function type_text(input, text) {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}
"#)]
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

/// A fake API: `(url fragment, status, body)` routes, first match wins.
pub struct FakeApi {
    log: Array,
}

impl FakeApi {
    pub fn new(routes: &[(&str, i32, String)]) -> FakeApi {
        let routes = serde_json::to_string(routes).unwrap();
        FakeApi {
            log: fake_fetch(&routes),
        }
    }

    /// URLs requested so far, without the widget session (see [`FakeApi::sessions`]).
    pub fn urls(&self) -> Vec<String> {
        self.requests()
            .map(|r| without_session(field(&r, "url")))
            .collect()
    }

    /// The `session` parameter of each request so far; empty where there was none.
    pub fn sessions(&self) -> Vec<String> {
        self.requests()
            .map(|r| {
                let url = field(&r, "url");
                let (_, query) = url.split_once('?').unwrap_or_default();
                let session = query.split('&').find_map(|p| p.strip_prefix("session="));
                session.unwrap_or_default().to_owned()
            })
            .collect()
    }

    /// URLs requested so far, leaving out the helpers-online list every first open loads.
    pub fn search_urls(&self) -> Vec<String> {
        let mut urls = self.urls();
        urls.retain(|url| !url.ends_with("/helpers/online"));
        urls
    }

    /// `(method, url)` of every request so far.
    pub fn calls(&self) -> Vec<(String, String)> {
        self.requests()
            .map(|r| (field(&r, "method"), without_session(field(&r, "url"))))
            .collect()
    }

    /// The index of the first request whose method and URL end match `method` and `path`.
    pub fn index(&self, method: &str, path: &str) -> u32 {
        let calls = self.calls();
        let index = calls
            .iter()
            .position(|(m, url)| m == method && url.ends_with(path))
            .unwrap_or_else(|| panic!("no {method} {path} in {calls:?}"));
        index as u32
    }

    /// How many requests had this method and URL end.
    pub fn count(&self, method: &str, path: &str) -> usize {
        let calls = self.calls();
        calls
            .iter()
            .filter(|(m, url)| m == method && url.ends_with(path))
            .count()
    }

    /// Header `name` (lower case) of request `index`, if it was sent.
    pub fn header(&self, index: u32, name: &str) -> Option<String> {
        let headers = Reflect::get(&self.log.get(index), &"headers".into()).unwrap();
        Reflect::get(&headers, &name.into()).unwrap().as_string()
    }

    /// A field (`url`, `method`, `credentials`) of request `index`.
    pub fn request(&self, index: u32, name: &str) -> String {
        field(&self.log.get(index), name)
    }

    /// Whether request `index` was aborted.
    pub fn aborted(&self, index: u32) -> bool {
        let signal = Reflect::get(&self.log.get(index), &"signal".into()).unwrap();
        Reflect::get(&signal, &"aborted".into())
            .unwrap()
            .is_truthy()
    }

    /// The body of request `index`.
    pub async fn body(&self, index: u32) -> String {
        let body = Reflect::get(&self.log.get(index), &"body".into()).unwrap();
        let text = JsFuture::from(body.unchecked_into::<js_sys::Promise>()).await;
        text.unwrap().as_string().unwrap()
    }

    fn requests(&self) -> impl Iterator<Item = JsValue> {
        self.log.iter()
    }
}

/// `url` without its `session` parameter, which is random.
fn without_session(url: String) -> String {
    let Some((path, query)) = url.split_once('?') else {
        return url;
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|part| !part.starts_with("session="))
        .collect();
    if kept.is_empty() {
        path.to_owned()
    } else {
        path.to_owned() + "?" + &kept.join("&")
    }
}

fn field(object: &JsValue, name: &str) -> String {
    Reflect::get(object, &name.into())
        .unwrap()
        .as_string()
        .unwrap_or_default()
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
