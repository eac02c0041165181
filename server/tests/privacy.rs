//! Privacy requests over real HTTP: a staff admin finds a visitor by email or customer id,
//! exports everything stored about them and erases it (questions anonymized or deleted), all or
//! nothing and audited; agents and other sites' staff are refused. (Retention: retention.rs.)

mod common;

use std::time::Duration;

use common::{TestServer, assert_error};
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::SqlitePool;

const EMAIL: &str = "ada@example.com";
const CUSTOMER: &str = "cust-42";
const QUESTION: &str = "Why was my Zorbo bundle cancelled?";

/// What one customer, Ada, left behind, and a bystander who must be untouched.
struct Seeded {
    ada: String,
    ada_id: i64,
    thread: i64,
    bystander_thread: i64,
    db: SqlitePool,
}

async fn count(db: &SqlitePool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db).await.unwrap()
}

/// Ada, identified, asks a question from widget session `s-ada` (leaving her email), gets a
/// peer answer, upvotes it, flags a community answer, escalates and gets a staff reply (two
/// emails queued to her). A bystander asks a question too.
async fn seed(server: &TestServer, admin: &str) -> Seeded {
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

    let db = SqlitePool::connect(&server.database_url).await.unwrap();
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

async fn get(server: &TestServer, token: &str, path: &str) -> (u16, Value) {
    server
        .send(server.call(Method::GET, path, Some(token)))
        .await
}

async fn erase(server: &TestServer, token: &str, visitor: i64, body: Value) -> (u16, Value) {
    let path = format!("/privacy/visitors/{visitor}/erase");
    server
        .send(server.call(Method::POST, &path, Some(token)).json(&body))
        .await
}

/// Rows that hold Ada's data, in one line for before/after comparisons.
async fn ada_rows(seeded: &Seeded) -> Vec<i64> {
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

#[tokio::test]
async fn a_staff_admin_finds_a_visitor_by_email_or_customer_id() {
    let server = TestServer::start().await;
    let admin = server.staff("root@acme.test", "Rita Root", "admin").await;
    let seeded = seed(&server, &admin).await;

    for query in ["email=ADA@Example.com", "customer_id=cust-42"] {
        let (status, found) = get(&server, &admin, &format!("/privacy/visitors?{query}")).await;
        assert_eq!(status, 200, "{found}");
        assert_eq!(found["visitors"].as_array().unwrap().len(), 1, "{found}");
        assert_eq!(found["visitors"][0]["id"], seeded.ada_id);
        assert_eq!(found["visitors"][0]["customer_id"], CUSTOMER);
        assert_eq!(found["visitors"][0]["threads"], 1);
    }
    let (status, found) = get(&server, &admin, "/privacy/visitors?customer_id=nobody").await;
    assert_eq!((status, found["visitors"].clone()), (200, json!([])));
    for query in [
        "",
        "?email=a@b.c&customer_id=x",
        "?email=not-an-email",
        "?customer_id=",
    ] {
        let (status, body) = get(&server, &admin, &format!("/privacy/visitors{query}")).await;
        assert_error(status, &body, 422, "invalid_input");
    }

    // Agents are refused; other sites' staff and visitors are not staff here.
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let elsewhere = server.staff_of_other_site().await;
    let export = format!("/privacy/visitors/{}/export", seeded.ada_id);
    for path in ["/privacy/visitors?email=ada@example.com", &export] {
        let (status, body) = get(&server, &agent, path).await;
        assert_error(status, &body, 403, "forbidden");
        let (status, body) = get(&server, &elsewhere, path).await;
        assert_error(status, &body, 401, "unauthorized");
        let (status, body) = get(&server, &seeded.ada, path).await;
        assert_error(status, &body, 401, "unauthorized");
    }
    let before = ada_rows(&seeded).await;
    for token in [&agent, &elsewhere] {
        let (status, _) = erase(&server, token, seeded.ada_id, json!({"content": "delete"})).await;
        assert!(status == 403 || status == 401);
    }
    assert_eq!(ada_rows(&seeded).await, before);
}

#[tokio::test]
async fn an_export_holds_everything_stored_about_the_visitor_but_no_token() {
    let server = TestServer::start().await;
    let admin = server.staff("root@acme.test", "Rita Root", "admin").await;
    let seeded = seed(&server, &admin).await;

    let path = format!("/privacy/visitors/{}/export", seeded.ada_id);
    let (status, export) = get(&server, &admin, &path).await;
    assert_eq!(status, 200, "{export}");
    assert_eq!(export["visitor"]["email"], EMAIL);
    assert_eq!(export["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(export["threads"][0]["title"], QUESTION);
    assert_eq!(export["threads"][0]["email"], EMAIL);
    let answers: Vec<&str> = export["threads"][0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["body"].as_str().unwrap())
        .collect();
    assert_eq!(answers, ["Bundles end after a year.", "Restored."]);
    assert_eq!(export["threads"][0]["answers"][1]["staff_reply"], true);
    assert_eq!(export["votes"].as_array().unwrap().len(), 1);
    assert_eq!(export["flags"][0]["reason"], "wrong");
    assert_eq!(export["feedback"][0]["query"], "double charge");
    assert_eq!(
        export["escalations"][0]["message"],
        "Please restore my bundle."
    );
    assert_eq!(export["emails"].as_array().unwrap().len(), 3, "{export}");
    assert!(
        export["emails"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["recipient"] == EMAIL)
    );
    let kinds: Vec<&str> = export["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["ask", "escalate"]);
    // Neither the session token nor its stored hash is in it.
    let text = export.to_string();
    assert!(!text.contains(&seeded.ada), "{text}");
    let hash: String = sqlx::query_scalar("SELECT token_hash FROM visitor_tokens LIMIT 1")
        .fetch_one(&seeded.db)
        .await
        .unwrap();
    assert!(!text.contains(&hash));
    assert_eq!(server.audit_actions(&admin).await[0], "privacy.exported");

    let (status, body) = get(&server, &admin, "/privacy/visitors/999999/export").await;
    assert_error(status, &body, 404, "not_found");
}

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
    // gone the next one takes Ada's erased id; erasing it too must work.
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
    assert_eq!(reused, seeded.thread);
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
    sqlx::query(
        "CREATE TRIGGER refuse_visitor_delete BEFORE DELETE ON visitors
         BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
    )
    .execute(&seeded.db)
    .await
    .unwrap();
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
