//! Live events to open widgets and staff consoles. Writes record their events in the database
//! (see `store::events`); after each commit the hub's dispatcher reads the new rows in id order and
//! broadcasts them to the streams of the site, so every stream sees events in id order and a
//! stream that falls behind re-reads the table instead of dropping anything.
//!
//! The wake-up after a commit (`Store::events_committed`) comes from this node's commits and,
//! on PostgreSQL, from every other node's through LISTEN/NOTIFY (`other_nodes`), so a stream on
//! any node sees the events written on all of them.

mod endings;
pub mod other_nodes;
mod shutdown;
mod stream;

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::response::sse::Event;
use tokio::sync::broadcast;

use crate::store::{Store, StoredEvent};

pub use endings::{EndingWatch, Endings};
pub use shutdown::RECONNECT_WINDOW;
pub use stream::{Session, follow};

/// Events a stream may fall behind by before it must catch up from the table.
const CHANNEL_CAPACITY: usize = 1024;
/// Rows the dispatcher reads per query.
const DISPATCH_BATCH: i64 = 1000;

/// One broadcast channel per site, fed by one dispatcher per process.
#[derive(Default)]
pub struct Hub {
    channels: RwLock<HashMap<i64, broadcast::Sender<Arc<StoredEvent>>>>,
    /// The newest event broadcast: where a stream without `Last-Event-ID` starts.
    dispatched: AtomicI64,
    shutting_down: shutdown::ShuttingDown,
    /// Sessions ended (a helper banned, a staff member signed out or disabled), which end
    /// their streams.
    pub endings: Endings,
}

impl Hub {
    /// Receives the site's events broadcast from now on.
    pub fn subscribe(&self, site_id: i64) -> broadcast::Receiver<Arc<StoredEvent>> {
        if self.shutting_down.has_begun() {
            // Shutting down: a receiver whose sender is gone ends the stream at once.
            return broadcast::channel(1).1;
        }
        let mut channels = self.channels.write().expect("live channel lock");
        channels
            .entry(site_id)
            .or_insert_with(|| broadcast::channel(CHANNEL_CAPACITY).0)
            .subscribe()
    }

    /// The id of the newest event broadcast so far.
    pub fn last_dispatched(&self) -> i64 {
        self.dispatched.load(Ordering::Acquire)
    }

    fn publish(&self, event: StoredEvent) {
        let id = event.id;
        if let Some(channel) = self
            .channels
            .read()
            .expect("live channel lock")
            .get(&event.site_id)
        {
            // An error only means nobody of that site is listening right now.
            let _ = channel.send(Arc::new(event));
        }
        self.dispatched.store(id, Ordering::Release);
    }

    /// Ends every stream, each with the hint to reconnect soon (on shutdown, so graceful
    /// shutdown does not wait for them forever and their clients move to another node).
    pub fn close(&self) {
        // Begun before the channels close, so each stream they end sees it and says farewell.
        self.shutting_down.begin();
        self.channels.write().expect("live channel lock").clear();
    }

    /// A stream's last message: the reconnection hint, if it ended because the hub closed.
    fn farewell(
        &self,
    ) -> impl futures_util::Stream<Item = Result<Event, Infallible>> + Send + use<> {
        self.shutting_down.clone().farewell()
    }

    /// Broadcasts every event committed after `after`, as commits are signalled.
    pub fn spawn_dispatcher(self: Arc<Self>, store: Store, after: i64) {
        self.dispatched.store(after, Ordering::Release);
        tokio::spawn(async move {
            let mut cursor = after;
            loop {
                store.events_committed().await;
                loop {
                    match store.events_after(cursor, DISPATCH_BATCH).await {
                        Ok(batch) if batch.is_empty() => break,
                        Ok(batch) => {
                            for event in batch {
                                cursor = event.id;
                                self.publish(event);
                            }
                        }
                        Err(error) => {
                            // The database may be briefly busy; the events wait in the table.
                            tracing::warn!(%error, "reading live events failed; retrying");
                            tokio::time::sleep(Duration::from_millis(200)).await;
                        }
                    }
                }
            }
        });
    }
}
