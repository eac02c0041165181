//! One ticket: who asked and how to reach them, the page and the searches they tried, the
//! whole conversation, and the staff actions: take it, reply, resolve or reopen. Reloaded as
//! the ticket changes (the staff event stream).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{
    Answer, AnswerDraft, EscalationDetail, EscalationStatus, EscalationTicket, Thread,
};

use crate::api::Client;
use crate::assign::{AssignControl, load_team};
use crate::i18n::{fill, t};
use crate::live::Live;
use crate::loading::{fetch_into, show_loaded};
use crate::text::{duration, minutes_since};

#[component]
pub fn TicketView(
    client: Client,
    reference: String,
    on_back: Callback<()>,
    /// The signed-in staff member, for whom "Assign to me" is offered while the ticket is
    /// not theirs.
    me: i64,
) -> impl IntoView {
    let detail = RwSignal::new(None);
    let path = format!("/escalations/{reference}");
    let load = {
        let (client, path) = (client.clone(), path.clone());
        move || fetch_into::<EscalationDetail>(detail, &client, &path)
    };
    load();
    expect_context::<Live>().on_ticket(Some(reference.clone()), load.clone());
    let problem = RwSignal::new(None::<String>);
    // Resolve, reopen: each answers with the ticket, then the detail is reloaded.
    let act = {
        let (client, path, load) = (client.clone(), path.clone(), load.clone());
        move |action: &'static str| {
            let (client, path, load) = (client.clone(), path.clone() + action, load.clone());
            spawn_local(async move {
                match client.post::<EscalationTicket>(&path, &()).await {
                    Ok(_) => load(),
                    Err(message) => problem.set(Some(message)),
                }
            });
        }
    };
    let reload = Callback::new({
        let load = load.clone();
        move |()| load()
    });
    let reply = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let on_reply = {
        let (client, path) = (client.clone(), path.clone() + "/replies");
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let body = reply.get_untracked();
            if body.trim().is_empty() {
                return;
            }
            let (client, path, load) = (client.clone(), path.clone(), load.clone());
            sending.set(true);
            spawn_local(async move {
                match client.post::<Answer>(&path, &AnswerDraft { body }).await {
                    Ok(_) => {
                        reply.set(String::new());
                        load();
                    }
                    Err(message) => problem.set(Some(message)),
                }
                sending.set(false);
            });
        }
    };
    let assign_client = client.clone();
    let team = load_team(&client);
    let shown = show_loaded(detail, move |detail: EscalationDetail| {
        let act = act.clone();
        let open = detail.ticket.status == EscalationStatus::Open;
        let ticket = &detail.ticket;
        view! {
                {facts(ticket, &detail.thread)}
                <div class="actions">
                    <AssignControl client=assign_client.clone() reference=ticket.reference.clone()
                        assignee_id=ticket.assignee_id me team on_done=reload problem />
                    <button type="button" on:click=move |_| act(if open { "/resolve" } else { "/reopen" })>
                        {t(if open { "ticket.resolve" } else { "ticket.reopen" })}
                    </button>
                </div>
                {conversation(t("ticket.conversation"), &detail.thread)}
                {detail.source_thread.as_ref().map(|source| conversation(t("ticket.source"), source))}
            }
            .into_any()
    });
    view! {
        <button type="button" on:click=move |_| on_back.run(())>{t("ticket.back")}</button>
        <h2>{fill("ticket.heading", &[("reference", &reference)])}</h2>
        {shown}
        <form class="card" on:submit=on_reply>
            <label for="reply">{t("ticket.reply_label")}</label>
            <textarea id="reply" rows="5" prop:value=move || reply.get()
                on:input=move |ev| reply.set(event_target_value(&ev))></textarea>
            <p class="error" role="alert">{move || problem.get()}</p>
            <button type="submit" class="primary" disabled=move || sending.get()>{t("ticket.send")}</button>
        </form>
    }
}

/// Who, where from, what they tried, how long they have waited, and any note they added.
fn facts(ticket: &EscalationTicket, thread: &Thread) -> impl IntoView + use<> {
    let waited = match &ticket.first_staff_reply_at {
        Some(_) => t("answered").to_owned(),
        None => fill(
            "ticket.unanswered",
            &[("waited", &duration(minutes_since(&ticket.created_at)))],
        ),
    };
    let searches = if ticket.searches.is_empty() {
        t("ticket.none").to_owned()
    } else {
        ticket.searches.join(" · ")
    };
    // The request itself is the conversation's first message; a note the visitor added when
    // escalating their own question is shown here.
    let note = (!ticket.message.is_empty() && ticket.message != thread.body)
        .then(|| ticket.message.clone());
    let status = match ticket.status {
        EscalationStatus::Open => t("ticket.open"),
        EscalationStatus::Resolved => t("ticket.resolved"),
    };
    view! {
        <dl class="facts card">
            <dt>{t("ticket.status")}</dt><dd>{status} " · " {waited}</dd>
            <dt>{t("ticket.assignee")}</dt>
            <dd>{ticket.assignee.as_ref().map_or(t("ticket.nobody").to_owned(), |staff| staff.name.clone())}</dd>
            <dt>{t("ticket.visitor")}</dt><dd>{ticket.visitor_name.clone().unwrap_or_else(|| t("ticket.anonymous").into())}</dd>
            <dt>{t("ticket.email")}</dt><dd>{ticket.contact_email.clone().unwrap_or_else(|| t("ticket.no_email").into())}</dd>
            <dt>{t("ticket.page")}</dt><dd>{ticket.page_url.clone().unwrap_or_else(|| t("ticket.unknown").into())}</dd>
            <dt>{t("ticket.searches")}</dt><dd>{searches}</dd>
            {note.map(|note| view! { <dt>{t("ticket.message")}</dt><dd>{note}</dd> })}
        </dl>
    }
}

/// A thread's question and every answer, staff replies marked.
fn conversation(heading: &'static str, thread: &Thread) -> impl IntoView + use<> {
    let answers = thread
        .answers
        .iter()
        .map(|answer| {
            let staff = answer.staff.is_some();
            let who = match (&answer.staff, &answer.helper, &answer.author) {
                (Some(staff), _, _) => fill("ticket.staff", &[("name", &staff.name)]),
                (_, Some(helper), _) => fill("ticket.helper", &[("name", &helper.name)]),
                (_, _, Some(author)) => author.clone(),
                _ => t("community_member").to_owned(),
            };
            view! {
                <div class="message" class:staff=staff>
                    <div class="who">{who}</div>
                    // The server renders and sanitizes answers: `html` is safe to insert.
                    <div inner_html=answer.html.clone()></div>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h3>{heading}</h3>
            <div class="message">
                // A request written to staff is titled by its own first line: shown once.
                {(!thread.body.starts_with(thread.title.trim_end_matches('…'))).then(|| view! {
                    <div class="who">{thread.title.clone()}</div>
                })}
                <div class="request">{thread.body.clone()}</div>
            </div>
            {answers}
        </section>
    }
}
