//! Presence for visitors who have not asked anything, over real HTTP: the token-free stream
//! `GET /helpers/online/events` starts with who is online and follows every change (online,
//! away, signing off, and a heartbeat lapsing by the server's clock, which the test advances
//! instead of sleeping); it carries nothing else and is capped per address.

mod common;

use std::time::Duration;

use common::sse::EventStream;
use common::{TestServer, assert_error, assert_rate_limited};
use peerhelp_api::OFFLINE_AFTER_SECONDS;
use peerhelp_server::security::SecurityConfig;
use reqwest::Method;
use serde_json::{Value, json};

/// Sets a helper's status (also the heartbeat).
async fn set_status(server: &TestServer, helper: &str, status: &str) {
    let request = server
        .call(Method::PUT, "/helpers/me/presence", Some(helper))
        .json(&json!({ "status": status }));
    let (code, body) = server.send(request).await;
    assert_eq!(code, 200, "{body}");
}

/// `(name, status)` of each helper a presence message lists.
fn listed(message: &common::sse::Message) -> Vec<(String, String)> {
    assert_eq!(message.kind, "presence_changed");
    let helpers: &Vec<Value> = message.data["helpers"].as_array().unwrap();
    helpers
        .iter()
        .map(|h| {
            (
                h["name"].as_str().unwrap().to_owned(),
                h["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pair(name: &str, status: &str) -> (String, String) {
    (name.to_owned(), status.to_owned())
}

async fn presence_stream(server: &TestServer) -> EventStream {
    EventStream::open(&server.client, &server.api("/helpers/online/events"), None).await
}

#[tokio::test]
async fn a_visitor_without_a_question_sees_helpers_come_go_and_lapse() {
    let server = TestServer::start().await;
    let ada = server.helper("Ada Lovelace").await;
    let bo = server.helper("Bo Diddley").await;
    set_status(&server, &ada, "online").await;

    // No token: the stream opens with who is online now.
    let mut stream = presence_stream(&server).await;
    assert_eq!(
        listed(&stream.next().await),
        [pair("Ada Lovelace", "online")]
    );

    set_status(&server, &bo, "online").await;
    let both = listed(&stream.next().await);
    assert_eq!(both.len(), 2, "{both:?}");
    assert!(both.contains(&pair("Bo Diddley", "online")), "{both:?}");

    set_status(&server, &ada, "away").await;
    assert_eq!(
        listed(&stream.next().await),
        [pair("Bo Diddley", "online"), pair("Ada Lovelace", "away")]
    );

    // Bo keeps beating, Ada does not: once Ada's last heartbeat is older than the timeout
    // she is gone, and Bo stays.
    let timeout = Duration::from_secs(OFFLINE_AFTER_SECONDS.into());
    server.clock.advance(timeout * 2 / 3);
    set_status(&server, &bo, "online").await;
    server.clock.advance(timeout / 3 + Duration::from_secs(1));
    assert_eq!(listed(&stream.next().await), [pair("Bo Diddley", "online")]);

    // Signing off shows at once too.
    set_status(&server, &bo, "offline").await;
    assert_eq!(listed(&stream.next().await), []);
    let (_, online) = server.get_json(&server.api("/helpers/online")).await;
    assert_eq!(online["helpers"], json!([]));
}

#[tokio::test]
async fn the_presence_stream_carries_presence_only() {
    let server = TestServer::start().await;
    let helper = server.helper("Quiet Helper").await;
    let visitor = server.visitor().await;
    let mut stream = presence_stream(&server).await;
    assert_eq!(listed(&stream.next().await), []);

    // A question (for helpers) and its answer (for the asker) are not the watcher's business:
    // the next message this stream carries after them is the presence change that follows.
    let thread = server
        .ask(&visitor, "Why does my phone say SIM not provisioned?", "k")
        .await;
    let (status, _) = server
        .answer(&helper, thread["id"].as_i64().unwrap(), "Restart it.")
        .await;
    assert_eq!(status, 201);
    set_status(&server, &helper, "online").await;
    assert_eq!(
        listed(&stream.next().await),
        [pair("Quiet Helper", "online")]
    );

    let response = server
        .client
        .get(server.url("/api/v1/sites/nowhere/helpers/online/events"))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    assert_error(status, &response.json().await.unwrap(), 404, "not_found");
}

#[tokio::test]
async fn presence_streams_count_against_the_address() {
    let server = TestServer::start_with_security(SecurityConfig {
        rate_limits: "streams-per-ip=2".parse().unwrap(),
        ..SecurityConfig::default()
    })
    .await;
    let mut open = Vec::new();
    for _ in 0..2 {
        let response = server
            .client
            .get(server.api("/helpers/online/events"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        open.push(response);
    }
    let third = server
        .client
        .get(server.api("/helpers/online/events"))
        .send()
        .await
        .unwrap();
    assert_rate_limited(third, 1..=60).await;
}
