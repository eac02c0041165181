//! The typed client of the site's JSON API: one method per endpoint the panel uses, all going
//! through [`Api::fetch`], which turns a non-2xx answer into the server's [`ApiError`].
//! `fetch` is deliberately not generic: only decoding is, so each endpoint costs the wasm its
//! type's [`Decode`] and nothing more.

use std::sync::Arc;

use peerhelp_api::{
    ApiError, EscalationCreated, Feedback, FeedbackTally, FlagReason, IDEMPOTENCY_KEY_HEADER,
    IdentifyRequest, MyThreads, NewEscalation, NewFlag, NewQuestion, SearchResponse, Text, Thread,
    VisitorSession, VoteTally,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestCredentials, RequestInit, Response};

use crate::i18n::t;
use crate::json::{self, Decode, Encode, Members};

mod peers;

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
            ApiFailure::Network => t(Text::NetworkError).into(),
        }
    }
}

/// What `POST /threads` answers: only the new thread's id matters to the widget.
struct Created {
    id: i64,
}

impl Decode for Created {
    fn decode(value: &JsValue) -> Option<Self> {
        let id = Members::of(value)?.get("id")?;
        Some(Created { id })
    }
}

/// A fresh random key: idempotency keys, the widget session. Only uniqueness matters, and
/// `crypto.randomUUID` is missing on pages served without TLS.
pub fn new_key() -> String {
    let random = js_sys::Math::random() * 9_007_199_254_740_992.0;
    (random as u64).to_string() + "-" + &(js_sys::Date::now() as u64).to_string()
}

/// The API of one site, e.g. `https://help.example.com/api/v1/sites/SITEKEY`.
#[derive(Clone, Debug)]
pub struct Api {
    base: Arc<str>,
    /// `session=…`: this page view's widget session, sent with searches, reads, questions and
    /// escalations so the brand's insights can tell what served a visitor. Random, kept
    /// nowhere, and nothing in it identifies the person.
    session: Arc<str>,
}

/// A request's bearer token: a visitor's or a helper's.
pub type Token<'a> = Option<&'a str>;

impl Api {
    /// A client for the site whose API lives at `base` (no trailing slash needed).
    pub fn new(base: &str) -> Api {
        Api {
            base: base.trim_end_matches('/').into(),
            session: ("session=".to_owned() + &new_key()).into(),
        }
    }

    /// The site's key: the last segment of the base URL, which names the browser storage.
    pub fn site(&self) -> &str {
        self.base.rsplit('/').next().unwrap_or_default()
    }

    /// The live event stream of the session holding `token`. EventSource cannot send headers,
    /// so the token travels in the query.
    pub fn events_url(&self, token: &str) -> String {
        let token = String::from(js_sys::encode_uri_component(token));
        self.base.to_string() + "/events?token=" + &token
    }

    /// Who is online, live, for a visitor without a token (`GET /helpers/online/events`).
    pub fn presence_url(&self) -> String {
        self.base.to_string() + "/helpers/online/events"
    }

    /// `GET /search`: the threads best matching `query`. `abort` lets a newer search cancel
    /// this one, so a slow stale answer never costs the visitor bandwidth.
    pub async fn search(
        &self,
        query: &str,
        abort: Option<&AbortSignal>,
    ) -> Result<SearchResponse, ApiFailure> {
        let query = String::from(js_sys::encode_uri_component(query));
        let path =
            "/search?q=".to_owned() + &query + "&limit=" + SEARCH_LIMIT + "&" + &self.session;
        decode(self.fetch("GET", &path, None, None, None, abort).await)
    }

    /// `GET /threads/{id}`: a question with its answers, and what `token`'s holder did there.
    pub async fn thread(&self, id: i64, token: Token<'_>) -> Result<Thread, ApiFailure> {
        let path = thread_path(id, "?") + &self.session;
        self.call("GET", &path, token).await
    }

    /// `POST /threads/{id}/feedback`: whether the thread helped, one answer per visitor.
    pub async fn feedback(
        &self,
        id: i64,
        token: &str,
        feedback: &Feedback,
    ) -> Result<FeedbackTally, ApiFailure> {
        self.send("POST", &thread_path(id, "/feedback"), Some(token), feedback)
            .await
    }

    /// `POST /visitors`: a new anonymous visitor.
    pub async fn new_visitor(&self) -> Result<VisitorSession, ApiFailure> {
        self.call("POST", "/visitors", None).await
    }

    /// `POST /visitors/identify`, carrying the anonymous token so the visitor's questions follow.
    pub async fn identify(
        &self,
        token: Token<'_>,
        identity: &IdentifyRequest,
    ) -> Result<VisitorSession, ApiFailure> {
        self.send("POST", "/visitors/identify", token, identity)
            .await
    }

    /// `POST /threads` with an idempotency key, so a retry never asks twice. Returns the id.
    pub async fn ask(
        &self,
        token: &str,
        key: &str,
        question: &NewQuestion,
    ) -> Result<i64, ApiFailure> {
        let body = json::to_string(question);
        let header = Some((IDEMPOTENCY_KEY_HEADER, key));
        let path = "/threads?".to_owned() + &self.session;
        let response = self
            .fetch("POST", &path, Some(token), body, header, None)
            .await;
        decode::<Created>(response).map(|created| created.id)
    }

