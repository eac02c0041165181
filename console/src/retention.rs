//! How long the site keeps personal data (admins change it), shown on the Privacy screen:
//! widget activity, feedback and anonymous visitors who asked nothing.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{SiteSettings, SiteSettingsChange};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::loading::{Loaded, fetch_into, show_loaded};

#[component]
pub fn RetentionView(client: Client) -> impl IntoView {
    let settings: Loaded<SiteSettings> = RwSignal::new(None);
    fetch_into(settings, &client, "/settings");
    let form = show_loaded(settings, move |current: SiteSettings| {
        view! { <RetentionForm client=client.clone() current /> }.into_any()
    });
    view! {
        <h3>{t("retention.heading")}</h3>
        {form}
    }
}

#[component]
fn RetentionForm(client: Client, current: SiteSettings) -> impl IntoView {
    let activity = RwSignal::new(current.activity_retention_days.to_string());
    let feedback = RwSignal::new(current.feedback_retention_days.to_string());
    let visitors = RwSignal::new(current.anonymous_visitor_retention_days.to_string());
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let days = |value: RwSignal<String>, field: &'static str| {
            value
                .get_untracked()
                .trim()
                .parse::<u32>()
                .map_err(|_| fill("retention.days", &[("field", t(field))]))
        };
        let change = match (
            days(activity, "retention.activity"),
            days(feedback, "retention.feedback"),
            days(visitors, "retention.visitors"),
        ) {
            (Ok(activity), Ok(feedback), Ok(visitors)) => SiteSettingsChange {
                activity_retention_days: Some(activity),
                feedback_retention_days: Some(feedback),
                anonymous_visitor_retention_days: Some(visitors),
                ..SiteSettingsChange::default()
            },
            (Err(message), _, _) | (_, Err(message), _) | (_, _, Err(message)) => {
                outcome.set(Some(Err(message)));
                return;
            }
        };
        let client = client.clone();
        spawn_local(async move {
            let saved = client.patch::<SiteSettings>("/settings", &change).await;
            outcome.set(Some(saved.map(|_| ())));
        });
    };
    let field = |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <label for=id>{t(label)}</label>
            <input id=id inputmode="numeric" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        }
    };
    view! {
        <form class="card" on:submit=on_submit>
            {field("retention-activity", "retention.activity", activity)}
            {field("retention-feedback", "retention.feedback", feedback)}
            {field("retention-visitors", "retention.visitors", visitors)}
            <div class="actions"><button type="submit" class="primary">{t("settings.save")}</button></div>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(()) => view! { <p role="status">{t("settings.saved")}</p> }.into_any(),
                Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            })}
        </form>
    }
}
