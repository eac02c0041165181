//! Webhook targets over real HTTP: internal, non-https and credentialed addresses are refused
//! when a webhook is added and again when a delivery connects (a name that now resolves inward,
//! an IP address stored earlier), and the delivery log shows generic errors.

mod common;

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration;

use common::{SITE, TestServer, assert_error};
use peerhelp_api::WebhookEvent;
use peerhelp_server::security::SecurityConfig;
use reqwest::Method;
use serde_json::{Value, json};

/// A public address the pinned names resolve to.
const PUBLIC_IP: &str = "93.184.216.34";

fn pinned(hosts: &[(&str, &[&str])]) -> SecurityConfig {
    let webhook_hosts: HashMap<String, Vec<IpAddr>> = hosts
        .iter()
        .map(|(name, ips)| {
            let ips = ips.iter().map(|ip| ip.parse().unwrap()).collect();
            (name.to_string(), ips)
        })
        .collect();
    SecurityConfig {
        webhook_hosts,
        ..SecurityConfig::default()
    }
}

async fn add_webhook(server: &TestServer, url: &str) -> (u16, Value) {
    let request = server
        .call(Method::POST, "/webhooks", Some(&server.admin_token))
        .json(&json!({"url": url, "events": ["thread.created"]}));
    server.send(request).await
}

async fn site_id(server: &TestServer, key: &str) -> i64 {
    server
        .count(&format!("SELECT id FROM sites WHERE key = '{key}'"))
        .await
}

/// Stores a webhook without the checks of the API, as one added before a name's addresses
/// changed (or by an older version) would be.
async fn stored_webhook(server: &TestServer, key: &str, url: &str) -> i64 {
    let site = site_id(server, key).await;
    let events = [WebhookEvent::ThreadCreated];
    let webhook = server
        .store
        .create_webhook(site, None, url, &events, "whsec_test");
    webhook.await.unwrap().id
}

/// The first delivery of `webhook` once it has been attempted, from the log brands read.
async fn first_attempt(server: &TestServer, webhook: i64) -> Value {
    let path = format!("/webhooks/{webhook}/deliveries");
    for _ in 0..400 {
        let request = server.call(Method::GET, &path, Some(&server.admin_token));
        let (status, log) = server.send(request).await;
        assert_eq!(status, 200, "{log}");
        if log["deliveries"][0]["attempts"] == 1 {
            return log["deliveries"][0].clone();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("webhook {webhook} was never attempted");
}

/// A listener nobody should reach; whether anyone did is read without waiting.
fn untouchable_listener() -> (std::net::TcpListener, u16) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    (listener, port)
}

fn assert_never_reached(listener: &std::net::TcpListener) {
    let accepted = listener.accept();
    assert!(
        matches!(&accepted, Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the internal receiver was connected to: {accepted:?}"
    );
}

#[tokio::test]
async fn internal_and_unsafe_targets_are_refused_when_added() {
    let server = TestServer::start_with_security(pinned(&[
        ("hooks.acme.test", &[PUBLIC_IP]),
        ("intranet.acme.test", &["10.1.2.3"]),
        ("mixed.acme.test", &[PUBLIC_IP, "192.168.1.20"]),
    ]))
    .await;
    for url in [
        "http://hooks.acme.test/peerhelp",
        "https://user:secret@hooks.acme.test/peerhelp",
        "https://127.0.0.1/hook",
        "https://2130706433/hook",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://10.0.0.8/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[fd00:ec2::254]/hook",
        "https://metadata.google.internal/computeMetadata/v1",
        "https://100.64.0.1/hook",
        "https://192.0.2.10/hook",
        "https://224.0.0.1/hook",
        "https://0.0.0.0/hook",
        "https://255.255.255.255/hook",
        "https://[fe80::1]/hook",
        "https://intranet.acme.test/hook",
        "https://mixed.acme.test/hook",
    ] {
        let (status, body) = add_webhook(&server, url).await;
        assert_error(status, &body, 422, "invalid_input");
        assert!(
            body["message"].as_str().unwrap().contains("url"),
            "{url}: {body}"
        );
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM webhooks").await, 0);

    let (status, created) = add_webhook(&server, "https://hooks.acme.test/peerhelp").await;
    assert_eq!(status, 201, "{created}");
}

#[tokio::test]
async fn allowing_private_webhooks_still_refuses_metadata_and_credentials() {
    let server = TestServer::start_with_private_webhooks().await;
    for url in [
        "https://169.254.169.254/latest/meta-data",
        "http://[::ffff:169.254.169.254]/",
        "https://metadata.google.internal/",
        "http://user:secret@10.0.0.8/hook",
    ] {
        let (status, body) = add_webhook(&server, url).await;
        assert_error(status, &body, 422, "invalid_input");
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM webhooks").await, 0);
    let (status, created) = add_webhook(&server, "http://10.0.0.8:8080/hook").await;
    assert_eq!(status, 201, "{created}");
}

#[tokio::test]
async fn deliveries_never_connect_to_an_internal_address() {
    let server =
        TestServer::start_with_security(pinned(&[("rebound.acme.test", &["127.0.0.1"])])).await;
    let (listener, port) = untouchable_listener();
    // The name resolved publicly when the webhook was added; now it points inside.
    let rebound = stored_webhook(
        &server,
        SITE,
        &format!("https://rebound.acme.test:{port}/hook"),
    )
    .await;
    let literal = stored_webhook(&server, SITE, &format!("https://127.0.0.1:{port}/hook")).await;
    let visitor = server.visitor().await;
    server
        .ask(&visitor, "Can I keep my number abroad?", "ask-1")
        .await;

    for webhook in [rebound, literal] {
        let delivery = first_attempt(&server, webhook).await;
        assert_eq!(delivery["status"], "pending", "{delivery}");
        assert_eq!(
            delivery["last_error"], "refused: the receiver's address is not public",
            "{delivery}"
        );
    }
    assert_never_reached(&listener);
}

#[tokio::test]
async fn the_delivery_log_names_the_failure_not_its_details() {
    let server = TestServer::start_with_private_webhooks().await;
    let (listener, port) = untouchable_listener();
    drop(listener);
    let (_, created) = add_webhook(&server, &format!("http://127.0.0.1:{port}/hook")).await;
    let webhook = created["webhook"]["id"].as_i64().unwrap();
    let visitor = server.visitor().await;
    server
        .ask(&visitor, "Why is my bill higher?", "ask-1")
        .await;

    let delivery = first_attempt(&server, webhook).await;
    assert_eq!(delivery["last_error"], "connection refused", "{delivery}");
}
