//! The visitor's identity: the anonymous token issued on their first action that needs one,
//! and `PeerHelp('identify', …)`, which swaps it for an identified session.
//!
//! An identity the page sends before the panel was ever opened waits: identifying creates a
//! session the widget must store, and nothing is written to the visitor's browser before they
//! open the panel.

use leptos::{logging, prelude::*, task::spawn_local};
use peerhelp_api::IdentifyRequest;

use crate::api::ApiFailure;
use crate::session::Session;
use crate::storage;

/// The visitor's token, asking the server for one if they have none yet.
pub async fn visitor_token(session: Session) -> Result<String, ApiFailure> {
    if session.identity.with_value(Option::is_some) {
        send_identity(session).await;
    }
    if let Some(token) = session.visitor.get_untracked() {
        return Ok(token);
    }
    let created = session.api().new_visitor().await?;
    session.keep_token(storage::VISITOR, Some(created.token.clone()));
    Ok(created.token)
}

/// `PeerHelp('identify', {id, name, email, expires, signature})`: sent now if the panel was
/// opened, else when it first opens (or at the visitor's first action).
pub fn identify(session: Session, identity: IdentifyRequest) {
    session.identity.set_value(Some(identity));
    if session.opened.get_untracked() {
        spawn_local(send_identity(session));
    }
}

/// Sends the waiting identity, if any. A refused one leaves the visitor anonymous and tells
/// the brand's developer why in the console; a network failure keeps it for the next try.
pub async fn send_identity(session: Session) {
    let Some(identity) = session.identity.write_value().take() else {
        return;
    };
    let token = session.visitor.get_untracked();
    match session.api().identify(token.as_deref(), &identity).await {
        Ok(identified) => {
            session.identified.set(identified.visitor.identified);
            session.keep_token(storage::VISITOR, Some(identified.token));
        }
        Err(ApiFailure::Network) => session.identity.set_value(Some(identity)),
        Err(ApiFailure::Server(error)) => logging::warn!(
            "PeerHelp: identify was refused ({}); the visitor stays anonymous. Check the signature and expiry your server computes.",
            error.message
        ),
    }
}
