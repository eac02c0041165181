//! The help panel: a dialog with the brand header, the search box, and below it either the
//! results or the thread being read.

use leptos::{ev::KeyboardEvent, html::Input, prelude::*};
use peerhelp_api::{Position, Rgb, SiteConfig};

use super::header::{Header, TITLE_ID};
use super::results::SearchResults;
use super::search_box::SearchBox;
use super::thread_view::ThreadLoader;
use crate::api::Api;
use crate::search::use_search;
use crate::state::PanelState;

/// Colours used when the configuration has none that can be trusted: dark grey and white.
const FALLBACK_COLOURS: (&str, &str) = ("#333333", "#ffffff");

/// The panel, hidden until `state.open`. Escape closes it.
#[component]
pub fn Panel(
    /// The site's configuration; `None` when it could not be read, which shows an apology.
    config: Option<SiteConfig>,
    /// The state shared with the page's JS API.
    state: PanelState,
    /// The site's API.
    api: Api,
    /// The search input, which gets focus when the panel opens.
    search_input: NodeRef<Input>,
) -> impl IntoView {
    let (brand, on_brand) = brand_colours(config.as_ref());
    let left = config
        .as_ref()
        .is_some_and(|config| config.position == Position::Left);
    let on_close = Callback::new(move |()| state.open.set(false));
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" {
            // Keeps the search box's text (clearing it is Escape's default there) and keeps the
            // host page's own Escape handlers out of it.
            ev.prevent_default();
            ev.stop_propagation();
            state.open.set(false);
        }
    };
    let content = match config {
        Some(config) => view! {
            <Header name=config.name greeting=config.greeting on_close />
            <SearchArea state api search_input />
        }
        .into_any(),
        None => view! {
            <Header name="Help".to_owned() greeting=String::new() on_close />
            <p class="state error">"Help is unavailable right now. Please try again later."</p>
        }
        .into_any(),
    };
    view! {
        <section
            class="panel"
            class:left=left
            role="dialog"
            aria-labelledby=TITLE_ID
            hidden=move || !state.open.get()
            style:--ph-brand=brand
            style:--ph-on-brand=on_brand
            on:keydown=on_keydown
        >
            {content}
        </section>
    }
}

/// The search box and, below it, the results or the thread being read.
#[component]
fn SearchArea(state: PanelState, api: Api, search_input: NodeRef<Input>) -> impl IntoView {
    provide_context(api.clone());
    // Owned here rather than by the results, so coming back from a thread shows them at once.
    let search = use_search(api, state.searched);
    let on_select = Callback::new(move |id| state.thread.set(Some(id)));
    let on_back = Callback::new(move |()| {
        state.show_results();
        if let Some(input) = search_input.get_untracked() {
            _ = input.focus();
        }
    });
    let on_retry = Callback::new(move |()| search.refetch());
    let searched = state.searched;
    let body = move || match state.thread.get() {
        Some(id) => {
            let query = Some(searched.get_untracked()).filter(|query| !query.is_empty());
            view! { <ThreadLoader id query on_back /> }.into_any()
        }
        None => {
            let outcome = Signal::derive(move || search.get());
            view! { <SearchResults searched outcome on_select on_retry /> }.into_any()
        }
    };
    view! {
        <SearchBox state input=search_input />
        <div class="body">{body}</div>
    }
}

/// The brand colour and its text colour, or neutral ones if either isn't a `#rrggbb` colour:
/// a malformed value must not leave the header's text unreadable.
fn brand_colours(config: Option<&SiteConfig>) -> (String, String) {
    let valid = |config: &&SiteConfig| {
        Rgb::parse_hex(&config.color).is_some() && Rgb::parse_hex(&config.text_color).is_some()
    };
    match config.filter(valid) {
        Some(config) => (config.color.clone(), config.text_color.clone()),
        None => (FALLBACK_COLOURS.0.to_owned(), FALLBACK_COLOURS.1.to_owned()),
    }
}
