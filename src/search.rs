//! Search-as-you-type against the API: one request per settled query, each cancelling the one
//! before it.

use leptos::prelude::*;
use peerhelp_api::SearchHit;
use web_sys::AbortController;

use crate::api::{Api, ApiFailure};
use crate::task::{Resource, resource};

/// What a finished search found, tagged with its query so the panel can tell a result for
/// the current query from one that is still being replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchOutcome {
    /// The query this outcome answers.
    pub query: String,
    /// The ranked hits, or why there are none.
    pub result: Result<Vec<SearchHit>, ApiFailure>,
    /// Whether the best hit is a close match (the server's `close_match`): weaker results are
    /// marked as such.
    pub close: bool,
}

/// Searches `searched` whenever it changes. An empty query answers at once with no hits and
/// no request, until `suggest` holds: then it asks the server, which answers an empty query
/// with the threads staff pinned, the suggestions shown before the visitor types.
pub fn use_search(
    api: Api,
    searched: RwSignal<String>,
    suggest: Option<Memo<bool>>,
) -> Resource<SearchOutcome> {
    // The request in flight. A newer query aborts it: its answer would be dropped anyway, and
    // the visitor's bandwidth is spared.
    let in_flight = StoredValue::new_local(None::<AbortController>);
    resource(move || {
        let query = searched.get();
        let ask = !query.is_empty() || suggest.is_some_and(|suggest| suggest.get());
        let controller = AbortController::new().ok();
        let stale = std::mem::replace(&mut *in_flight.write_value(), controller.clone());
        if let Some(stale) = stale {
            stale.abort();
        }
        let api = api.clone();
        async move {
            let (result, close) = if !ask {
                (Ok(Vec::new()), true)
            } else {
                let abort = controller.as_ref().map(AbortController::signal);
                match api.search(&query, abort.as_ref()).await {
                    Ok(response) => (Ok(response.results), response.close_match),
                    Err(failure) => (Err(failure), true),
                }
            };
            SearchOutcome {
                query,
                result,
                close,
            }
        }
    })
}
