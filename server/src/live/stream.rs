//! One SSE stream: replay what the session missed from the table, then follow the broadcast,
//! delivering each event once and in id order. Subscribing happens before the replay query, so
//! an event committed in between arrives by broadcast and is dropped as a duplicate if the
//! replay already had it. Per stream, the state is a receiver, a cursor and the audiences.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::response::sse::Event;
use futures_util::Stream;
use tokio::sync::broadcast::{Receiver, error::RecvError};

use super::Hub;
use crate::store::{Audience, Store, StoredEvent};

/// Rows a catching-up stream reads per query.
const REPLAY_BATCH: usize = 500;
/// How long an EventSource waits before reconnecting.
const RETRY: Duration = Duration::from_secs(2);

/// Whose events a stream carries.
#[derive(Clone, Debug)]
pub struct Session {
    pub site_id: i64,
    pub audiences: Vec<String>,
}

impl Session {
    pub fn visitor(site_id: i64, visitor_id: i64) -> Session {
        Session {
            site_id,
            audiences: vec![
                Audience::Everyone.key(),
                Audience::Visitor(visitor_id).key(),
            ],
        }
    }

    pub fn helper(site_id: i64, helper_id: i64) -> Session {
        Session {
            site_id,
            audiences: vec![
                Audience::Everyone.key(),
                Audience::Helpers.key(),
                Audience::Helper(helper_id).key(),
            ],
        }
    }

    /// A signed-in staff member's stream: the site's staff events only.
    pub fn staff(site_id: i64) -> Session {
        Session {
            site_id,
            audiences: vec![Audience::Staff.key()],
        }
    }

    /// Someone with no token yet, watching who is online: presence events only, which are
    /// the only ones addressed to everyone.
    pub fn presence(site_id: i64) -> Session {
        Session {
            site_id,
            audiences: vec![Audience::Everyone.key()],
        }
    }

    fn wants(&self, event: &StoredEvent) -> bool {
        event.site_id == self.site_id && self.audiences.contains(&event.audience)
    }
}

struct Follower {
    store: Store,
    session: Session,
    receiver: Receiver<Arc<StoredEvent>>,
    /// The last event id delivered (or that the client said it had).
    cursor: i64,
    /// Whether events may be waiting in the table that the broadcast will not bring.
    catching_up: bool,
    backlog: VecDeque<StoredEvent>,
}

fn message(event: &StoredEvent) -> Result<Event, Infallible> {
    Ok(Event::default()
        .id(event.id.to_string())
        .data(&event.payload))
}

/// The session's events after `last_event_id` (or from now on, without one), then live.
pub fn follow(
    hub: &Hub,
    store: Store,
    session: Session,
    last_event_id: Option<i64>,
) -> impl Stream<Item = Result<Event, Infallible>> + Send + use<> {
    let receiver = hub.subscribe(session.site_id);
    let follower = Follower {
        store,
        session,
        receiver,
        cursor: last_event_id.unwrap_or_else(|| hub.last_dispatched()),
        catching_up: last_event_id.is_some(),
        backlog: VecDeque::new(),
    };
    let retry =
        futures_util::stream::once(async { Ok::<_, Infallible>(Event::default().retry(RETRY)) });
    let events =
        futures_util::StreamExt::chain(retry, futures_util::stream::unfold(follower, next));
    futures_util::StreamExt::chain(events, hub.farewell())
}

async fn next(mut follower: Follower) -> Option<(Result<Event, Infallible>, Follower)> {
    loop {
        if let Some(event) = follower.backlog.pop_front() {
            follower.cursor = event.id;
            return Some((message(&event), follower));
        }
        if follower.catching_up {
            // Boxed: the query's future is most of this function's state, and a stream spends
            // its life waiting on the broadcast, not here; inline, every open stream would
            // carry room for it.
            let batch = Box::pin(follower.store.replay_events(
                follower.session.site_id,
                &follower.session.audiences,
                follower.cursor,
                REPLAY_BATCH as i64,
            ))
            .await;
            match batch {
                Ok(batch) => {
                    follower.catching_up = batch.len() == REPLAY_BATCH;
                    follower.backlog.extend(batch);
                    continue;
                }
                Err(error) => {
                    // Ending the stream makes the client reconnect with its Last-Event-ID.
                    tracing::warn!(%error, "replaying live events failed");
                    return None;
                }
            }
        }
        match follower.receiver.recv().await {
            Ok(event) if event.id > follower.cursor && follower.session.wants(&event) => {
                follower.cursor = event.id;
                return Some((message(&event), follower));
            }
            Ok(_) => {}
            Err(RecvError::Lagged(_)) => follower.catching_up = true,
            // The hub closed (shutdown): the stream ends with its farewell.
            Err(RecvError::Closed) => return None,
        }
    }
}
