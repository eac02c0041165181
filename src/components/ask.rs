//! Asking the community: title, details and an optional email, with similar threads suggested
//! while the title is typed. The draft is kept in storage until it is posted, and a question
//! written offline waits in the outbox (see `outbox`).

use std::time::Duration;

use leptos::{ev::SubmitEvent, html::Input, prelude::*};
use peerhelp_api::{MAX_BODY_CHARS, MAX_TITLE_CHARS, MIN_TITLE_CHARS, NewQuestion, Text};

use super::listbox::Listbox;
use super::results::ResultList;
use crate::api::new_key;
use crate::i18n::{fill, t};
use crate::outbox;
use crate::reactive::{focus_on_load, reactive};
use crate::search::use_search;
use crate::session::Session;
use crate::state::Screen;
use crate::storage::DRAFT;
use crate::task::Task;

/// How long the title must rest before similar threads are looked up, as for search.
const SIMILAR_DEBOUNCE: Duration = Duration::from_millis(300);
/// How many similar threads are suggested.
const SIMILAR_SHOWN: usize = 3;

/// The question form, starting from the saved draft or, without one, from `title`.
#[component]
pub fn AskForm(
    /// The title to start from: what the visitor searched for.
    title: String,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let draft = session.storage().get_json::<NewQuestion>(DRAFT);
    let draft = draft.unwrap_or(NewQuestion {
        title,
        body: String::new(),
        email: None,
        page_url: None,
    });
    let title = RwSignal::new(draft.title);
    let body = RwSignal::new(draft.body);
    let email = RwSignal::new(draft.email.unwrap_or_default());
    let question = move || NewQuestion {
        title: title.get_untracked().trim().to_owned(),
        body: body.get_untracked().trim().to_owned(),
        email: Some(email.get_untracked().trim().to_owned()).filter(|e| !e.is_empty()),
        page_url: window().location().href().ok(),
    };
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);

    let similar_query = RwSignal::new(String::new());
    let similar = use_search(session.api(), similar_query, None);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let on_title = move || {
        if let Some(timer) = timer.get_value() {
            timer.clear();
        }
        let look_up = move || similar_query.set(title.get_untracked().trim().to_owned());
        timer.set_value(set_timeout_with_handle(look_up, SIMILAR_DEBOUNCE).ok());
    };
    // Posting leaves the form at once: a lookup still pending must not run after it is gone.
    on_cleanup(move || {
        if let Some(Some(timer)) = timer.try_get_value() {
            timer.clear();
        }
    });
    let similar_list = Listbox::new("ph-similar");
    let similar_hits = move || {
        similar.get().and_then(|outcome| {
            let mut hits = outcome.result.ok().filter(|hits| !hits.is_empty())?;
            hits.truncate(SIMILAR_SHOWN);
            let on_select = Callback::new(move |id| session.panel.open_thread(id));
            Some(view! {
                <div class="similar">
                    <p>{t(Text::SimilarAsked)}</p>
                    <ResultList hits on_select listbox=similar_list />
                </div>
            })
        })
    };

    let first_field = NodeRef::<Input>::new();
    focus_on_load(move || first_field.get().map(Into::into));
    similar_list.drive_from(first_field);
    let post = Task::new();
    let send = move |question: NewQuestion| {
        post.run(async move {
            match outbox::post(session, new_key(), question).await {
                Ok(posted) => {
                    session.storage().remove(DRAFT);
                    match posted {
                        Some(id) => {
                            session.panel.back.set(Screen::Mine);
                            session.panel.show(Screen::Thread(id));
                        }
                        None => saved.set(true),
                    }
                }
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let question = question();
        problem.set(check(&question));
        match problem.get_untracked() {
            Some(_) => {
                if let Some(field) = first_field.get_untracked() {
                    _ = field.focus();
                }
            }
            None => {
                send(question);
            }
        }
    };
    // Kept on every keystroke, so a reload or a closed tab loses nothing. A problem shown is
    // checked again, so it goes as soon as the question is fixed.
    let keep_draft = move || {
        saved.set(false);
        let question = question();
        if problem.with_untracked(Option::is_some) {
            problem.set(check(&question));
        }
        session.storage().set_json(DRAFT, &question);
    };
    let invalid = move || problem.with(Option::is_some).to_string();
    view! {
        <form class="ask" novalidate="" on:submit=on_submit>
            <h3>{t(Text::NavAsk)}</h3>
            <label for="ph-ask-title">{t(Text::QuestionLabel)}</label>
            <input
                id="ph-ask-title"
                node_ref=first_field
                maxlength=MAX_TITLE_CHARS
                aria-invalid=reactive(invalid)
                aria-describedby="ph-ask-problem"
                on:keydown=move |ev| similar_list.on_key(&ev)
                prop:value=reactive(move || title.get())
                on:input=move |ev| {
                    title.set(event_target_value(&ev));
                    keep_draft();
                    on_title();
                }
            />
            {similar_hits}
            <label for="ph-ask-body">{t(Text::DetailsLabel)}</label>
            <textarea
                id="ph-ask-body"
                rows="4"
                maxlength=MAX_BODY_CHARS
                prop:value=reactive(move || body.get())
                on:input=move |ev| {
                    body.set(event_target_value(&ev));
                    keep_draft();
                }
            ></textarea>
            <label for="ph-ask-email">{t(Text::EmailRepliesLabel)}</label>
            <input
                id="ph-ask-email"
                type="email"
                autocomplete="email"
                prop:value=reactive(move || email.get())
                on:input=move |ev| {
                    email.set(event_target_value(&ev));
                    keep_draft();
                }
            />
            <p class="error-text" id="ph-ask-problem" role="alert">{move || problem.get()}</p>
            <p class="note" role="status">
                {move || saved.get().then(|| t(Text::SavedOffline))}
            </p>
            <button type="submit" class="primary" disabled=reactive(move || post.pending())>
                {t(Text::PostQuestion)}
            </button>
        </form>
    }
}

/// Why `question` can't be posted yet, in the server's terms.
fn check(question: &NewQuestion) -> Option<String> {
    let title = question.title.chars().count();
    let limit = |text: Text, limit: usize| Some(fill(text, "{n}", &limit.to_string()));
    if title < MIN_TITLE_CHARS {
        limit(Text::TitleTooShort, MIN_TITLE_CHARS)
    } else if title > MAX_TITLE_CHARS {
        limit(Text::TitleTooLong, MAX_TITLE_CHARS)
    } else if question.body.chars().count() > MAX_BODY_CHARS {
        limit(Text::DetailsTooLong, MAX_BODY_CHARS)
    } else if question
        .email
        .as_ref()
        .is_some_and(|email| !email.contains('@'))
    {
        Some(t(Text::CheckEmailOrEmpty).into())
    } else {
        None
    }
}
