//! The in-memory view each server process keeps: the site directory (for config and CORS on
//! every request) and one search index per site. The database stays the source of truth; the
//! directory follows it through the thread feed, so a change made by another node shows up here
//! as soon as its signal arrives, and one made by another process (an import) within one
//! refresh interval.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use peerhelp_api::{MAX_PINNED_THREADS, SearchHit, TextSpan, ThreadStatus};
use peerhelp_search::{Document, SearchIndex};
use tokio::sync::Mutex;

use crate::close_match;
use crate::error::AppResult;
use crate::store::{FeedCursor, SiteRecord, Store, ThreadChange};

/// How often the directory looks for changes made by other processes.
pub const REFRESH_INTERVAL: Duration = Duration::from_secs(1);
const FEED_BATCH: i64 = 2_000;

/// What a search result shows besides the ranking, kept beside the index so a search never
/// waits on the database.
#[derive(Clone, Debug)]
struct ThreadSummary {
    external_id: Option<String>,
    title: String,
    answer_count: u32,
    has_accepted_answer: bool,
    status: ThreadStatus,
    /// When staff pinned it, if they did (RFC 3339, so it sorts by time).
    pinned_at: Option<String>,
}

#[derive(Default)]
struct SiteIndex {
    index: SearchIndex,
    summaries: HashMap<i64, ThreadSummary>,
}

impl ThreadSummary {
    fn hit(
        self,
        id: i64,
        title_highlight: Vec<TextSpan>,
        snippet: Vec<TextSpan>,
        score: f32,
    ) -> SearchHit {
        SearchHit {
            id,
            external_id: self.external_id,
            title: self.title,
            title_highlight,
            snippet,
            answer_count: self.answer_count,
            has_accepted_answer: self.has_accepted_answer,
            status: self.status,
            score,
        }
    }
}

impl SiteIndex {
    fn is_pinned(&self, id: i64) -> bool {
        self.summaries
            .get(&id)
            .is_some_and(|summary| summary.pinned_at.is_some())
    }

    /// The pinned threads, latest pinned first, as hits of no query (nothing marked).
    fn pinned(&self, limit: usize) -> Vec<SearchHit> {
        let mut pinned: Vec<(&i64, &ThreadSummary)> = self
            .summaries
            .iter()
            .filter(|(_, summary)| summary.pinned_at.is_some())
            .collect();
        pinned.sort_by(|a, b| b.1.pinned_at.cmp(&a.1.pinned_at).then(b.0.cmp(a.0)));
        pinned
            .into_iter()
            .take(limit)
            .map(|(id, summary)| {
                let title = vec![TextSpan {
                    text: summary.title.clone(),
                    mark: false,
                }];
                summary.clone().hit(*id, title, Vec::new(), 0.0)
            })
            .collect()
    }
}

#[derive(Default)]
pub struct SiteDirectory {
    sites: RwLock<HashMap<String, Arc<SiteRecord>>>,
    indexes: RwLock<HashMap<i64, Arc<RwLock<SiteIndex>>>>,
    cursor: Mutex<FeedCursor>,
}

impl SiteDirectory {
    /// The site with this public key, if any.
    pub fn site(&self, key: &str) -> Option<Arc<SiteRecord>> {
        self.sites
            .read()
            .expect("site directory lock")
            .get(key)
            .cloned()
    }

    /// Ranked threads of a site for `query`, and whether the best is a close match (see
    /// [`close_match`]). Threads staff pinned come first among the results of a query they
    /// match; an empty query answers with the pinned threads alone, latest pinned first: what
    /// the widget suggests before the visitor types.
    pub fn search(&self, site_id: i64, query: &str, limit: usize) -> (Vec<SearchHit>, bool) {
        let Some(site_index) = self
            .indexes
            .read()
            .expect("index map lock")
            .get(&site_id)
            .cloned()
        else {
            return (Vec::new(), false);
        };
        let site_index = site_index.read().expect("site index lock");
        if query.trim().is_empty() {
            return (site_index.pinned(limit), true);
        }
        // A pinned thread ranked just below the cut still moves up into it.
        let hits = site_index.index.search(query, limit + MAX_PINNED_THREADS);
        let close = hits
            .first()
            .is_some_and(|best| close_match::is_close(best.words_matched, best.words_known));
        let mut hits: Vec<SearchHit> = hits
            .into_iter()
            .filter_map(|hit| {
                let summary = site_index.summaries.get(&hit.id)?.clone();
                Some(summary.hit(hit.id, hit.title_highlight, hit.snippet, hit.score))
            })
            .collect();
        // A stable sort: pinned threads first, each group still in rank order.
        hits.sort_by_key(|hit| !site_index.is_pinned(hit.id));
        hits.truncate(limit);
        (hits, close)
    }

    /// Brings the site directory and the indexes up to date with the database.
    pub async fn refresh(&self, store: &Store) -> AppResult<()> {
        let sites = store.all_sites().await?;
        *self.sites.write().expect("site directory lock") = sites
            .into_iter()
            .map(|site| (site.key.clone(), Arc::new(site)))
            .collect();
        let mut cursor = self.cursor.lock().await;
        loop {
            let changes = store.changed_threads(*cursor, FEED_BATCH).await?;
            let Some(last) = changes.last() else { break };
            *cursor = last.cursor();
            for change in changes {
                self.apply(change);
            }
        }
        Ok(())
    }

    fn apply(&self, change: ThreadChange) {
        let site_index = self
            .indexes
            .write()
            .expect("index map lock")
            .entry(change.site_id)
            .or_default()
            .clone();
        let mut site_index = site_index.write().expect("site index lock");
        if change.private {
            site_index.summaries.remove(&change.id);
            site_index.index.remove(change.id);
            return;
        }
        let summary = ThreadSummary {
            external_id: change.external_id,
            title: change.title.clone(),
            answer_count: change.answers.len() as u32,
            has_accepted_answer: change.answers.iter().any(|a| a.accepted),
            status: change.status,
            pinned_at: change.pinned_at,
        };
        site_index.summaries.insert(change.id, summary);
        site_index.index.upsert(Document {
            id: change.id,
            title: change.title,
            body: change.body,
            answers: change.answers,
        });
    }

    /// Refreshes when the store signals a change (this node's, or on PostgreSQL any node's) and
    /// at least every [`REFRESH_INTERVAL`] (for writers that signal nothing, such as an import
    /// into the SQLite file by another process), until the process ends. A failed refresh is
    /// logged and retried on the next tick, since the database may be briefly busy.
    pub fn spawn_refresher(self: Arc<Self>, store: Store) {
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(REFRESH_INTERVAL);
            loop {
                tokio::select! {
                    _ = ticker.tick() => {}
                    () = store.directory_changed() => {}
                }
                if let Err(error) = self.refresh(&store).await {
                    tracing::warn!(%error, "directory refresh failed");
                }
            }
        });
    }
}
