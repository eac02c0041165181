//! The search results: the ranked list (a listbox the search box drives), how many threads
//! were found, whether any is a close match, the way out when none fits, and the loading,
//! empty and error states around them. Before the visitor types: the pinned suggestions.

use leptos::prelude::*;
use peerhelp_api::{SearchHit, Text, TextSpan};

use super::listbox::Listbox;
use super::states::{EmptyState, ErrorState, Hint, Loading};
use super::text::{answer_count, highlighted};
use crate::i18n::{counted, t};
use crate::reactive::reactive;
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
    /// Called when the visitor, not finding what they need, chooses to ask the community.
    #[prop(optional)]
    on_ask: Option<Callback<()>>,
    /// Called when the visitor, not finding what they need, chooses to reach staff.
    #[prop(optional)]
    on_contact: Option<Callback<()>>,
    /// The list the search box moves through with the arrow keys.
    #[prop(optional)]
    listbox: Option<Listbox>,
) -> impl IntoView {
    let listbox = listbox.unwrap_or_else(|| Listbox::new("ph-results"));
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
    // Before the visitor types, the empty query's answer: the threads staff pinned.
    let suggested = move || {
        let hits = outcome
            .get()
            .filter(|outcome| outcome.query.is_empty())
            .and_then(|outcome| outcome.result.ok())
            .filter(|hits| !hits.is_empty())?;
        Some(view! {
            <h3 class="list-heading">{t(Text::Suggested)}</h3>
            <ResultList hits on_select listbox />
        })
    };
    let shown = move || match displayed.get() {
        None => view! {
            <Hint />
            {suggested}
            <div class="way-out">{ask_and_contact(on_ask, on_contact)}</div>
        }
        .into_any(),
        Some(None) => view! { <Loading label=Text::Searching /> }.into_any(),
        Some(Some(outcome)) => match outcome.result {
            Ok(hits) if hits.is_empty() => {
                view! { <EmptyState query=outcome.query on_ask on_contact /> }.into_any()
            }
            Ok(hits) => view! {
                {(!outcome.close).then(|| view! { <p class="weak">{t(Text::NoCloseMatch)}</p> })}
                <ResultList hits on_select listbox />
                <WayOut on_ask on_contact />
            }
            .into_any(),
            Err(failure) => view! { <ErrorState message=failure.message() on_retry /> }.into_any(),
        },
    };
    view! {
        <div class="results" aria-busy=reactive(move || loading().to_string())>
            // A polite live region that always exists: screen readers announce its changes.
            <p class="count" role="status">{announcement}</p>
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

/// "Didn't find it?": asking the community or the team, always in view under the results.
#[component]
fn WayOut(on_ask: Option<Callback<()>>, on_contact: Option<Callback<()>>) -> impl IntoView {
    view! {
        <div class="way-out">
            <p>{t(Text::DidntFind)}</p>
            {ask_and_contact(on_ask, on_contact)}
        </div>
    }
}

/// "Ask the community" and, as the primary way, "Talk to our team".
pub fn ask_and_contact(
    on_ask: Option<Callback<()>>,
    on_contact: Option<Callback<()>>,
) -> impl IntoView {
    let button = |on: Option<Callback<()>>, class: &'static str, label: Text| {
        on.map(|on| view! { <button type="button" class=class on:click=move |_| on.run(())>{t(label)}</button> })
    };
    (
        button(on_ask, "", Text::NavAsk),
        button(on_contact, "primary", Text::TalkToTeam),
    )
}

/// The ranked hits as a listbox, each option opening its thread.
#[component]
pub fn ResultList(
    /// The hits, best first.
    hits: Vec<SearchHit>,
    /// Called with a thread's id when the visitor opens it.
    on_select: Callback<i64>,
    /// The listbox state the field driving the list shares.
    listbox: Listbox,
) -> impl IntoView {
    listbox.mount();
    let items = hits
        .into_iter()
        .enumerate()
        .map(|(index, hit)| view! { <ResultItem hit index on_select listbox /> })
        .collect_view();
    view! {
        <ul class="result-list" id=listbox.id role="listbox" aria-label=t(Text::SearchResults)>
            {items}
        </ul>
    }
}

/// One hit: highlighted title and snippet, answer count, and whether an answer was accepted.
#[component]
fn ResultItem(
    hit: SearchHit,
    index: usize,
    on_select: Callback<i64>,
    listbox: Listbox,
) -> impl IntoView {
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
    // `aria-selected` follows the arrow keys (see `Listbox::on_key`).
    view! {
        <li
            class="result"
            role="option"
            id=listbox.option_id(index)
            aria-selected="false"
            on:click=move |_| on_select.run(id)
        >
            <span class="result-title">{highlighted(title)}</span>
            <span class="result-snippet">{highlighted(hit.snippet)}</span>
            <span class="result-meta">
                <span>{answers}</span>
                {hit
                    .has_accepted_answer
                    .then(|| view! { <span class="accepted-flag">{t(Text::AcceptedAnswer)}</span> })}
            </span>
        </li>
    }
}
