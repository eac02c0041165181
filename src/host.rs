//! Keeps what lies outside the panel in step with it: the loader's launcher button (its
//! `aria-expanded`, its unread badge and focus) and the events the brand's page listens to.

use leptos::{ev, html::Input, prelude::*, task::spawn_local};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

use peerhelp_api::Text;

use crate::i18n::{counted, t};
use crate::identity::send_identity;
use crate::reactive::{effect, focus_next_frame};
use crate::session::Session;

/// Follows `session` from now on: reflects the open state on the launcher, moves focus into
/// the search box on open and back to the launcher on close, shows replies that arrived while
/// the panel was closed as a badge on the launcher, and emits `open`, `close` and `search`.
/// Nothing happens at mount, so loading the widget never steals the page's focus.
pub fn follow(
    session: Session,
    root: ShadowRoot,
    launcher: HtmlElement,
    search_input: NodeRef<Input>,
) {
    let state = session.panel;
    badge(session, launcher.clone());
    // Compared with the previous run's value rather than `Effect::watch`, which would miss a
    // change made before its first run: the loader replays queued commands (`open`, `search`)
    // right after `mount`.
    let mut was_open = false;
    effect(move || {
        let open = state.open.get();
        if open != was_open {
            _ = launcher.set_attribute("aria-expanded", if open { "true" } else { "false" });
            if open {
                if !session.opened.get_untracked() {
                    session.opened.set(true);
                    spawn_local(send_identity(session));
                }
                session.unread.set(0);
                // The same change un-hides the panel; a hidden input can't take focus, so wait
                // until the panel is rendered.
                focus_next_frame(search_input);
            } else if focus_is_ours(&root) {
                _ = launcher.focus();
            }
            session.emit(if open { "open" } else { "close" }, None);
        }
        was_open = open;
    });
    // Escape inside the panel is handled there; this catches it when focus fell to the body
    // (after clicking the panel's text, say), which still means the visitor is in the panel.
    let escape = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" && state.open.get_untracked() && focus_is_lost() {
            state.open.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    let mut previous = String::new();
    effect(move || {
        let query = state.searched.get();
        if !query.is_empty() && previous != query {
            session.emit("search", Some(&query));
        }
        previous = query;
    });
}

/// A badge inside the launcher counting unread replies; the launcher's label says the same
/// ("Help, 2 new replies") for screen readers, which skip the badge itself. `Widget::unmount`
/// removes it.
fn badge(session: Session, launcher: HtmlElement) {
    let badge: HtmlElement = document()
        .create_element("span")
        .expect("creating a span cannot fail")
        .unchecked_into();
    badge.set_class_name("unread-badge");
    _ = badge.set_attribute("aria-hidden", "true");
    _ = launcher.append_child(&badge);
    let label = launcher
        .get_attribute("aria-label")
        .unwrap_or_else(|| t(Text::Help).into());
    effect(move || {
        let unread = session.unread.get();
        badge.set_hidden(unread == 0);
        badge.set_text_content(Some(&unread.to_string()));
        let label = match unread {
            0 => label.clone(),
            _ => {
                label.clone()
                    + ", "
                    + &counted(unread.into(), Text::NewRepliesOne, Text::NewRepliesMany)
            }
        };
        _ = launcher.set_attribute("aria-label", &label);
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
