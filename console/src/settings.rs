//! The site's settings (admins change them) and the identity secret's rotation.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{IdentitySecret, Position, SiteSettings, SiteSettingsChange};

use crate::api::Client;
use crate::brand_color::BrandColorField;
use crate::i18n::{fill, t};
use crate::loading::{Loaded, fetch_into, show_loaded};

#[component]
pub fn SettingsView(client: Client) -> impl IntoView {
    let settings: Loaded<SiteSettings> = RwSignal::new(None);
    fetch_into(settings, &client, "/settings");
    let form_client = client.clone();
    let form = show_loaded(settings, move |current: SiteSettings| {
        view! { <SettingsForm client=form_client.clone() current /> }.into_any()
    });
    view! {
        <h2>{t("settings.heading")}</h2>
        {form}
        <RotateSecret client />
    }
}

#[component]
fn SettingsForm(client: Client, current: SiteSettings) -> impl IntoView {
    let name = RwSignal::new(current.name);
    let color = RwSignal::new(current.color);
    let greeting = RwSignal::new(current.greeting);
    let language = RwSignal::new(current.language);
    let left = RwSignal::new(current.position == Position::Left);
    let origins = RwSignal::new(current.origins.join("\n"));
    let threshold = RwSignal::new(current.escalate_after_minutes.to_string());
    let target = RwSignal::new(current.first_reply_target_minutes.to_string());
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let minutes = |text: String, field: &'static str| {
            text.trim()
                .parse::<u32>()
                .map_err(|_| fill("settings.minutes", &[("field", t(field))]))
        };
        let change = match (
            minutes(threshold.get_untracked(), "settings.threshold_name"),
            minutes(target.get_untracked(), "settings.target_name"),
        ) {
            (Ok(threshold), Ok(target)) => SiteSettingsChange {
                name: Some(name.get_untracked()),
                color: Some(color.get_untracked()),
                greeting: Some(greeting.get_untracked()),
                language: Some(language.get_untracked()),
                position: Some(if left.get_untracked() {
                    Position::Left
                } else {
                    Position::Right
                }),
                origins: Some(
                    origins
                        .get_untracked()
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect(),
                ),
                escalate_after_minutes: Some(threshold),
                first_reply_target_minutes: Some(target),
                ..SiteSettingsChange::default()
            },
            (Err(message), _) | (_, Err(message)) => {
                outcome.set(Some(Err(message)));
                return;
            }
        };
        let client = client.clone();
        spawn_local(async move {
            match client.patch::<SiteSettings>("/settings", &change).await {
                Ok(saved) => {
                    // The stored forms (a colour spelt out, origins normalized) replace what
                    // was typed; the form itself stays, with its "Saved."
                    color.set(saved.color);
                    origins.set(saved.origins.join("\n"));
                    greeting.set(saved.greeting);
                    outcome.set(Some(Ok(())));
                }
                Err(message) => outcome.set(Some(Err(message))),
            }
        });
    };
    let text = |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <label for=id>{t(label)}</label>
            <input id=id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        }
    };
    view! {
        <form class="card" on:submit=on_submit>
            {text("name", "settings.name", name)}
            {text("greeting", "settings.greeting", greeting)}
            <BrandColorField color name greeting left />
            <label for="language">{t("settings.language")}</label>
            <select id="language" on:change=move |ev| language.set(event_target_value(&ev))>
                {[("auto", t("settings.auto")), ("en", "English"), ("es", "Español"), ("fr", "Français")]
                    .into_iter()
                    .map(|(code, label)| view! {
                        <option value=code selected=move || language.get() == code>{label}</option>
                    })
                    .collect_view()}
            </select>
            <label>
                <input type="checkbox" prop:checked=move || left.get()
                    on:change=move |ev| left.set(event_target_checked(&ev)) />
                " " {t("settings.left")}
            </label>
            <label for="origins">{t("settings.origins")}</label>
            <textarea id="origins" rows="3" prop:value=move || origins.get()
                on:input=move |ev| origins.set(event_target_value(&ev))></textarea>
            {text("threshold", "settings.threshold", threshold)}
            {text("target", "settings.target", target)}
            <div class="actions"><button type="submit" class="primary">{t("settings.save")}</button></div>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(()) => view! { <p role="status">{t("settings.saved")}</p> }.into_any(),
                Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            })}
        </form>
    }
}

/// Rotating the secret the brand's server signs visitor identities with.
#[component]
fn RotateSecret(client: Client) -> impl IntoView {
    let outcome = RwSignal::new(None::<Result<IdentitySecret, String>>);
    let rotate = move |_| {
        if !window()
            .confirm_with_message(t("secret.confirm"))
            .unwrap_or(false)
        {
            return;
        }
        let client = client.clone();
        spawn_local(async move {
            outcome.set(Some(
                client
                    .post::<IdentitySecret>("/settings/identity-secret", &())
                    .await,
            ));
        });
    };
    view! {
        <section class="card">
            <h3>{t("secret.heading")}</h3>
            <p class="muted">{t("secret.note")}</p>
            <button type="button" on:click=rotate>{t("secret.rotate")}</button>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(secret) => view! {
                    <p>{fill("secret.new", &[("secret", &secret.identity_secret)])}</p>
                }.into_any(),
                Err(message) => view! { <p class="error">{message}</p> }.into_any(),
            })}
        </section>
    }
}
