//! Rate limits over real HTTP: quotas per client IP and per token, 429 with `Retry-After`,
//! caps on open event streams, `--rate-limits off`, and settings checked at start.
//! Quotas are made tight through the configuration, so no test waits for a clock.

mod common;

use std::process::Command;
use std::time::Duration;

use common::{ALLOWED_ORIGIN, TestServer, assert_rate_limited};
use peerhelp_server::rate_limits::RateLimits;
use peerhelp_server::security::{SecurityConfig, TrustedProxies, parse_network};
use reqwest::{Method, Response};
use serde_json::json;

/// A server with these `--rate-limits`, trusting 127.0.0.1 as a proxy so tests can speak
/// from several client addresses with `X-Forwarded-For`.
async fn server_with(limits: &str) -> TestServer {
    TestServer::start_with_security(SecurityConfig {
        trusted_proxies: TrustedProxies(vec![parse_network("127.0.0.1").unwrap()]),
        rate_limits: limits.parse().unwrap(),
        ..SecurityConfig::default()
    })
    .await
}

async fn search(server: &TestServer, token: Option<&str>, client_ip: &str) -> Response {
    let mut request = server
        .client
        .get(server.api("/search?q=refund"))
        .header("origin", ALLOWED_ORIGIN)
        .header("x-forwarded-for", client_ip);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

async fn new_visitor(server: &TestServer, client_ip: &str) -> Response {
    server
        .call(Method::POST, "/visitors", None)
        .header("x-forwarded-for", client_ip)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_fourth_search_over_a_quota_of_three_an_hour_waits_its_turn() {
    let server = server_with("search=3/hour").await;
    for _ in 0..3 {
        assert_eq!(search(&server, None, "198.51.100.1").await.status(), 200);
    }
    let refused = search(&server, None, "198.51.100.1").await;
    // The widget on the brand's page can read the refusal.
    assert_eq!(
        refused.headers()["access-control-allow-origin"],
        ALLOWED_ORIGIN
    );
    // One request comes back every 20 minutes.
    assert_rate_limited(refused, 1100..=1200).await;
    // Another client and another class are untouched.
    assert_eq!(search(&server, None, "198.51.100.2").await.status(), 200);
    let (status, _) = server.get_json(&server.api("/config")).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn one_token_is_limited_whatever_address_it_comes_from() {
    let server = server_with("search=3/hour").await;
    let visitor = server.visitor().await;
    for n in 1..=3 {
        let from = format!("203.0.113.{n}");
        assert_eq!(search(&server, Some(&visitor), &from).await.status(), 200);
    }
    assert_rate_limited(
        search(&server, Some(&visitor), "203.0.113.4").await,
        1100..=1200,
    )
    .await;
    let other_visitor = server.visitor().await;
    let response = search(&server, Some(&other_visitor), "203.0.113.5").await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn new_visitor_tokens_are_limited_per_address() {
    let server = server_with("visitors=3/hour").await;
    for _ in 0..3 {
        assert_eq!(new_visitor(&server, "192.0.2.7").await.status(), 201);
    }
    let visitors_before = server.count("SELECT COUNT(*) FROM visitors").await;
    assert_rate_limited(new_visitor(&server, "192.0.2.7").await, 1100..=1200).await;
    assert_eq!(
        server.count("SELECT COUNT(*) FROM visitors").await,
        visitors_before,
        "a refused request creates nothing"
    );
    assert_eq!(new_visitor(&server, "192.0.2.8").await.status(), 201);
}

#[tokio::test]
async fn by_default_one_address_gets_thirty_visitor_tokens_an_hour_but_searches_freely() {
    let server = TestServer::start().await;
    for _ in 0..30 {
        server.visitor().await;
    }
    let refused = server
        .call(Method::POST, "/visitors", None)
        .send()
        .await
        .unwrap();
    // Thirty an hour: the next one is two minutes away.
    assert_rate_limited(refused, 1..=120).await;
    // A visitor typing a long query: one search per pause, a hundred in a row.
    for n in 0..100 {
        let (status, body) = server
            .get_json(&server.api(&format!("/search?q=refund{n}")))
            .await;
        assert_eq!(status, 200, "{body}");
    }
}

#[tokio::test]
async fn rate_limits_off_lets_everything_through() {
    let server = TestServer::start_with_security(SecurityConfig {
        rate_limits: RateLimits::off(),
        ..SecurityConfig::default()
    })
    .await;
    for _ in 0..40 {
        server.visitor().await;
    }
    let visitor = server.visitor().await;
    let mut streams = Vec::new();
    for _ in 0..8 {
        let response = server.client.get(server.events_url(&visitor)).send().await;
        assert_eq!(response.as_ref().unwrap().status(), 200);
        streams.push(response);
    }
}

#[tokio::test]
async fn one_token_holds_at_most_five_event_streams() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let mut open = Vec::new();
    for _ in 0..5 {
        let response = server.client.get(server.events_url(&visitor)).send().await;
        assert_eq!(response.as_ref().unwrap().status(), 200);
        open.push(response);
    }
    let sixth = server
        .client
        .get(server.events_url(&visitor))
        .send()
        .await
        .unwrap();
    assert_rate_limited(sixth, 1..=60).await;
    // Another visitor on the same address still gets theirs.
    let other = server.visitor().await;
    let response = server.client.get(server.events_url(&other)).send().await;
    assert_eq!(response.unwrap().status(), 200);
}

#[tokio::test]
async fn an_address_holds_a_capped_number_of_streams_and_a_closed_one_frees_its_slot() {
    let server = server_with("streams-per-ip=3").await;
    let helper = server.helper("Heidi").await;
    let mut open = Vec::new();
    for _ in 0..3 {
        let visitor = server.visitor().await;
        let response = server.client.get(server.events_url(&visitor)).send().await;
        assert_eq!(response.as_ref().unwrap().status(), 200);
        open.push(response);
    }
    let latecomer = server.visitor().await;
    let refused = server
        .client
        .get(server.events_url(&latecomer))
        .send()
        .await
        .unwrap();
    assert_rate_limited(refused, 1..=60).await;

    // A visitor closes a tab: once the server notices (at its next write, which a presence
    // change prompts), the slot is free again.
    drop(open.pop());
    let reopened = tokio::time::timeout(Duration::from_secs(30), async {
        let mut online = true;
        loop {
            let status = if online { "online" } else { "away" };
            let presence = server
                .call(Method::PUT, "/helpers/me/presence", Some(&helper))
                .json(&json!({ "status": status }));
            server.send(presence).await;
            online = !online;
            let response = server
                .client
                .get(server.events_url(&latecomer))
                .send()
                .await
                .unwrap();
            if response.status() == 200 {
                return response;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await
    .expect("the closed stream's slot is given back");
    assert_eq!(reopened.status(), 200);
}

#[test]
fn a_bad_rate_limit_setting_stops_the_server_at_start_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_peerhelp"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--rate-limits",
            "serch=600/min",
        ])
        .env(
            "PEERHELP_DATABASE_URL",
            format!("sqlite://{}", dir.path().join("db").display()),
        )
        .output()
        .expect("run peerhelp");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("\"serch\" is not a rate limit"), "{stderr}");
    assert!(stderr.contains("search"), "{stderr}");
}
