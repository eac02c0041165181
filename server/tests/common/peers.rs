//! Acting as visitors and helpers against a [`super::TestServer`].

use peerhelp_api::{NewStaffInvite, StaffRole};
use peerhelp_server::secrets::{SignedIdentity, sign_identity};
use reqwest::{Method, RequestBuilder};
use serde_json::{Value, json};

use super::{OTHER_SITE, TestServer};

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

    /// Invites `email` as staff with `role`, using the site's admin token; returns the code.
    pub async fn staff_invite(&self, email: &str, name: &str, role: &str) -> String {
        let request = self
            .call(Method::POST, "/staff-invites", Some(&self.admin_token))
            .json(&json!({"email": email, "name": name, "role": role}));
        let (status, invite) = self.send(request).await;
        assert_eq!(status, 201, "{invite}");
        invite["code"].as_str().unwrap().to_owned()
    }

    /// Redeems a staff invitation with `password`; returns the status and session.
    pub async fn staff_accept(&self, code: &str, password: &str) -> (u16, Value) {
        let request = self
            .call(Method::POST, "/staff/accept", None)
            .json(&json!({"code": code, "password": password}));
        self.send(request).await
    }

    /// A staff member invited and signed in; returns their session token.
    pub async fn staff(&self, email: &str, name: &str, role: &str) -> String {
        let code = self.staff_invite(email, name, role).await;
        let (status, session) = self.staff_accept(&code, "correct horse battery").await;
        assert_eq!(status, 201, "{session}");
        session["token"].as_str().unwrap().to_owned()
    }

    /// A staff admin of the other site, signed in there; returns their session token.
    pub async fn staff_of_other_site(&self) -> String {
        let globex = self.store.site_by_key(OTHER_SITE).await.unwrap().unwrap();
        let invite = NewStaffInvite {
            email: "gus@globex.test".into(),
            name: "Gus Globex".into(),
            role: StaffRole::Admin,
        };
        let invite = peerhelp_server::staff_invites::issue(&self.store, globex.id, &invite)
            .await
            .unwrap();
        let accept = self
            .client
            .post(self.url(&format!("/api/v1/sites/{OTHER_SITE}/staff/accept")))
            .json(&json!({"code": invite.code, "password": "correct horse battery"}));
        let (status, session) = self.send(accept).await;
        assert_eq!(status, 201, "{session}");
        session["token"].as_str().unwrap().to_owned()
    }

    /// A visitor the brand identified as `id`, with `email` if given; returns their token.
    pub async fn identified_visitor(&self, id: &str, email: Option<&str>) -> String {
        let expires = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
            + 300;
        let identity = json!({
            "id": id, "name": "Ada", "email": email, "expires": expires,
            "signature": sign_identity(&self.identity_secret, &SignedIdentity {
                id, expires, name: Some("Ada"), email,
            }),
        });
        let request = self
            .call(Method::POST, "/visitors/identify", None)
            .json(&identity);
        let (status, session) = self.send(request).await;
        assert_eq!(status, 200, "{session}");
        session["token"].as_str().unwrap().to_owned()
    }

    /// Posts a staff reply on ticket `reference`; returns the status and body.
    pub async fn staff_reply(&self, staff: &str, reference: &str, body: &str) -> (u16, Value) {
        let request = self
            .call(
                Method::POST,
                &format!("/escalations/{reference}/replies"),
                Some(staff),
            )
            .json(&json!({ "body": body }));
        self.send(request).await
    }

    /// The actions in the audit log, newest first, read with a staff admin's `token`.
    pub async fn audit_actions(&self, token: &str) -> Vec<String> {
        let (status, log) = self
            .send(self.call(Method::GET, "/audit-log", Some(token)))
            .await;
        assert_eq!(status, 200, "{log}");
        log["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| entry["action"].as_str().unwrap().to_owned())
            .collect()
    }

    /// The URL of the live event stream of `token`.
    pub fn events_url(&self, token: &str) -> String {
        self.api(&format!("/events?token={token}"))
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
