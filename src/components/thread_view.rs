//! Reading one thread: the question, its answers (accepted first) and the feedback buttons.

use leptos::{html::H3, prelude::*};
use peerhelp_api::{Answer, Thread};

use super::feedback::FeedbackButtons;
use super::states::{ErrorState, Loading};
use super::text::{counted, paragraphs};
use crate::api::Api;

/// Loads thread `id` from the API in context and shows it.
#[component]
pub fn ThreadLoader(
    /// The thread to show.
    id: i64,
    /// What the visitor searched for, sent along with their feedback.
    query: Option<String>,
    /// Called when the visitor goes back to the results.
    on_back: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let thread = LocalResource::new(move || {
        let api = api.clone();
        async move { api.thread(id).await }
    });
    let on_retry = Callback::new(move |()| thread.refetch());
    move || match thread.get() {
        Some(Ok(thread)) => view! { <ThreadView thread query=query.clone() on_back /> }.into_any(),
        Some(Err(failure)) => view! {
            <BackButton on_back />
            <ErrorState message=failure.message() on_retry />
        }
        .into_any(),
        None => view! {
            <BackButton on_back />
            <Loading label="Loading the answers…" />
        }
        .into_any(),
    }
}

/// A thread: the question, its answers in the server's order, and the feedback buttons.
#[component]
pub fn ThreadView(
    /// The thread, answers already sorted (accepted first, then by votes).
    thread: Thread,
    /// What the visitor searched for, sent along with their feedback.
    query: Option<String>,
    /// Called when the visitor goes back to the results.
    on_back: Callback<()>,
) -> impl IntoView {
    // The results the visitor clicked are gone: put focus on the title so keyboard and screen
    // reader users continue from the top of what they opened.
    let title = NodeRef::<H3>::new();
    title.on_load(|title| _ = title.focus());
    let answers_heading = match thread.answers.len() {
        0 => "No answers yet".to_owned(),
        count => counted(count as i64, "answer", "answers"),
    };
    view! {
        <article class="thread" aria-labelledby="ph-thread-title">
            <BackButton on_back />
            <h3 id="ph-thread-title" tabindex="-1" node_ref=title>
                {thread.title}
            </h3>
            <div class="question">{paragraphs(&thread.body)}</div>
            <h4 class="answers-heading">{answers_heading}</h4>
            <ol class="answers">
                {thread
                    .answers
                    .into_iter()
                    .map(|answer| view! { <AnswerItem answer /> })
                    .collect_view()}
            </ol>
            <FeedbackButtons thread_id=thread.id query />
        </article>
    }
}

/// One answer with its author and votes; the accepted one carries a badge.
#[component]
fn AnswerItem(answer: Answer) -> impl IntoView {
    let author = answer.author.unwrap_or_else(|| "A community member".into());
    view! {
        <li class="answer" class:accepted=answer.accepted>
            {answer.accepted.then(|| view! { <p class="badge">"✓ Accepted answer"</p> })}
            <div class="answer-body">{paragraphs(&answer.body)}</div>
            <p class="answer-meta">{author} " · " {counted(answer.votes, "vote", "votes")}</p>
        </li>
    }
}

/// Returns to the search results.
#[component]
fn BackButton(on_back: Callback<()>) -> impl IntoView {
    view! {
        <button type="button" class="back" on:click=move |_| on_back.run(())>
            <span aria-hidden="true">"← "</span>
            "Back to results"
        </button>
    }
}
