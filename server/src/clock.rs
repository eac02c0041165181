//! The server's one clock: the system time plus an offset that only code holding the `Clock`
//! value can move. Every time the store writes or compares comes from it (the database never
//! reads its own), so tests keep the value they gave [`crate::serve::Server::bind_with_clock`]
//! and advance it to let heartbeats, sessions and windows lapse without sleeping; no request can
//! reach it, so a server in production always reads the real time.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::watch;

use crate::timestamp::Timestamp;

/// A shared clock; clones read and move the same time.
#[derive(Clone, Debug)]
pub struct Clock {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// Where a stopped clock stands before any advance; `None` for one that runs.
    stopped_at: Option<Timestamp>,
    /// How far ahead of the system time this clock runs, in milliseconds; a watch, so that
    /// everyone waiting on the clock (the presence sweep, streams ending with their session)
    /// hears of a jump at once instead of at their next tick.
    ahead_ms: watch::Sender<u64>,
}

impl Default for Clock {
    /// The system time.
    fn default() -> Self {
        Clock::with_start(None)
    }
}

impl Clock {
    fn with_start(stopped_at: Option<Timestamp>) -> Clock {
        Clock {
            inner: Arc::new(Inner {
                stopped_at,
                ahead_ms: watch::Sender::new(0),
            }),
        }
    }

    /// A clock standing at the present moment that moves only when advanced, so a test can
    /// step to a millisecond before a deadline and know no real time slipped in between.
    pub fn stopped() -> Clock {
        Clock::with_start(Some(system_now()))
    }

    /// Now, to the millisecond.
    pub fn now(&self) -> Timestamp {
        let start = self.inner.stopped_at.unwrap_or_else(system_now);
        let ahead = *self.inner.ahead_ms.borrow();
        Timestamp::from_unix_millis(
            start
                .unix_millis()
                .saturating_add(i64::try_from(ahead).unwrap_or(i64::MAX)),
        )
    }

    /// Moves the clock `by` ahead, waking whoever waits on it.
    pub fn advance(&self, by: Duration) {
        let millis = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        self.inner
            .ahead_ms
            .send_modify(|ahead| *ahead = ahead.saturating_add(millis));
    }

    /// The clock's jumps: `changed()` on the receiver resolves after each [`Clock::advance`]
    /// since it last looked, so a jump made while its holder is busy is not lost.
    pub fn jumps(&self) -> watch::Receiver<u64> {
        self.inner.ahead_ms.subscribe()
    }

    /// Resolves once this clock reads `at` or later: after the real time left, or at once
    /// when an advance reaches it.
    pub async fn sleep_until(&self, at: Timestamp) {
        let mut jumps = self.jumps();
        loop {
            let left = at.seconds_since(self.now());
            if left <= 0.0 {
                return;
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs_f64(left)) => {}
                changed = jumps.changed() => {
                    if changed.is_err() {
                        // Unreachable while `self` holds the sender; wait out the real time.
                        tokio::time::sleep(Duration::from_secs_f64(left)).await;
                    }
                }
            }
        }
    }
}

fn system_now() -> Timestamp {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Timestamp::from_unix_millis(i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn advancing_moves_every_clone_and_wakes_whoever_waits() {
        let clock = Clock::default();
        let other = clock.clone();
        let mut jumps = clock.jumps();
        let before = clock.now();
        let deadline = before + Duration::from_secs(3000);
        let sleeper = tokio::spawn({
            let clock = clock.clone();
            async move { clock.sleep_until(deadline).await }
        });
        other.advance(Duration::from_secs(3600));
        assert!(clock.now().seconds_since(before) >= 3600.0);
        // The jump was made before anyone waited on this receiver: it is kept.
        tokio::time::timeout(Duration::from_secs(5), jumps.changed())
            .await
            .expect("the receiver hears of the jump")
            .expect("the clock is alive");
        tokio::time::timeout(Duration::from_secs(5), sleeper)
            .await
            .expect("the sleeper wakes when the clock passes its time")
            .expect("the sleeper ran");
    }

    #[test]
    fn a_stopped_clock_moves_only_when_advanced() {
        let clock = Clock::stopped();
        let start = clock.now();
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(clock.now(), start);
        clock.advance(Duration::from_millis(1));
        assert_eq!(clock.now().seconds_since(start), 0.001);
    }
}
