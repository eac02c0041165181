//! The server's clock for presence: the system time plus an offset that only code holding the
//! `Clock` value can move. Tests keep the value they gave [`crate::serve::Server::bind_with_clock`]
//! and advance it to let heartbeats lapse without sleeping; no request can reach it, so a
//! server in production always reads the real time.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::Notify;

/// A shared clock; clones read and move the same time.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// How far ahead of the system time this clock runs, in milliseconds.
    ahead_ms: AtomicU64,
    /// Wakes the presence sweep when the clock jumps, so it need not wait for its next tick.
    moved: Notify,
}

impl Clock {
    /// Now, as Unix seconds with milliseconds.
    pub fn now(&self) -> f64 {
        let system = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let ahead = Duration::from_millis(self.inner.ahead_ms.load(Ordering::Acquire));
        (system + ahead).as_secs_f64()
    }

    /// Moves the clock `by` ahead and wakes whoever waits in [`Clock::moved`].
    pub fn advance(&self, by: Duration) {
        let millis = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        self.inner.ahead_ms.fetch_add(millis, Ordering::AcqRel);
        // `notify_one` keeps a permit when nobody waits yet, so a jump made while the sweep
        // is busy is not lost.
        self.inner.moved.notify_one();
    }

    /// Resolves after the next [`Clock::advance`] (at once if one happened since the last call).
    pub async fn moved(&self) {
        self.inner.moved.notified().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn advancing_moves_every_clone_and_wakes_a_waiter() {
        let clock = Clock::default();
        let other = clock.clone();
        let before = clock.now();
        other.advance(Duration::from_secs(3600));
        assert!(clock.now() - before >= 3600.0);
        // The jump was made before anyone waited: the permit is kept.
        tokio::time::timeout(Duration::from_secs(5), clock.moved())
            .await
            .expect("the waiter hears of the jump");
    }
}
