//! The site's JSON API, as a signed-in staff member (or before signing in) calls it.

use gloo_net::http::{Request, RequestBuilder, Response};
use peerhelp_api::ApiError;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::i18n::{fill, t};

/// A client of one site's API, with the staff session once there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct Client {
    base: String,
    token: Option<String>,
}

impl Client {
    /// The API of `site` on the server that serves the console.
    pub fn new(site: &str, token: Option<String>) -> Client {
        let site = String::from(js_sys::encode_uri_component(site));
        Client {
            base: format!("/api/v1/sites/{site}"),
            token,
        }
    }

    /// The same site with this session.
    pub fn with_token(&self, token: String) -> Client {
        Client {
            base: self.base.clone(),
            token: Some(token),
        }
    }

    /// The same site without the session, for the public reads (a thread) that take a
    /// visitor's or helper's token but refuse a staff one.
    pub fn public(&self) -> Client {
        Client {
            base: self.base.clone(),
            token: None,
        }
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    fn authorized(&self, request: RequestBuilder) -> RequestBuilder {
        match &self.token {
            Some(token) => request.header("authorization", &format!("Bearer {token}")),
            None => request,
        }
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
        response.text().await.map_err(|error| error.to_string())
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
        return response
            .json::<T>()
            .await
            .map_err(|error| error.to_string());
    }
    Err(refusal(response).await)
}

/// Why the server refused: its message, or the status when the body has none.
async fn refusal(response: Response) -> String {
    let status = response.status();
    response
        .json::<ApiError>()
        .await
        .map(|error| error.message)
        .unwrap_or_else(|_| fill("server_answered", &[("status", &status.to_string())]))
}
