//! A helper's reply form: a new answer to the open thread, or an edit of their own answer.
//! The text stays in the box until the server took it, so a refusal loses nothing.

use leptos::{ev::SubmitEvent, html::Textarea, prelude::*};
use peerhelp_api::{MAX_BODY_CHARS, Text, Thread};

use crate::api::ApiFailure;
use crate::i18n::t;
use crate::reactive::{focus_on_load, reactive};
use crate::session::Session;
use crate::task::Task;

/// The reply form. With `answer`, it edits that answer, starting from `body`.
#[component]
pub fn ReplyForm(
    /// The thread answered.
    thread: RwSignal<Thread>,
    /// The answer being edited, if any.
    #[prop(optional)]
    answer: Option<i64>,
    /// The text to start from.
    #[prop(optional)]
    body: String,
    /// Called once the server took the answer (or the edit was cancelled).
    #[prop(optional)]
    on_done: Option<Callback<()>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let text = RwSignal::new(body);
    let field = NodeRef::<Textarea>::new();
    if answer.is_some() {
        focus_on_load(move || field.get().map(Into::into));
    }
    let send = Task::new();
    let save = move |body: String| {
        let api = session.api();
        let token = session.helper_token.get_untracked().unwrap_or_default();
        let thread_id = thread.with_untracked(|t| t.id);
        send.run(async move {
            let saved = match answer {
                Some(id) => api.edit(id, &token, body).await?,
                None => api.answer(thread_id, &token, body).await?,
            };
            thread.update(|t| match t.answers.iter_mut().find(|a| a.id == saved.id) {
                Some(old) => *old = saved,
                None => t.answers.push(saved),
            });
            text.set(String::new());
            session.announcement.set(t(Text::AnswerSaved).into());
            if let Some(done) = on_done {
                done.run(());
            }
            Ok::<_, ApiFailure>(())
        });
    };
    let failure = move || send.get().and_then(Result::err).map(|f| f.message());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if !text.with(|t| t.trim().is_empty()) {
            save(text.get_untracked());
        }
    };
    // Several edit forms can be open at once: each needs its own ids.
    let id = answer.map_or("ph-reply".to_owned(), |answer| format!("ph-edit-{answer}"));
    let hint = id.clone() + "-hint";
    view! {
        <form class="reply" on:submit=on_submit>
            <label for=id.clone()>{t(if answer.is_some() { Text::EditYourAnswer } else { Text::YourAnswer })}</label>
            <textarea
                id=id
                node_ref=field
                rows="5"
                maxlength=MAX_BODY_CHARS
                aria-describedby=hint.clone()
                prop:value=reactive(move || text.get())
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <p class="hint" id=hint>
                {t(Text::MarkdownHint)}
            </p>
            <p class="error-text" role="alert">{failure}</p>
            <button type="submit" class="primary" disabled=reactive(move || send.pending())>
                {t(if answer.is_some() { Text::Save } else { Text::PostAnswer })}
            </button>
            {on_done.map(|done| view! {
                <button type="button" on:click=move |_| done.run(())>{t(Text::Cancel)}</button>
            })}
        </form>
    }
}
