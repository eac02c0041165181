//! Ending the event streams when this node shuts down. Each stream's last message is a
//! `retry:` field with a short reconnection delay drawn at random from
//! [`RECONNECT_WINDOW`], so its EventSource reconnects promptly (with its `Last-Event-ID`,
//! missing nothing) and the load balancer sends it to another node, while the thousands of
//! streams of this node do not all land on the others in the same millisecond.

use std::convert::Infallible;
use std::ops::RangeInclusive;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::response::sse::Event;
use futures_util::{Stream, StreamExt};

/// The delays the reconnections are spread over. The floor: this node stops accepting
/// connections as its streams are told to end, and a moment later a load balancer has seen it
/// go (a refused connection, a failed probe), so even the first reconnection goes elsewhere.
/// The ceiling: 10,000 streams (what one node is measured to hold) spread over 2.25 s make
/// about 4,400 reconnections a second for the remaining nodes, each a token check and a short
/// replay, well within what they serve; and it is about the 2 s a client waits after any
/// dropped stream, so nobody waits noticeably longer than after a network blip. The delay
/// stays with the EventSource only until the next node's stream sends its own `retry:`.
pub const RECONNECT_WINDOW: RangeInclusive<Duration> =
    Duration::from_millis(250)..=Duration::from_millis(2500);

/// Whether this node is shutting down; shared by the hub and the streams that follow it.
#[derive(Clone, Default)]
pub(super) struct ShuttingDown(Arc<AtomicBool>);

impl ShuttingDown {
    pub(super) fn begin(&self) {
        self.0.store(true, Ordering::Release);
    }

    pub(super) fn has_begun(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }

    /// What a stream sends once it has no more events: the reconnection hint if it ended
    /// because this node is shutting down, else nothing.
    pub(super) fn farewell(self) -> impl Stream<Item = Result<Event, Infallible>> + Send {
        futures_util::stream::once(async move {
            self.has_begun()
                .then(|| Ok(Event::default().retry(reconnect_delay(random_spread()))))
        })
        .filter_map(std::future::ready)
    }
}

/// A delay `spread` of the way through [`RECONNECT_WINDOW`] (0 is its floor, `u32::MAX` its
/// ceiling), in whole milliseconds (what `retry:` carries).
fn reconnect_delay(spread: u32) -> Duration {
    let floor = RECONNECT_WINDOW.start().as_millis() as u64;
    let width = RECONNECT_WINDOW.end().as_millis() as u64 - floor;
    Duration::from_millis(floor + width * u64::from(spread) / u64::from(u32::MAX))
}

fn random_spread() -> u32 {
    let mut bytes = [0; 4];
    // Only the spread needs chance, not secrecy: without the OS generator, the floor will do.
    let _ = getrandom::getrandom(&mut bytes);
    u32::from_le_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_cover_the_window_in_whole_milliseconds() {
        assert_eq!(reconnect_delay(0), *RECONNECT_WINDOW.start());
        assert_eq!(reconnect_delay(u32::MAX), *RECONNECT_WINDOW.end());
        assert_eq!(reconnect_delay(u32::MAX / 2), Duration::from_millis(1374));
        assert_eq!(reconnect_delay(1).subsec_nanos() % 1_000_000, 0);
    }
}
