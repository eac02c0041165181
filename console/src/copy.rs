//! A "Copy" button beside text staff hand on (the script tag, an invitation link): the
//! clipboard when the browser allows it, else a note to copy the text by hand.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::t;

/// Copies `text` to the clipboard when clicked, saying whether it worked. `label` names what
/// is copied for screen readers ("Copy the script tag").
#[component]
pub fn CopyButton(
    /// What the button copies.
    #[prop(into)]
    text: Signal<String>,
    /// The button's accessible name.
    label: &'static str,
) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let copy = move |_| {
        let text = text.get_untracked();
        spawn_local(async move {
            let promise = window().navigator().clipboard().write_text(&text);
            copied.set(Some(JsFuture::from(promise).await.is_ok()));
        });
    };
    view! {
        <button type="button" aria-label=label on:click=copy>{t("copy.copy")}</button>
        <span role="status" class="muted">
            {move || copied.get().map(|done| t(if done { "copy.copied" } else { "copy.by_hand" }))}
        </span>
    }
}
