//! Live events commit in the order of their ids, so a stream following ids never skips one. On
//! PostgreSQL ids are handed out at insert and shown at commit: while another node's
//! transaction holds an event it has not committed, a new event waits for it instead of
//! committing a higher id first. (SQLite admits one writer at a time, so there it cannot
//! happen; the test runs on PostgreSQL.)

mod common;

use std::time::Duration;

use common::TestServer;
use common::database::on_postgres;
use peerhelp_server::store::EVENT_LOG_LOCK;
use reqwest::Method;
use serde_json::json;

/// Longest the test waits for the server to act before calling it a failure.
const PATIENCE: Duration = Duration::from_secs(10);

#[tokio::test]
async fn an_event_waits_for_an_uncommitted_lower_one_instead_of_overtaking_it() {
    if !on_postgres() {
        return;
    }
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let db = server.db().await;

    // Another node is midway through a transaction that wrote an event.
    let mut other_node = db.begin().await.unwrap();
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
        .bind(EVENT_LOG_LOCK)
        .execute(&mut *other_node)
        .await
        .unwrap();
    let first: i64 = sqlx::query_scalar(
        "INSERT INTO events (site_id, audience, payload, created_at)
         VALUES (1, 'everyone', '{\"presence_changed\":{\"helpers\":[]}}', now()) RETURNING id",
    )
    .fetch_one(&mut *other_node)
    .await
    .unwrap();

    // A question asked now writes an event too (for the helpers): it must wait.
    let asking = {
        let request = server
            .call(Method::POST, "/threads", Some(&visitor))
            .header("idempotency-key", "order-1")
            .json(&json!({"title": "Does my plan include roaming in Norway?"}));
        let (client, request) = (server.client.clone(), request.build().unwrap());
        tokio::spawn(async move { client.execute(request).await.unwrap().status() })
    };
    let waiting = tokio::time::timeout(PATIENCE, async {
        loop {
            let waiters: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
            )
            .fetch_one(&db)
            .await
            .unwrap();
            if waiters > 0 {
                break;
            }
            tokio::task::yield_now().await;
        }
    })
    .await;
    assert!(
        waiting.is_ok(),
        "the new event committed while a lower one was still open"
    );
    let visible: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM events WHERE id >= $1")
        .bind(first)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(
        visible, None,
        "nothing at or after the open event shows yet"
    );

    other_node.commit().await.unwrap();
    assert_eq!(asking.await.unwrap(), 201);
    let after: Vec<i64> = sqlx::query_scalar("SELECT id FROM events WHERE id >= $1 ORDER BY id")
        .bind(first)
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(after.first(), Some(&first), "{after:?}");
    assert!(after.len() >= 2, "the question's event follows: {after:?}");
}
