//! Pieces the panel's screens share: a heading that takes focus when the screen opens, and
//! the loading and error states of a screen's data.

use leptos::{html::H3, prelude::*};

use peerhelp_api::Text;

use super::states::{ErrorState, Loading};
use crate::api::ApiFailure;
use crate::i18n::t;
use crate::reactive::focus_on_load;
use crate::task::Resource;

/// A screen's heading. It takes focus when the screen opens, so keyboard and screen reader
/// users continue from the top of what they opened.
pub fn heading(text: Text) -> impl IntoView {
    let heading = NodeRef::<H3>::new();
    focus_on_load(move || heading.get().map(Into::into));
    view! { <h3 tabindex="-1" node_ref=heading>{t(text)}</h3> }
}

/// What loads a screen's data into the session; `Ok` once it is there.
pub type Loader = Resource<Result<(), ApiFailure>>;

/// The view of a screen's data: loading until `loaded` says otherwise, then the failure or
/// `shown`, which renders what the loader put in the session.
pub fn loaded(loader: Loader, shown: impl Fn() -> AnyView + Send + 'static) -> impl IntoView {
    let on_retry = Callback::new(move |()| loader.refetch());
    move || match loader.get() {
        None => view! { <Loading label=Text::Loading /> }.into_any(),
        Some(Err(failure)) => {
            view! { <ErrorState message=failure.message() on_retry /> }.into_any()
        }
        Some(Ok(())) => shown(),
    }
}

/// A helper's avatar: their initials in a circle, hidden from screen readers, which read the
/// name next to it.
pub fn avatar(initials: String) -> impl IntoView {
    view! { <span class="avatar" aria-hidden="true">{initials}</span> }
}
