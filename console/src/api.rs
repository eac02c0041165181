//! The site's JSON API, as a signed-in staff member (or before signing in) calls it.

use std::fmt;
use std::sync::Arc;

use gloo_net::http::{Request, RequestBuilder, Response};
use peerhelp_api::ApiError;
use send_wrapper::SendWrapper;
use serde::Serialize;
use serde::de::DeserializeOwned;
use web_sys::AbortController;

use crate::i18n::t;

/// A client of one site's API, with the staff session once there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct Client {
    base: String,
    token: Option<String>,
    requests: Option<SessionRequests>,
}

/// What ends every request made with one staff session: signing out aborts those still in
/// flight, so none reaches the server after the session is gone only to be refused.
#[derive(Clone)]
struct SessionRequests(Arc<SendWrapper<AbortController>>);

impl SessionRequests {
    fn new() -> Option<SessionRequests> {
        let controller = AbortController::new().ok()?;
        Some(SessionRequests(Arc::new(SendWrapper::new(controller))))
    }
}

impl PartialEq for SessionRequests {
    fn eq(&self, other: &SessionRequests) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for SessionRequests {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionRequests")
    }
}

impl Client {
    /// The API of `site` on the server that serves the console.
    pub fn new(site: &str, token: Option<String>) -> Client {
        let site = String::from(js_sys::encode_uri_component(site));
        let requests = token.as_ref().and_then(|_| SessionRequests::new());
        Client {
            base: format!("/api/v1/sites/{site}"),
            token,
            requests,
        }
    }

    /// The same site with this session.
    pub fn with_token(&self, token: String) -> Client {
        Client {
            base: self.base.clone(),
            token: Some(token),
            requests: SessionRequests::new(),
        }
    }

    /// The same site without the session, for the public reads (a thread) that take a
    /// visitor's or helper's token but refuse a staff one.
    pub fn public(&self) -> Client {
        Client {
            base: self.base.clone(),
            token: None,
            requests: None,
        }
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The address of an event stream of this site with the session's token in the query
    /// string: EventSource cannot send headers (and the server leaves query strings out of its
    /// logs).
    pub fn stream_url(&self, path: &str) -> Option<String> {
        let token = String::from(js_sys::encode_uri_component(self.token.as_deref()?));
        Some(format!("{}{path}?token={token}", self.base))
    }

    /// Ends the session: its requests still in flight are aborted first, then the server is
    /// told (that last request is not tied to the aborted ones).
    pub async fn sign_out(&self) {
        if let Some(requests) = &self.requests {
            requests.0.abort();
        }
        let request = self.with_bearer(Request::post(&(self.base.clone() + "/staff/sign-out")));
        _ = request.send().await;
    }

    fn with_bearer(&self, request: RequestBuilder) -> RequestBuilder {
        match &self.token {
            Some(token) => request.header("authorization", &format!("Bearer {token}")),
            None => request,
        }
    }

    /// The request with the session's token, ended with the session.
    fn authorized(&self, request: RequestBuilder) -> RequestBuilder {
        let signal = self.requests.as_ref().map(|requests| requests.0.signal());
        self.with_bearer(request).abort_signal(signal.as_ref())
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, String> {
        let request = self.authorized(Request::get(&(self.base.clone() + path)));
        finish(request.send().await).await
    }

    pub async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T, String> {
        self.send(Request::post(&(self.base.clone() + path)), body)
            .await
    }

    pub async fn patch<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T, String> {
        self.send(Request::patch(&(self.base.clone() + path)), body)
            .await
    }

    pub async fn put<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T, String> {
        self.send(Request::put(&(self.base.clone() + path)), body)
            .await
    }

    /// `DELETE`, whose answer carries nothing.
    pub async fn delete(&self, path: &str) -> Result<(), String> {
        let request = self.authorized(Request::delete(&(self.base.clone() + path)));
        let response = request.send().await.map_err(|_| t("network").to_owned())?;
        if response.ok() {
            Ok(())
        } else {
            Err(refusal(response).await)
        }
    }

    /// A text answer, such as a CSV export.
    pub async fn get_text(&self, path: &str) -> Result<String, String> {
        let request = self.authorized(Request::get(&(self.base.clone() + path)));
        let response = request.send().await.map_err(|_| t("network").to_owned())?;
        if !response.ok() {
            return Err(refusal(response).await);
        }
        response.text().await.map_err(|_| t("network").to_owned())
    }

    async fn send<T: DeserializeOwned>(
        &self,
        request: RequestBuilder,
        body: &impl Serialize,
    ) -> Result<T, String> {
        let request = self.authorized(request);
        let request = request.json(body).map_err(|error| error.to_string())?;
        finish(request.send().await).await
    }
}

/// The answer's body as `T`, or the server's reason for refusing.
async fn finish<T: DeserializeOwned>(
    response: Result<Response, gloo_net::Error>,
) -> Result<T, String> {
    let response = response.map_err(|_| t("network").to_owned())?;
    if response.ok() {
        // An answer of another shape means this page is older than the server.
        return response
            .json::<T>()
            .await
            .map_err(|_| t("unreadable").to_owned());
    }
    Err(refusal(response).await)
}

/// Why the server refused, as a sentence: its message, or (from a proxy in between, say) a
/// plain "could not do this" when the body has none.
async fn refusal(response: Response) -> String {
    match response.json::<ApiError>().await {
        Ok(error) => sentence(&error.message),
        Err(_) => t("server_failed").to_owned(),
    }
}

/// The server's messages are clauses ("the title is too short; …"): shown to people, they
/// start with a capital and end with a full stop.
fn sentence(message: &str) -> String {
    let message = message.trim();
    let mut chars = message.chars();
    let Some(first) = chars.next() else {
        return t("server_failed").to_owned();
    };
    let mut sentence: String = first.to_uppercase().chain(chars).collect();
    if !sentence.ends_with(['.', '!', '?']) {
        sentence.push('.');
    }
    sentence
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn server_messages_read_as_sentences() {
        assert_eq!(
            sentence("this staff session has expired; sign in again"),
            "This staff session has expired; sign in again."
        );
        assert_eq!(sentence("Already a sentence."), "Already a sentence.");
        assert_eq!(sentence("élan needed"), "Élan needed.");
    }
}
