//! Search-as-you-type against the API: one request per settled query, each cancelling the one
//! before it.

use leptos::prelude::*;
use peerhelp_api::SearchHit;
use web_sys::AbortController;

use crate::api::{Api, ApiFailure};

/// What a finished search found, tagged with its query so the panel can tell a result for
/// the current query from one that is still being replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchOutcome {
    /// The query this outcome answers.
    pub query: String,
    /// The ranked hits, or why there are none.
    pub result: Result<Vec<SearchHit>, ApiFailure>,
}

/// Searches `searched` whenever it changes. An empty query answers at once with no hits and
/// no request, so nothing reaches the network until the visitor types.
pub fn use_search(api: Api, searched: RwSignal<String>) -> LocalResource<SearchOutcome> {
    // The request in flight; aborted when a newer query starts so a slow answer to an old
    // query neither wastes the visitor's bandwidth nor races the new one.
    let in_flight = StoredValue::new_local(None::<AbortController>);
    LocalResource::new(move || {
        let query = searched.get();
        let controller = AbortController::new().ok();
        in_flight.update_value(|slot| {
            if let Some(stale) = std::mem::replace(slot, controller.clone()) {
                stale.abort();
            }
        });
        let api = api.clone();
        async move {
            let result = if query.is_empty() {
                Ok(Vec::new())
            } else {
                let abort = controller.as_ref().map(AbortController::signal);
                let response = api.search(&query, abort.as_ref()).await;
                response.map(|response| response.results)
            };
            SearchOutcome { query, result }
        }
    })
}
