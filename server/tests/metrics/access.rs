//! Who may scrape: nobody without a configured token, only its holder with one, and never
//! held back by the rate limits.

use peerhelp_server::metrics::UNMATCHED;
use peerhelp_server::security::SecurityConfig;

use crate::common::{TestServer, assert_error};
use crate::exposition::*;

#[tokio::test]
async fn metrics_are_off_without_a_token_and_refused_without_the_right_one() {
    let plain = TestServer::start().await;
    let (status, body) = plain.get_json(&plain.url("/metrics")).await;
    assert_error(status, &body, 404, "not_found");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("--metrics-token")
    );

    let server = TestServer::start_with_stopped_clock_and(with_token()).await;
    let metrics = server.url("/metrics");
    let refused = [
        server.client.get(&metrics),
        server.client.get(&metrics).bearer_auth(&TOKEN[1..]),
        server
            .client
            .get(&metrics)
            .basic_auth("prometheus", Some(TOKEN)),
    ];
    for request in refused {
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        assert_error(status, &response.json().await.unwrap(), 401, "unauthorized");
    }
    // Neither the refusals nor the scrapes are counted among the requests served.
    let samples = scrape(&server).await;
    let scrape_routes = samples
        .iter()
        .filter(|sample| sample.labels.get("route").is_some_and(|r| r == "/metrics"));
    assert_eq!(scrape_routes.count(), 0);
}

#[tokio::test]
async fn scrapes_are_never_rate_limited() {
    let server = TestServer::start_with_stopped_clock_and(SecurityConfig {
        rate_limits: "read=2/min".parse().unwrap(),
        ..with_token()
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let response = server.client.get(server.url("/no/such/page")).send().await;
        statuses.push(response.unwrap().status().as_u16());
    }
    assert_eq!(statuses, [404, 404, 429]);
    for _ in 0..5 {
        scrape(&server).await;
    }
    // The refusal is counted as the client got it.
    let samples = scrape(&server).await;
    assert_eq!(requests(&samples, UNMATCHED, "GET", "429"), Some(1.0));
}
