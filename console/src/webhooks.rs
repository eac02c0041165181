//! Webhooks (admins): add one, see each one's deliveries, delete it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{
    DeliveryStatus, NewWebhook, Webhook, WebhookCreated, WebhookDeliveries, WebhookEvent, Webhooks,
};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::loading::{Loaded, fetch_into, reloadable, show_loaded};
use crate::text::{date_time, when};

const EVENTS: [WebhookEvent; 3] = [
    WebhookEvent::EscalationCreated,
    WebhookEvent::EscalationReplied,
    WebhookEvent::ThreadCreated,
];

#[component]
pub fn WebhooksView(client: Client) -> impl IntoView {
    let (list, reload) = reloadable::<Webhooks>(&client, "/webhooks");
    let problem = RwSignal::new(None::<String>);
    let row_client = client.clone();
    let shown = show_loaded(list, move |webhooks: Webhooks| {
        if webhooks.webhooks.is_empty() {
            return view! { <p class="muted">{t("webhooks.empty")}</p> }.into_any();
        }
        webhooks
            .webhooks
            .into_iter()
            .map(|webhook| item(row_client.clone(), webhook, reload, problem))
            .collect_view()
            .into_any()
    });
    view! {
        <h2>{t("nav.webhooks")}</h2>
        <p class="error" role="alert">{move || problem.get()}</p>
        {shown}
        <AddWebhook client reload />
    }
}

fn item(
    client: Client,
    webhook: Webhook,
    reload: Callback<()>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = webhook.id;
    let deliveries: Loaded<WebhookDeliveries> = RwSignal::new(None);
    let log_client = client.clone();
    let show_log = move |_| {
        fetch_into(
            deliveries,
            &log_client,
            &format!("/webhooks/{id}/deliveries"),
        )
    };
    let delete = move |_| {
        if !window()
            .confirm_with_message(t("webhooks.delete_confirm"))
            .unwrap_or(false)
        {
            return;
        }
        let client = client.clone();
        spawn_local(async move {
            match client.delete(&format!("/webhooks/{id}")).await {
                Ok(()) => reload.run(()),
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let events: Vec<&str> = webhook.events.iter().map(|event| event.as_str()).collect();
    let log = move || {
        deliveries.get().map(|_| {
            show_loaded(deliveries, |log: WebhookDeliveries| {
                let rows = log
                    .deliveries
                    .into_iter()
                    .map(|delivery| {
                        let status = match delivery.status {
                            DeliveryStatus::Pending => t("webhooks.pending"),
                            DeliveryStatus::Delivered => t("webhooks.delivered"),
                            DeliveryStatus::Failed => t("webhooks.failed"),
                        };
                        view! {
                            <tr>
                                <td data-label=t("webhooks.queued")>{when(&delivery.created_at)}</td>
                                <td data-label=t("webhooks.event")>{delivery.event.as_str()}</td>
                                <td data-label=t("webhooks.status")>{status}</td>
                                <td data-label=t("webhooks.attempts")>{delivery.attempts}</td>
                                <td data-label=t("webhooks.answer")>{delivery.last_status_code.map(|code| code.to_string())}</td>
                                <td data-label=t("webhooks.error")>{delivery.last_error}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table class="reflow">
                        <thead><tr><th>{t("webhooks.queued")}</th><th>{t("webhooks.event")}</th><th>{t("webhooks.status")}</th><th>{t("webhooks.attempts")}</th><th>{t("webhooks.answer")}</th><th>{t("webhooks.error")}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            })
        })
    };
    view! {
        <section class="card">
            <p><code>{webhook.url}</code></p>
            <p class="muted">{fill("webhooks.since", &[("events", &events.join(", ")), ("created", &date_time(&webhook.created_at))])}</p>
            <div class="actions">
                <button type="button" on:click=show_log>{t("webhooks.deliveries")}</button>
                <button type="button" on:click=delete>{t("webhooks.delete")}</button>
            </div>
            {log}
        </section>
    }
}

#[component]
fn AddWebhook(client: Client, reload: Callback<()>) -> impl IntoView {
    let url = RwSignal::new(String::new());
    let chosen = RwSignal::new(EVENTS.to_vec());
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let webhook = NewWebhook {
            url: url.get_untracked(),
            events: chosen.get_untracked(),
        };
        let client = client.clone();
        spawn_local(async move {
            match client.post::<WebhookCreated>("/webhooks", &webhook).await {
                Ok(created) => {
                    // The next webhook starts from an empty form; the secret stays shown.
                    url.set(String::new());
                    chosen.set(EVENTS.to_vec());
                    outcome.set(Some(Ok(created.secret)));
                    reload.run(());
                }
                Err(message) => outcome.set(Some(Err(message))),
            }
        });
    };
    let boxes = EVENTS
        .into_iter()
        .map(|event| {
            let toggle = move |ev| {
                let on = event_target_checked(&ev);
                chosen.update(|chosen| {
                    chosen.retain(|other| *other != event);
                    if on {
                        chosen.push(event);
                    }
                });
            };
            view! {
                <label>
                    <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&event)) on:change=toggle />
                    " " {event.as_str()}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="card" on:submit=on_submit>
            <h3>{t("webhooks.add_heading")}</h3>
            <label for="webhook-url">{t("webhooks.url")}</label>
            <input id="webhook-url" prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
            {boxes}
            <div class="actions"><button type="submit" class="primary">{t("webhooks.add")}</button></div>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(secret) => view! {
                    <p role="status">{fill("webhooks.secret", &[("secret", &secret)])}</p>
                }.into_any(),
                Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            })}
        </form>
    }
}
