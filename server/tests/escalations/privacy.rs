//! A request from the panel stays between the visitor and staff; only the site's staff work tickets.

use crate::common::{OTHER_SITE, TestServer, assert_error};
use crate::requests::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_request_from_the_panel_is_private_to_the_visitor_and_staff() {
    let (_sink, server) = TestServer::start_with_mail().await;
    let visitor = server.visitor().await;
    let refund = server.thread_id("refund-1").await;

    // An anonymous visitor must say where to reach them; a request must say what it is.
    let no_email = json!({"message": "Please cancel my contract"});
    let (status, body) = escalate(&server, &visitor, "k1", no_email).await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = escalate(
        &server,
        &visitor,
        "k2",
        json!({"thread_id": refund, "email": "kim@example.com"}),
    )
    .await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) = escalate(
        &server,
        &visitor,
        "k3",
        json!({"thread_id": 999_999, "message": "Where is this one?", "email": "kim@example.com"}),
    )
    .await;
    assert_error(status, &body, 404, "not_found");
    assert_eq!(server.count("SELECT COUNT(*) FROM escalations").await, 0);

    // From someone else's thread: a new private thread, with that thread attached.
    let request = json!({
        "thread_id": refund,
        "message": "I was charged twice for order 5521\nThe dispute button is missing.",
        "email": "kim@example.com",
    });
    let (status, created) = escalate(&server, &visitor, "k4", request).await;
    assert_eq!(status, 201, "{created}");
    let private = created["thread_id"].as_i64().unwrap();
    assert_ne!(private, refund);
    let (status, mine) = server
        .send(server.call(Method::GET, &format!("/threads/{private}"), Some(&visitor)))
        .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["title"], "I was charged twice for order 5521");
    assert_eq!(mine["viewer"]["is_asker"], true);

    // Nobody else reads it, helpers cannot answer it, search never finds it.
    let stranger = server.visitor().await;
    for token in [None, Some(stranger.as_str())] {
        let (status, body) = server
            .send(server.call(Method::GET, &format!("/threads/{private}"), token))
            .await;
        assert_error(status, &body, 404, "not_found");
    }
    let helper = server.helper("Curious Helper").await;
    let (status, body) = server.answer(&helper, private, "Let me look.").await;
    assert_error(status, &body, 404, "not_found");
    // A public question asked after it is searchable once the index has caught up, which
    // means the index has seen the private thread too.
    let public = server
        .ask(&stranger, "Charged twice for order 5521 too", "k5")
        .await["id"]
        .as_i64()
        .unwrap();
    let mut hits = Vec::new();
    for _ in 0..100 {
        hits = server.search_thread_ids("charged twice order 5521").await;
        if hits.contains(&public) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        hits.contains(&public),
        "the index never caught up: {hits:?}"
    );
    assert!(!hits.contains(&private), "{hits:?}");

    // Staff see the request with the thread it came from.
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let reference = created["escalation"]["reference"].as_str().unwrap();
    let (status, detail) = staff_get(&server, &agent, &format!("/escalations/{reference}")).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["thread"]["id"], private);
    assert_eq!(detail["source_thread"]["id"], refund);
}

#[tokio::test]
async fn only_this_sites_staff_work_tickets() {
    let (_sink, server) = TestServer::start_with_mail().await;
    let visitor = server.visitor().await;
    let request = json!({"message": "Please close my account", "email": "kim@example.com"});
    let (_, created) = escalate(&server, &visitor, "k1", request).await;
    let reference = created["escalation"]["reference"].as_str().unwrap();

    // Visitors' and helpers' tokens are not staff sessions.
    let helper = server.helper("Some Helper").await;
    for token in [&visitor, &helper] {
        let (status, body) = staff_get(&server, token, "/escalations").await;
        assert_error(status, &body, 401, "unauthorized");
    }
    // Another site's staff session is unknown here, and their site has no such ticket.
    let other = server.staff_of_other_site().await;
    let (status, body) = staff_get(&server, &other, "/escalations").await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = server
        .send(
            server
                .client
                .get(server.url(&format!(
                    "/api/v1/sites/{OTHER_SITE}/escalations/{reference}"
                )))
                .bearer_auth(&other),
        )
        .await;
    assert_error(status, &body, 404, "not_found");

    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let (status, body) = staff_get(&server, &agent, "/escalations?status=lost").await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, body) =
        staff_post(&server, &agent, "/escalations/PH-NOSUCH/assign", json!({})).await;
    assert_error(status, &body, 404, "not_found");
    // A visitor cannot act on their own ticket as staff would.
    let (status, body) = staff_post(
        &server,
        &visitor,
        &format!("/escalations/{reference}/resolve"),
        json!({}),
    )
    .await;
    assert_error(status, &body, 401, "unauthorized");
    assert_eq!(
        server
            .count("SELECT COUNT(*) FROM escalations WHERE status = 'open'")
            .await,
        1
    );
}
