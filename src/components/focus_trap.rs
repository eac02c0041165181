//! Keeps Tab inside the panel while it covers the page, as it does on a phone: the page under
//! it can't be seen, so focus must not wander off there.

use leptos::{ev::KeyboardEvent, html::Section, prelude::*};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, Node};

/// Below this width the panel takes the whole screen (the stylesheet's phone layout).
const COVERS_PAGE_BELOW_PX: f64 = 480.0;

/// What Tab can reach in the panel; hidden ones are left out below.
const FOCUSABLE: &str = "button:not(:disabled),input,textarea,summary,a[href]";

/// On Tab past the panel's last control (Shift+Tab before its first), goes round to the other
/// end instead of leaving the panel, when the panel covers the page.
pub fn keep_focus_inside(ev: &KeyboardEvent, panel: NodeRef<Section>) {
    let width = window().inner_width().ok().and_then(|w| w.as_f64());
    let (Some(panel), true) = (
        panel.get_untracked(),
        width.is_some_and(|w| w < COVERS_PAGE_BELOW_PX),
    ) else {
        return;
    };
    let Ok(found) = panel.query_selector_all(FOCUSABLE) else {
        return;
    };
    // Only what is rendered: not a hidden screen part, not a closed menu's content.
    let shown: Vec<HtmlElement> = (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<HtmlElement>().ok())
        .filter(|element| element.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last), Some(here)) = (
        shown.first(),
        shown.last(),
        // Where focus is, even where the event was retargeted to the shadow root's host.
        ev.composed_path().get(0).dyn_into::<Node>().ok(),
    ) else {
        return;
    };
    // Focus may be on something Tab itself doesn't stop at, such as a heading that took focus
    // when its screen opened: what counts is whether anything focusable lies beyond it.
    let (way, next) = if ev.shift_key() {
        (Node::DOCUMENT_POSITION_PRECEDING, last)
    } else {
        (Node::DOCUMENT_POSITION_FOLLOWING, first)
    };
    if shown
        .iter()
        .any(|element| here.compare_document_position(element) & way != 0)
    {
        return;
    }
    ev.prevent_default();
    _ = next.focus();
}
