//! The API calls a visitor's and a helper's widget make, and a live event stream reader, over
//! real HTTP: what the live benchmarks drive the server with.

use std::time::Instant;

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use peerhelp_api::{
    AnswerDraft, HelperSession, HelperSignIn, IDEMPOTENCY_KEY_HEADER, Invite, LiveEventKind,
    NewInvite, NewQuestion, PresenceStatus, PresenceUpdate, Thread, VisitorSession,
};
use reqwest::Client;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::{mpsc, oneshot};

/// A failed call, described for the benchmark's error line.
pub type CallResult<T> = Result<T, String>;

#[derive(Clone)]
pub struct SiteClient {
    pub http: Client,
    pub api: String,
}

impl SiteClient {
    pub fn new(api: &str) -> SiteClient {
        SiteClient {
            // Every stream holds its own connection; idle ones are not worth keeping.
            http: Client::builder()
                .pool_max_idle_per_host(64)
                .build()
                .expect("a default HTTP client builds"),
            api: api.to_owned(),
        }
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&str>,
        body: &B,
    ) -> CallResult<T> {
        let mut request = self.http.post(format!("{}{path}", self.api)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        decode(request.send().await, path).await
    }

    pub async fn new_visitor(&self) -> CallResult<String> {
        let session: VisitorSession = self.post("/visitors", None, &()).await?;
        Ok(session.token)
    }

    /// Asks `title`; `key` (visible ASCII, unique per question) makes a retry harmless.
    pub async fn ask(&self, visitor: &str, key: &str, title: String) -> CallResult<i64> {
        let question = NewQuestion {
            title,
            body: "Asked by a PeerHelp benchmark.".to_owned(),
            email: None,
            page_url: None,
        };
        let response = self
            .http
            .post(format!("{}/threads", self.api))
            .bearer_auth(visitor)
            .header(IDEMPOTENCY_KEY_HEADER, key)
            .json(&question)
            .send()
            .await;
        Ok(decode::<Thread>(response, "/threads").await?.id)
    }

    /// Invites and signs in a helper with the site's admin token; returns the helper's token.
    pub async fn new_helper(&self, admin_token: &str, name: String) -> CallResult<String> {
        let invite: Invite = self
            .post(
                "/helper-invites",
                Some(admin_token),
                &NewInvite {
                    name,
                    // The bench site has no allowed origin for the link to default to.
                    page_url: Some("https://brand.example/help".to_owned()),
                },
            )
            .await?;
        let session: HelperSession = self
            .post(
                "/helpers/sign-in",
                None,
                &HelperSignIn { code: invite.code },
            )
            .await?;
        Ok(session.token)
    }

    pub async fn answer(&self, helper: &str, thread_id: i64, body: String) -> CallResult<()> {
        let path = format!("/threads/{thread_id}/answers");
        self.post::<_, serde_json::Value>(&path, Some(helper), &AnswerDraft { body })
            .await
            .map(drop)
    }

    pub async fn set_presence(&self, helper: &str, status: PresenceStatus) -> CallResult<()> {
        let response = self
            .http
            .put(format!("{}/helpers/me/presence", self.api))
            .bearer_auth(helper)
            .json(&PresenceUpdate { status })
            .send()
            .await;
        decode::<serde_json::Value>(response, "/helpers/me/presence")
            .await
            .map(drop)
    }

    /// Opens the live event stream of `token`; each event is sent to `events` with the moment
    /// it arrived, tagged with `subscriber`. Resolves once the server has answered, so the
    /// stream is subscribed before the caller goes on.
    pub async fn follow(
        &self,
        token: &str,
        subscriber: usize,
        events: mpsc::UnboundedSender<Arrival>,
    ) -> CallResult<()> {
        let (opened, is_open) = oneshot::channel();
        let request = self
            .http
            .get(format!("{}/events", self.api))
            .query(&[("token", token)]);
        tokio::spawn(async move {
            let response = match request.send().await {
                Ok(response) if response.status().is_success() => response,
                Ok(response) => {
                    let _ = opened.send(Err(format!("/events answered {}", response.status())));
                    return;
                }
                Err(error) => {
                    let _ = opened.send(Err(format!("/events failed: {error}")));
                    return;
                }
            };
            let _ = opened.send(Ok(()));
            let mut stream = response.bytes_stream().eventsource();
            while let Some(Ok(message)) = stream.next().await {
                let Ok(kind) = serde_json::from_str::<LiveEventKind>(&message.data) else {
                    continue;
                };
                let arrival = Arrival {
                    subscriber,
                    kind,
                    at: Instant::now(),
                };
                if events.send(arrival).is_err() {
                    return;
                }
            }
        });
        is_open
            .await
            .unwrap_or_else(|_| Err("the stream task ended".to_owned()))
    }
}

/// One event as one subscriber received it.
pub struct Arrival {
    pub subscriber: usize,
    pub kind: LiveEventKind,
    pub at: Instant,
}

async fn decode<T: DeserializeOwned>(
    response: Result<reqwest::Response, reqwest::Error>,
    path: &str,
) -> CallResult<T> {
    let response = response.map_err(|error| format!("{path}: {error}"))?;
    let status = response.status();
    if !status.is_success() {
        let body = response.text().await.unwrap_or_default();
        return Err(format!("{path} answered {status}: {body}"));
    }
    response
        .json()
        .await
        .map_err(|error| format!("{path}: {error}"))
}
