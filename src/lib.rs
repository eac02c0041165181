//! PeerHelp widget: the help panel a brand's visitors open from the launcher button. The
//! loader (`loader/widget.js`) fetches this crate's wasm on demand and calls [`mount`] with its
//! shadow root; the returned [`Widget`] is what `PeerHelp('open')` and friends drive.

mod api;
pub mod components;
mod events;
mod host;
pub mod i18n;
mod identity;
pub mod json;
mod live;
mod outbox;
mod peer_helper;
mod reactive;
mod search;
mod session;
mod state;
mod storage;
mod style;
mod task;

use json::Decode;
use leptos::html::Input;
use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use leptos::{ev, task::spawn_local};
use peerhelp_api::{IdentifyRequest, SiteConfig};
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot};

pub use api::{Api, ApiFailure};
pub use search::SearchOutcome;
pub use session::Session;
pub use state::{EscalateFrom, PanelState, Screen};

use components::Panel;

/// A mounted panel, as handed to the loader.
#[wasm_bindgen]
pub struct Widget {
    session: Session,
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
/// `emit(name, detail)` receives the `open`, `close`, `search`, `asked` and `answered` events.
#[wasm_bindgen]
pub fn mount(
    root: ShadowRoot,
    launcher: HtmlElement,
    config_json: String,
    api_base: String,
    emit: js_sys::Function,
) -> Widget {
    let config = json::from_str::<SiteConfig>(&config_json);
    if let Some(config) = &config {
        i18n::load(&config.language, &config.messages);
    }
    let sheet = style::adopt(&root);
    let container: HtmlElement = document()
        .create_element("div")
        .expect("creating a div cannot fail")
        .unchecked_into();
    _ = root.append_child(&container);
    // One owner for the signals the JS API drives and the view, so unmount frees both.
    let owner = Owner::new();
    let (session, view) = owner.with(|| {
        let session = Session::new(&api_base, PanelState::new(), Some(emit));
        let shadow_root = root.clone();
        // Effects need the executor that `mount_to` starts, so they are made inside it.
        let view = mount_to(container.clone(), move || {
            let search_input = NodeRef::<Input>::new();
            let sign_in_error = RwSignal::new(None);
            host::follow(session, shadow_root, launcher, search_input);
            peer_helper::start(session, sign_in_error);
            live::follow(session, session.visitor, false);
            live::follow(session, session.helper_token, true);
            resume(session);
            view! { <Panel config session search_input sign_in_error /> }.into_any()
        });
        (session, view)
    });
    Widget {
        session,
        mounted: Some(Mounted {
            view,
            owner,
            root,
            container,
            sheet,
        }),
    }
}

/// Picks up where a returning visitor left off: questions written offline are sent (now and
/// whenever the browser comes back online), and replies that came while they were away show
/// on the launcher's badge.
fn resume(session: Session) {
    if outbox::has_waiting(session) {
        spawn_local(outbox::flush(session));
    }
    let online = window_event_listener(ev::online, move |_| spawn_local(outbox::flush(session)));
    on_cleanup(move || online.remove());
    if let Some(token) = session.visitor.get_untracked() {
        spawn_local(async move {
            if let Ok(mine) = session.api().my_threads(&token).await {
                session
                    .unread
                    .set(mine.threads.iter().map(|t| t.unread).sum());
                session.mine.set(Some(mine.threads));
            }
        });
    }
}

#[wasm_bindgen]
impl Widget {
    /// Opens the panel and puts focus in its search box.
    pub fn open(&self) {
        if self.mounted.is_some() {
            self.session.panel.open.set(true);
        }
    }

    /// Closes the panel; focus goes back to the launcher if it was in the panel.
    pub fn close(&self) {
        if self.mounted.is_some() {
            self.session.panel.open.set(false);
        }
    }

    /// Opens the panel if it is closed, closes it if it is open: the launcher's click.
    pub fn toggle(&self) {
        if self.mounted.is_some() {
            self.session.panel.open.update(|open| *open = !*open);
        }
    }

    /// Opens the panel on the results for `query`.
    pub fn search(&self, query: String) {
        if self.mounted.is_some() {
            self.session.panel.search(&query);
            self.session.panel.open.set(true);
        }
    }

    /// `PeerHelp('identify', {id, name, email, expires, signature})`: identifies the visitor
    /// with what the brand's server signed. A malformed object is reported in the console.
    pub fn identify(&self, identity: JsValue) {
        match IdentifyRequest::decode(&identity) {
            Some(request) if self.mounted.is_some() => identity::identify(self.session, request),
            Some(_) => {}
            None => leptos::logging::warn!(
                "PeerHelp: identify needs {{id, expires, signature}} and optionally name and email."
            ),
        }
    }

    /// Removes the panel, the launcher's badge and the stylesheet from the shadow root
    /// (`PeerHelp('shutdown')`).
    pub fn unmount(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            drop(mounted.view);
            mounted.owner.cleanup();
            mounted.container.remove();
            if let Ok(Some(badge)) = mounted.root.query_selector(".unread-badge") {
                badge.remove();
            }
            if let Some(sheet) = &mounted.sheet {
                style::remove(&mounted.root, sheet);
            }
        }
    }
}
