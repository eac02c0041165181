//! The requests the escalation tests make.

use crate::common::TestServer;
use reqwest::Method;
use serde_json::Value;

pub async fn escalate(server: &TestServer, visitor: &str, key: &str, body: Value) -> (u16, Value) {
    let request = server
        .call(Method::POST, "/escalations", Some(visitor))
        .header("idempotency-key", key)
        .json(&body);
    server.send(request).await
}

pub async fn staff_post(server: &TestServer, staff: &str, path: &str, body: Value) -> (u16, Value) {
    server
        .send(server.call(Method::POST, path, Some(staff)).json(&body))
        .await
}

pub async fn staff_get(server: &TestServer, staff: &str, path: &str) -> (u16, Value) {
    server
        .send(server.call(Method::GET, path, Some(staff)))
        .await
}
