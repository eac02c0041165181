//! One community thread as staff review it: the question and every visible answer, each
//! verified by staff or not, with the action to change that.

use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{Answer, Thread};

use crate::api::Client;
use crate::i18n::t;
use crate::loading::{reloadable, show_loaded};

#[component]
pub fn ThreadReview(client: Client, id: i64, on_back: Callback<()>) -> impl IntoView {
    let (thread, reload) = reloadable::<Thread>(&client.public(), format!("/threads/{id}"));
    let problem = RwSignal::new(None::<String>);
    let shown = show_loaded(thread, move |thread: Thread| {
        let answers = if thread.answers.is_empty() {
            view! { <p class="muted">{t("threads.no_answers")}</p> }.into_any()
        } else {
            thread
                .answers
                .into_iter()
                .map(|answer| answer_view(client.clone(), answer, reload, problem))
                .collect_view()
                .into_any()
        };
        view! {
            <h2>{thread.title}</h2>
            <section class="card">
                <div class="message"><div>{thread.body}</div></div>
            </section>
            <section class="card">
                <h3>{t("threads.answers")}</h3>
                {answers}
            </section>
        }
        .into_any()
    });
    view! {
        <button type="button" on:click=move |_| on_back.run(())>{t("threads.back")}</button>
        <p class="error" role="alert">{move || problem.get()}</p>
        {shown}
    }
}

fn answer_view(
    client: Client,
    answer: Answer,
    reload: Callback<()>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let (id, verified) = (answer.id, answer.verified);
    let toggle = move |_| {
        let client = client.clone();
        let path = format!("/answers/{id}/verify");
        spawn_local(async move {
            let done = if verified {
                client.delete(&path).await
            } else {
                client.post::<Answer>(&path, &()).await.map(drop)
            };
            match done {
                Ok(()) => reload.run(()),
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let who = answer
        .helper
        .as_ref()
        .map(|helper| helper.name.clone())
        .or(answer.author.clone())
        .unwrap_or_else(|| t("community_member").into());
    view! {
        <div class="message" class:verified=verified>
            <div class="who">
                {who}
                {verified.then(|| view! { <span class="badge">{t("threads.verified")}</span> })}
            </div>
            // The server renders and sanitizes answers: `html` is safe to insert.
            <div inner_html=answer.html></div>
            <div class="actions">
                <button type="button" on:click=toggle>
                    {t(if verified { "moderation.unverify" } else { "moderation.verify" })}
                </button>
            </div>
        </div>
    }
}
