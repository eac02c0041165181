//! Erasing a visitor over real HTTP: their questions anonymized or deleted (and gone from
//! search), sessions, addresses, votes, flags, mail and activity removed, all or nothing and
//! audited. (Finding and exporting: privacy.rs.)

mod common;
mod privacy_support;

use std::time::Duration;

use common::database::on_postgres;
use common::{TestServer, assert_error};
use futures_util::StreamExt;
use privacy_support::*;
use serde_json::json;

#[tokio::test]
async fn erasing_with_anonymize_keeps_the_question_without_its_author() {
    let server = TestServer::start().await;
    let admin = server.staff("root@acme.test", "Rita Root", "admin").await;
    let seeded = seed(&server, &admin).await;
    assert_eq!(ada_rows(&seeded).await, [1, 1, 1, 1, 1, 1, 3, 2, 1]);
    let threads_before = count(&seeded.db, "SELECT COUNT(*) FROM threads").await;

    let (status, erased) = erase(
        &server,
        &admin,
        seeded.ada_id,
        json!({"content": "anonymize"}),
    )
    .await;
    assert_eq!(status, 200, "{erased}");
    assert_eq!(
        erased,
        json!({"threads_anonymized": 1, "threads_deleted": 0, "sessions_ended": 1,
            "emails_dropped": 3, "activity_removed": 2})
    );
    assert_eq!(ada_rows(&seeded).await, [0; 9]);
    assert_eq!(
        count(&seeded.db, "SELECT COUNT(*) FROM threads").await,
        threads_before
    );
    let (status, thread) = server
        .get_json(&server.api(&format!("/threads/{}", seeded.thread)))
        .await;
    assert_eq!((status, thread["title"].as_str()), (200, Some(QUESTION)));
    let leftovers = count(
        &seeded.db,
        &format!(
            "SELECT COUNT(*) FROM threads WHERE id = {} AND (email IS NOT NULL OR page_url IS NOT NULL)",
            seeded.thread
        ),
    )
    .await;
    assert_eq!(leftovers, 0);
    // Her session ended at once; the bystander is untouched.
    let (status, body) = get(&server, &seeded.ada, "/visitors/me/threads").await;
    assert_error(status, &body, 401, "unauthorized");
    let bystander = format!(
        "SELECT COUNT(*) FROM threads WHERE id = {} AND visitor_id IS NOT NULL",
        seeded.bystander_thread
    );
    assert_eq!(count(&seeded.db, &bystander).await, 1);
    // Audited, without what was erased.
    let (_, log) = get(&server, &admin, "/audit-log").await;
    let entry = &log["entries"][0];
    assert_eq!(entry["action"], "privacy.erased");
    let entry = entry.to_string();
    assert!(
        !entry.contains(EMAIL) && !entry.contains(CUSTOMER) && !entry.contains("Ada"),
        "{entry}"
    );
    // Found no more, and a second erasure finds nothing to erase.
    let (_, found) = get(&server, &admin, "/privacy/visitors?email=ada@example.com").await;
    assert_eq!(found["visitors"], json!([]));
    let (status, body) = erase(&server, &admin, seeded.ada_id, json!({"content": "delete"})).await;
    assert_error(status, &body, 404, "not_found");
}

/// An erased visitor's open stream must end with their session: SQLite may give their number
/// to the next visitor, whose private events the stream would otherwise go on delivering.
#[tokio::test]
async fn erasing_ends_the_visitors_open_stream() {
    let server = TestServer::start().await;
    let admin = server.staff("root@acme.test", "Rita Root", "admin").await;
    let seeded = seed(&server, &admin).await;
    let response = server
        .client
        .get(server.events_url(&seeded.ada))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut stream = response.bytes_stream();

    let (status, erased) =
        erase(&server, &admin, seeded.ada_id, json!({"content": "delete"})).await;
    assert_eq!(status, 200, "{erased}");

    let ended = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(chunk) = stream.next().await {
            chunk.unwrap();
        }
    })
    .await;
    assert!(ended.is_ok(), "the erased visitor's stream stayed open");
}

