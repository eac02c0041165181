//! Requests by route template, method and status, their latency, search latency, the pool.

use peerhelp_server::metrics::*;
use reqwest::Method;

use crate::common::TestServer;
use crate::exposition::*;

const SEARCH: &str = "/api/v1/sites/{site}/search";

#[tokio::test]
async fn requests_are_counted_by_route_template_method_and_status_with_their_latency() {
    let server = TestServer::start_with_stopped_clock_and(with_token()).await;
    let samples = scrape(&server).await;
    assert_eq!(
        value(&samples, "peerhelp_search_duration_seconds_count", &[]),
        Some(0.0)
    );
    for query in ["refund", "roaming", "esim"] {
        server.search_hits(query).await;
    }
    let unknown_site = server.url("/api/v1/sites/nope/search?q=refund");
    assert_eq!(server.get_json(&unknown_site).await.0, 404);
    assert_eq!(server.get_json(&server.url("/no/such/page")).await.0, 404);
    let brew = Method::from_bytes(b"BREW").unwrap();
    let brewed = server.client.request(brew, server.url("/no/such/page"));
    assert_eq!(brewed.send().await.unwrap().status(), 404);

    let samples = scrape(&server).await;
    assert_eq!(requests(&samples, SEARCH, "GET", "200"), Some(3.0));
    assert_eq!(requests(&samples, SEARCH, "GET", "404"), Some(1.0));
    assert_eq!(requests(&samples, UNMATCHED, "GET", "404"), Some(1.0));
    // Any method a client invents is one label, like any unknown path.
    assert_eq!(requests(&samples, UNMATCHED, "other", "404"), Some(1.0));
    for sample in &samples {
        if let Some(route) = sample.labels.get("route") {
            assert!(route == UNMATCHED || route.starts_with('/'), "{sample:?}");
            assert!(!route.contains("acme") && !route.contains("nope") && !route.contains("/no/"));
        }
    }

    let search = [("route", SEARCH), ("method", "GET")];
    let count = "peerhelp_http_request_duration_seconds_count";
    assert_eq!(value(&samples, count, &search), Some(4.0));
    let bucket = "peerhelp_http_request_duration_seconds_bucket";
    let everything = [("route", SEARCH), ("method", "GET"), ("le", "+Inf")];
    assert_eq!(value(&samples, bucket, &everything), Some(4.0));
    let tenth = [("route", SEARCH), ("method", "GET"), ("le", "0.1")];
    assert!(value(&samples, bucket, &tenth).is_some());
    // Only the three searches of a real site reached the index.
    let searched = "peerhelp_search_duration_seconds_count";
    assert_eq!(value(&samples, searched, &[]), Some(3.0));
    let searched_within = [("le", "+Inf")];
    let search_bucket = "peerhelp_search_duration_seconds_bucket";
    assert_eq!(value(&samples, search_bucket, &searched_within), Some(3.0));

    assert_eq!(value(&samples, DB_MAX, &[]), Some(8.0));
    let open = value(&samples, DB_IN_USE, &[]).unwrap() + value(&samples, DB_IDLE, &[]).unwrap();
    assert!((1.0..=8.0).contains(&open), "{open} connections open");
}
