//! "My questions": the visitor's threads, newest activity first, with their unread replies.

use leptos::prelude::*;
use peerhelp_api::{MyThread, Text};

use super::screen::{heading, loaded};
use super::text::answer_count;
use crate::api::ApiFailure;
use crate::i18n::{counted, t};
use crate::session::Session;
use crate::task::resource;

/// The visitor's questions, loaded afresh each time the screen opens; live replies update the
/// counts.
#[component]
pub fn MyQuestions() -> impl IntoView {
    let session = expect_context::<Session>();
    let loader = resource(move || {
        let (api, token) = (session.api(), session.visitor.get_untracked());
        async move {
            let threads = match token {
                Some(token) => api.my_threads(&token).await?.threads,
                None => Vec::new(),
            };
            session.mine.set(Some(threads));
            Ok::<_, ApiFailure>(())
        }
    });
    let list = move || {
        let threads = session.mine.get().unwrap_or_default();
        if threads.is_empty() {
            return view! { <p class="state">{t(Text::MineEmpty)}</p> }.into_any();
        }
        let items = threads
            .into_iter()
            .map(|thread| item(session, thread))
            .collect_view();
        view! { <ul class="result-list">{items}</ul> }.into_any()
    };
    view! {
        <section class="screen">
            {heading(Text::NavMine)}
            {loaded(loader, list)}
        </section>
    }
}

fn item(session: Session, thread: MyThread) -> impl IntoView {
    let id = thread.id;
    let answers = answer_count(i64::from(thread.answer_count));
    let unread = (thread.unread > 0).then(|| {
        let new = counted(
            i64::from(thread.unread),
            Text::NewRepliesOne,
            Text::NewRepliesMany,
        );
        view! { <span class="unread">{new}</span> }
    });
    view! {
        <li>
            <button type="button" class="result" on:click=move |_| session.panel.open_thread(id)>
                <span class="result-title">{thread.title}</span>
                <span class="result-meta">
                    <span>{answers}</span>
                    {unread}
                </span>
            </button>
        </li>
    }
}
