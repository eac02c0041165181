//! Reply emails: an asker who left an email hears of each reply, delivered to a real SMTP
//! server; a refused delivery is recorded for retry and nothing else is affected.

mod common;

use std::time::Duration;

use common::TestServer;
use reqwest::Method;
use serde_json::{Value, json};

/// Asks as `visitor`, leaving `email` to be told of replies.
async fn ask_with_email(server: &TestServer, visitor: &str, title: &str, email: &str) -> i64 {
    let question = json!({
        "title": title,
        "body": "I am travelling next week.",
        "email": email,
        "page_url": "https://acme.test/help",
    });
    let request = server
        .call(Method::POST, "/threads", Some(visitor))
        .header("idempotency-key", title.replace([' ', '?'], "-"))
        .json(&question);
    let (status, thread) = server.send(request).await;
    assert_eq!(status, 201, "{thread}");
    thread["id"].as_i64().unwrap()
}

/// Waits until `sql` counts `want`, for up to 5 seconds.
async fn wait_for_count(server: &TestServer, sql: &str, want: i64) {
    for _ in 0..100 {
        if server.count(sql).await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{sql} never counted {want}");
}

#[tokio::test]
async fn an_asker_who_left_an_email_is_told_of_each_reply() {
    let (mut sink, server) = TestServer::start_with_mail().await;
    let visitor = server.visitor().await;
    let quiet: Value = server
        .ask(&visitor, "Is there a family plan?", "key-quiet")
        .await;
    let thread = ask_with_email(
        &server,
        &visitor,
        "How do I top up from abroad?",
        "ana@example.com",
    )
    .await;
    let helper = server.helper("Dana Reyes").await;
    // A reply to a question that left no email sends nothing.
    let quiet_id = quiet["id"].as_i64().unwrap();
    let (status, _) = server
        .answer(&helper, quiet_id, "Yes, up to five lines.")
        .await;
    assert_eq!(status, 201);
    let (status, _) = server
        .answer(&helper, thread, "Open the app and choose **Top up**.")
        .await;
    assert_eq!(status, 201);

    let mail = sink.next().await;
    assert_eq!(mail.from, "help@acme.test");
    assert_eq!(mail.to, ["ana@example.com"]);
    for expected in [
        "Subject: New reply to \"How do I top up from abroad?\"",
        "Dana Reyes replied to your question on the Acme Mobile community",
        // The answer as plain text: the Markdown rendered, its markup gone.
        "Open the app and choose Top up.",
        "https://acme.test/help",
    ] {
        assert!(
            mail.data.contains(expected),
            "{expected:?} in {}",
            mail.data
        );
    }
    wait_for_count(
        &server,
        "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL",
        1,
    )
    .await;
    assert_eq!(server.count("SELECT COUNT(*) FROM mail_outbox").await, 1);
}

#[tokio::test]
async fn a_refused_delivery_is_recorded_for_retry() {
    let (mut sink, server) = TestServer::start_with_mail().await;
    let visitor = server.visitor().await;
    let refused =
        ask_with_email(&server, &visitor, "Roaming in Peru?", "refused@example.com").await;
    let helper = server.helper("Dana Reyes").await;
    let (status, _) = server.answer(&helper, refused, "It is included.").await;
    assert_eq!(status, 201, "the reply itself never waits for email");
    wait_for_count(
        &server,
        "SELECT COUNT(*) FROM mail_outbox
         WHERE attempts = 1 AND sent_at IS NULL AND last_error LIKE '%no such mailbox%'",
        1,
    )
    .await;
    // The mailer goes on: the next reply to an address that works is delivered.
    let thread = ask_with_email(&server, &visitor, "eSIM on a new phone?", "ana@example.com").await;
    let (status, _) = server
        .answer(&helper, thread, "Scan the new QR code.")
        .await;
    assert_eq!(status, 201);
    assert_eq!(sink.next().await.to, ["ana@example.com"]);
}
