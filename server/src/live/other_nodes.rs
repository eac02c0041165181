//! Hearing the other nodes that share this node's PostgreSQL database: their commits wake this
//! node's dispatcher and directory refresher, and the sessions they end end here too. When the
//! listening connection drops, signals sent meanwhile are lost, so the node looks at everything
//! again: the event log, the directory, and every session stream (each ends, and those whose
//! session is still valid reconnect with their `Last-Event-ID`).

use std::sync::Arc;

use super::Hub;
use crate::store::{Heard, OtherNodes, Signal, Store};

/// Relays what `other_nodes` hears to this node's waiters, until the process ends.
pub fn relay(mut other_nodes: OtherNodes, store: Store, hub: Arc<Hub>) {
    tokio::spawn(async move {
        loop {
            match other_nodes.next().await {
                Heard::Signal(Signal::Ended(ending)) => hub.endings.announce(ending),
                Heard::Signal(signal) => store.wake(signal),
                Heard::Gap => {
                    store.wake(Signal::Events);
                    store.wake(Signal::Directory);
                    hub.endings.announce_unknown();
                }
            }
        }
    });
}
