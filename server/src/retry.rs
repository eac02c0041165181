//! Retrying what is delivered from an outbox (email, webhooks): how long a claim lasts, how
//! long to wait after a failure, and when to give up.

use std::time::Duration;

/// How long a claimed delivery is left to its sender before another may try it (another
/// node, or this one after a crash).
pub const LEASE: Duration = Duration::from_secs(5 * 60);
/// After this many failed attempts a delivery is given up (the backoff has reached an hour).
pub const MAX_ATTEMPTS: i64 = 8;
/// The first retry waits this long; each further one twice as long, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(30);
const MAX_BACKOFF: Duration = Duration::from_secs(60 * 60);

/// How long to wait before retrying a delivery that failed `attempts` times before.
pub fn backoff(attempts: i64) -> Duration {
    let doublings = attempts.clamp(0, 16) as u32;
    FIRST_BACKOFF
        .saturating_mul(1 << doublings)
        .min(MAX_BACKOFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_up_to_an_hour() {
        assert_eq!(backoff(0), Duration::from_secs(30));
        assert_eq!(backoff(1), Duration::from_secs(60));
        assert_eq!(backoff(3), Duration::from_secs(240));
        assert_eq!(backoff(7), MAX_BACKOFF);
        assert_eq!(backoff(100), MAX_BACKOFF);
    }
}
