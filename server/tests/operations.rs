//! What operators and load balancers rely on, over real HTTP: `/healthz` answers while the
//! process runs; `/readyz` only while the database is reachable and has exactly the migrations
//! this build knows.

mod common;

use common::TestServer;
use serde_json::Value;

async fn readyz(server: &TestServer) -> (u16, Value) {
    server.get_json(&server.url("/readyz")).await
}

#[tokio::test]
async fn ready_only_while_the_database_has_exactly_this_builds_migrations() {
    let server = TestServer::start().await;
    let alive = server
        .client
        .get(server.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(alive.status(), 200);
    assert_eq!(
        readyz(&server).await,
        (200, serde_json::json!({ "status": "ready" }))
    );

    let database = server.db().await;
    // A newer build migrated this database (a rollback to an older node, say).
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (99990101000000, 'from a newer build', TRUE, $1, 1)",
    )
    .bind(vec![0u8])
    .execute(&database)
    .await
    .unwrap();
    let (status, body) = readyz(&server).await;
    assert_eq!(status, 503);
    assert_eq!(body["status"], "not_ready");
    assert!(
        body["reason"].as_str().unwrap().contains("99990101000000"),
        "{body}"
    );
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 99990101000000")
        .execute(&database)
        .await
        .unwrap();

    // The database was restored from a backup taken before the latest migration.
    let latest: (i64, String, Vec<u8>, i64) = sqlx::query_as(
        "SELECT version, description, checksum, execution_time FROM _sqlx_migrations
         ORDER BY version DESC LIMIT 1",
    )
    .fetch_one(&database)
    .await
    .unwrap();
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = $1")
        .bind(latest.0)
        .execute(&database)
        .await
        .unwrap();
    let (status, body) = readyz(&server).await;
    assert_eq!(status, 503);
    let reason = body["reason"].as_str().unwrap();
    assert!(
        reason.contains(&latest.0.to_string()) && reason.contains("peerhelp migrate"),
        "{body}"
    );

    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES ($1, $2, TRUE, $3, $4)",
    )
    .bind(latest.0)
    .bind(latest.1)
    .bind(latest.2)
    .bind(latest.3)
    .execute(&database)
    .await
    .unwrap();
    assert_eq!(readyz(&server).await.0, 200);
}
