//! Who is using the widget and the live data around them: the visitor's and helper's tokens,
//! the open thread, "My questions", the helpers online, the helper's queue. One `Copy` value
//! in context, so components, the live stream and the JS API all update the same signals.

use js_sys::Function;
use leptos::prelude::*;
use peerhelp_api::{
    DEFAULT_ESCALATE_AFTER_MINUTES, DEFAULT_FIRST_REPLY_TARGET_MINUTES, HelperCard, HelperProfile,
    IdentifyRequest, MyThread, PresenceStatus, QueueItem, Thread,
};

use crate::api::Api;
use crate::events::Emitter;
use crate::state::PanelState;
use crate::storage::{self, Storage};

/// The widget's shared state beyond the panel's navigation.
#[derive(Clone, Copy)]
pub struct Session {
    /// The panel's navigation, driven by the JS API too.
    pub panel: PanelState,
    api: StoredValue<Api>,
    storage: StoredValue<Storage>,
    emitter: StoredValue<Option<Emitter>, LocalStorage>,
    /// The visitor's token, once they took an action that needs one.
    pub visitor: RwSignal<Option<String>>,
    /// A signed-in helper's token.
    pub helper_token: RwSignal<Option<String>>,
    /// A signed-in helper's profile, once loaded.
    pub helper: RwSignal<Option<HelperProfile>>,
    /// The signed-in helper's status as this widget set it.
    pub presence: RwSignal<PresenceStatus>,
    /// The thread on screen, which live events update in place.
    pub thread: RwSignal<Option<RwSignal<Thread>>>,
    /// The visitor's questions, once loaded.
    pub mine: RwSignal<Option<Vec<MyThread>>>,
    /// The helpers online now, once loaded.
    pub online: RwSignal<Option<Vec<HelperCard>>>,
    /// The helper's queue of open questions, once loaded.
    pub queue: RwSignal<Option<Vec<QueueItem>>>,
    /// Replies that arrived while the panel was closed: the launcher's badge.
    pub unread: RwSignal<u32>,
    /// What the panel's polite live region says about live events.
    pub announcement: RwSignal<String>,
    /// An identity the brand's page sent, waiting for the panel to open (see `identity`).
    pub identity: StoredValue<Option<IdentifyRequest>>,
    /// Whether the panel was ever opened: until then nothing is written to storage.
    pub opened: RwSignal<bool>,
    /// Whether the brand identified the visitor on this page, so staff know how to reach them.
    pub identified: RwSignal<bool>,
    /// Minutes an unanswered question waits before the widget offers staff.
    pub escalate_after_minutes: StoredValue<u32>,
    /// The brand's name, which tickets quote ("Sent to the Nimbus team").
    pub team: RwSignal<String>,
    /// The minutes the brand's team usually replies within, which tickets quote.
    pub reply_within_minutes: StoredValue<u32>,
}

impl Session {
    /// The session of the site at `api_base`, resuming the tokens kept in this browser.
    /// `emit` is the loader's `emit(name, detail)`, if any.
    pub fn new(api_base: &str, panel: PanelState, emit: Option<Function>) -> Session {
        let api = Api::new(api_base);
        let storage = Storage::new(api.site());
        Session {
            panel,
            visitor: RwSignal::new(storage.get(storage::VISITOR)),
            helper_token: RwSignal::new(storage.get(storage::HELPER)),
            api: StoredValue::new(api),
            storage: StoredValue::new(storage),
            emitter: StoredValue::new_local(emit.map(Emitter::new)),
            helper: RwSignal::new(None),
            presence: RwSignal::new(PresenceStatus::Offline),
            thread: RwSignal::new(None),
            mine: RwSignal::new(None),
            online: RwSignal::new(None),
            queue: RwSignal::new(None),
            unread: RwSignal::new(0),
            announcement: RwSignal::new(String::new()),
            identity: StoredValue::new(None),
            opened: RwSignal::new(false),
            identified: RwSignal::new(false),
            escalate_after_minutes: StoredValue::new(DEFAULT_ESCALATE_AFTER_MINUTES),
            team: RwSignal::new(String::new()),
            reply_within_minutes: StoredValue::new(DEFAULT_FIRST_REPLY_TARGET_MINUTES),
        }
    }

    /// The site's API client.
    pub fn api(&self) -> Api {
        self.api.get_value()
    }

    /// The site's browser storage.
    pub fn storage(&self) -> Storage {
        self.storage.get_value()
    }

    /// Reports an event to the brand's page.
    pub fn emit(&self, name: &str, detail: Option<&str>) {
        self.emitter.with_value(|emitter| {
            if let Some(emitter) = emitter {
                emitter.emit(name, detail);
            }
        });
    }

    /// The token to read threads with: the helper's in helper mode, else the visitor's.
    pub fn reader_token(&self) -> Option<String> {
        self.helper_token
            .get_untracked()
            .or_else(|| self.visitor.get_untracked())
    }

    /// Keeps (or, with `None`, forgets) a token in its signal and in storage.
    pub fn keep_token(&self, which: &str, token: Option<String>) {
        let storage = self.storage();
        match &token {
            Some(token) => storage.set(which, token),
            None => storage.remove(which),
        }
        let signal = if which == storage::HELPER {
            self.helper_token
        } else {
            self.visitor
        };
        signal.set(token);
    }

    /// Runs `change` on thread `id` in "My questions", if it is loaded and there.
    pub fn update_my_thread(&self, id: i64, change: impl FnOnce(&mut MyThread)) {
        self.mine.update(|mine| {
            if let Some(mine) = mine
                .as_mut()
                .and_then(|m| m.iter_mut().find(|t| t.id == id))
            {
                change(mine);
            }
        });
    }

    /// Runs `change` on the open thread if it is thread `id`; whether it was.
    pub fn update_thread(&self, id: i64, change: impl FnOnce(&mut Thread)) -> bool {
        let open = self
            .thread
            .get_untracked()
            .filter(|thread| thread.with_untracked(|thread| thread.id) == id);
        if let Some(thread) = open {
            thread.update(change);
        }
        open.is_some()
    }
}
