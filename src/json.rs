//! Reading JSON in the widget. The browser's own `JSON.parse` does the parsing and
//! serde-wasm-bindgen maps the result onto our types, which leaves serde_json's parser out of
//! the wasm: the widget weighed 13.6 KB brotli less than with `serde_json::from_str`
//! (`peerhelp-bench widget-size`).
//! (Writing JSON still goes through serde_json, whose output the server and tests expect.)

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// `json` as a `T`, or `None` if it is not valid JSON of that shape.
pub fn from_str<T: DeserializeOwned>(json: &str) -> Option<T> {
    from_value(js_sys::JSON::parse(json).ok()?)
}

/// A JS value (such as the object a page passed to the JS API) as a `T`.
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value).ok()
}
