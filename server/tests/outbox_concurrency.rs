//! Outboxes send concurrently: a webhook receiver or a mail exchange that never answers holds
//! up neither another site's deliveries nor other emails, and one webhook never has more than
//! two deliveries in flight.

mod common;

use std::time::Duration;

use common::{OTHER_SITE, SITE, SignedSeconds, TestServer};
use peerhelp_api::WebhookEvent;
use peerhelp_server::security::SecurityConfig;
use reqwest::Method;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Stores a webhook for `thread.created` on site `key`.
async fn stored_webhook(server: &TestServer, key: &str, url: &str) -> i64 {
    let site = server
        .count(&format!("SELECT id FROM sites WHERE key = '{key}'"))
        .await;
    let events = [WebhookEvent::ThreadCreated];
    let webhook = server
        .store
        .create_webhook(site, None, url, &events, "whsec_test");
    webhook.await.unwrap().id
}

/// A receiver that reads each request and never answers; tells of each request it gets.
async fn hanging_receiver() -> (String, mpsc::UnboundedReceiver<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let (sender, received) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let sender = sender.clone();
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                let mut told = false;
                while stream.read(&mut buffer).await.is_ok_and(|read| read > 0) {
                    if !std::mem::replace(&mut told, true) {
                        _ = sender.send(());
                    }
                }
            });
        }
    });
    (url, received)
}

/// A receiver answering 200 at once; tells of each request it gets.
async fn quick_receiver() -> (String, mpsc::UnboundedReceiver<()>) {
    let (sender, received) = mpsc::unbounded_channel();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move || {
            _ = sender.send(());
            async { "ok" }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, received)
}

async fn arrives(received: &mut mpsc::UnboundedReceiver<()>) {
    tokio::time::timeout(Duration::from_secs(30), received.recv())
        .await
        .expect("a delivery within 30 s")
        .expect("the receiver is running");
}

#[tokio::test]
async fn a_hanging_receiver_does_not_hold_up_another_sites_deliveries() {
    let server = TestServer::start_with_private_webhooks().await;
    let (hanging_url, mut hanging) = hanging_receiver().await;
    let (quick_url, mut quick) = quick_receiver().await;
    let acme_hook = stored_webhook(&server, SITE, &hanging_url).await;
    stored_webhook(&server, OTHER_SITE, &quick_url).await;

    let visitor = server.visitor().await;
    server.ask(&visitor, "Is my parcel lost?", "ask-1").await;
    arrives(&mut hanging).await;

    let globex = |path: &str| server.url(&format!("/api/v1/sites/{OTHER_SITE}{path}"));
    let (status, session) = server.send(server.client.post(globex("/visitors"))).await;
    assert_eq!(status, 201, "{session}");
    let ask = server
        .client
        .post(globex("/threads"))
        .bearer_auth(session["token"].as_str().unwrap())
        .header("idempotency-key", "ask-globex")
        .json(&json!({"title": "Where is my invoice?", "body": "Details of the question."}));
    let (status, thread) = server.send(ask).await;
    assert_eq!(status, 201, "{thread}");
    arrives(&mut quick).await;

    // Acme's delivery is still waiting for its receiver: it has not even failed yet.
    let attempts = server
        .count(&format!(
            "SELECT attempts FROM webhook_deliveries WHERE webhook_id = {acme_hook}"
        ))
        .await;
    assert_eq!(
        attempts, 0,
        "globex's delivery waited for acme's to give up"
    );
}

#[tokio::test]
async fn one_webhook_has_at_most_two_deliveries_in_flight() {
    let server = TestServer::start_with_private_webhooks().await;
    let (hanging_url, mut hanging) = hanging_receiver().await;
    let (quick_url, mut quick) = quick_receiver().await;
    let slow = stored_webhook(&server, SITE, &hanging_url).await;
    stored_webhook(&server, SITE, &quick_url).await;
    let visitor = server.visitor().await;
    for n in 0..4 {
        let title = format!("Question number {n} about roaming");
        server.ask(&visitor, &title, &format!("ask-{n}")).await;
        arrives(&mut quick).await;
    }
    arrives(&mut hanging).await;
    arrives(&mut hanging).await;
    let claimed = server
        .count(&format!(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = {slow}
             AND next_attempt_at > {}",
            server.time_literal(SignedSeconds(60))
        ))
        .await;
    assert_eq!(
        claimed, 2,
        "only two deliveries to the hanging receiver are claimed"
    );
}

/// An SMTP server that never answers the `RCPT TO` of an address starting with `slow`, and
/// accepts every other message; tells of each stalled session and each accepted recipient.
async fn stalling_smtp() -> (String, mpsc::UnboundedReceiver<String>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let (sender, events) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let sender = sender.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write
                    .write_all(b"220 stalling.test ESMTP\r\n")
                    .await
                    .unwrap();
                let mut recipient = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("RCPT TO:<SLOW") {
                        _ = sender.send("stalled".to_owned());
                        // Hold the session open without a word until the client leaves.
                        while let Ok(Some(_)) = lines.next_line().await {}
                        return;
                    } else if command.starts_with("RCPT TO:") {
                        recipient = line[8..].trim_matches(['<', '>']).to_owned();
                        b"250 ok\r\n"
                    } else if command == "DATA" {
                        write.write_all(b"354 go on\r\n").await.unwrap();
                        while let Ok(Some(data)) = lines.next_line().await {
                            if data == "." {
                                break;
                            }
                        }
                        _ = sender.send(recipient.clone());
                        b"250 queued\r\n"
                    } else if command == "QUIT" {
                        _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (url, events)
}

async fn escalate(server: &TestServer, title: &str, email: &str) {
    let visitor = server.visitor().await;
    let thread = server.ask(&visitor, title, "ask-1").await;
    let request = server
        .call(Method::POST, "/escalations", Some(&visitor))
        .header("idempotency-key", "escalate-1")
        .json(&json!({"thread_id": thread["id"], "email": email}));
    let (status, escalated) = server.send(request).await;
    assert_eq!(status, 201, "{escalated}");
}

async fn next_event(events: &mut mpsc::UnboundedReceiver<String>) -> String {
    tokio::time::timeout(Duration::from_secs(30), events.recv())
        .await
        .expect("an SMTP event within 30 s")
        .expect("the SMTP server is running")
}

#[tokio::test]
async fn a_stalled_email_does_not_hold_up_the_next() {
    let (url, mut events) = stalling_smtp().await;
    let server = TestServer::start_with_smtp(&url, SecurityConfig::default()).await;
    escalate(&server, "My router keeps rebooting", "slow@example.com").await;
    assert_eq!(next_event(&mut events).await, "stalled");
    escalate(&server, "My bill shows a double charge", "kim@example.com").await;
    assert_eq!(next_event(&mut events).await, "kim@example.com");

    let stalled = server
        .count("SELECT attempts FROM mail_outbox WHERE recipient = 'slow@example.com'")
        .await;
    assert_eq!(stalled, 0, "the second email waited for the first to fail");
}
