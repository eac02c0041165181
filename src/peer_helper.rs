//! Helper mode's session: signing in from an invite link, resuming a stored sign-in, presence
//! with its heartbeat, and signing out.

use std::time::Duration;

use leptos::{prelude::*, task::spawn_local};
use peerhelp_api::{ErrorCode, HEARTBEAT_SECONDS, PresenceStatus};

use crate::api::ApiFailure;
use crate::reactive::effect;
use crate::session::Session;
use crate::state::Screen;
use crate::storage::HELPER;

/// What an invite link adds to the brand page's URL.
const INVITE_HASH: &str = "#peerhelp-invite=";

/// Starts helper mode: signs in if the page was opened from an invite link, else resumes a
/// sign-in kept in this browser; and keeps the heartbeat going while the helper is online.
pub fn start(session: Session, sign_in_error: RwSignal<Option<String>>) {
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    if let Some(code) = hash.strip_prefix(INVITE_HASH) {
        // Invite codes are single-use: take it out of the address at once, so a reload or a
        // shared link doesn't try it again.
        let clean =
            location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
        if let Ok(history) = window().history() {
            _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
        }
        let code = code.to_owned();
        session.panel.show(Screen::Helper);
        session.panel.open.set(true);
        spawn_local(async move {
            match session.api().sign_in(code).await {
                Ok(signed_in) => {
                    session.keep_token(HELPER, Some(signed_in.token));
                    session.helper.set(Some(signed_in.helper));
                }
                Err(failure) => sign_in_error.set(Some(failure.message())),
            }
        });
    } else if let Some(token) = session.helper_token.get_untracked() {
        spawn_local(async move {
            match session.api().me(&token).await {
                Ok(profile) => session.helper.set(Some(profile)),
                Err(ApiFailure::Server(error)) if error.code == ErrorCode::Unauthorized => {
                    session.keep_token(HELPER, None);
                }
                Err(_) => {}
            }
        });
    }
    heartbeat(session);
}

/// Repeats the online status every [`HEARTBEAT_SECONDS`] while the helper is online: the
/// server shows a helper offline once the heartbeats stop.
fn heartbeat(session: Session) {
    let timer = StoredValue::new(None::<IntervalHandle>);
    effect(move || {
        if let Some(timer) = timer.write_value().take() {
            timer.clear();
        }
        if session.presence.get() == PresenceStatus::Online {
            let every = Duration::from_secs(HEARTBEAT_SECONDS.into());
            let beat = move || {
                spawn_local(async move {
                    _ = send_presence(session, PresenceStatus::Online).await;
                })
            };
            timer.set_value(set_interval_with_handle(beat, every).ok());
        }
    });
}

/// Tells the server the helper's status; `Ok` once it took it.
pub async fn send_presence(session: Session, status: PresenceStatus) -> Result<(), ApiFailure> {
    let token = session
        .helper_token
        .get_untracked()
        .ok_or(ApiFailure::Network)?;
    session.api().presence(&token, status).await?;
    // Only a change restarts the heartbeat timer.
    if session.presence.get_untracked() != status {
        session.presence.set(status);
    }
    Ok(())
}

/// Signs the helper out: offline first, so visitors stop seeing them at once.
pub async fn sign_out(session: Session) {
    _ = send_presence(session, PresenceStatus::Offline).await;
    session.keep_token(HELPER, None);
    session.helper.set(None);
    session.queue.set(None);
    session.panel.show_results();
}
