//! Ending open event streams at once when their sessions end: a helper's when they are banned,
//! a staff member's when they sign out or their account is disabled. Each ending is announced
//! to every stream of this process, and the streams it concerns end (their tokens are already
//! gone, so the client's reconnection is refused; a staff member's other sessions reconnect).

use tokio::sync::broadcast::{self, error::RecvError};

/// Endings announced but not yet seen by every stream; a stream that falls this far behind
/// ends, to be safe, and its client reconnects if its session is still valid.
const CAPACITY: usize = 256;

/// Whose streams end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// A banned helper.
    Helper(i64),
    /// A staff member who signed out or was disabled.
    Staff(i64),
}

/// The announcements of endings.
pub struct Endings {
    announced: broadcast::Sender<Ending>,
}

impl Default for Endings {
    fn default() -> Self {
        Endings {
            announced: broadcast::channel(CAPACITY).0,
        }
    }
}

impl Endings {
    /// Starts watching for endings: take the watch *before* checking the token, so an ending
    /// that lands in between is not missed.
    pub fn watch(&self) -> EndingWatch {
        EndingWatch(self.announced.subscribe())
    }

    /// Announces that `ending`'s streams must end.
    pub fn announce(&self, ending: Ending) {
        // An error only means no stream is open right now.
        let _ = self.announced.send(ending);
    }
}

/// Endings announced since [`Endings::watch`].
pub struct EndingWatch(broadcast::Receiver<Ending>);

impl EndingWatch {
    /// Resolves once `ending` is announced.
    pub async fn of(mut self, ending: Ending) {
        loop {
            match self.0.recv().await {
                Ok(announced) if announced == ending => return,
                Ok(_) => {}
                Err(RecvError::Lagged(_)) => return,
                Err(RecvError::Closed) => std::future::pending().await,
            }
        }
    }
}
