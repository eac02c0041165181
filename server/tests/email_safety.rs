//! Emails to an address a visitor typed cannot carry that visitor's words to a stranger, and
//! cannot flood one: ticket emails hold only the reference and the brand's (and its staff's)
//! words, and confirmations are limited per recipient, per visitor and per client address,
//! while the requests themselves still succeed.

mod common;

use common::TestServer;
use peerhelp_server::store::{
    CONFIRMATIONS_PER_IP_AN_HOUR, CONFIRMATIONS_PER_RECIPIENT_A_DAY,
    CONFIRMATIONS_PER_VISITOR_A_DAY,
};
use reqwest::Method;
use serde_json::{Value, json};

/// Text a spammer would like a brand to mail to strangers.
const SPAM: &str = "WIN A PRIZE: claim it at https://prize.evil.test/claim now";
const SPAM_PAGE: &str = "https://prize.evil.test/landing";

/// Opens a ticket as `visitor` with `email`; asserts it was created and returns the reply.
async fn escalate(server: &TestServer, visitor: &str, key: &str, email: &str) -> Value {
    let request = server
        .call(Method::POST, "/escalations", Some(visitor))
        .header("idempotency-key", key)
        .json(&json!({"message": SPAM, "email": email, "page_url": SPAM_PAGE}));
    let (status, created) = server.send(request).await;
    assert_eq!(status, 201, "{created}");
    created
}

/// The subject and body of every email queued to `recipient`, oldest first.
async fn queued_to(server: &TestServer, recipient: &str) -> Vec<(String, String)> {
    let pool = server.db().await;
    sqlx::query_as("SELECT subject, body FROM mail_outbox WHERE recipient = $1 ORDER BY id")
        .bind(recipient)
        .fetch_all(&pool)
        .await
        .unwrap()
}

fn assert_no_visitor_text(subject: &str, body: &str) {
    for visitor_text in ["prize", "evil.test", "WIN"] {
        assert!(
            !subject.contains(visitor_text) && !body.contains(visitor_text),
            "{visitor_text:?} in {subject}\n{body}"
        );
    }
}

#[tokio::test]
async fn ticket_emails_carry_the_reference_and_the_brands_words_only() {
    let (mut sink, server) = TestServer::start_with_mail().await;
    let visitor = server.visitor().await;
    let created = escalate(&server, &visitor, "k1", "stranger@example.com").await;
    let reference = created["escalation"]["reference"].as_str().unwrap();

    let delivered = sink.next().await;
    assert_eq!(delivered.to, ["stranger@example.com"]);
    let queued = queued_to(&server, "stranger@example.com").await;
    let (subject, body) = &queued[0];
    assert!(subject.contains(reference), "{subject}");
    assert!(
        body.contains(reference) && body.contains("Acme Mobile"),
        "{body}"
    );
    assert_no_visitor_text(subject, body);

    // A staff reply goes to the same typed address: the staff's words, not the visitor's.
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let reply = server
        .call(
            Method::POST,
            &format!("/escalations/{reference}/replies"),
            Some(&agent),
        )
        .json(&json!({"body": "We did not send you anything; no action is needed."}));
    let (status, answer) = server.send(reply).await;
    assert_eq!(status, 201, "{answer}");
    sink.next().await;
    let queued = queued_to(&server, "stranger@example.com").await;
    let (subject, body) = &queued[1];
    assert!(
        body.contains("no action is needed") && body.contains(reference),
        "{body}"
    );
    assert_no_visitor_text(subject, body);
}

#[tokio::test]
async fn one_address_gets_at_most_three_confirmations_a_day_however_it_is_written() {
    let server = TestServer::start().await;
    let spellings = [
        "victim@example.com",
        "Victim@Example.com",
        "victim+help@example.com",
        "VICTIM@example.com",
    ];
    for (n, email) in spellings.iter().enumerate() {
        let visitor = server.visitor().await;
        escalate(&server, &visitor, &format!("k{n}"), email).await;
    }
    assert_eq!(
        server.count("SELECT COUNT(*) FROM escalations").await,
        4,
        "every request still reaches the team"
    );
    assert_eq!(
        server.count("SELECT COUNT(*) FROM mail_outbox").await,
        CONFIRMATIONS_PER_RECIPIENT_A_DAY
    );
    // Another address is not affected.
    let visitor = server.visitor().await;
    escalate(&server, &visitor, "other", "someone.else@example.com").await;
    assert_eq!(
        queued_to(&server, "someone.else@example.com").await.len(),
        1
    );
}

#[tokio::test]
async fn one_visitor_gets_a_few_confirmations_a_day_to_any_addresses() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let requests = CONFIRMATIONS_PER_VISITOR_A_DAY + 1;
    for n in 0..requests {
        escalate(
            &server,
            &visitor,
            &format!("k{n}"),
            &format!("person{n}@example.com"),
        )
        .await;
    }
    assert_eq!(
        server.count("SELECT COUNT(*) FROM escalations").await,
        requests
    );
    assert_eq!(
        server.count("SELECT COUNT(*) FROM mail_outbox").await,
        CONFIRMATIONS_PER_VISITOR_A_DAY
    );
}

#[tokio::test]
async fn one_client_address_gets_a_few_confirmations_an_hour_across_visitors() {
    let server = TestServer::start().await;
    let requests = CONFIRMATIONS_PER_IP_AN_HOUR + 1;
    for n in 0..requests {
        let visitor = server.visitor().await;
        escalate(&server, &visitor, "k", &format!("person{n}@example.com")).await;
    }
    assert_eq!(
        server.count("SELECT COUNT(*) FROM escalations").await,
        requests
    );
    assert_eq!(
        server.count("SELECT COUNT(*) FROM mail_outbox").await,
        CONFIRMATIONS_PER_IP_AN_HOUR
    );
}
