//! What the panel shows instead of content: before a search, while loading, when nothing was
//! found, and when a request failed.

use leptos::prelude::*;

use peerhelp_api::Text;

use super::results::ask_and_contact;
use crate::i18n::{fill, t};

/// Shown before the visitor has typed anything.
#[component]
pub fn Hint() -> impl IntoView {
    view! {
        <p class="state hint">
            {t(Text::Hint)}
        </p>
    }
}

/// Shown while a request is on its way.
#[component]
pub fn Loading(
    /// What is being loaded, as a short phrase: "Searching…".
    label: Text,
) -> impl IntoView {
    view! { <p class="state loading">{t(label)}</p> }
}

/// Shown when a search found nothing: points to asking the community or the team instead.
#[component]
pub fn EmptyState(
    /// The query that found nothing.
    query: String,
    /// Opens the question form, its title taken from the query.
    on_ask: Option<Callback<()>>,
    /// Opens the form to reach staff.
    on_contact: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div class="state empty">
            <p class="empty-title">{fill(Text::NoResultsFor, "{query}", &query)}</p>
            <p>{t(Text::NoResultsTip)}</p>
            {ask_and_contact(on_ask, on_contact)}
        </div>
    }
}

/// Shown when a request failed: why, and a way to try again.
#[component]
pub fn ErrorState(
    /// The sentence to show: the server's message or a network-failure message.
    message: String,
    /// Called when the visitor presses "Try again".
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="state error">
            <p>{message}</p>
            <button type="button" on:click=move |_| on_retry.run(())>
                {t(Text::TryAgain)}
            </button>
        </div>
    }
}
