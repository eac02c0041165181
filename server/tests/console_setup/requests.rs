//! The requests the console tests make: reads, widget loads, tickets and assignments.

use crate::common::TestServer;
use reqwest::Method;
use serde_json::{Value, json};

pub async fn get(server: &TestServer, token: Option<&str>, path: &str) -> (u16, Value) {
    server.send(server.call(Method::GET, path, token)).await
}

/// Fetches the widget configuration as a page of `origin` does (`None`: without an origin,
/// as curl does).
pub async fn load_widget(server: &TestServer, origin: Option<&str>) -> u16 {
    let mut request = server.client.get(server.api("/config"));
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    request.send().await.unwrap().status().as_u16()
}

/// A ticket opened by a new visitor; returns its reference.
pub async fn ticket(server: &TestServer) -> String {
    let visitor = server.visitor().await;
    let request = server
        .call(Method::POST, "/escalations", Some(&visitor))
        .header("idempotency-key", "ticket-1")
        .json(&json!({"message": "My bill doubled this month", "email": "kim@example.com"}));
    let (status, created) = server.send(request).await;
    assert_eq!(status, 201, "{created}");
    created["escalation"]["reference"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub async fn assign(
    server: &TestServer,
    token: Option<&str>,
    reference: &str,
    body: Value,
) -> (u16, Value) {
    let path = format!("/escalations/{reference}/assignee");
    server
        .send(server.call(Method::PUT, &path, token).json(&body))
        .await
}
