//! Effects, focus on load and conditional views, each through one shared copy of Leptos'
//! machinery.
//!
//! `Effect::new`, `NodeRef::on_load` and `<Show>` are generic over their closures, so every
//! call site makes the compiler emit its own copy of what runs them (an effect's async loop
//! alone is about 1.5 KB of wasm). Boxing the closures first lets all call sites share one
//! copy: the widget ships to every visitor, so that matters (`peerhelp-bench widget-size`).

use leptos::{html::Input, prelude::*};
use web_sys::HtmlElement;

/// Runs `run` once soon and again whenever a signal it read changes. State the effect keeps
/// between runs lives in the closure.
pub fn effect(run: impl FnMut() + 'static) {
    shared_effect(Box::new(run));
}

fn shared_effect(mut run: Box<dyn FnMut()>) {
    Effect::new(move |_| run());
}

/// Focuses the element `node` returns once it exists: what the visitor opened takes focus,
/// so keyboard and screen reader users continue from there.
pub fn focus_on_load(node: impl Fn() -> Option<HtmlElement> + 'static) {
    let mut done = false;
    effect(move || {
        if !done && let Some(element) = node() {
            done = true;
            _ = element.focus();
        }
    });
}

/// Focuses `input` on the next frame: a change that shows it (opening the panel, going back to
/// the results) is rendered by then, and a hidden input can't take focus. One copy for every
/// caller of `request_animation_frame`, which is generic over its closure.
pub fn focus_next_frame(input: NodeRef<Input>) {
    request_animation_frame(move || {
        if let Some(input) = input.get_untracked() {
            _ = input.focus();
        }
    });
}

/// Turns true the first time `when` holds and stays true: a change that happens once for good
/// (the greeting collapsing after the first search, suggestions fetched at the first open).
pub fn latch(when: impl Fn() -> bool + Send + Sync + 'static) -> Memo<bool> {
    let when: Boxed<bool> = Box::new(when);
    Memo::new(move |before: Option<&bool>| before.copied().unwrap_or(false) || when())
}

/// `view` while `when` holds, nothing otherwise. `when` is memoized, so the view is only
/// rebuilt when the condition flips, never on every change of what it reads.
pub fn show(
    when: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    show_or(when, view, || ().into_any())
}

/// `view` while `when` holds, `fallback` otherwise.
pub fn show_or(
    when: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
    fallback: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    shared_show(Box::new(when), Box::new(view), Box::new(fallback))
}

type Boxed<T> = Box<dyn Fn() -> T + Send + Sync>;

fn shared_show(when: Boxed<bool>, view: Boxed<AnyView>, fallback: Boxed<AnyView>) -> AnyView {
    let when = Memo::new(move |_| when());
    (move || if when.get() { view() } else { fallback() }).into_any()
}

/// A reactive attribute, property or class value (`disabled=`, `hidden=`, `aria-pressed=`,
/// `prop:value=`, `class:name=`) behind one boxed type per value type. Leptos builds a render
/// effect for each distinct closure type it is given; boxed, all attributes of a value type
/// share one copy of it.
pub type Reactive<T> = Box<dyn FnMut() -> T + Send>;

/// `value` as a [`Reactive`].
pub fn reactive<T>(value: impl Fn() -> T + Send + 'static) -> Reactive<T> {
    Box::new(value)
}
