//! The search box: search as you type, once the visitor pauses; Up, Down and Enter move
//! through the results and open one (see `listbox`).

use std::time::Duration;

use leptos::{ev::SubmitEvent, html::Input, prelude::*};
use peerhelp_api::{MAX_QUERY_CHARS, Text};

use crate::i18n::t;
use crate::reactive::reactive;
use crate::state::PanelState;

/// How long typing must pause before a search starts: fast enough to feel live, slow enough
/// not to send a request per keystroke.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// The search form. Typing searches after a pause; Enter searches at once.
#[component]
pub fn SearchBox(
    /// The panel state whose `query` and `searched` this box drives.
    state: PanelState,
    /// The input, so the panel can move focus into it when it opens.
    input: NodeRef<Input>,
) -> impl IntoView {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let cancel_pending = move || {
        if let Some(timer) = pending.get_value() {
            timer.clear();
        }
    };
    let on_input = move |ev| {
        state.query.set(event_target_value(&ev));
        state.show_results();
        cancel_pending();
        let timer = set_timeout_with_handle(move || state.search_typed(), DEBOUNCE);
        pending.set_value(timer.ok());
    };
    state.results.drive_from(input);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        cancel_pending();
        state.search_typed();
    };
    view! {
        <form class="search" role="search" on:submit=on_submit>
            <input
                type="search"
                node_ref=input
                aria-label=t(Text::SearchLabel)
                placeholder=t(Text::SearchPlaceholder)
                autocomplete="off"
                enterkeyhint="search"
                maxlength=MAX_QUERY_CHARS
                prop:value=reactive(move || state.query.get())
                on:input=on_input
                on:keydown=move |ev| state.results.on_key(&ev)
            />
        </form>
    }
}
