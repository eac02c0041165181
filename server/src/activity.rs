//! What visitors do in the widget, recorded for insights: searches (with how many results),
//! threads read, questions asked and escalations, per widget session. The widget makes a
//! random session id for each page view and sends it as `?session=`; nothing in it identifies
//! the person. Recording is off the request path: a bounded channel feeds a task that writes
//! in batches, so a search never waits on a database write, and when the channel is full
//! (the database far behind) activity is dropped rather than slowing visitors down.

use std::time::Duration;

use tokio::sync::mpsc;

use crate::store::Store;

/// Activity waiting to be written, at most.
const CAPACITY: usize = 10_000;
/// Most rows one batch writes.
const BATCH: usize = 500;
/// How long the writer gathers a batch after the first row arrives.
const GATHER: Duration = Duration::from_millis(200);
/// Longest session id accepted.
const MAX_SESSION_CHARS: usize = 64;

/// One thing a visitor did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Activity {
    Search { query: String, results: u32 },
    Read { thread_id: i64 },
    Ask { thread_id: i64 },
    Escalate { thread_id: i64 },
}

impl Activity {
    /// The name stored in `activity.kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            Activity::Search { .. } => "search",
            Activity::Read { .. } => "read",
            Activity::Ask { .. } => "ask",
            Activity::Escalate { .. } => "escalate",
        }
    }
}

/// An activity of a session on a site.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub site_id: i64,
    pub session: String,
    pub activity: Activity,
}

/// Where handlers record activity; cheap to clone.
#[derive(Clone)]
pub struct ActivityLog {
    sender: mpsc::Sender<Recorded>,
}

impl ActivityLog {
    /// Starts the writer.
    pub fn spawn(store: Store) -> ActivityLog {
        let (sender, mut receiver) = mpsc::channel::<Recorded>(CAPACITY);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(BATCH);
            while receiver.recv_many(&mut batch, BATCH).await > 0 {
                tokio::time::sleep(GATHER).await;
                while batch.len() < BATCH
                    && let Ok(more) = receiver.try_recv()
                {
                    batch.push(more);
                }
                if let Err(error) = store.record_activity(&batch).await {
                    tracing::warn!(%error, rows = batch.len(), "recording widget activity failed");
                }
                batch.clear();
            }
        });
        ActivityLog { sender }
    }

    /// Records `activity` of `session` (the request's `?session=`), if the request carried a
    /// well-formed one: API clients other than the widget send none and are not counted.
    pub fn record(&self, site_id: i64, session: Option<&str>, activity: Activity) {
        let Some(session) = session.filter(|session| well_formed(session)) else {
            return;
        };
        let recorded = Recorded {
            site_id,
            session: session.to_owned(),
            activity,
        };
        if self.sender.try_send(recorded).is_err() {
            tracing::debug!("the activity log is full; an activity was dropped");
        }
    }
}

fn well_formed(session: &str) -> bool {
    (1..=MAX_SESSION_CHARS).contains(&session.len())
        && session
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
