//! Retention over real HTTP: each site's retention settings (validated, with documented
//! defaults) decide what maintenance prunes: widget activity, "this helped" feedback, and
//! anonymous visitors who asked nothing and have not come back. Rows are aged in the database
//! rather than waited for.

mod common;

use common::{SignedSeconds, TestServer, assert_error, days};
use peerhelp_server::secrets::hash_token;
use reqwest::Method;
use serde_json::{Value, json};

async fn count(db: &sqlx::AnyPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

async fn get(server: &TestServer, token: &str, path: &str) -> (u16, Value) {
    server
        .send(server.call(Method::GET, path, Some(token)))
        .await
}

#[tokio::test]
async fn retention_settings_prune_activity_feedback_and_idle_anonymous_visitors() {
    let server = TestServer::start().await;
    let admin = server.staff("root@acme.test", "Rita Root", "admin").await;
    let (_, settings) = get(&server, &admin, "/settings").await;
    assert_eq!(settings["activity_retention_days"], 90);
    assert_eq!(settings["feedback_retention_days"], 365);
    assert_eq!(settings["anonymous_visitor_retention_days"], 180);
    for bad in [
        json!({"activity_retention_days": 0}),
        json!({"feedback_retention_days": 3651}),
    ] {
        let change = server
            .call(Method::PATCH, "/settings", Some(&admin))
            .json(&bad);
        let (status, body) = server.send(change).await;
        assert_error(status, &body, 422, "invalid_input");
    }
    let change = server
        .call(Method::PATCH, "/settings", Some(&admin))
        .json(&json!({"activity_retention_days": 10, "anonymous_visitor_retention_days": 30}));
    let (status, settings) = server.send(change).await;
    assert_eq!(status, 200, "{settings}");
    assert_eq!(settings["activity_retention_days"], 10);

    let db = server.db().await;
    let refund = server.thread_id("refund-1").await;
    for age in [20, 5] {
        sqlx::query(&format!(
            "INSERT INTO activity (site_id, session, kind, query, created_at)
             VALUES (1, 's', 'search', 'q', {})",
            server.time_literal(days(-age))
        ))
        .execute(&db)
        .await
        .unwrap();
    }
    for age in [400, 300] {
        sqlx::query(&format!(
            "INSERT INTO feedback (thread_id, helped, created_at) VALUES ($1, TRUE, {})",
            server.time_literal(days(-age))
        ))
        .bind(refund)
        .execute(&db)
        .await
        .unwrap();
    }
    // Idle (pruned), recent, idle with a question, and identified: only the first goes.
    let idle = server.visitor().await;
    let recent = server.visitor().await;
    let asker = server.visitor().await;
    server
        .ask(&asker, "Where is my parcel tracking?", "p-1")
        .await;
    server.identified_visitor("cust-7", None).await;
    let aged = server.time_literal(days(-40));
    for table in ["visitors", "visitor_tokens"] {
        let age = format!("UPDATE {table} SET created_at = {aged}");
        sqlx::query(&age).execute(&db).await.unwrap();
    }
    // `recent` came back today with a new session.
    sqlx::query(&format!(
        "UPDATE visitor_tokens SET created_at = {} WHERE token_hash = $1",
        server.time_literal(SignedSeconds(0))
    ))
    .bind(hash_token(&recent))
    .execute(&db)
    .await
    .unwrap();

    let pruned = server.store.prune_personal_data().await.unwrap();
    assert_eq!(
        (pruned.activity, pruned.feedback, pruned.anonymous_visitors),
        (1, 1, 1)
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM activity").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM feedback").await, 1);
    assert_eq!(get(&server, &idle, "/visitors/me/threads").await.0, 401);
    assert_eq!(get(&server, &recent, "/visitors/me/threads").await.0, 200);
    assert_eq!(get(&server, &asker, "/visitors/me/threads").await.0, 200);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM visitors WHERE external_id = 'cust-7'"
        )
        .await,
        1
    );
    assert_eq!(
        server.store.prune_personal_data().await.unwrap(),
        Default::default()
    );
}
