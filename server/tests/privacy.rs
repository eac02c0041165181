//! Privacy requests over real HTTP: a staff admin finds a visitor by email or customer id and
//! exports everything stored about them; agents and other sites' staff are refused. (Erasure:
//! erasure.rs; retention: retention.rs.)

mod common;
mod privacy_support;

use common::{TestServer, assert_error};
use privacy_support::*;
use serde_json::json;

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
