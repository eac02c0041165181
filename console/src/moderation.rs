//! The moderation queue: flagged answers, hidden ones first, with why people flagged them;
//! hide or restore each, and mark good ones verified by the team.

use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{Answer, FlaggedAnswer, ModerationQueue};

use crate::api::Client;
use crate::loading::{reloadable, show_loaded};

#[component]
pub fn ModerationView(client: Client) -> impl IntoView {
    let (list, reload) = reloadable::<ModerationQueue>(&client, "/moderation");
    let problem = RwSignal::new(None::<String>);
    let shown = show_loaded(list, move |queue: ModerationQueue| {
        if queue.answers.is_empty() {
            return view! { <p class="muted">"Nothing is flagged. Well done, community."</p> }
                .into_any();
        }
        queue
            .answers
            .into_iter()
            .map(|flagged| item(client.clone(), flagged, reload, problem))
            .collect_view()
            .into_any()
    });
    view! {
        <h2>"Moderation"</h2>
        <p class="error" role="alert">{move || problem.get()}</p>
        {shown}
    }
}

/// One flagged answer with its actions.
fn item(
    client: Client,
    flagged: FlaggedAnswer,
    reload: Callback<()>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = flagged.answer.id;
    let review = move |verb: &'static str| {
        let client = client.clone();
        spawn_local(async move {
            let path = format!("/answers/{id}/{verb}");
            let done = match verb {
                "unverify" => client.delete(&format!("/answers/{id}/verify")).await,
                _ => client.post::<Answer>(&path, &()).await.map(drop),
            };
            match done {
                Ok(()) => reload.run(()),
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let review_again = review.clone();
    let flags = flagged.flags;
    let author = flagged
        .answer
        .helper
        .as_ref()
        .map(|helper| helper.name.clone())
        .or(flagged.answer.author.clone())
        .unwrap_or_else(|| "A community member".into());
    let (visibility, toggle) = if flagged.hidden {
        ("hidden", ("Restore", "restore"))
    } else {
        ("visible", ("Hide", "hide"))
    };
    let verify = if flagged.answer.verified {
        ("Remove verified mark", "unverify")
    } else {
        ("Mark verified", "verify")
    };
    view! {
        <section class="card">
            <p class="muted">
                "On “" {flagged.thread_title} "” · " {author} " · " {visibility}
                " · flagged spam " {flags.spam} ", rude " {flags.rude} ", wrong " {flags.wrong}
            </p>
            // The server renders and sanitizes answers: `html` is safe to insert.
            <div class="message" inner_html=flagged.answer.html></div>
            <div class="actions">
                <button type="button" on:click=move |_| review(toggle.1)>{toggle.0}</button>
                <button type="button" on:click=move |_| review_again(verify.1)>{verify.0}</button>
            </div>
        </section>
    }
}
