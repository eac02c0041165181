//! Events for the brand's page: the widget reports what the visitor does through the loader's
//! `emit(name, detail)`, which hands them to `PeerHelp('on', name, fn)` listeners.

use js_sys::Function;
use wasm_bindgen::JsValue;

/// The loader's `emit` function.
#[derive(Clone)]
pub struct Emitter(Function);

impl Emitter {
    /// Wraps the loader's `emit(name, detail)`.
    pub fn new(emit: Function) -> Emitter {
        Emitter(emit)
    }

    /// Reports `name` with an optional text detail (the query, for `search`).
    pub fn emit(&self, name: &str, detail: Option<&str>) {
        let detail = detail.map_or(JsValue::UNDEFINED, JsValue::from);
        // A listener that throws is the host page's bug; the loader already reports it on its
        // own, and the widget must keep working either way.
        _ = self.0.call2(&JsValue::NULL, &JsValue::from(name), &detail);
    }
}
