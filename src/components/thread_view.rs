//! Reading one thread: the question, its answers (accepted first), live replies, the reply
//! form for helpers and the feedback buttons; a ticket reads as a conversation with the team.

use std::time::Duration;

use leptos::{html::H3, prelude::*, task::spawn_local};
use peerhelp_api::{Text, Thread};

use super::answer::AnswerItem;
use super::escalate::EscalateOffer;
use super::feedback::FeedbackButtons;
use super::reply::ReplyForm;
use super::states::{ErrorState, Loading};
use super::text::{answer_count, paragraphs};
use super::ticket::ticket_banner;
use crate::i18n::t;
use crate::reactive::{effect, focus_on_load, reactive, show};
use crate::session::Session;
use crate::state::{EscalateFrom, Screen};
use crate::task::resource;

/// Loads thread `id` and shows it. The asker's unread replies count as read once loaded.
#[component]
pub fn ThreadLoader(
    /// The thread to show.
    id: i64,
    /// What the visitor searched for, sent along with their feedback.
    query: Option<String>,
    /// Called when the visitor goes back.
    on_back: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let thread = resource(move || {
        let (api, token) = (session.api(), session.reader_token());
        async move { api.thread(id, token.as_deref()).await }
    });
    let on_retry = Callback::new(move |()| thread.refetch());
    move || match thread.get() {
        Some(Ok(thread)) => {
            mark_seen(session, &thread);
            let thread = RwSignal::new(thread);
            view! { <ThreadView thread query=query.clone() on_back /> }.into_any()
        }
        Some(Err(failure)) => view! {
            <BackButton on_back />
            <ErrorState message=failure.message() on_retry />
        }
        .into_any(),
        None => view! {
            <BackButton on_back />
            <Loading label=Text::LoadingAnswers />
        }
        .into_any(),
    }
}

/// Tells the server the asker read `thread`'s replies, and clears its unread count.
fn mark_seen(session: Session, thread: &Thread) {
    let asked = thread.viewer.as_ref().is_some_and(|viewer| viewer.is_asker);
    if let (true, Some(token)) = (asked, session.visitor.get_untracked()) {
        let (api, id) = (session.api(), thread.id);
        spawn_local(async move { _ = api.seen(id, &token).await });
        session.update_my_thread(id, |mine| mine.unread = 0);
    }
}

