//! Open event streams: counted while open, until the client leaves or the server ends them.

use std::time::Duration;

use peerhelp_server::metrics::STREAMS_OPEN;
use reqwest::Method;
use serde_json::json;

use crate::common::TestServer;
use crate::exposition::*;

/// Guards against a hang while waiting for the server to notice a closed stream; not a
/// measurement.
const PATIENCE: Duration = Duration::from_secs(20);

async fn streams_open(server: &TestServer) -> f64 {
    value(&scrape(server).await, STREAMS_OPEN, &[]).expect("the open-streams gauge")
}

/// Polls the open-streams gauge until it reads `want`, prompting a write to the open streams
/// between polls (a helper's presence change): the server notices a client gone only when it
/// next writes to it.
async fn streams_become(server: &TestServer, helper: &str, want: f64) {
    let polling = async {
        for online in [true, false].into_iter().cycle() {
            if streams_open(server).await == want {
                return;
            }
            let status = if online { "online" } else { "away" };
            let presence = server
                .call(Method::PUT, "/helpers/me/presence", Some(helper))
                .json(&json!({ "status": status }));
            assert_eq!(server.send(presence).await.0, 200);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    tokio::time::timeout(PATIENCE, polling)
        .await
        .unwrap_or_else(|_| panic!("the open-streams gauge never read {want}"));
}

#[tokio::test]
async fn open_event_streams_are_counted_until_they_close_or_end() {
    let server = TestServer::start_with_stopped_clock_and(with_token()).await;
    let helper = server.helper("Heidi").await;
    let visitor = server.visitor().await;
    let staff = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    assert_eq!(streams_open(&server).await, 0.0);
    let mut streams = Vec::new();
    for url in [
        server.events_url(&visitor),
        server.api("/helpers/online/events"),
        server.api(&format!("/staff/events?token={staff}")),
    ] {
        let response = server.client.get(url).send().await.unwrap();
        assert_eq!(response.status(), 200);
        streams.push(response);
    }
    assert_eq!(streams_open(&server).await, 3.0);

    // A visitor closes the tab.
    drop(streams.remove(0));
    streams_become(&server, &helper, 2.0).await;
    // The staff session expires, and the server ends its stream.
    server.clock.advance(Duration::from_secs(12 * 60 * 60 + 1));
    streams_become(&server, &helper, 1.0).await;
    drop(streams);
    streams_become(&server, &helper, 0.0).await;
}