#[tokio::test]
async fn erasing_with_delete_removes_the_question_from_threads_and_search() {
    let server = TestServer::start().await;
    let admin = server.staff("root@acme.test", "Rita Root", "admin").await;
    let seeded = seed(&server, &admin).await;
    let mut found = Vec::new();
    for _ in 0..100 {
        found = server.search_thread_ids("Zorbo bundle cancelled").await;
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(found, [seeded.thread]);
    let (status, erased) = erase(
        &server,
        &server.admin_token,
        seeded.ada_id,
        json!({"content": "delete"}),
    )
    .await;
    assert_eq!(status, 200, "{erased}");
    assert_eq!(erased["threads_deleted"], 1);
    assert_eq!(ada_rows(&seeded).await, [0; 9]);
    let gone = format!("SELECT COUNT(*) FROM threads WHERE id = {}", seeded.thread);
    assert_eq!(count(&seeded.db, &gone).await, 0);
    let answers = format!(
        "SELECT COUNT(*) FROM answers WHERE thread_id = {}",
        seeded.thread
    );
    assert_eq!(count(&seeded.db, &answers).await, 0);
    let (status, _) = server
        .get_json(&server.api(&format!("/threads/{}", seeded.thread)))
        .await;
    assert_eq!(status, 404);
    // The handler brought this node's index up to date before answering.
    assert!(
        server
            .search_thread_ids("Zorbo bundle cancelled")
            .await
            .is_empty()
    );

    // SQLite numbers a new thread one past the highest id left, so with both asked threads
    // gone the next one takes Ada's erased id; erasing it too must work. (PostgreSQL's
    // identities never give an id twice: there the new thread is simply erased.)
    let asker_of = |thread: i64| format!("SELECT visitor_id FROM threads WHERE id = {thread}");
    let bystander = count(&seeded.db, &asker_of(seeded.bystander_thread)).await;
    let delete = json!({"content": "delete"});
    assert_eq!(
        erase(&server, &admin, bystander, delete.clone()).await.0,
        200
    );
    let newcomer = server.visitor().await;
    let reused = server
        .ask(&newcomer, "Is there a Zorbo bundle now?", "n-1")
        .await["id"]
        .as_i64()
        .unwrap();
    if !on_postgres() {
        assert_eq!(reused, seeded.thread);
    }
    let newcomer = count(&seeded.db, &asker_of(reused)).await;
    let (status, erased) = erase(&server, &admin, newcomer, delete).await;
    assert_eq!((status, erased["threads_deleted"].as_i64()), (200, Some(1)));
    assert!(server.search_thread_ids("Zorbo bundle").await.is_empty());
}

#[tokio::test]
async fn an_erasure_is_all_or_nothing_and_refuses_bad_requests() {
    let server = TestServer::start().await;
    let admin = server.staff("root@acme.test", "Rita Root", "admin").await;
    let seeded = seed(&server, &admin).await;
    let before = ada_rows(&seeded).await;

    for body in [json!({"content": "shred"}), json!({})] {
        let (status, body) = erase(&server, &admin, seeded.ada_id, body).await;
        assert_error(status, &body, 422, "invalid_input");
    }
    let (status, body) = get(&server, &admin, "/privacy/visitors/ada/export").await;
    assert_error(status, &body, 400, "bad_request");
    // A visitor of another site is not this site's to erase.
    let globex = server
        .client
        .post(server.url("/api/v1/sites/globex/visitors"))
        .send()
        .await
        .unwrap();
    assert_eq!(globex.status(), 201);
    let other = count(&seeded.db, "SELECT MAX(id) FROM visitors").await;
    let (status, body) = erase(&server, &admin, other, json!({"content": "delete"})).await;
    assert_error(status, &body, 404, "not_found");

    // The last step fails: everything before it is rolled back.
    let refusal: &[&str] = if on_postgres() {
        &[
            "CREATE FUNCTION refuse_by_the_test() RETURNS trigger LANGUAGE plpgsql
             AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
            "CREATE TRIGGER refuse_visitor_delete BEFORE DELETE ON visitors
             FOR EACH ROW EXECUTE FUNCTION refuse_by_the_test()",
        ]
    } else {
        &[
            "CREATE TRIGGER refuse_visitor_delete BEFORE DELETE ON visitors
           BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
        ]
    };
    for statement in refusal {
        sqlx::query(statement).execute(&seeded.db).await.unwrap();
    }
    let (status, _) = erase(&server, &admin, seeded.ada_id, json!({"content": "delete"})).await;
    assert_eq!(status, 500);
    assert_eq!(ada_rows(&seeded).await, before);
    assert!(
        !server
            .audit_actions(&admin)
            .await
            .contains(&"privacy.erased".to_owned())
    );
    assert_eq!(
        get(&server, &seeded.ada, "/visitors/me/threads").await.0,
        200
    );
}
