//! The live event stream: one EventSource per session token, whose messages update the
//! session's signals in place. The browser reconnects on its own and sends `Last-Event-ID`,
//! and the server replays what was missed, so nothing here tracks ids.

use leptos::prelude::*;
use peerhelp_api::{Answer, LiveEventKind, Text};
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{EventSource, MessageEvent};

use crate::i18n::{fill, t};
use crate::reactive::effect;
use crate::session::Session;
use crate::state::Screen;

/// Keeps a stream open for `token` while it is set: `helper` says whose it is, which decides
/// what a new answer means (a reply to the visitor's question, or news on a helped thread).
pub fn follow(session: Session, token: RwSignal<Option<String>>, helper: bool) {
    let stream = StoredValue::new_local(None::<(EventSource, Closure<dyn FnMut(MessageEvent)>)>);
    let close = move || {
        if let Some((source, _)) = stream.write_value().take() {
            source.close();
        }
    };
    effect(move || {
        close();
        let Some(token) = token.get() else { return };
        let Ok(source) = EventSource::new(&session.api().events_url(&token)) else {
            return;
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |message: MessageEvent| {
            let data = message.data().as_string().unwrap_or_default();
            if let Some(event) = crate::json::from_str(&data) {
                apply(session, event, helper);
            }
        });
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        stream.set_value(Some((source, on_message)));
    });
    on_cleanup(close);
}

/// Applies one event to the session.
fn apply(session: Session, event: LiveEventKind, helper: bool) {
    match event {
        LiveEventKind::AnswerPosted {
            thread_id,
            thread_title,
            answer,
        } => answer_posted(session, thread_id, &thread_title, answer, helper),
        LiveEventKind::AnswerEdited { thread_id, answer } => {
            session.update_thread(thread_id, |thread| {
                if let Some(old) = thread.answers.iter_mut().find(|old| old.id == answer.id) {
                    *old = answer;
                }
            });
        }
        LiveEventKind::AnswerAccepted {
            thread_id,
            answer_id,
        } => {
            session.update_thread(thread_id, |thread| {
                for answer in &mut thread.answers {
                    answer.accepted = answer.id == answer_id;
                }
            });
        }
        LiveEventKind::AnswerVoted {
            thread_id,
            answer_id,
            votes,
        } => {
            session.update_thread(thread_id, |thread| {
                if let Some(answer) = thread.answers.iter_mut().find(|a| a.id == answer_id) {
                    answer.votes = votes;
                }
            });
        }
        LiveEventKind::QuestionAsked { question } => session.queue.update(|queue| {
            if let Some(queue) = queue
                && !queue.iter().any(|q| q.thread_id == question.thread_id)
            {
                queue.push(question);
            }
        }),
        LiveEventKind::EscalationChanged {
            thread_id,
            escalation,
        } => {
            let status = escalation.status.thread_status();
            session.update_thread(thread_id, |thread| {
                thread.status = status;
                thread.escalation = Some(escalation);
            });
            session.update_my_thread(thread_id, |mine| mine.status = status);
        }
        LiveEventKind::PresenceChanged { helpers } => session.online.set(Some(helpers)),
        LiveEventKind::ReputationChanged { points, rank } => session.helper.update(|helper| {
            if let Some(helper) = helper {
                helper.points = points;
                helper.card.rank = rank;
            }
        }),
    }
}

/// A new answer: shown at once in the open thread, announced, and counted as unread where
/// the visitor is not reading it.
fn answer_posted(session: Session, thread_id: i64, title: &str, answer: Answer, helper: bool) {
    let author = author(&answer).to_owned();
    let answer_id = answer.id;
    let shown = session.update_thread(thread_id, |thread| {
        if !thread.answers.iter().any(|old| old.id == answer_id) {
            thread.answers.push(answer);
        }
    });
    if helper {
        return;
    }
    let open = session.panel.open.get_untracked();
    let reading =
        open && shown && session.panel.screen.get_untracked() == Screen::Thread(thread_id);
    if open {
        let announcement = if reading {
            fill(Text::NewReplyFrom, "{name}", &author)
        } else {
            fill(Text::NewReplyFromTo, "{name}", &author).replace("{title}", title)
        };
        session.announcement.set(announcement);
    } else {
        session.unread.update(|unread| *unread += 1);
    }
    session.update_my_thread(thread_id, |mine| {
        mine.answer_count += 1;
        mine.unread += u32::from(!reading);
    });
    session.emit("answered", Some(&thread_id.to_string()));
}

/// The name to show for an answer's author.
fn author(answer: &Answer) -> &str {
    answer
        .helper
        .as_ref()
        .map(|helper| helper.name.as_str())
        .or(answer.author.as_deref())
        .unwrap_or(t(Text::CommunityMember))
}
