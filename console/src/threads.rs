//! The community's threads for staff: search them as visitors would, pin the ones the widget
//! should suggest, and open one to verify its answers.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{MAX_PINNED_THREADS, StaffThreadRow, StaffThreads, ThreadStatus};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::loading::{Loaded, fetch_into, show_loaded};
use crate::thread_review::ThreadReview;

#[component]
pub fn ThreadsView(client: Client) -> impl IntoView {
    let opened = RwSignal::new(None::<i64>);
    // The search outlives a visit to one thread, as a browser's back button keeps it.
    let query = RwSignal::new(String::new());
    let list_client = client.clone();
    move || match opened.get() {
        Some(id) => {
            let on_back = Callback::new(move |()| opened.set(None));
            view! { <ThreadReview client=client.clone() id on_back /> }.into_any()
        }
        None => {
            let on_open = Callback::new(move |id| opened.set(Some(id)));
            view! { <ThreadList client=list_client.clone() query on_open /> }.into_any()
        }
    }
}

/// The search box and the matching threads, each with its pin.
#[component]
fn ThreadList(client: Client, query: RwSignal<String>, on_open: Callback<i64>) -> impl IntoView {
    let threads: Loaded<StaffThreads> = RwSignal::new(None);
    let problem = RwSignal::new(None::<String>);
    let load = {
        let client = client.clone();
        Callback::new(move |()| {
            let q = String::from(js_sys::encode_uri_component(query.get_untracked().trim()));
            fetch_into(threads, &client, &format!("/threads?q={q}"));
        })
    };
    load.run(());
    let on_search = move |ev: SubmitEvent| {
        ev.prevent_default();
        load.run(());
    };
    let shown = show_loaded(threads, move |list: StaffThreads| {
        if list.threads.is_empty() {
            return view! { <p class="muted">{t("threads.none")}</p> }.into_any();
        }
        let rows = list
            .threads
            .into_iter()
            .map(|thread| row(client.clone(), thread, on_open, load, problem))
            .collect_view();
        view! {
            <table class="threads">
                <thead><tr>
                    <th>{t("threads.thread")}</th>
                    <th>{t("threads.answers")}</th>
                    <th>{t("threads.pinned")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    });
    view! {
        <h2>{t("nav.threads")}</h2>
        <p class="muted">{fill("threads.note", &[("n", &MAX_PINNED_THREADS.to_string())])}</p>
        <form class="search-row" role="search" on:submit=on_search>
            <input type="search" aria-label=t("threads.search_label") placeholder=t("threads.search_label")
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            <button type="submit">{t("threads.search")}</button>
        </form>
        <p class="error" role="alert">{move || problem.get()}</p>
        {shown}
    }
}

fn status_text(status: ThreadStatus) -> &'static str {
    match status {
        ThreadStatus::Open => t("threads.open"),
        ThreadStatus::Answered => t("threads.answered"),
        ThreadStatus::Escalated => t("threads.escalated"),
        ThreadStatus::Resolved => t("threads.resolved"),
    }
}

fn row(
    client: Client,
    thread: StaffThreadRow,
    on_open: Callback<i64>,
    reload: Callback<()>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let (id, pinned) = (thread.id, thread.pinned_at.is_some());
    let toggle = move |_| {
        let client = client.clone();
        let path = format!("/threads/{id}/pin");
        spawn_local(async move {
            let done = if pinned {
                client.delete(&path).await
            } else {
                client.put::<StaffThreadRow>(&path, &()).await.map(drop)
            };
            match done {
                Ok(()) => {
                    problem.set(None);
                    reload.run(());
                }
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let answers = fill(
        "threads.answer_count",
        &[
            ("n", &thread.answer_count.to_string()),
            ("verified", &thread.verified_count.to_string()),
        ],
    );
    let title = thread.title.clone();
    view! {
        <tr>
            <td>
                <button type="button" class="link" on:click=move |_| on_open.run(id)>{thread.title}</button>
                <div class="muted">
                    {status_text(thread.status)}
                    {pinned.then(|| view! { <span class="badge pinned">{t("threads.pinned")}</span> })}
                </div>
            </td>
            <td>{answers}</td>
            <td>
                <button type="button" aria-pressed=pinned.to_string()
                    aria-label=fill(if pinned { "threads.unpin_label" } else { "threads.pin_label" }, &[("title", &title)])
                    on:click=toggle>
                    {t(if pinned { "threads.unpin" } else { "threads.pin" })}
                </button>
            </td>
        </tr>
    }
}
