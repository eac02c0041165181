//! The live event streams: one EventSource per session token, whose messages update the
//! session's signals in place, and for a visitor with no token yet, a presence-only stream
//! while the panel is open. The browser reconnects on its own and sends `Last-Event-ID`, and
//! the server replays what was missed (or, on the presence stream, starts with the whole list
//! again), so nothing here tracks ids.

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
    stream(
        session,
        move || token.get().map(|token| session.api().events_url(&token)),
        helper,
    );
}

/// Keeps the token-free presence stream open while the panel is open and no token stream
/// (which carries presence too) is: a visitor who never opens the panel never opens a stream.
/// The helper desk is left out, since it is only shown to a helper, signed in or signing in.
pub fn follow_presence(session: Session) {
    stream(
        session,
        move || {
            let watching = session.panel.open.get()
                && session.visitor.get().is_none()
                && session.helper_token.get().is_none()
                && session.panel.screen.get() != Screen::Helper;
            watching.then(|| session.api().presence_url())
        },
        false,
    );
}

/// Keeps a stream open on the URL `url` gives while it gives one, reopening it when it changes.
fn stream(session: Session, url: impl Fn() -> Option<String> + 'static, helper: bool) {
    let stream = StoredValue::new_local(None::<(EventSource, Closure<dyn FnMut(MessageEvent)>)>);
    let close = move || {
        if let Some((source, _)) = stream.write_value().take() {
            source.close();
        }
    };
    let mut current = None;
    effect(move || {
        let wanted = url();
        if wanted == current {
            return;
        }
        close();
        current.clone_from(&wanted);
        let Some(url) = wanted else { return };
        let Ok(source) = EventSource::new(&url) else {
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
