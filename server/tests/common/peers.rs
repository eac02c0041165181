//! Acting as visitors and helpers against a [`super::TestServer`].

use reqwest::{Method, RequestBuilder};
use serde_json::{Value, json};

use super::TestServer;

impl TestServer {
    /// A request to an `acme` API path, with a bearer token when given.
    pub fn call(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let request = self.client.request(method, self.api(path));
        match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    /// Sends and returns the status and JSON body (`null` for an empty body).
    pub async fn send(&self, request: RequestBuilder) -> (u16, Value) {
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("JSON body: {text}"))
        };
        (status, body)
    }

    /// A new anonymous visitor's token.
    pub async fn visitor(&self) -> String {
        let (status, session) = self.send(self.call(Method::POST, "/visitors", None)).await;
        assert_eq!(status, 201, "{session}");
        session["token"].as_str().unwrap().to_owned()
    }

    /// Asks a question as `visitor`; returns the thread.
    pub async fn ask(&self, visitor: &str, title: &str, key: &str) -> Value {
        let request = self
            .call(Method::POST, "/threads", Some(visitor))
            .header("idempotency-key", key)
            .json(&json!({"title": title, "body": "Details of the question."}));
        let (status, thread) = self.send(request).await;
        assert!(status == 201 || status == 200, "{status} {thread}");
        thread
    }

    /// A helper invited by the site admin and signed in; returns their token.
    pub async fn helper(&self, name: &str) -> String {
        let invite = self
            .call(Method::POST, "/helper-invites", Some(&self.admin_token))
            .json(&json!({"name": name}));
        let (status, invite) = self.send(invite).await;
        assert_eq!(status, 201, "{invite}");
        let sign_in = self
            .call(Method::POST, "/helpers/sign-in", None)
            .json(&json!({"code": invite["code"]}));
        let (status, session) = self.send(sign_in).await;
        assert_eq!(status, 200, "{session}");
        session["token"].as_str().unwrap().to_owned()
    }

    /// Posts an answer as `helper`; returns the status and body.
    pub async fn answer(&self, helper: &str, thread_id: i64, body: &str) -> (u16, Value) {
        let request = self
            .call(
                Method::POST,
                &format!("/threads/{thread_id}/answers"),
                Some(helper),
            )
            .json(&json!({"body": body}));
        self.send(request).await
    }

    /// The helper's profile.
    pub async fn me(&self, helper: &str) -> Value {
        let (status, me) = self
            .send(self.call(Method::GET, "/helpers/me", Some(helper)))
            .await;
        assert_eq!(status, 200, "{me}");
        me
    }
}
