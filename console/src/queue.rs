//! The escalation queue: open or resolved tickets, oldest first, each with its age against the
//! site's first-reply target. Refreshed every few seconds while shown.

use std::time::Duration;

use leptos::prelude::*;
use peerhelp_api::{EscalationQueue, EscalationStatus, EscalationTicket};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::loading::{fetch_into, show_loaded};
use crate::text::{duration, minutes_since};

const REFRESH: Duration = Duration::from_secs(5);

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
    if let Ok(timer) = set_interval_with_handle(load, REFRESH) {
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
                .map(|ticket| row(ticket, target, on_open))
                .collect_view();
            view! {
                <table>
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

fn row(ticket: EscalationTicket, target: f64, on_open: Callback<String>) -> impl IntoView {
    let waited = minutes_since(&ticket.created_at);
    let late = ticket.first_staff_reply_at.is_none() && waited > target;
    let waiting = match &ticket.first_staff_reply_at {
        Some(_) => t("answered").to_owned(),
        None => duration(waited),
    };
    let reference = ticket.reference.clone();
    let who = ticket
        .visitor_name
        .clone()
        .or(ticket.contact_email.clone())
        .unwrap_or_else(|| t("queue.anonymous").to_owned());
    view! {
        <tr>
            <td>{ticket.reference}</td>
            <td>
                <button type="button" class="link" on:click=move |_| on_open.run(reference.clone())>
                    {ticket.title}
                </button>
                <div class="muted">{who}</div>
            </td>
            <td class:late=late>{waiting}</td>
            <td>{ticket.assignee.map(|staff| staff.name).unwrap_or_else(|| t("none").to_owned())}</td>
        </tr>
    }
}
