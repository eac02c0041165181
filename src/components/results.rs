//! The search results: the ranked list, a live region announcing how many were found, and the
//! loading, empty and error states around it.

use leptos::prelude::*;
use peerhelp_api::{SearchHit, Text, TextSpan};

use super::states::{EmptyState, ErrorState, Hint, Loading};
use super::text::{answer_count, highlighted};
use crate::i18n::{counted, t};
use crate::search::SearchOutcome;

/// Results for the query being searched, given the latest finished search.
#[component]
pub fn SearchResults(
    /// The query being searched now.
    #[prop(into)]
    searched: Signal<String>,
    /// The latest finished search; may still be for an older query while a new one loads.
    #[prop(into)]
    outcome: Signal<Option<SearchOutcome>>,
    /// Called with a thread's id when the visitor opens it.
    on_select: Callback<i64>,
    /// Called when the visitor asks to retry a failed search.
    on_retry: Callback<()>,
    /// Called when the visitor, having found nothing, chooses to ask the community.
    #[prop(optional)]
    on_ask: Option<Callback<()>>,
) -> impl IntoView {
    // The outcome only counts once it answers the current query; until then the previous
    // results stay on screen, marked busy, so the list doesn't flicker on every keystroke.
    let current = move || {
        outcome
            .get()
            .filter(|outcome| outcome.query == searched.get())
    };
    let loading = move || !searched.get().is_empty() && current().is_none();
    let announcement = move || {
        current()
            .map(|outcome| announce(&outcome))
            .unwrap_or_default()
    };
    // `None` before any query; `Some(None)` until there is something to show: results, or a
    // failure of the current query (an old failure, such as the abort of a stale request, is
    // not news). A memo, so the list is only rebuilt when what it shows changes.
    let displayed = Memo::new(move |_| {
        let searched = searched.get();
        (!searched.is_empty()).then(|| {
            outcome.get().filter(|outcome| {
                !outcome.query.is_empty() && (outcome.result.is_ok() || outcome.query == searched)
            })
        })
    });
    let shown = move || match displayed.get() {
        None => view! { <Hint /> }.into_any(),
        Some(None) => view! { <Loading label=Text::Searching /> }.into_any(),
        Some(Some(outcome)) => match outcome.result {
            Ok(hits) if hits.is_empty() => {
                view! { <EmptyState query=outcome.query on_ask /> }.into_any()
            }
            Ok(hits) => view! { <ResultList hits on_select /> }.into_any(),
            Err(failure) => view! { <ErrorState message=failure.message() on_retry /> }.into_any(),
        },
    };
    view! {
        <div class="results" aria-busy=move || loading().to_string()>
            // A polite live region that always exists: screen readers announce its changes.
            <p class="visually-hidden" role="status">{announcement}</p>
            {shown}
        </div>
    }
}

/// What the live region says about a finished search.
fn announce(outcome: &SearchOutcome) -> String {
    match &outcome.result {
        _ if outcome.query.is_empty() => String::new(),
        Ok(hits) if hits.is_empty() => t(Text::NoAnswersFound).into(),
        Ok(hits) => counted(hits.len() as i64, Text::FoundOne, Text::FoundMany),
        Err(failure) => failure.message(),
    }
}

/// The ranked hits as a list of buttons, each opening its thread.
#[component]
pub fn ResultList(
    /// The hits, best first.
    hits: Vec<SearchHit>,
    /// Called with a thread's id when the visitor opens it.
    on_select: Callback<i64>,
) -> impl IntoView {
    let items = hits
        .into_iter()
        .map(|hit| view! { <ResultItem hit on_select /> })
        .collect_view();
    view! { <ul class="result-list" aria-label=t(Text::SearchResults)>{items}</ul> }
}

/// One hit: highlighted title and snippet, answer count, and whether an answer was accepted.
#[component]
fn ResultItem(hit: SearchHit, on_select: Callback<i64>) -> impl IntoView {
    let id = hit.id;
    let title = if hit.title_highlight.is_empty() {
        vec![TextSpan {
            text: hit.title,
            mark: false,
        }]
    } else {
        hit.title_highlight
    };
    let answers = answer_count(i64::from(hit.answer_count));
    view! {
        <li>
            <button type="button" class="result" on:click=move |_| on_select.run(id)>
                <span class="result-title">{highlighted(title)}</span>
                <span class="result-snippet">{highlighted(hit.snippet)}</span>
                <span class="result-meta">
                    <span>{answers}</span>
                    {hit
                        .has_accepted_answer
                        .then(|| view! { <span class="accepted-flag">{t(Text::AcceptedAnswer)}</span> })}
                </span>
            </button>
        </li>
    }
}
