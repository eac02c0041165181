//! The panel's state, shared by its components and by the page's JS API (`widget.open()` …).

use leptos::prelude::*;

/// Everything the panel shows is derived from these signals. `Copy`, so components and the
/// exported [`crate::Widget`] all hold the same state.
#[derive(Clone, Copy, Debug)]
pub struct PanelState {
    /// Whether the panel is showing.
    pub open: RwSignal<bool>,
    /// What is typed in the search box.
    pub query: RwSignal<String>,
    /// The query being searched: `query`, trimmed, once the visitor paused typing.
    pub searched: RwSignal<String>,
    /// The thread being read; `None` shows the search results.
    pub thread: RwSignal<Option<i64>>,
}

impl PanelState {
    /// A closed panel with an empty search.
    pub fn new() -> PanelState {
        PanelState {
            open: RwSignal::new(false),
            query: RwSignal::new(String::new()),
            searched: RwSignal::new(String::new()),
            thread: RwSignal::new(None),
        }
    }

    /// Searches what the search box holds, unless that search is already shown: trailing
    /// spaces and repeated submits must not cost a request.
    pub fn search_typed(&self) {
        let query = self.query.get_untracked().trim().to_owned();
        if self.searched.get_untracked() != query {
            self.searched.set(query);
        }
    }

    /// Puts `query` in the search box and searches it at once, as `PeerHelp('search', …)` asks.
    pub fn search(&self, query: &str) {
        self.query.set(query.to_owned());
        self.show_results();
        self.search_typed();
    }

    /// Leaves the thread view, if open, for the results.
    pub fn show_results(&self) {
        if self.thread.get_untracked().is_some() {
            self.thread.set(None);
        }
    }
}

impl Default for PanelState {
    fn default() -> PanelState {
        PanelState::new()
    }
}
