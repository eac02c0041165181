//! Insights over real HTTP: widget sessions (the widget's `?session=`) searching, reading,
//! asking and escalating, peer and staff replies, and what the brand learns from them, as JSON
//! and as CSV.

mod common;

use std::time::Duration;

use common::{TestServer, assert_error};
use reqwest::Method;
use serde_json::{Value, json};

async fn search(server: &TestServer, session: &str, query: &str) {
    let url = reqwest::Url::parse_with_params(
        &server.api("/search"),
        [("q", query), ("session", session)],
    )
    .unwrap();
    assert_eq!(server.get_json(url.as_str()).await.0, 200);
}

async fn read(server: &TestServer, session: &str, thread: i64) {
    let url = server.api(&format!("/threads/{thread}?session={session}"));
    assert_eq!(server.get_json(&url).await.0, 200);
}

/// Insights once all `activities` recorded have been written: the log writes in batches, so
/// a session's first activities can be in the database while its last one is not yet.
async fn insights_of(server: &TestServer, staff: &str, activities: i64) -> Value {
    for _ in 0..100 {
        if server.count("SELECT COUNT(*) FROM activity").await == activities {
            let (status, insights) = server
                .send(server.call(Method::GET, "/insights?days=7", Some(staff)))
                .await;
            assert_eq!(status, 200, "{insights}");
            return insights;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the {activities} activities recorded were never all written");
}

#[tokio::test]
async fn sessions_questions_and_escalations_become_insights() {
    let server = TestServer::start().await;
    let refund = server.thread_id("refund-1").await;
    let roaming = server.thread_id("roam-1").await;

    // Served by the community's answers.
    search(&server, "s-served", "refund double charge").await;
    read(&server, "s-served", refund).await;
    // Found nothing, asked; a peer replies.
    search(&server, "s-asked", "Zorbo tariff").await;
    let asker = server.visitor().await;
    let ask = server
        .call(Method::POST, "/threads?session=s-asked", Some(&asker))
        .header("idempotency-key", "ask-1")
        .json(&json!({"title": "What is the Zorbo tariff?"}));
    let (status, thread) = server.send(ask).await;
    assert_eq!(status, 201, "{thread}");
    let helper = server.helper("Peer Helper").await;
    let (status, _) = server
        .answer(&helper, thread["id"].as_i64().unwrap(), "A legacy plan.")
        .await;
    assert_eq!(status, 201);
    // Read an answer, still needed staff; staff reply.
    search(&server, "s-escalated", "roaming spain").await;
    read(&server, "s-escalated", roaming).await;
    let visitor = server.visitor().await;
    let escalate = server
        .call(Method::POST, "/escalations?session=s-escalated", Some(&visitor))
        .header("idempotency-key", "esc-1")
        .json(&json!({"thread_id": roaming, "message": "Charged for roaming in Spain", "email": "kim@example.com"}));
    let (status, escalated) = server.send(escalate).await;
    assert_eq!(status, 201, "{escalated}");
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let reference = escalated["escalation"]["reference"].as_str().unwrap();
    assert_eq!(
        server.staff_reply(&agent, reference, "Refunded.").await.0,
        201
    );
    // Requests without a session (other API clients) are not counted.
    read(&server, "", refund).await;

    // s-served searched and read, s-asked searched and asked, s-escalated searched, read and
    // escalated.
    let insights = insights_of(&server, &agent, 7).await;
    assert_eq!(insights["sessions"], 3);
    assert_eq!(insights["days"], 7);
    assert_eq!(insights["self_served_sessions"], 1);
    assert_eq!(insights["self_serve_rate"], 1.0 / 3.0);
    assert_eq!(insights["questions"], 1);
    assert_eq!(insights["questions_answered_by_peers"], 1);
    assert_eq!(insights["peer_answer_share"], 1.0);
    assert!(
        insights["median_minutes_to_first_peer_reply"]
            .as_f64()
            .unwrap()
            >= 0.0
    );
    assert_eq!(insights["escalations"], 1);
    assert_eq!(insights["escalation_rate"], 1.0 / 3.0);
    assert!(
        insights["median_minutes_to_first_staff_reply"]
            .as_f64()
            .unwrap()
            >= 0.0
    );
    assert_eq!(
        insights["knowledge_gaps"],
        json!([
            {"query": "zorbo tariff", "searches": 1, "without_results": 1, "followed_by_request": 1},
            {"query": "roaming spain", "searches": 1, "without_results": 0, "followed_by_request": 1},
        ])
    );
    let top: Vec<i64> = insights["top_threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|thread| thread["thread_id"].as_i64().unwrap())
        .collect();
    assert_eq!(top, [refund, roaming]);
    let daily = insights["daily"].as_array().unwrap();
    assert_eq!(daily.len(), 7);
    let today = &daily[6];
    assert_eq!(
        (
            &today["sessions"],
            &today["questions"],
            &today["escalations"]
        ),
        (&json!(3), &json!(1), &json!(1))
    );

    let response = server
        .call(Method::GET, "/insights.csv?days=7", Some(&agent))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "day,sessions,questions,escalations");
    assert_eq!(
        lines[7],
        format!("{},3,1,1", today["day"].as_str().unwrap())
    );
    assert!(csv.contains("\nself_serve_rate,0.3333\n"), "{csv}");
}

#[tokio::test]
async fn insights_are_for_the_sites_staff() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let (status, body) = server
        .send(server.call(Method::GET, "/insights", Some(&visitor)))
        .await;
    assert_error(status, &body, 401, "unauthorized");
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    for (bad, status_code, code) in [
        ("/insights?days=0", 422, "invalid_input"),
        ("/insights?days=366", 422, "invalid_input"),
        ("/insights.csv?days=x", 400, "bad_request"),
    ] {
        let (status, body) = server
            .send(server.call(Method::GET, bad, Some(&agent)))
            .await;
        assert_error(status, &body, status_code, code);
    }
    let (status, empty) = server
        .send(server.call(Method::GET, "/insights", Some(&agent)))
        .await;
    assert_eq!(status, 200, "{empty}");
    assert_eq!(empty["days"], 30);
    assert_eq!(empty["sessions"], 0);
    assert!(
        empty.get("self_serve_rate").is_none(),
        "no rate without sessions"
    );
}
