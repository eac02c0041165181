//! Helper mode, in the same panel: the helper's profile and status, signing out, and the
//! queue of open questions, which grows live as visitors ask.

use leptos::{prelude::*, task::spawn_local};
use peerhelp_api::{PresenceStatus, QueueItem, Text};

use super::screen::{heading, loaded};
use super::text::answer_count;
use crate::api::ApiFailure;
use crate::i18n::{counted, t};
use crate::peer_helper::{send_presence, sign_out};
use crate::reactive::{reactive, show_or};
use crate::session::Session;
use crate::task::resource;

/// The helper desk: signing in, then profile, status and queue.
#[component]
pub fn HelperDesk(
    /// Why signing in from the invite link failed, if it did.
    sign_in_error: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let signed_in = move || session.helper.with(Option::is_some);
    let waiting = move || match sign_in_error.get() {
        Some(error) => view! { <p class="error-text" role="alert">{error}</p> }.into_any(),
        None if session.helper_token.with(Option::is_some) => {
            view! { <p class="state">{t(Text::SigningIn)}</p> }.into_any()
        }
        None => view! { <p class="state">{t(Text::OpenInvite)}</p> }.into_any(),
    };
    view! {
        <section class="screen">
            {heading(Text::NavHelperDesk)}
            {show_or(signed_in, || view! { <Profile /> <Queue /> }.into_any(), waiting)}
        </section>
    }
}

/// Who is signed in, their points and rank, the online/away switch and signing out.
#[component]
fn Profile() -> impl IntoView {
    let session = expect_context::<Session>();
    let summary = move || {
        session.helper.with(|helper| {
            helper.as_ref().map(|helper| {
                let mut line =
                    helper.card.name.clone() + " · " + t(helper.card.rank.text()) + " · ";
                line += &counted(helper.points, Text::PointsOne, Text::PointsMany);
                if let Some(left) = helper.answers_left_this_hour {
                    line = line
                        + " · "
                        + &counted(left.into(), Text::AnswersLeftOne, Text::AnswersLeftMany);
                }
                line
            })
        })
    };
    let online = move || session.presence.get() == PresenceStatus::Online;
    let problem = RwSignal::new(None::<String>);
    let toggle = move |_| {
        let status = if online() {
            PresenceStatus::Away
        } else {
            PresenceStatus::Online
        };
        spawn_local(async move {
            let sent = send_presence(session, status).await;
            problem.set(sent.err().map(|failure| failure.message()));
        });
    };
    view! {
        <p class="profile">{summary}</p>
        <div class="helper-actions">
            <button type="button" aria-pressed=reactive(move || online().to_string()) on:click=toggle>
                {move || t(if online() { Text::OnlineTaking } else { Text::AwayGoOnline })}
            </button>
            <button type="button" on:click=move |_| spawn_local(sign_out(session))>
                {t(Text::SignOut)}
            </button>
        </div>
        <p class="error-text" role="alert">{move || problem.get()}</p>
    }
}

/// The open questions, unanswered first, then oldest first.
#[component]
fn Queue() -> impl IntoView {
    let session = expect_context::<Session>();
    let loader = resource(move || {
        let (api, token) = (session.api(), session.helper_token.get_untracked());
        async move {
            let queue = api.queue(&token.unwrap_or_default()).await?;
            session.queue.set(Some(queue.questions));
            Ok::<_, ApiFailure>(())
        }
    });
    let list = move || {
        let questions = session.queue.get().unwrap_or_default();
        if questions.is_empty() {
            return view! { <p class="state">{t(Text::QueueEmpty)}</p> }.into_any();
        }
        let items = questions
            .into_iter()
            .map(|question| item(session, question))
            .collect_view();
        view! { <ul class="result-list" aria-label=t(Text::OpenQuestions)>{items}</ul> }.into_any()
    };
    view! {
        <h4 class="answers-heading">{t(Text::OpenQuestions)}</h4>
        {loaded(loader, list)}
    }
}

fn item(session: Session, question: QueueItem) -> impl IntoView {
    let id = question.thread_id;
    let answers = answer_count(question.answer_count.into());
    view! {
        <li>
            <button type="button" class="result" on:click=move |_| session.panel.open_thread(id)>
                <span class="result-title">{question.title}</span>
                <span class="result-snippet">{question.excerpt}</span>
                <span class="result-meta">{answers}</span>
            </button>
        </li>
    }
}
