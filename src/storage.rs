//! The browser storage the widget uses, namespaced per site as `peerhelp:{site}:{name}`.
//! Storage can be missing or refuse writes (private modes, sandboxed frames): then the widget
//! simply forgets, it never fails.

use std::sync::Arc;

use leptos::prelude::window;

use crate::json::{self, Decode, Encode};

/// Where the visitor's anonymous token is kept.
pub const VISITOR: &str = "visitor";
/// Where a signed-in helper's token is kept.
pub const HELPER: &str = "helper";
/// The question being written: title, details and email.
pub const DRAFT: &str = "draft";
/// Questions written offline, each with its idempotency key, waiting to be posted.
pub const OUTBOX: &str = "outbox";

/// The site's slice of `localStorage`.
#[derive(Clone, Debug)]
pub struct Storage {
    prefix: Arc<str>,
}

impl Storage {
    /// The storage of `site`.
    pub fn new(site: &str) -> Storage {
        Storage {
            prefix: ("peerhelp:".to_owned() + site + ":").into(),
        }
    }

    /// The text kept under `name`.
    pub fn get(&self, name: &str) -> Option<String> {
        local()?.get_item(&self.key(name)).ok()?
    }

    /// Keeps `value` under `name`.
    pub fn set(&self, name: &str, value: &str) {
        if let Some(storage) = local() {
            _ = storage.set_item(&self.key(name), value);
        }
    }

    /// Forgets `name`.
    pub fn remove(&self, name: &str) {
        if let Some(storage) = local() {
            _ = storage.remove_item(&self.key(name));
        }
    }

    /// The JSON value kept under `name`, if it still reads as a `T`.
    pub fn get_json<T: Decode>(&self, name: &str) -> Option<T> {
        json::from_str(&self.get(name)?)
    }

    /// Keeps `value` as JSON under `name`.
    pub fn set_json(&self, name: &str, value: &impl Encode) {
        if let Some(json) = json::to_string(value) {
            self.set(name, &json);
        }
    }

    fn key(&self, name: &str) -> String {
        self.prefix.to_string() + name
    }
}

fn local() -> Option<web_sys::Storage> {
    window().local_storage().ok()?
}
