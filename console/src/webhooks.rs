//! Webhooks (admins): add one, see each one's deliveries, delete it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{
    DeliveryStatus, NewWebhook, Webhook, WebhookCreated, WebhookDeliveries, WebhookEvent, Webhooks,
};

use crate::api::Client;
use crate::loading::{Loaded, fetch_into, reloadable, show_loaded};

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
            return view! { <p class="muted">"No webhooks yet."</p> }.into_any();
        }
        webhooks
            .webhooks
            .into_iter()
            .map(|webhook| item(row_client.clone(), webhook, reload, problem))
            .collect_view()
            .into_any()
    });
    view! {
        <h2>"Webhooks"</h2>
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
            .confirm_with_message("Delete this webhook and its delivery log?")
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
                            DeliveryStatus::Pending => "pending",
                            DeliveryStatus::Delivered => "delivered",
                            DeliveryStatus::Failed => "failed",
                        };
                        view! {
                            <tr>
                                <td>{delivery.created_at}</td>
                                <td>{delivery.event.as_str()}</td>
                                <td>{status}</td>
                                <td>{delivery.attempts}</td>
                                <td>{delivery.last_status_code.map(|code| code.to_string())}</td>
                                <td>{delivery.last_error}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table>
                        <thead><tr><th>"Queued"</th><th>"Event"</th><th>"Status"</th><th>"Attempts"</th><th>"Answer"</th><th>"Error"</th></tr></thead>
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
            <p class="muted">{events.join(", ")} " · since " {webhook.created_at}</p>
            <div class="actions">
                <button type="button" on:click=show_log>"Deliveries"</button>
                <button type="button" on:click=delete>"Delete"</button>
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
            <h3>"Add a webhook"</h3>
            <label for="webhook-url">"URL (https://…)"</label>
            <input id="webhook-url" on:input=move |ev| url.set(event_target_value(&ev)) />
            {boxes}
            <div class="actions"><button type="submit" class="primary">"Add"</button></div>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(secret) => view! {
                    <p>"Signing secret, shown once: " <code>{secret}</code></p>
                }.into_any(),
                Err(message) => view! { <p class="error">{message}</p> }.into_any(),
            })}
        </form>
    }
}
