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
    // The request in flight and the query it is for.
    let in_flight = StoredValue::new_local(None::<(String, AbortController)>);
    // A resource runs one fetch at a time: the next query waits until the previous request
    // ends. So a stale request is aborted as soon as the query changes, which also spares the
    // visitor's bandwidth.
    Effect::new(move |_| {
        let query = searched.get();
        in_flight.update_value(|slot| {
            if slot.as_ref().is_some_and(|(stale, _)| *stale != query)
                && let Some((_, request)) = slot.take()
            {
                request.abort();
            }
        });
    });
    LocalResource::new(move || {
        let query = searched.get();
        let controller = AbortController::new().ok();
        in_flight.set_value(controller.clone().map(|c| (query.clone(), c)));
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
