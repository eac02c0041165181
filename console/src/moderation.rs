//! The moderation queue: flagged answers, hidden ones first, with why people flagged them;
//! hide or restore each, and mark good ones verified by the team. Reloaded as flags and
//! reviews come in (the staff event stream).

use leptos::prelude::*;
use leptos::task::spawn_local;
use peerhelp_api::{Answer, FlaggedAnswer, ModerationQueue};

use crate::api::Client;
use crate::i18n::{fill, t};
use crate::live::Live;
use crate::loading::{reloadable, show_loaded};

#[component]
pub fn ModerationView(client: Client) -> impl IntoView {
    let (list, reload) = reloadable::<ModerationQueue>(&client, "/moderation");
    expect_context::<Live>().on_moderation(move || reload.run(()));
    let problem = RwSignal::new(None::<String>);
    let shown = show_loaded(list, move |queue: ModerationQueue| {
        if queue.answers.is_empty() {
            return view! { <p class="muted">{t("moderation.empty")}</p> }.into_any();
        }
        queue
            .answers
            .into_iter()
            .map(|flagged| item(client.clone(), flagged, reload, problem))
            .collect_view()
            .into_any()
    });
    view! {
        <h2>{t("nav.moderation")}</h2>
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
        .unwrap_or_else(|| t("community_member").into());
    let (visibility, toggle) = if flagged.hidden {
        (t("moderation.hidden"), (t("moderation.restore"), "restore"))
    } else {
        (t("moderation.visible"), (t("moderation.hide"), "hide"))
    };
    let verify = if flagged.answer.verified {
        (t("moderation.unverify"), "unverify")
    } else {
        (t("moderation.verify"), "verify")
    };
    let summary = fill(
        "moderation.summary",
        &[
            ("thread", &flagged.thread_title),
            ("author", &author),
            ("visibility", visibility),
            ("spam", &flags.spam.to_string()),
            ("rude", &flags.rude.to_string()),
            ("wrong", &flags.wrong.to_string()),
        ],
    );
    view! {
        <section class="card">
            <p class="muted">{summary}</p>
            // The server renders and sanitizes answers: `html` is safe to insert.
            <div class="message" inner_html=flagged.answer.html></div>
            <div class="actions">
                <button type="button" on:click=move |_| review(toggle.1)>{toggle.0}</button>
                <button type="button" on:click=move |_| review_again(verify.1)>{verify.0}</button>
            </div>
        </section>
    }
}
