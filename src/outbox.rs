//! Posting questions exactly once. Each question carries the idempotency key made when the
//! visitor submitted it; one that cannot reach the server waits in storage, key included, and
//! is sent when the browser is back online or at the next mount. The server answers a repeated
//! key with the thread it already made, so even a retry after a lost response asks once.

use std::cell::Cell;

use leptos::prelude::*;
use peerhelp_api::NewQuestion;

use crate::api::ApiFailure;
use crate::identity::visitor_token;
use crate::session::Session;
use crate::storage::OUTBOX;

/// A question waiting to be posted, with its idempotency key.
type Queued = (String, NewQuestion);

thread_local! {
    /// Whether a flush is running: `online` and a mount can fire together, and the second
    /// must not send the same questions again while the first is still waiting for answers.
    static FLUSHING: Cell<bool> = const { Cell::new(false) };
}

/// Posts `question`: `Ok(Some(id))` once posted, `Ok(None)` when it went to the outbox
/// because the browser is offline, or the server's refusal.
pub async fn post(
    session: Session,
    key: String,
    question: NewQuestion,
) -> Result<Option<i64>, ApiFailure> {
    if window().navigator().on_line() {
        match send(session, &key, &question).await {
            Err(ApiFailure::Network) => {}
            posted => return posted.map(Some),
        }
    }
    let mut queued = waiting(session);
    queued.push((key, question));
    session.storage().set_json(OUTBOX, &queued);
    Ok(None)
}

/// Sends the questions waiting in the outbox, oldest first, stopping at a network failure.
pub async fn flush(session: Session) {
    if FLUSHING.replace(true) {
        return;
    }
    for (key, question) in waiting(session) {
        if send(session, &key, &question).await == Err(ApiFailure::Network) {
            break;
        }
        // Refused questions leave too: sending them again would be refused again.
        let mut queued = waiting(session);
        queued.retain(|(other, _)| *other != key);
        let storage = session.storage();
        if queued.is_empty() {
            storage.remove(OUTBOX);
        } else {
            storage.set_json(OUTBOX, &queued);
        }
    }
    FLUSHING.set(false);
}

/// Whether questions are waiting.
pub fn has_waiting(session: Session) -> bool {
    !waiting(session).is_empty()
}

fn waiting(session: Session) -> Vec<Queued> {
    session.storage().get_json(OUTBOX).unwrap_or_default()
}

async fn send(session: Session, key: &str, question: &NewQuestion) -> Result<i64, ApiFailure> {
    let token = visitor_token(session).await?;
    let id = session.api().ask(&token, key, question).await?;
    // "My questions" reloads with the new thread next time it shows.
    session.mine.set(None);
    session.emit("asked", Some(&id.to_string()));
    Ok(id)
}
