//! The site's settings (admins change them) and the identity secret's rotation.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{IdentitySecret, Position, SiteSettings, SiteSettingsChange};

use crate::api::Client;
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
        <h2>"Site settings"</h2>
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
        let minutes = |text: String, field: &str| {
            text.trim()
                .parse::<u32>()
                .map_err(|_| format!("{field} must be a whole number of minutes"))
        };
        let change = match (
            minutes(threshold.get_untracked(), "The escalation threshold"),
            minutes(target.get_untracked(), "The first-reply target"),
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
            <label for=id>{label}</label>
            <input id=id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        }
    };
    view! {
        <form class="card" on:submit=on_submit>
            {text("name", "Brand name", name)}
            {text("color", "Brand colour (#rrggbb)", color)}
            {text("greeting", "Greeting (empty: the default, in the visitor's language)", greeting)}
            <label for="language">"Language"</label>
            <select id="language" on:change=move |ev| language.set(event_target_value(&ev))>
                {[("auto", "Each visitor's browser language"), ("en", "English"), ("es", "Español"), ("fr", "Français")]
                    .into_iter()
                    .map(|(code, label)| view! {
                        <option value=code selected=move || language.get() == code>{label}</option>
                    })
                    .collect_view()}
            </select>
            <label>
                <input type="checkbox" prop:checked=move || left.get()
                    on:change=move |ev| left.set(event_target_checked(&ev)) />
                " Launcher on the left"
            </label>
            <label for="origins">"Allowed origins, one a line"</label>
            <textarea id="origins" rows="3" prop:value=move || origins.get()
                on:input=move |ev| origins.set(event_target_value(&ev))></textarea>
            {text("threshold", "Offer staff after a question waited (minutes)", threshold)}
            {text("target", "First staff reply target (minutes)", target)}
            <div class="actions"><button type="submit" class="primary">"Save"</button></div>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(()) => view! { <p role="status">"Saved."</p> }.into_any(),
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
        let question = "Rotate the identity secret? Identities your server signs with the old one stop working at once.";
        if !window().confirm_with_message(question).unwrap_or(false) {
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
            <h3>"Identity secret"</h3>
            <p class="muted">"Your server signs signed-in customers' identities with it."</p>
            <button type="button" on:click=rotate>"Rotate the identity secret"</button>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(secret) => view! {
                    <p>"New secret, shown once: " <code>{secret.identity_secret}</code></p>
                }.into_any(),
                Err(message) => view! { <p class="error">{message}</p> }.into_any(),
            })}
        </section>
    }
}
