//! Reaching the brand's staff when peers can't help: the offer in a thread, and the form that
//! hands the question over (with the page and the searches tried, so nothing is repeated).

use leptos::{ev::SubmitEvent, html::Textarea, prelude::*};
use peerhelp_api::{MAX_BODY_CHARS, NewEscalation, Text};

use crate::api::{ApiFailure, new_key};
use crate::i18n::t;
use crate::identity::visitor_token;
use crate::reactive::{focus_on_load, reactive};
use crate::session::Session;
use crate::state::{EscalateFrom, Screen};
use crate::task::Task;

/// "Still need help?" with the button that opens the form.
#[component]
pub fn EscalateOffer(from: EscalateFrom) -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <div class="offer">
            <p>{t(Text::Offer)}</p>
            <button
                type="button"
                class="primary"
                on:click=move |_| session.panel.show(Screen::Escalate(from))
            >
                {t(Text::TalkToTeam)}
            </button>
        </div>
    }
}

/// The form that hands a question to staff.
#[component]
pub fn EscalateForm(from: EscalateFrom) -> impl IntoView {
    let session = expect_context::<Session>();
    let own = matches!(from, EscalateFrom::Own(_));
    let message = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Text>);
    // One key for the form: a double submit or a retry after a lost answer opens one ticket.
    let key = new_key();
    let send = Task::<Result<(), ApiFailure>>::new();
    let request = move || NewEscalation {
        thread_id: from.thread(),
        message: message.get_untracked().trim().to_owned(),
        email: Some(email.get_untracked().trim().to_owned()).filter(|e| !e.is_empty()),
        page_url: window().location().href().ok(),
        searches: session.panel.tried.get_value(),
    };
    let problem_in =
        move |request: &NewEscalation| check(request, own, session.identified.get_untracked());
    // A problem shown is checked again as the visitor types, so it goes once fixed.
    let typed = move |field: RwSignal<String>, ev: web_sys::Event| {
        field.set(event_target_value(&ev));
        if problem.with_untracked(Option::is_some) {
            problem.set(problem_in(&request()));
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = request();
        problem.set(problem_in(&request));
        if problem.get_untracked().is_some() {
            return;
        }
        let key = key.clone();
        send.run(async move {
            let token = visitor_token(session).await?;
            let created = session.api().escalate(&token, &key, &request).await?;
            session.emit("escalated", Some(&created.escalation.reference));
            session.panel.back.set(Screen::Mine);
            session.panel.show(Screen::Thread(created.thread_id));
            Ok(())
        });
    };
    let failure = move || {
        problem
            .get()
            .map(|problem| t(problem).to_owned())
            .or_else(|| send.get().and_then(Result::err).map(|f| f.message()))
    };
    let first_field = NodeRef::<Textarea>::new();
    focus_on_load(move || first_field.get().map(Into::into));
    let (intro, label) = if own {
        (Text::EscalateIntroOwn, Text::AddAnything)
    } else {
        (Text::EscalateIntroOther, Text::NeedHelpWith)
    };
    let email_label = move || {
        t(if session.identified.get() {
            Text::EmailForReplyOptional
        } else {
            Text::EmailForReply
        })
    };
    view! {
        <form class="ask" novalidate="" on:submit=on_submit>
            <h3>{t(Text::TalkToTeam)}</h3>
            <p class="note">{t(intro)}</p>
            <label for="ph-escalate-message">{t(label)}</label>
            <textarea
                id="ph-escalate-message"
                rows="4"
                maxlength=MAX_BODY_CHARS
                node_ref=first_field
                on:input=move |ev| typed(message, ev)
            ></textarea>
            <label for="ph-escalate-email">{email_label}</label>
            <input
                id="ph-escalate-email"
                type="email"
                autocomplete="email"
                on:input=move |ev| typed(email, ev)
            />
            <p class="error-text" role="alert">{failure}</p>
            <button type="submit" class="primary" disabled=reactive(move || send.pending())>
                {t(Text::SendToTeam)}
            </button>
        </form>
    }
}

/// Why `request` can't be sent yet, in the server's terms.
fn check(request: &NewEscalation, own: bool, identified: bool) -> Option<Text> {
    let email = request.email.as_deref().unwrap_or_default();
    if !own && request.message.chars().count() < peerhelp_api::MIN_TITLE_CHARS {
        Some(Text::NeedMessage)
    } else if email.is_empty() && !identified {
        Some(Text::NeedEmail)
    } else if !email.is_empty() && !email.contains('@') {
        Some(Text::CheckEmail)
    } else {
        None
    }
}
