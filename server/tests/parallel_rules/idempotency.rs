//! Idempotency keys: one key sent many times at once makes one question or one ticket, and
//! every response names it. Escalating one's own question at once under several keys opens one
//! ticket too.

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::TestServer;
use crate::{AT_ONCE, all_at_once, server, statuses};

/// Asserts one 201 and the rest 200, all with the same `field`; returns it.
fn one_created_all_agree(answers: &[(u16, Value)], field: &str) -> Value {
    let counted = statuses(answers);
    assert_eq!(counted.get(&201), Some(&1), "{answers:?}");
    assert_eq!(counted.get(&200), Some(&(AT_ONCE - 1)), "{answers:?}");
    let first = answers[0].1.pointer(field).unwrap().clone();
    assert!(first.is_i64() || first.is_string(), "{first}");
    for (_, body) in answers {
        assert_eq!(body.pointer(field), Some(&first), "{answers:?}");
    }
    first
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_key_sent_at_once_asks_one_question() {
    let server = server().await;
    let visitor = server.visitor().await;
    let asks = (0..AT_ONCE)
        .map(|_| {
            server
                .call(Method::POST, "/threads", Some(&visitor))
                .header("idempotency-key", "ask-once")
                .json(&json!({"title": "Is my parcel lost?", "body": "It left a week ago."}))
        })
        .collect();
    let answers = all_at_once(&server, asks).await;
    one_created_all_agree(&answers, "/id");
    let made = "SELECT COUNT(*) FROM threads WHERE title = 'Is my parcel lost?'";
    assert_eq!(server.count(made).await, 1);
}

fn escalation(
    server: &TestServer,
    visitor: &str,
    key: &str,
    body: &Value,
) -> reqwest::RequestBuilder {
    server
        .call(Method::POST, "/escalations", Some(visitor))
        .header("idempotency-key", key)
        .json(body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_key_sent_at_once_opens_one_ticket() {
    let server = server().await;
    let visitor = server.visitor().await;
    let request = json!({"message": "Cancel my contract, please", "email": "kim@example.com"});
    let escalations = (0..AT_ONCE)
        .map(|_| escalation(&server, &visitor, "escalate-once", &request))
        .collect();
    let answers = all_at_once(&server, escalations).await;
    one_created_all_agree(&answers, "/escalation/reference");
    one_created_all_agree(&answers, "/thread_id");
    assert_eq!(server.count("SELECT COUNT(*) FROM escalations").await, 1);
    let confirmations = "SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'kim@example.com'";
    assert_eq!(
        server.count(confirmations).await,
        1,
        "one confirmation email"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn escalating_ones_question_at_once_under_many_keys_opens_one_ticket() {
    let server = server().await;
    let visitor = server.visitor().await;
    let thread = server
        .ask(&visitor, "My router keeps rebooting", "ask-1")
        .await;
    let request = json!({"thread_id": thread["id"], "email": "kim@example.com"});
    let escalations = (0..AT_ONCE)
        .map(|n| escalation(&server, &visitor, &format!("escalate-{n}"), &request))
        .collect();
    let answers = all_at_once(&server, escalations).await;
    one_created_all_agree(&answers, "/escalation/reference");
    assert_eq!(server.count("SELECT COUNT(*) FROM escalations").await, 1);
}
