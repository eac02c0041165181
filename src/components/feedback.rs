//! "This helped" / "Didn't help": tells the brand which threads answer which searches.

use leptos::{html::P, prelude::*};
use peerhelp_api::{Feedback, Text};

use crate::api::ApiFailure;
use crate::i18n::t;
use crate::identity::visitor_token;
use crate::reactive::{effect, reactive, show};
use crate::session::Session;
use crate::task::Task;

/// The two feedback buttons of a thread, replaced by a thank-you once the server has it.
#[component]
pub fn FeedbackButtons(
    /// The thread the feedback is about.
    thread_id: i64,
    /// What the visitor searched for before opening the thread.
    query: Option<String>,
    /// Set once the visitor said the thread didn't help, so staff can be offered.
    not_helped: RwSignal<bool>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let send = Task::<Result<bool, ApiFailure>>::new();
    let dispatch = move |helped: bool| {
        let api = session.api();
        let feedback = Feedback {
            helped,
            query: query.clone(),
        };
        send.run(async move {
            // One answer per visitor and thread: the server needs to know who gives it.
            let token = visitor_token(session).await?;
            api.feedback(thread_id, &token, &feedback).await?;
            not_helped.set(!helped);
            Ok(helped)
        });
    };
    let sent = move || send.get().and_then(Result::ok);
    let failure = move || {
        send.get()
            .and_then(Result::err)
            .map(|failure| view! { <p class="error-text">{failure.message()}</p> })
    };
    let thanks = move || {
        sent().map(|helped| {
            t(if helped {
                Text::ThanksHelped
            } else {
                Text::ThanksNotHelped
            })
        })
    };
    // The pressed button disappears with the thanks; focus follows to the thanks so keyboard
    // users are not dropped to the page's body.
    let thanks_text = NodeRef::<P>::new();
    effect(move || {
        if sent().is_some()
            && let Some(text) = thanks_text.get()
        {
            _ = text.focus();
        }
    });
    let choice = move |helped: bool, label: Text| {
        let dispatch = dispatch.clone();
        view! {
            <button
                type="button"
                disabled=reactive(move || send.pending())
                on:click=move |_| dispatch(helped)
            >
                {t(label)}
            </button>
        }
    };
    view! {
        <div class="feedback">
            {show(move || sent().is_none(), move || view! {
                <p id="ph-feedback-question">{t(Text::FeedbackQuestion)}</p>
                <div class="feedback-buttons" role="group" aria-labelledby="ph-feedback-question">
                    {choice(true, Text::Helped)}
                    {choice(false, Text::NotHelped)}
                </div>
                {failure}
            }.into_any())}
            // Always present, so screen readers announce the thank-you when it appears.
            <p class="thanks" role="status" tabindex="-1" node_ref=thanks_text>
                {thanks}
            </p>
        </div>
    }
}
