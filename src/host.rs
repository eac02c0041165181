//! Keeps what lies outside the panel in step with it: the loader's launcher button (its
//! `aria-expanded` and focus) and the events the brand's page listens to.

use leptos::prelude::*;
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
    search_input: NodeRef<leptos::html::Input>,
    emitter: Emitter,
) {
    let events = emitter.clone();
    Effect::watch(
        move || state.open.get(),
        move |&open, _, _| {
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
        },
        false,
    );
    Effect::watch(
        move || state.searched.get(),
        move |query, _, _| {
            if !query.is_empty() {
                emitter.emit("search", Some(query));
            }
        },
        false,
    );
}

/// Whether closing should hand focus to the launcher: focus is in the widget, or the browser
/// already dropped it to the body because the focused control was hidden. A page that closes
/// the panel from script while the visitor types elsewhere keeps its focus.
fn focus_is_ours(root: &ShadowRoot) -> bool {
    let document = document();
    let active = document.active_element();
    root.active_element().is_some()
        || active.is_none()
        || active == document.body().map(Element::from)
}
