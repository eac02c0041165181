//! `peerhelp copy --to URL` moves a whole SQLite database into PostgreSQL: every table arrives
//! with every row, and a server on the copy carries on where the old one stopped (staff sign
//! in, helpers and visitors keep their sessions, search finds the same threads, new rows get
//! fresh ids). It refuses a target that already holds sites, and a target that is not
//! PostgreSQL. (It needs a PostgreSQL, so it runs in the PostgreSQL pass.)

mod common;

use std::process::{Command, Output};

use common::database::{TestDatabase, connect, on_postgres};
use common::node::Node;
use common::{SITE, TestServer};
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::AnyPool;

fn peerhelp(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peerhelp"))
        .args(args)
        .env("PEERHELP_DATABASE_URL", database_url)
        .output()
        .expect("run peerhelp")
}

/// Every application table with its row count, by name.
async fn row_counts(pool: &AnyPool, tables: &[String]) -> Vec<(String, i64)> {
    let mut counts = Vec::new();
    for table in tables {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let count: i64 = sqlx::query_scalar(&sql).fetch_one(pool).await.unwrap();
        counts.push((table.clone(), count));
    }
    counts
}

/// A community with a bit of everything: helpers' answers, votes, acceptance, staff, a ticket.
async fn busy_site(source: &TestServer) -> (String, String) {
    let asker = source.visitor().await;
    let helper = source.helper("Dana Reyes").await;
    let thread = source.ask(&asker, "Why is my bill higher?", "q1").await;
    let (status, answer) = source
        .answer(&helper, thread["id"].as_i64().unwrap(), "Roaming add-on.")
        .await;
    assert_eq!(status, 201, "{answer}");
    let accept = format!("/answers/{}/accept", answer["id"]);
    let (status, _) = source
        .send(source.call(Method::POST, &accept, Some(&asker)))
        .await;
    assert_eq!(status, 200);
    source.staff("sam@acme.test", "Sam Ortiz", "admin").await;
    let ticket = json!({"thread_id": thread["id"], "message": "Still overcharged.",
        "email": "kim@example.com"});
    let ticket = source
        .call(Method::POST, "/escalations", Some(&asker))
        .header("idempotency-key", "t1")
        .json(&ticket);
    let (status, body) = source.send(ticket).await;
    assert_eq!(status, 201, "{body}");
    (asker, helper)
}

#[tokio::test]
async fn a_whole_sqlite_database_moves_to_postgresql_and_serves_on() {
    if !on_postgres() {
        return;
    }
    let source = TestServer::start_on_sqlite().await;
    let (asker, helper) = busy_site(&source).await;
    let target = TestDatabase::new().await;

    let output = peerhelp(&source.database_url, &["copy", "--to", &target.url]);
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(printed.contains("copied "), "{printed}");

    let (from, into) = (connect(&source.database_url).await, target.pool().await);
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite%' AND name NOT LIKE '\\_sqlx%' ESCAPE '\\' ORDER BY name",
    )
    .fetch_all(&from)
    .await
    .unwrap();
    assert!(tables.len() >= 30, "{tables:?}");
    assert_eq!(
        row_counts(&into, &tables).await,
        row_counts(&from, &tables).await
    );

    // A server on the copy carries on.
    let node = Node::start(&target.url, &[], &[]).await;
    let api = |path: &str| format!("{}/api/v1/sites/{SITE}{path}", node.origin);
    let client = reqwest::Client::new();
    let sign_in = client
        .post(api("/staff/sign-in"))
        .json(&json!({"email": "sam@acme.test", "password": "correct horse battery"}));
    assert_eq!(sign_in.send().await.unwrap().status(), 200);
    let me = client.get(api("/helpers/me")).bearer_auth(&helper);
    let me: Value = me.send().await.unwrap().json().await.unwrap();
    assert_eq!(me["card"]["name"], "Dana Reyes");
    let mine = client.get(api("/visitors/me/threads")).bearer_auth(&asker);
    assert_eq!(mine.send().await.unwrap().status(), 200);
    let search = |origin: &str| {
        let url = format!("{origin}/api/v1/sites/{SITE}/search");
        client.get(url).query(&[("q", "bill higher")]).send()
    };
    let found: Value = search(&node.origin).await.unwrap().json().await.unwrap();
    // Against a node started on the original: both indexes are built from their database at
    // start, where the source's own may not have caught up with the last writes yet.
    let original = Node::start(&source.database_url, &[], &[]).await;
    let before: Value = search(&original.origin)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(found["results"], before["results"]);
    assert!(!before["results"].as_array().unwrap().is_empty());
    let ask = client
        .post(api("/threads"))
        .bearer_auth(&asker)
        .header("idempotency-key", "after-the-move")
        .json(&json!({"title": "Does the copy take new questions?"}));
    assert_eq!(
        ask.send().await.unwrap().status(),
        201,
        "ids go on past the copied ones"
    );

    // A second copy into a database that holds sites is refused, and changes nothing.
    let again = peerhelp(&source.database_url, &["copy", "--to", &target.url]);
    assert!(!again.status.success());
    let error = String::from_utf8_lossy(&again.stderr);
    assert!(error.contains("already holds sites"), "{error}");
}

#[tokio::test]
async fn copy_takes_only_a_postgresql_target() {
    let source = TestDatabase::sqlite();
    let other = TestDatabase::sqlite();
    let output = peerhelp(&source.url, &["copy", "--to", &other.url]);
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("--to takes a PostgreSQL URL"), "{error}");
}
