//! The typed client of the site's JSON API: one method per endpoint the panel uses, all going
//! through [`send`], which turns a non-2xx answer into the server's [`ApiError`].

use std::sync::Arc;

use gloo_net::http::{Method, Request, RequestBuilder};
use peerhelp_api::{ApiError, Feedback, FeedbackTally, SearchResponse, Thread};
use serde::de::DeserializeOwned;
use web_sys::{AbortSignal, RequestCredentials};

/// How many results one search shows: enough to scan, few enough to fit the panel.
const SEARCH_LIMIT: &str = "8";

/// Why a request gave no usable answer.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiFailure {
    /// The server refused the request and said why.
    Server(ApiError),
    /// No usable answer: offline, blocked, aborted, or a body that isn't the expected JSON.
    Network,
}

impl ApiFailure {
    /// A sentence to show the visitor.
    pub fn message(&self) -> String {
        match self {
            ApiFailure::Server(error) => error.message.clone(),
            ApiFailure::Network => {
                "We couldn't reach the help service. Check your connection and try again.".into()
            }
        }
    }
}

/// The API of one site, e.g. `https://help.example.com/api/v1/sites/SITEKEY`.
#[derive(Clone, Debug)]
pub struct Api {
    base: Arc<str>,
}

impl Api {
    /// A client for the site whose API lives at `base` (no trailing slash needed).
    pub fn new(base: &str) -> Api {
        Api {
            base: base.trim_end_matches('/').into(),
        }
    }

    /// `GET /search`: the threads best matching `query`. `abort` lets a newer search cancel
    /// this one, so a slow stale answer never costs the visitor bandwidth.
    pub async fn search(
        &self,
        query: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<SearchResponse, ApiFailure> {
        let request = self
            .request(Method::GET, "/search")
            .query([("q", query), ("limit", SEARCH_LIMIT)])
            .abort_signal(abort);
        send(request.build()).await
    }

    /// `GET /threads/{id}`: a question with its answers.
    pub async fn thread(&self, id: i64) -> Result<Thread, ApiFailure> {
        send(self.request(Method::GET, &format!("/threads/{id}")).build()).await
    }

    /// `POST /threads/{id}/feedback`: whether the thread helped.
    pub async fn feedback(
        &self,
        id: i64,
        feedback: &Feedback,
    ) -> Result<FeedbackTally, ApiFailure> {
        let request = self.request(Method::POST, &format!("/threads/{id}/feedback"));
        send(request.json(feedback)).await
    }

    /// Every request goes without cookies: the widget is anonymous, and credentials would make
    /// the host page's browser send the API origin's cookies along.
    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        RequestBuilder::new(&format!("{}{path}", self.base))
            .method(method)
            .credentials(RequestCredentials::Omit)
    }
}

/// Sends `request` and decodes the body: `T` on success, the shared [`ApiError`] otherwise.
async fn send<T: DeserializeOwned>(
    request: Result<Request, gloo_net::Error>,
) -> Result<T, ApiFailure> {
    let response = request
        .map_err(|_| ApiFailure::Network)?
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    if response.ok() {
        response.json().await.map_err(|_| ApiFailure::Network)
    } else {
        let error = response.json::<ApiError>().await;
        Err(error.map_or(ApiFailure::Network, ApiFailure::Server))
    }
}
