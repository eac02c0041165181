//! The outboxes' backlogs and the age of their oldest delivery, read at each scrape.

use std::time::Duration;

use peerhelp_server::metrics::*;
use peerhelp_server::retry::MAX_ATTEMPTS;
use peerhelp_server::security::SecurityConfig;
use reqwest::Method;
use serde_json::json;

use crate::common::TestServer;
use crate::exposition::*;

fn backlog(samples: &[Sample], outbox: &str) -> (f64, f64) {
    let labels = [("outbox", outbox)];
    let waiting = value(samples, OUTBOX_BACKLOG, &labels).expect("a backlog gauge");
    let age = value(samples, OUTBOX_OLDEST_AGE, &labels).expect("an age gauge");
    (waiting, age)
}

/// Changes the server's database behind its back.
async fn write(server: &TestServer, sql: &str) {
    let database = server.db().await;
    sqlx::query(sql).execute(&database).await.unwrap();
}

#[tokio::test]
async fn waiting_emails_and_webhook_deliveries_show_with_the_age_of_the_oldest() {
    // No SMTP server: emails wait. A receiver that is not there: deliveries fail and wait.
    let server = TestServer::start_with_stopped_clock_and(SecurityConfig {
        allow_private_webhooks: true,
        ..with_token()
    })
    .await;
    let samples = scrape(&server).await;
    assert_eq!(backlog(&samples, "mail"), (0.0, 0.0));
    assert_eq!(backlog(&samples, "webhooks"), (0.0, 0.0));
    let absent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", absent.local_addr().unwrap());
    drop(absent);
    let webhook = json!({"url": url, "events": ["escalation.created"]});
    let request = server.call(Method::POST, "/webhooks", Some(&server.admin_token));
    assert_eq!(server.send(request.json(&webhook)).await.0, 201);

    let visitor = server.visitor().await;
    let thread = server
        .ask(&visitor, "My eSIM will not activate", "ask-1")
        .await;
    let escalation = json!({
        "thread_id": thread["id"],
        "message": "I tried the QR code twice.",
        "email": "kim@example.com",
    });
    let request = server
        .call(Method::POST, "/escalations", Some(&visitor))
        .header("idempotency-key", "esc-1")
        .json(&escalation);
    assert_eq!(server.send(request).await.0, 201);
    // Less than the first retry's wait, so the delivery is tried at most once meanwhile.
    server.clock.advance(Duration::from_secs(25));

    let samples = scrape(&server).await;
    assert_eq!(backlog(&samples, "mail"), (1.0, 25.0));
    assert_eq!(backlog(&samples, "webhooks"), (1.0, 25.0));
    // An email given up after its last attempt no longer waits.
    let given_up = format!("UPDATE mail_outbox SET attempts = {MAX_ATTEMPTS}");
    write(&server, &given_up).await;
    let samples = scrape(&server).await;
    assert_eq!(backlog(&samples, "mail"), (0.0, 0.0));
    assert_eq!(backlog(&samples, "webhooks"), (1.0, 25.0));
}

#[tokio::test]
async fn a_scrape_still_answers_when_the_outboxes_cannot_be_read() {
    let server = TestServer::start_with_stopped_clock_and(with_token()).await;
    write(
        &server,
        "ALTER TABLE mail_outbox RENAME TO mail_outbox_elsewhere",
    )
    .await;
    let samples = scrape(&server).await;
    for outbox in ["mail", "webhooks"] {
        let (waiting, age) = backlog(&samples, outbox);
        assert!(
            waiting.is_nan() && age.is_nan(),
            "{outbox}: {waiting} {age}"
        );
    }
    assert_eq!(value(&samples, DB_MAX, &[]), Some(8.0));
}
