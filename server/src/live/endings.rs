//! Ending open event streams at once when their sessions end: a helper's when they are banned,
//! a visitor's when they are erased, a staff member's when they sign out or their account is
//! disabled. Each ending is announced to every stream of this process (those of other nodes
//! hear it through the store's signals), and the streams it concerns end (their tokens are
//! already gone, so the client's reconnection is refused; a staff member's other sessions
//! reconnect).

use tokio::sync::broadcast::{self, error::RecvError};

use crate::store::Ending;

/// Endings announced but not yet seen by every stream; a stream that falls this far behind
/// ends, to be safe, and its client reconnects if its session is still valid.
const CAPACITY: usize = 256;

#[derive(Clone, Copy, Debug)]
enum Announced {
    One(Ending),
    /// Endings may have been missed (the other nodes went unheard for a while): every session
    /// stream ends, and those whose session is still valid reconnect.
    Unknown,
}

/// The announcements of endings.
pub struct Endings {
    announced: broadcast::Sender<Announced>,
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
        self.send(Announced::One(ending));
    }

    /// Announces that endings may have gone unheard, which ends every session's stream.
    pub fn announce_unknown(&self) {
        self.send(Announced::Unknown);
    }

    fn send(&self, announced: Announced) {
        // An error only means no stream is open right now.
        let _ = self.announced.send(announced);
    }
}

/// Endings announced since [`Endings::watch`].
pub struct EndingWatch(broadcast::Receiver<Announced>);

impl EndingWatch {
    /// Resolves once `ending` is announced (or may have been).
    pub async fn of(self, ending: Ending) {
        self.wait(ending, true).await;
    }

    /// Resolves once `ending` is announced, or may have been on this node; endings other
    /// nodes announced while unheard are not guessed at. For a visitor's stream: what their
    /// erasure must stop is a stream serving the next visitor given their number, which only
    /// SQLite gives again, where one node runs and hears every ending; ending every visitor's
    /// stream whenever the other nodes go unheard would send every widget reconnecting at once.
    pub async fn of_this_node(self, ending: Ending) {
        self.wait(ending, false).await;
    }

    async fn wait(mut self, ending: Ending, when_unheard: bool) {
        loop {
            match self.0.recv().await {
                Ok(Announced::One(announced)) if announced == ending => return,
                Ok(Announced::One(_)) => {}
                Ok(Announced::Unknown) if when_unheard => return,
                Ok(Announced::Unknown) => {}
                Err(RecvError::Lagged(_)) => return,
                Err(RecvError::Closed) => std::future::pending().await,
            }
        }
    }
}