    /// `POST /escalations` with an idempotency key: hands a question to staff.
    pub async fn escalate(
        &self,
        token: &str,
        key: &str,
        escalation: &NewEscalation,
    ) -> Result<EscalationCreated, ApiFailure> {
        let body = json::to_string(escalation);
        let header = Some((IDEMPOTENCY_KEY_HEADER, key));
        let path = "/escalations?".to_owned() + &self.session;
        decode(
            self.fetch("POST", &path, Some(token), body, header, None)
                .await,
        )
    }

    /// `GET /visitors/me/threads`: the visitor's questions with unread counts.
    pub async fn my_threads(&self, token: &str) -> Result<MyThreads, ApiFailure> {
        self.call("GET", "/visitors/me/threads", Some(token)).await
    }

    /// `POST /threads/{id}/seen`: the visitor read the thread's answers.
    pub async fn seen(&self, id: i64, token: &str) -> Result<(), ApiFailure> {
        self.act("POST", &thread_path(id, "/seen"), token, None)
            .await
    }

    /// `POST /answers/{id}/vote`.
    pub async fn vote(&self, id: i64, token: &str) -> Result<VoteTally, ApiFailure> {
        self.call("POST", &answer_path(id, "/vote"), Some(token))
            .await
    }

    /// `POST /answers/{id}/accept`: only the asker may.
    pub async fn accept(&self, id: i64, token: &str) -> Result<(), ApiFailure> {
        self.act("POST", &answer_path(id, "/accept"), token, None)
            .await
    }

    /// `POST /answers/{id}/flags`.
    pub async fn flag(&self, id: i64, token: &str, reason: FlagReason) -> Result<(), ApiFailure> {
        let body = json::to_string(&NewFlag { reason });
        self.act("POST", &answer_path(id, "/flags"), token, body)
            .await
    }

    /// A request without a body, whose answer is a `T`.
    async fn call<T: Decode>(
        &self,
        method: &str,
        path: &str,
        token: Token<'_>,
    ) -> Result<T, ApiFailure> {
        decode(self.fetch(method, path, token, None, None, None).await)
    }

    /// A request whose answer carries nothing the widget needs: only success matters.
    async fn act(
        &self,
        method: &str,
        path: &str,
        token: &str,
        body: Option<String>,
    ) -> Result<(), ApiFailure> {
        let response = self.fetch(method, path, Some(token), body, None, None);
        response.await.map(drop)
    }

    async fn send<T: Decode>(
        &self,
        method: &str,
        path: &str,
        token: Token<'_>,
        body: &impl Encode,
    ) -> Result<T, ApiFailure> {
        let body = json::to_string(body);
        decode(self.fetch(method, path, token, body, None, None).await)
    }

    /// Sends one request and reads its body as text: the body on a 2xx, the server's error
    /// otherwise. Every request goes without cookies: the widget authenticates with bearer
    /// tokens, and credentials would make the browser send the API origin's cookies along.
    async fn fetch(
        &self,
        method: &str,
        path: &str,
        token: Token<'_>,
        body: Option<String>,
        header: Option<(&str, &str)>,
        abort: Option<&AbortSignal>,
    ) -> Result<String, ApiFailure> {
        let headers = Headers::new().map_err(|_| ApiFailure::Network)?;
        let init = RequestInit::new();
        init.set_method(method);
        init.set_credentials(RequestCredentials::Omit);
        init.set_signal(abort);
        if let Some(body) = body {
            _ = headers.set("content-type", "application/json");
            init.set_body(&JsValue::from(body));
        }
        if let Some(token) = token {
            _ = headers.set("authorization", &("Bearer ".to_owned() + token));
        }
        if let Some((name, value)) = header {
            _ = headers.set(name, value);
        }
        init.set_headers(&headers);
        let url = self.base.to_string() + path;
        let request =
            Request::new_with_str_and_init(&url, &init).map_err(|_| ApiFailure::Network)?;
        let response: Response = resolve(leptos::prelude::window().fetch_with_request(&request))
            .await?
            .unchecked_into();
        let text = resolve(response.text().map_err(|_| ApiFailure::Network)?).await?;
        let text = text.as_string().unwrap_or_default();
        if response.ok() {
            Ok(text)
        } else {
            let error = json::from_str::<ApiError>(&text);
            Err(error.map_or(ApiFailure::Network, ApiFailure::Server))
        }
    }
}

/// Awaits a JS promise; a rejection (offline, CORS, abort) is a network failure.
async fn resolve(promise: js_sys::Promise) -> Result<JsValue, ApiFailure> {
    JsFuture::from(promise)
        .await
        .map_err(|_| ApiFailure::Network)
}

/// Decodes a successful body.
fn decode<T: Decode>(text: Result<String, ApiFailure>) -> Result<T, ApiFailure> {
    json::from_str(&text?).ok_or(ApiFailure::Network)
}

fn thread_path(id: i64, rest: &str) -> String {
    "/threads/".to_owned() + &id.to_string() + rest
}

fn answer_path(id: i64, rest: &str) -> String {
    "/answers/".to_owned() + &id.to_string() + rest
}
