//! The panel's navigation state, shared by its components and by the page's JS API
//! (`widget.open()` …).

use leptos::prelude::*;

use crate::components::Listbox;

/// What the panel's body shows below the search box.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Screen {
    /// Search results (or the hint before a search).
    #[default]
    Results,
    /// One thread.
    Thread(i64),
    /// The form to ask the community.
    Ask,
    /// The visitor's own questions.
    Mine,
    /// The top helpers.
    Leaders,
    /// Helper mode: status, profile and the queue of open questions.
    Helper,
    /// The form to reach staff.
    Escalate(EscalateFrom),
}

/// Where the visitor asked to reach staff from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EscalateFrom {
    /// The panel: the request is new.
    Panel,
    /// Their own question, which is handed over as it is.
    Own(i64),
    /// Someone else's thread, which staff see for context.
    Other(i64),
}

impl EscalateFrom {
    /// The thread escalated from, if any.
    pub fn thread(self) -> Option<i64> {
        match self {
            EscalateFrom::Panel => None,
            EscalateFrom::Own(id) | EscalateFrom::Other(id) => Some(id),
        }
    }
}

/// Everything the panel shows is derived from these signals. `Copy`, so components and the
/// exported [`crate::Widget`] all hold the same state.
#[derive(Clone, Copy)]
pub struct PanelState {
    /// Whether the panel is showing.
    pub open: RwSignal<bool>,
    /// What is typed in the search box.
    pub query: RwSignal<String>,
    /// The query being searched: `query`, trimmed, once the visitor paused typing.
    pub searched: RwSignal<String>,
    /// What the body shows.
    pub screen: RwSignal<Screen>,
    /// Where a thread's back button returns to.
    pub back: RwSignal<Screen>,
    /// What the visitor searched for so far, oldest first: staff see it with an escalation,
    /// so the visitor need not repeat what they tried.
    pub tried: StoredValue<Vec<String>>,
    /// The search results the search box moves through with the arrow keys.
    pub results: Listbox,
}

impl PanelState {
    /// A closed panel with an empty search.
    pub fn new() -> PanelState {
        PanelState {
            open: RwSignal::new(false),
            query: RwSignal::new(String::new()),
            searched: RwSignal::new(String::new()),
            screen: RwSignal::new(Screen::Results),
            back: RwSignal::new(Screen::Results),
            tried: StoredValue::new(Vec::new()),
            results: Listbox::new("ph-results"),
        }
    }

    /// Searches what the search box holds, unless that search is already shown: trailing
    /// spaces and repeated submits must not cost a request.
    pub fn search_typed(&self) {
        let query = self.query.get_untracked().trim().to_owned();
        if self.searched.get_untracked() != query {
            if !query.is_empty() {
                self.tried.update_value(|tried| tried.push(query.clone()));
            }
            self.searched.set(query);
        }
    }

    /// Puts `query` in the search box and searches it at once, as `PeerHelp('search', …)` asks.
    pub fn search(&self, query: &str) {
        self.query.set(query.to_owned());
        self.show_results();
        self.search_typed();
    }

    /// Leaves any other screen for the results.
    pub fn show_results(&self) {
        self.show(Screen::Results);
    }

    /// Shows `screen`, unless it is already showing.
    pub fn show(&self, screen: Screen) {
        if self.screen.get_untracked() != screen {
            self.screen.set(screen);
        }
    }

    /// Opens thread `id`; its back button returns to the screen showing now.
    pub fn open_thread(&self, id: i64) {
        let here = self.screen.get_untracked();
        if !matches!(here, Screen::Thread(_)) {
            self.back.set(here);
        }
        self.show(Screen::Thread(id));
    }
}

impl Default for PanelState {
    fn default() -> PanelState {
        PanelState::new()
    }
}
