//! The escalation queue: open or resolved tickets, oldest first, each with its age against the
//! site's first-reply target. Reloaded as tickets change (the staff event stream); the ages
//! count on by the minute in the browser.

use std::time::Duration;

use leptos::prelude::*;
use peerhelp_api::{EscalationQueue, EscalationStatus, EscalationTicket};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::live::Live;
use crate::loading::{fetch_into, show_loaded};
use crate::text::{duration, minutes_since};

/// How often the shown ages are counted again (locally: the list changes only by events).
const AGE_TICK: Duration = Duration::from_secs(60);

#[component]
pub fn QueueView(client: Client, on_open: Callback<String>) -> impl IntoView {
    let status = RwSignal::new(EscalationStatus::Open);
    let queue = RwSignal::new(None);
    let load = move || {
        let path = format!("/escalations?status={}", status.get_untracked().as_str());
        fetch_into::<EscalationQueue>(queue, &client, &path);
    };
    let reload = load.clone();
    Effect::new(move |_| {
        status.track();
        reload();
    });
    expect_context::<Live>().on_ticket(None, load);
    let clock = RwSignal::new(());
    if let Ok(timer) = set_interval_with_handle(move || clock.set(()), AGE_TICK) {
        on_cleanup(move || timer.clear());
    }
    let tab = move |which: EscalationStatus, label: &'static str| {
        view! {
            <button
                type="button"
                aria-pressed=move || (status.get() == which).to_string()
                on:click=move |_| status.set(which)
            >
                {label}
            </button>
        }
    };
    let list = show_loaded(queue, move |queue: EscalationQueue| {
        if queue.tickets.is_empty() {
            return view! { <p class="muted">{t("queue.empty")}</p> }.into_any();
        }
        {
            let target = f64::from(queue.first_reply_target_minutes);
            let rows = queue
                .tickets
                .into_iter()
                .map(|ticket| row(ticket, target, on_open, clock))
                .collect_view();
            view! {
                <table class="reflow">
                    <thead>
                        <tr>
                            <th>{t("queue.ticket")}</th>
                            <th>{t("queue.request")}</th>
                            <th>{t("queue.waiting")}</th>
                            <th>{t("queue.assignee")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="muted">{fill("queue.target", &[("target", &duration(target))])}</p>
            }
            .into_any()
        }
    });
    view! {
        <h2>{t("nav.escalations")}</h2>
        <div class="tabs" role="group" aria-label=t("queue.status")>
            {tab(EscalationStatus::Open, t("queue.open"))}
            {tab(EscalationStatus::Resolved, t("queue.resolved"))}
        </div>
        {list}
    }
}

fn row(
    ticket: EscalationTicket,
    target: f64,
    on_open: Callback<String>,
    clock: RwSignal<()>,
) -> impl IntoView {
    let created_at = ticket.created_at.clone();
    let answered = ticket.first_staff_reply_at.is_some();
    let waited = move || {
        clock.track();
        minutes_since(&created_at)
    };
    let late = {
        let waited = waited.clone();
        move || !answered && waited() > target
    };
    let waiting = move || {
        if answered {
            t("answered").to_owned()
        } else {
            duration(waited())
        }
    };
    let reference = ticket.reference.clone();
    let who = ticket
        .visitor_name
        .clone()
        .or(ticket.contact_email.clone())
        .unwrap_or_else(|| t("queue.anonymous").to_owned());
    view! {
        <tr>
            <td data-label=t("queue.ticket")>{ticket.reference}</td>
            <td data-label=t("queue.request")>
                <button type="button" class="link" on:click=move |_| on_open.run(reference.clone())>
                    {ticket.title}
                </button>
                <div class="muted">{who}</div>
            </td>
            <td data-label=t("queue.waiting") class:late=late>{waiting}</td>
            <td data-label=t("queue.assignee")>{ticket.assignee.map(|staff| staff.name).unwrap_or_else(|| t("none").to_owned())}</td>
        </tr>
    }
}
