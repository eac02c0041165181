//! A fake API for the browser tests: routes answered by the fake `fetch`, and the requests it saw.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::fake_fetch;

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
