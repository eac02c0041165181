//! JSON in the widget. The browser's own `JSON.parse` and `JSON.stringify` do the text work and
//! serde-wasm-bindgen maps between JS values and our types, which leaves serde_json out of the
//! wasm: the widget weighed 13.6 KB brotli less for reading alone (`peerhelp-bench
//! widget-size`).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::JsValue;

/// `json` as a `T`, or `None` if it is not valid JSON of that shape.
pub fn from_str<T: DeserializeOwned>(json: &str) -> Option<T> {
    from_value(js_sys::JSON::parse(json).ok()?)
}

/// A JS value (such as the object a page passed to the JS API) as a `T`.
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value).ok()
}

/// `value` as JSON text, as serde_json would write it (maps as objects, `None` as `null`).
pub fn to_string<T: Serialize>(value: &T) -> Option<String> {
    let value = value.serialize(&Serializer::json_compatible()).ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}
