//! Ending a banned helper's open event streams at once: a ban is announced to every stream of
//! this process, and the banned helper's streams end (their tokens are already gone, so the
//! widget's reconnection is refused).

use tokio::sync::broadcast::{self, error::RecvError};

/// Bans announced but not yet seen by every stream; a stream that falls this far behind ends,
/// to be safe, and its widget reconnects if its helper was not the one banned.
const CAPACITY: usize = 256;

/// The announcements of bans.
pub struct Bans {
    announced: broadcast::Sender<i64>,
}

impl Default for Bans {
    fn default() -> Self {
        Bans {
            announced: broadcast::channel(CAPACITY).0,
        }
    }
}

impl Bans {
    /// Starts watching for bans: take the watch *before* checking the token, so a ban that
    /// lands in between is not missed.
    pub fn watch(&self) -> BanWatch {
        BanWatch(self.announced.subscribe())
    }

    /// Announces that `helper_id` was banned.
    pub fn banned(&self, helper_id: i64) {
        // An error only means no stream is open right now.
        let _ = self.announced.send(helper_id);
    }
}

/// Bans announced since [`Bans::watch`].
pub struct BanWatch(broadcast::Receiver<i64>);

impl BanWatch {
    /// Resolves once `helper_id` is banned.
    pub async fn of(mut self, helper_id: i64) {
        loop {
            match self.0.recv().await {
                Ok(banned) if banned == helper_id => return,
                Ok(_) => {}
                Err(RecvError::Lagged(_)) => return,
                Err(RecvError::Closed) => std::future::pending().await,
            }
        }
    }
}
