//! Keeps what lies outside the panel in step with it: the loader's launcher button (its
//! `aria-expanded` and focus) and the events the brand's page listens to.

use leptos::{ev, html::Input, prelude::*};
use web_sys::{Element, HtmlElement, ShadowRoot};

use crate::events::Emitter;
use crate::state::PanelState;

/// Follows `state` from now on: reflects the open state on the launcher, moves focus into the
/// search box on open and back to the launcher on close, and emits `open`, `close` and
/// `search`. Nothing happens at mount, so loading the widget never steals the page's focus.
pub fn follow(
    state: PanelState,
    root: ShadowRoot,
    launcher: HtmlElement,
    search_input: NodeRef<Input>,
    emitter: Emitter,
) {
    let events = emitter.clone();
    // Compared with the previous run's value rather than `Effect::watch`, which would miss a
    // change made before its first run: the loader replays queued commands (`open`, `search`)
    // right after `mount`.
    Effect::new(move |was_open: Option<bool>| {
        let open = state.open.get();
        if open != was_open.unwrap_or(false) {
            _ = launcher.set_attribute("aria-expanded", if open { "true" } else { "false" });
            if open {
                // The same change un-hides the panel; a hidden input can't take focus, so wait
                // until the panel is rendered.
                request_animation_frame(move || {
                    if let Some(input) = search_input.get_untracked() {
                        _ = input.focus();
                    }
                });
            } else if focus_is_ours(&root) {
                _ = launcher.focus();
            }
            events.emit(if open { "open" } else { "close" }, None);
        }
        open
    });
    // Escape inside the panel is handled there; this catches it when focus fell to the body
    // (after clicking the panel's text, say), which still means the visitor is in the panel.
    let escape = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" && state.open.get_untracked() && focus_is_lost() {
            state.open.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    Effect::new(move |previous: Option<String>| {
        let query = state.searched.get();
        if !query.is_empty() && previous.as_ref() != Some(&query) {
            emitter.emit("search", Some(&query));
        }
        query
    });
}

/// Whether closing should hand focus to the launcher: focus is in the widget, or lost to the
/// body. A page that closes the panel from script while the visitor types elsewhere keeps its
/// focus.
fn focus_is_ours(root: &ShadowRoot) -> bool {
    root.active_element().is_some() || focus_is_lost()
}

/// Whether focus fell back to the page's body, as it does when the focused control disappears
/// or the visitor clicks text.
fn focus_is_lost() -> bool {
    let document = document();
    let active = document.active_element();
    active.is_none() || active == document.body().map(Element::from)
}
