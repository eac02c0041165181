//! Wake-ups after commits, within a node and across the nodes sharing one PostgreSQL database.
//! The database stays the source of truth: a signal only says "look again" (read the event log,
//! refresh the directory) or names a session whose streams must end. Within a node a commit
//! wakes its waiters directly; on PostgreSQL the commit also sends a `NOTIFY`, which every node
//! hears through its listener ([`Store::listen_to_other_nodes`]). PostgreSQL delivers
//! notifications only when the transaction commits, and folds identical ones of a transaction
//! into one, so a signal never arrives before its change and a busy transaction sends one.

use std::time::Duration;

use sqlx::postgres::{PgListener, PgPoolOptions};
use sqlx::query as query_on_listener;
use tokio::sync::Notify;

use super::Store;
use super::db::{Db, Query, Tx, query};
use crate::error::AppResult;

/// The PostgreSQL channel every node listens on.
const CHANNEL: &str = "peerhelp";
/// How often a node tries to hear the others again while the database is unreachable.
const RECONNECT_EVERY: Duration = Duration::from_secs(1);

/// Whose streams end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// A banned helper.
    Helper(i64),
    /// A staff member who signed out or was disabled.
    Staff(i64),
    /// A visitor erased at their request: a stream left open would otherwise go on serving
    /// whoever next gets their number (SQLite may give it to the next visitor).
    Visitor(i64),
}

/// What a node tells every node (itself included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// Live events were committed: read the event log.
    Events,
    /// Sites or threads changed: refresh the site directory and the search indexes.
    Directory,
    /// A session ended: end its open streams.
    Ended(Ending),
}

impl Signal {
    fn payload(self) -> String {
        match self {
            Signal::Events => "events".to_owned(),
            Signal::Directory => "directory".to_owned(),
            Signal::Ended(Ending::Helper(id)) => format!("ended:helper:{id}"),
            Signal::Ended(Ending::Staff(id)) => format!("ended:staff:{id}"),
            Signal::Ended(Ending::Visitor(id)) => format!("ended:visitor:{id}"),
        }
    }

    fn parse(payload: &str) -> Option<Signal> {
        match payload {
            "events" => return Some(Signal::Events),
            "directory" => return Some(Signal::Directory),
            _ => {}
        }
        let (kind, id) = payload.strip_prefix("ended:")?.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "helper" => Some(Signal::Ended(Ending::Helper(id))),
            "staff" => Some(Signal::Ended(Ending::Staff(id))),
            "visitor" => Some(Signal::Ended(Ending::Visitor(id))),
            _ => None,
        }
    }
}

/// This node's waiters for the signals the store handles itself.
#[derive(Default)]
pub(super) struct Waiters {
    events: Notify,
    directory: Notify,
}

/// The statement that sends `signal` to every node.
fn notify(signal: Signal) -> Query {
    query("SELECT pg_notify($1, $2)")
        .bind(CHANNEL)
        .bind(signal.payload())
}

/// Sends `signal` to every node when `tx` commits (PostgreSQL; SQLite runs one node).
pub(super) async fn announce(tx: &mut Tx, signal: Signal) -> AppResult<()> {
    if let Tx::Postgres(_) = tx {
        notify(signal).execute(tx).await?;
    }
    Ok(())
}

/// What a node hears from the others.
pub enum Heard {
    Signal(Signal),
    /// The listening connection was lost and is being re-established: signals sent meanwhile
    /// are lost, so everything must be looked at again.
    Gap,
}

/// The other nodes' signals, as this node's listener hears them.
pub struct OtherNodes(PgListener);

impl OtherNodes {
    /// The next signal; waits for one. A lost connection is re-established (retried every
    /// second while the database is down) before the gap is reported, so whatever the node
    /// re-reads on hearing of the gap, nothing committed after that goes unheard.
    pub async fn next(&mut self) -> Heard {
        loop {
            match self.0.try_recv().await {
                Ok(Some(notification)) => match Signal::parse(notification.payload()) {
                    Some(signal) => return Heard::Signal(signal),
                    None => tracing::warn!(payload = notification.payload(), "unknown signal"),
                },
                // sqlx has already reconnected and listens again.
                Ok(None) => return Heard::Gap,
                Err(error) => {
                    tracing::warn!(%error, "listening to other nodes failed; reconnecting");
                    self.reconnect().await;
                    return Heard::Gap;
                }
            }
        }
    }

    /// Retries until the listener is connected and listening again.
    async fn reconnect(&mut self) {
        loop {
            tokio::time::sleep(RECONNECT_EVERY).await;
            // Any statement makes the listener connect, and it listens before running it.
            match query_on_listener("SELECT 1").execute(&mut self.0).await {
                Ok(_) => return,
                Err(error) => tracing::warn!(%error, "reconnecting to hear other nodes failed"),
            }
        }
    }
}

impl Store {
    /// Wakes this node's waiters for `signal`: the live hub for events, the directory
    /// refresher for directory changes. (Endings go to the live hub, which owns the streams.)
    pub fn wake(&self, signal: Signal) {
        match signal {
            Signal::Events => self.waiters.events.notify_one(),
            Signal::Directory => self.waiters.directory.notify_one(),
            Signal::Ended(_) => {}
        }
    }

    /// Resolves once events were committed since the last call returned.
    pub async fn events_committed(&self) {
        self.waiters.events.notified().await;
    }

    /// Resolves once sites or threads changed since the last call returned.
    pub async fn directory_changed(&self) {
        self.waiters.directory.notified().await;
    }

    /// Tells the other nodes `signal`, outside any transaction (for what needs no commit, such
    /// as ending the streams of a session already deleted).
    pub async fn tell_other_nodes(&self, signal: Signal) -> AppResult<()> {
        if let Db::Postgres(_) = &self.db {
            notify(signal).execute(&self.db).await?;
        }
        Ok(())
    }

    /// Starts listening to the other nodes' signals; `None` on SQLite, where one node runs.
    pub async fn listen_to_other_nodes(&self) -> AppResult<Option<OtherNodes>> {
        let Db::Postgres(pool) = &self.db else {
            return Ok(None);
        };
        // A connection of its own, held for good: taking one of the pool's would leave the
        // requests one fewer.
        let own = PgPoolOptions::new()
            .max_connections(1)
            .max_lifetime(None)
            .idle_timeout(None)
            .connect_with((*pool.connect_options()).clone())
            .await?;
        let mut listener = PgListener::connect_with(&own).await?;
        listener.listen(CHANNEL).await?;
        Ok(Some(OtherNodes(listener)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_signal_reads_back_as_sent() {
        for signal in [
            Signal::Events,
            Signal::Directory,
            Signal::Ended(Ending::Helper(7)),
            Signal::Ended(Ending::Staff(12)),
            Signal::Ended(Ending::Visitor(31)),
        ] {
            assert_eq!(Signal::parse(&signal.payload()), Some(signal));
        }
        for payload in ["", "ended:", "ended:helper:x", "ended:guest:3", "event"] {
            assert_eq!(Signal::parse(payload), None, "{payload}");
        }
    }
}
