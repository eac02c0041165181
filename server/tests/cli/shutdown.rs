//! Stopping the server: SIGTERM ends the open event streams, each with a hint to reconnect
//! soon (the load balancer then sends the client to another node), and the process exits
//! successfully once its requests have finished.

use std::time::Duration;

use futures_util::StreamExt;
use peerhelp_server::live::RECONNECT_WINDOW;

use crate::common::sse::final_retry;
use crate::runner::*;

/// Guards against a hang; not a measurement.
const PATIENCE: Duration = Duration::from_secs(60);

#[tokio::test]
async fn sigterm_ends_open_streams_with_a_reconnection_hint_then_exits_successfully() {
    let cli = Cli::new().await;
    cli.create_site("acme", &["https://acme.test"]);
    let mut server = cli.serve(&[], &[]).await;
    let api = format!("{}/api/v1/sites/acme", server.origin);
    let client = reqwest::Client::new();
    let visitor: serde_json::Value = client
        .post(format!("{api}/visitors"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = visitor["token"].as_str().expect("a visitor token");
    let mut streams = Vec::new();
    for url in [
        format!("{api}/helpers/online/events"),
        format!("{api}/events?token={token}"),
    ] {
        let response = client.get(url).send().await.unwrap();
        assert_eq!(response.status(), 200);
        // Answered: the stream follows the hub from here on.
        streams.push(response.bytes_stream());
    }

    let pid = server.child.id().expect("the server runs").to_string();
    let signalled = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(signalled.success());

    for mut stream in streams {
        let raw = tokio::time::timeout(PATIENCE, async {
            let mut raw = String::new();
            while let Some(chunk) = stream.next().await {
                raw.push_str(&String::from_utf8_lossy(&chunk.expect("stream bytes")));
            }
            raw
        })
        .await
        .expect("the stream ends");
        let delay = final_retry(&raw);
        assert!(RECONNECT_WINDOW.contains(&delay), "{delay:?}: {raw:?}");
    }
    let exit = tokio::time::timeout(PATIENCE, server.child.wait())
        .await
        .expect("the server exits")
        .unwrap();
    assert!(exit.success(), "{exit}");
}
