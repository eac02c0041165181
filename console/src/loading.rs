//! Loading a screen's data from the API into a signal, and showing it once there.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

use crate::api::Client;
use crate::i18n::t;

/// What a screen shows: nothing yet, the server's refusal, or the data.
pub type Loaded<T> = RwSignal<Option<Result<T, String>>>;

/// Fetches `path` into `target`; a screen left meanwhile simply drops the answer.
pub fn fetch_into<T>(target: Loaded<T>, client: &Client, path: &str)
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    let (client, path) = (client.clone(), path.to_owned());
    spawn_local(async move {
        let loaded = client.get::<T>(&path).await;
        _ = target.try_set(Some(loaded));
    });
}

/// `path` loaded now, and a callback that loads it again (after an action changed it).
pub fn reloadable<T>(client: &Client, path: impl Into<String>) -> (Loaded<T>, Callback<()>)
where
    T: DeserializeOwned + Send + Sync + 'static,
{
    let target = RwSignal::new(None);
    let (client, path) = (client.clone(), path.into());
    let reload = Callback::new(move |()| fetch_into(target, &client, &path));
    reload.run(());
    (target, reload)
}

/// "Loading…", the refusal, or `shown` of the data.
pub fn show_loaded<T>(
    target: Loaded<T>,
    shown: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    move || match target.get() {
        None => view! { <p class="muted">{t("loading")}</p> }.into_any(),
        Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
        Some(Ok(value)) => shown(value),
    }
}
