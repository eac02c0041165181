//! The panel's header: the brand's name and greeting on the brand colour, and the close button.
//! The greeting collapses once the visitor searched, leaving the room to the results.

use leptos::{html::Button, prelude::*};
use peerhelp_api::Text;

use crate::i18n::t;
use crate::reactive::reactive;

/// Id of the panel's title, which names the dialog (`aria-labelledby`).
pub const TITLE_ID: &str = "ph-title";

/// The brand header of the panel.
#[component]
pub fn Header(
    /// Brand name, the dialog's title.
    name: String,
    /// The line a visitor reads first; may be empty.
    greeting: String,
    /// Whether the greeting made way for results.
    collapsed: Memo<bool>,
    /// Called when the visitor presses the close button.
    on_close: Callback<()>,
    /// The close button, where focus goes round to on a phone.
    close_button: NodeRef<Button>,
) -> impl IntoView {
    view! {
        <header class="header">
            <div class="heading">
                <h2 id=TITLE_ID>{name}</h2>
                {(!greeting.is_empty()).then(|| view! {
                    <p class="greeting" hidden=reactive(move || collapsed.get())>{greeting}</p>
                })}
            </div>
            <button
                type="button"
                class="close"
                node_ref=close_button
                aria-label=t(Text::CloseHelp)
                on:click=move |_| on_close.run(())
            >
                <span aria-hidden="true">"×"</span>
            </button>
        </header>
    }
}
