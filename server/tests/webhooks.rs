//! Outgoing webhooks over real HTTP: a test receiver gets each subscribed event once, signed
//! with the webhook's secret (checked here with an independent HMAC), a failing receiver's
//! attempt is logged for retry, and only the site's managers may set webhooks up.

mod common;

use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use common::{TestServer, assert_error};
use hmac::{Hmac, Mac};
use reqwest::Method;
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::sync::mpsc;

/// One request a receiver got.
struct Received {
    headers: HeaderMap,
    body: String,
}

/// A receiver answering every POST with `status`; returns its URL and what it receives.
async fn receiver(status: StatusCode) -> (String, mpsc::UnboundedReceiver<Received>) {
    let (sender, received) = mpsc::unbounded_channel();
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: String| {
            let sender = sender.clone();
            async move {
                _ = sender.send(Received { headers, body });
                status
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, received)
}

async fn next(received: &mut mpsc::UnboundedReceiver<Received>) -> Received {
    tokio::time::timeout(Duration::from_secs(10), received.recv())
        .await
        .expect("a delivery within 10 s")
        .expect("the receiver is running")
}

/// Checks `PeerHelp-Signature: t=…,v1=…` against the body, as a brand's server would.
fn assert_signed(delivery: &Received, secret: &str) {
    let header = delivery.headers["peerhelp-signature"].to_str().unwrap();
    let (timestamp, signature) = header
        .strip_prefix("t=")
        .and_then(|rest| rest.split_once(",v1="))
        .unwrap_or_else(|| panic!("signature header {header}"));
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{}", delivery.body).as_bytes());
    let expected = hex::encode(mac.finalize().into_bytes());
    assert_eq!(signature, expected, "signature of {}", delivery.body);
}

async fn add_webhook(server: &TestServer, token: &str, url: &str, events: Value) -> (u16, Value) {
    let request = server
        .call(Method::POST, "/webhooks", Some(token))
        .json(&json!({"url": url, "events": events}));
    server.send(request).await
}

#[tokio::test]
async fn subscribed_events_arrive_signed_and_are_logged() {
    let (_sink, server) = TestServer::start_with_mail_and(common::private_webhooks()).await;
    let (url, mut received) = receiver(StatusCode::OK).await;
    let events = json!(["thread.created", "escalation.created", "thread.created"]);
    let (status, created) = add_webhook(&server, &server.admin_token, &url, events).await;
    assert_eq!(status, 201, "{created}");
    let secret = created["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    assert_eq!(
        created["webhook"]["events"],
        json!(["escalation.created", "thread.created"])
    );
    let id = created["webhook"]["id"].as_i64().unwrap();

    let visitor = server.visitor().await;
    let thread = server
        .ask(&visitor, "Can I pause my plan for a month?", "ask-1")
        .await;
    let asked = next(&mut received).await;
    assert_eq!(asked.headers["peerhelp-event"], "thread.created");
    assert_signed(&asked, &secret);
    let body: Value = serde_json::from_str(&asked.body).unwrap();
    assert_eq!(body["event"], "thread.created");
    assert_eq!(body["site"], "acme");
    assert_eq!(body["data"]["thread_id"], thread["id"]);
    assert_eq!(body["data"]["title"], "Can I pause my plan for a month?");

    let request = server
        .call(Method::POST, "/escalations", Some(&visitor))
        .header("idempotency-key", "esc-1")
        .json(&json!({"thread_id": thread["id"], "email": "kim@example.com"}));
    let (status, escalated) = server.send(request).await;
    assert_eq!(status, 201, "{escalated}");
    let delivery = next(&mut received).await;
    assert_eq!(delivery.headers["peerhelp-event"], "escalation.created");
    assert_signed(&delivery, &secret);
    let body: Value = serde_json::from_str(&delivery.body).unwrap();
    assert_eq!(
        body["data"]["reference"],
        escalated["escalation"]["reference"]
    );
    assert_eq!(body["data"]["contact_email"], "kim@example.com");

    // A reply is not subscribed to: nothing more arrives.
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let reference = escalated["escalation"]["reference"].as_str().unwrap();
    assert_eq!(
        server
            .staff_reply(&agent, reference, "Yes, from the account page.")
            .await
            .0,
        201
    );
    assert!(
        tokio::time::timeout(Duration::from_millis(500), received.recv())
            .await
            .is_err()
    );

    let path = format!("/webhooks/{id}/deliveries");
    let (status, log) = server
        .send(server.call(Method::GET, &path, Some(&server.admin_token)))
        .await;
    assert_eq!(status, 200, "{log}");
    let deliveries = log["deliveries"].as_array().unwrap();
    assert_eq!(deliveries.len(), 2, "{log}");
    assert_eq!(deliveries[0]["event"], "escalation.created");
    for delivery in deliveries {
        assert_eq!(delivery["status"], "delivered", "{delivery}");
        assert_eq!(delivery["last_status_code"], 200);
        assert_eq!(delivery["attempts"], 1);
    }
}

#[tokio::test]
async fn a_failing_receiver_is_logged_for_retry() {
    let server = TestServer::start_with_private_webhooks().await;
    let (url, mut received) = receiver(StatusCode::SERVICE_UNAVAILABLE).await;
    let (_, created) = add_webhook(
        &server,
        &server.admin_token,
        &url,
        json!(["thread.created"]),
    )
    .await;
    let id = created["webhook"]["id"].as_i64().unwrap();
    let visitor = server.visitor().await;
    server
        .ask(&visitor, "Is there a student discount?", "ask-1")
        .await;
    next(&mut received).await;

    let path = format!("/webhooks/{id}/deliveries");
    let mut delivery = Value::Null;
    for _ in 0..100 {
        let (_, log) = server
            .send(server.call(Method::GET, &path, Some(&server.admin_token)))
            .await;
        delivery = log["deliveries"][0].clone();
        if delivery["attempts"] == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(delivery["status"], "pending", "{delivery}");
    assert_eq!(delivery["attempts"], 1, "{delivery}");
    assert_eq!(delivery["last_status_code"], 503);
    assert!(delivery["last_error"].as_str().unwrap().contains("503"));
}

#[tokio::test]
async fn only_the_sites_managers_set_up_webhooks() {
    let server = TestServer::start_with_private_webhooks().await;
    let visitor = server.visitor().await;
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let admin = server.staff("lee@acme.test", "Lee Admin", "admin").await;
    let url = "https://hooks.acme.test/peerhelp";
    let events = json!(["escalation.created"]);

    let (status, body) = add_webhook(&server, &visitor, url, events.clone()).await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = add_webhook(&server, &agent, url, events.clone()).await;
    assert_error(status, &body, 403, "forbidden");
    let other = server.staff_of_other_site().await;
    let (status, body) = add_webhook(&server, &other, url, events.clone()).await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) =
        add_webhook(&server, &admin, "ftp://hooks.acme.test", events.clone()).await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = add_webhook(&server, &admin, url, json!([])).await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = add_webhook(&server, &admin, url, json!(["ticket.eaten"])).await;
    assert_error(status, &body, 422, "invalid_input");
    assert_eq!(server.count("SELECT COUNT(*) FROM webhooks").await, 0);

    let (status, created) = add_webhook(&server, &admin, url, events).await;
    assert_eq!(status, 201, "{created}");
    let id = created["webhook"]["id"].as_i64().unwrap();
    let (_, listed) = server
        .send(server.call(Method::GET, "/webhooks", Some(&admin)))
        .await;
    assert_eq!(listed["webhooks"][0]["url"], url);
    assert!(
        listed["webhooks"][0].get("secret").is_none(),
        "the secret is shown once"
    );
    let path = format!("/webhooks/{id}");
    let (status, _) = server
        .send(server.call(Method::DELETE, &path, Some(&admin)))
        .await;
    assert_eq!(status, 204);
    let (status, body) = server
        .send(server.call(Method::DELETE, &path, Some(&admin)))
        .await;
    assert_error(status, &body, 404, "not_found");
    let (_, log) = server
        .send(server.call(Method::GET, "/audit-log", Some(&admin)))
        .await;
    assert_eq!(log["entries"][0]["action"], "webhook.deleted");
    assert_eq!(log["entries"][1]["action"], "webhook.created");
    assert_eq!(log["entries"][1]["staff_name"], "Lee Admin");
}
