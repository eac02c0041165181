//! PeerHelp widget: the help panel a brand's visitors open from the launcher button. The
//! loader (`loader/widget.js`) fetches this crate's wasm on demand and calls [`mount`] with its
//! shadow root; the returned [`Widget`] is what `PeerHelp('open')` and friends drive.

mod api;
pub mod components;
mod events;
mod host;
mod search;
mod state;
mod style;

use leptos::html::Input;
use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use peerhelp_api::SiteConfig;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot};

pub use api::{Api, ApiFailure};
pub use search::SearchOutcome;
pub use state::PanelState;

use components::Panel;
use events::Emitter;

/// A mounted panel, as handed to the loader.
#[wasm_bindgen]
pub struct Widget {
    state: PanelState,
    mounted: Option<Mounted>,
}

/// What [`Widget::unmount`] takes down again.
struct Mounted {
    view: UnmountHandle<AnyViewState>,
    owner: Owner,
    root: ShadowRoot,
    container: HtmlElement,
    sheet: Option<CssStyleSheet>,
}

/// Mounts the panel into the loader's shadow root, next to its `launcher` button.
/// `config_json` is the body of `GET {api_base}/config`; if it can't be read the panel still
/// mounts and says help is unavailable, so a bad response never breaks the host page.
/// `emit(name, detail)` receives the `open`, `close` and `search` events.
#[wasm_bindgen]
pub fn mount(
    root: ShadowRoot,
    launcher: HtmlElement,
    config_json: String,
    api_base: String,
    emit: js_sys::Function,
) -> Widget {
    let config = serde_json::from_str::<SiteConfig>(&config_json).ok();
    let sheet = style::adopt(&root);
    let container: HtmlElement = document()
        .create_element("div")
        .expect("creating a div cannot fail")
        .unchecked_into();
    _ = root.append_child(&container);
    // One owner for the signals the JS API drives and the view, so unmount frees both.
    let owner = Owner::new();
    let (state, view) = owner.with(|| {
        let state = PanelState::new();
        let api = Api::new(&api_base);
        let shadow_root = root.clone();
        // Effects need the executor that `mount_to` starts, so they are made inside it.
        let view = mount_to(container.clone(), move || {
            let search_input = NodeRef::<Input>::new();
            host::follow(
                state,
                shadow_root,
                launcher,
                search_input,
                Emitter::new(emit),
            );
            view! { <Panel config state api search_input /> }.into_any()
        });
        (state, view)
    });
    Widget {
        state,
        mounted: Some(Mounted {
            view,
            owner,
            root,
            container,
            sheet,
        }),
    }
}

#[wasm_bindgen]
impl Widget {
    /// Opens the panel and puts focus in its search box.
    pub fn open(&self) {
        if self.mounted.is_some() {
            self.state.open.set(true);
        }
    }

    /// Closes the panel; focus goes back to the launcher if it was in the panel.
    pub fn close(&self) {
        if self.mounted.is_some() {
            self.state.open.set(false);
        }
    }

    /// Opens the panel if it is closed, closes it if it is open: the launcher's click.
    pub fn toggle(&self) {
        if self.mounted.is_some() {
            self.state.open.update(|open| *open = !*open);
        }
    }

    /// Opens the panel on the results for `query`.
    pub fn search(&self, query: String) {
        if self.mounted.is_some() {
            self.state.search(&query);
            self.state.open.set(true);
        }
    }

    /// Removes the panel and its stylesheet from the shadow root (`PeerHelp('shutdown')`).
    pub fn unmount(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            drop(mounted.view);
            mounted.owner.cleanup();
            mounted.container.remove();
            if let Some(sheet) = &mounted.sheet {
                style::remove(&mounted.root, sheet);
            }
        }
    }
}