/// A thread: the question, its answers in the server's order (new ones at the end as they
/// arrive), the reply form for a signed-in helper, and the feedback buttons.
#[component]
pub fn ThreadView(
    /// The thread, answers already sorted (accepted first, then by votes).
    thread: RwSignal<Thread>,
    /// What the visitor searched for, sent along with their feedback.
    query: Option<String>,
    /// Called when the visitor goes back.
    on_back: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    // Live events update the thread on screen in place.
    session.thread.set(Some(thread));
    on_cleanup(move || {
        if session.thread.get_untracked() == Some(thread) {
            session.thread.set(None);
        }
    });
    // What the visitor clicked is gone: put focus on the title so keyboard and screen reader
    // users continue from the top of what they opened.
    let title = NodeRef::<H3>::new();
    focus_on_load(move || title.get().map(Into::into));
    let (id, heading, body) = thread.with_untracked(|t| (t.id, t.title.clone(), t.body.clone()));
    let count = move || thread.with(|t| t.answers.len());
    let answers_heading = move || answer_count(count() as i64);
    let asker = thread.with_untracked(|t| t.viewer.as_ref().is_some_and(|v| v.is_asker));
    let ticket = move || thread.with(|t| t.escalation.is_some());
    // A request to the team is titled by its first line: the message says it already.
    let repeated = thread.with_untracked(|t| t.escalation.is_some())
        && body.starts_with(heading.trim_end_matches('…'));
    let waiting = move || count() == 0 && asker && !ticket();
    // Replies that arrive while the asker reads count as read, in "My questions" too.
    if asker {
        let mut read = thread.with_untracked(|t| t.answers.len());
        effect(move || {
            if count() > read {
                read = count();
                thread.with_untracked(|thread| mark_seen(session, thread));
            }
        });
    }
    // Feedback is about an answer: none before there is one, none on a ticket (a conversation
    // with the team) and none from helpers, who are there to answer.
    let feedback = move || count() > 0 && !ticket() && session.helper_token.with(Option::is_none);
    // Staff are offered once peers had their chance: after "didn't help", or when the
    // asker's question waited the site's threshold without a reply.
    let not_helped = RwSignal::new(false);
    let waited_long = waited_for_peers(session, thread);
    let offer = move || !ticket() && (not_helped.get() || (waiting() && waited_long.get()));
    let from = if asker {
        EscalateFrom::Own(id)
    } else {
        EscalateFrom::Other(id)
    };
    view! {
        <article class="thread" class:conversation=reactive(ticket) aria-labelledby="ph-thread-title">
            <BackButton on_back />
            <h3
                id="ph-thread-title"
                tabindex="-1"
                node_ref=title
                class:visually-hidden=repeated
            >
                {heading}
            </h3>
            <div class="question">{paragraphs(&body)}</div>
            {ticket_banner(thread)}
            <h4 class="answers-heading">{answers_heading}</h4>
            {show(waiting, || view! {
                <p class="state">{t(Text::HelpersTold)}</p>
            }.into_any())}
            <ol class="answers">
                {answer_from(thread, 0)}
            </ol>
            {show(
                move || session.helper_token.with(Option::is_some),
                move || view! { <ReplyForm thread /> }.into_any(),
            )}
            {show(feedback, move || view! {
                <FeedbackButtons thread_id=id query=query.clone() not_helped />
            }.into_any())}
            {show(offer, move || view! { <EscalateOffer from /> }.into_any())}
        </article>
    }
}

/// Answer `index` of `thread` and, once they exist, the ones after it. Answers on screen are
/// only ever appended (live replies) or changed in place (votes, edits, acceptance), so each
/// item stays mounted, an open edit form or report menu with it, as replies arrive. (Cheaper to
/// ship than a keyed list, which would also handle removals and moves that never happen here.)
fn answer_from(thread: RwSignal<Thread>, index: usize) -> AnyView {
    let id = Memo::new(move |_| thread.with(|t| t.answers.get(index).map(|a| a.id)));
    (move || {
        id.get().map(|id| {
            view! {
                <AnswerItem id thread />
                {answer_from(thread, index + 1)}
            }
        })
    })
    .into_any()
}

/// Becomes true once `thread` is older than the site's escalation threshold.
fn waited_for_peers(session: Session, thread: RwSignal<Thread>) -> RwSignal<bool> {
    let waited = RwSignal::new(false);
    let asked_at = thread.with_untracked(|t| js_sys::Date::parse(&t.created_at));
    let threshold_ms = f64::from(session.escalate_after_minutes.get_value()) * 60_000.0;
    let due_in = asked_at + threshold_ms - js_sys::Date::now();
    if due_in <= 0.0 {
        waited.set(true);
    } else if due_in.is_finite() {
        let timer = set_timeout_with_handle(
            move || waited.set(true),
            Duration::from_millis(due_in as u64),
        );
        on_cleanup(move || {
            if let Ok(timer) = timer {
                timer.clear();
            }
        });
    }
    waited
}

/// Returns to where the thread was opened from.
#[component]
fn BackButton(on_back: Callback<()>) -> impl IntoView {
    let session = expect_context::<Session>();
    let label = move || {
        t(match session.panel.back.get() {
            Screen::Mine => Text::BackMine,
            Screen::Helper => Text::BackQueue,
            Screen::Ask => Text::BackAsk,
            Screen::Leaders => Text::BackLeaders,
            _ => Text::BackResults,
        })
    };
    view! {
        <button type="button" class="back" on:click=move |_| on_back.run(())>
            <span aria-hidden="true">"← "</span>
            {label}
        </button>
    }
}
