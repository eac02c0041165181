//! Shared by the privacy suites: one customer, Ada, with everything a visitor can leave
//! behind (a question, a vote, a flag, a ticket, emails, widget activity), a bystander, and the
//! calls and row counts the tests compare.

#![allow(dead_code)] // each suite uses a different part of this helper

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::TestServer;

pub const EMAIL: &str = "ada@example.com";
pub const CUSTOMER: &str = "cust-42";
pub const QUESTION: &str = "Why was my Zorbo bundle cancelled?";

/// What one customer, Ada, left behind, and a bystander who must be untouched.
pub struct Seeded {
    pub ada: String,
    pub ada_id: i64,
    pub thread: i64,
    pub bystander_thread: i64,
    pub db: sqlx::AnyPool,
}

pub async fn count(db: &sqlx::AnyPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

/// Ada, identified, asks a question from widget session `s-ada` (leaving her email), gets a
/// peer answer, upvotes it, flags a community answer, escalates and gets a staff reply (two
/// emails queued to her). A bystander asks a question too.
pub async fn seed(server: &TestServer, admin: &str) -> Seeded {
    let ada = server.identified_visitor(CUSTOMER, Some(EMAIL)).await;
    let ask = server
        .call(Method::POST, "/threads?session=s-ada", Some(&ada))
        .header("idempotency-key", "ada-1")
        .json(
            &json!({"title": QUESTION, "body": "It vanished.", "email": EMAIL,
            "page_url": "https://shop.acme.test/account"}),
        );
    let (status, thread) = server.send(ask).await;
    assert_eq!(status, 201, "{thread}");
    let thread = thread["id"].as_i64().unwrap();
    let helper = server.helper("Peer Helper").await;
    let (status, answer) = server
        .answer(&helper, thread, "Bundles end after a year.")
        .await;
    assert_eq!(status, 201, "{answer}");
    let vote = format!("/answers/{}/vote", answer["id"]);
    assert_eq!(
        server
            .send(server.call(Method::POST, &vote, Some(&ada)))
            .await
            .0,
        200
    );
    let refund = server.thread_id("refund-1").await;
    let (_, community) = server
        .get_json(&server.api(&format!("/threads/{refund}")))
        .await;
    let flag = format!("/answers/{}/flags", community["answers"][0]["id"]);
    let flag = server
        .call(Method::POST, &flag, Some(&ada))
        .json(&json!({"reason": "wrong"}));
    assert_eq!(server.send(flag).await.0, 204);
    let feedback = server
        .call(
            Method::POST,
            &format!("/threads/{refund}/feedback"),
            Some(&ada),
        )
        .json(&json!({"helped": true, "query": "double charge"}));
    assert_eq!(server.send(feedback).await.0, 200);
    let escalate = server
        .call(Method::POST, "/escalations?session=s-ada", Some(&ada))
        .header("idempotency-key", "ada-esc")
        .json(&json!({"thread_id": thread, "message": "Please restore my bundle."}));
    let (status, escalated) = server.send(escalate).await;
    assert_eq!(status, 201, "{escalated}");
    let reference = escalated["escalation"]["reference"].as_str().unwrap();
    assert_eq!(
        server.staff_reply(admin, reference, "Restored.").await.0,
        201
    );
    let bystander = server.visitor().await;
    let bystander_thread = server
        .ask(&bystander, "How do I top up abroad?", "b-1")
        .await["id"]
        .as_i64()
        .unwrap();

    let db = server.db().await;
    let ada_id = count(
        &db,
        &format!("SELECT id FROM visitors WHERE external_id = '{CUSTOMER}'"),
    )
    .await;
    // Activity is written in batches off the request path.
    for _ in 0..100 {
        if count(&db, "SELECT COUNT(*) FROM activity WHERE session = 's-ada'").await == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM activity WHERE session = 's-ada'").await,
        2
    );
    Seeded {
        ada,
        ada_id,
        thread,
        bystander_thread,
        db,
    }
}

pub async fn get(server: &TestServer, token: &str, path: &str) -> (u16, Value) {
    server
        .send(server.call(Method::GET, path, Some(token)))
        .await
}

pub async fn erase(server: &TestServer, token: &str, visitor: i64, body: Value) -> (u16, Value) {
    let path = format!("/privacy/visitors/{visitor}/erase");
    server
        .send(server.call(Method::POST, &path, Some(token)).json(&body))
        .await
}

/// Rows that hold Ada's data, in one line for before/after comparisons.
pub async fn ada_rows(seeded: &Seeded) -> Vec<i64> {
    let v = seeded.ada_id;
    let mut rows = Vec::new();
    for sql in [
        format!("SELECT COUNT(*) FROM visitors WHERE id = {v}"),
        format!("SELECT COUNT(*) FROM visitor_tokens WHERE visitor_id = {v}"),
        format!("SELECT COUNT(*) FROM threads WHERE visitor_id = {v}"),
        format!("SELECT COUNT(*) FROM answer_votes WHERE visitor_id = {v}"),
        format!("SELECT COUNT(*) FROM answer_flags WHERE visitor_id = {v}"),
        format!("SELECT COUNT(*) FROM feedback WHERE visitor_id = {v}"),
        format!("SELECT COUNT(*) FROM mail_outbox WHERE recipient = '{EMAIL}'"),
        "SELECT COUNT(*) FROM activity WHERE session = 's-ada'".to_owned(),
        format!("SELECT COUNT(*) FROM escalations WHERE contact_email = '{EMAIL}'"),
    ] {
        rows.push(count(&seeded.db, &sql).await);
    }
    rows
}
