//! A widget mounted as the loader mounts it, in a stand-in for the loader's shadow root, with
//! fake event streams: for the tests that drive the whole panel.

use peerhelp_api::{LiveEventKind, Position, SiteConfig};
use peerhelp_widget::{Widget, mount};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

use super::*;

pub fn config(position: Position) -> String {
    serde_json::to_string(&SiteConfig {
        site: "demo".into(),
        name: "Nimbus Mobile".into(),
        color: "#0a7cff".into(),
        text_color: "#000000".into(),
        greeting: "Hi! Search our community's answers.".into(),
        language: "en".into(),
        messages: english(),
        launcher_label: "Help from the Nimbus Mobile community".into(),
        position,
        escalate_after_minutes: 10,
        reply_within_minutes: 120,
    })
    .unwrap()
}

pub struct Mounted {
    pub root: ShadowRoot,
    pub widget: Widget,
    pub events: js_sys::Array,
    /// The event streams the widget opened.
    pub streams: js_sys::Array,
}

impl Mounted {
    /// Mounts a widget in a fresh page state: no storage, fake event streams.
    pub fn new(config_json: &str) -> Mounted {
        clear_storage();
        Mounted::resumed(config_json)
    }

    /// Mounts a widget over what earlier visits left in storage.
    pub fn resumed(config_json: &str) -> Mounted {
        let streams = fake_event_source();
        let root = loader_shadow_root();
        let launcher = launcher(&root);
        let (emit, events) = recorder();
        let widget = mount(root.clone(), launcher, config_json.into(), API.into(), emit);
        Mounted {
            root,
            widget,
            events,
            streams,
        }
    }

    /// Plays a live event on stream `index`.
    pub fn live(&self, index: u32, event: &LiveEventKind, id: &str) {
        let data = serde_json::to_string(event).unwrap();
        live_event(&self.streams.get(index), &data, id);
    }

    /// The URL of every stream opened, and whether it was closed since.
    pub fn stream_urls(&self) -> Vec<(String, bool)> {
        self.streams
            .iter()
            .map(|s| {
                let url = js_sys::Reflect::get(&s, &"url".into()).unwrap();
                let closed = js_sys::Reflect::get(&s, &"closed".into()).unwrap();
                (url.as_string().unwrap(), closed.is_truthy())
            })
            .collect()
    }

    pub fn panel(&self) -> Element {
        self.root
            .query_selector(".panel")
            .unwrap()
            .expect("a panel")
    }

    pub fn focused(&self) -> Option<Element> {
        self.root.active_element()
    }
}

/// Tests share one page: a widget left mounted would still answer events and timers.
impl Drop for Mounted {
    fn drop(&mut self) {
        self.widget.unmount();
    }
}

pub fn launcher(root: &ShadowRoot) -> HtmlElement {
    root.query_selector("button.launcher")
        .unwrap()
        .unwrap()
        .unchecked_into()
}
