//! Reading a thread, feedback, and JSON errors for unknown routes and methods.

use crate::common::{TestServer, assert_error};
use serde_json::json;

#[tokio::test]
async fn a_thread_reads_with_the_accepted_answer_first_then_by_votes() {
    let server = TestServer::start().await;
    let id = server.thread_id("refund-1").await;
    let (status, thread) = server
        .get_json(&server.api(&format!("/threads/{id}")))
        .await;
    assert_eq!(status, 200, "{thread}");
    assert_eq!(
        thread["title"],
        "How do I get a refund for a double charge?"
    );
    assert_eq!(thread["tags"], json!(["billing"]));
    let answers = thread["answers"].as_array().unwrap();
    let order: Vec<(bool, i64)> = answers
        .iter()
        .map(|a| {
            (
                a["accepted"].as_bool().unwrap(),
                a["votes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(order, vec![(true, 1), (false, 7), (false, 3)]);
    assert_eq!(answers[0]["author"], "bo");

    let (status, body) = server.get_json(&server.api("/threads/999999")).await;
    assert_error(status, &body, 404, "not_found");
    let (status, body) = server.get_json(&server.api("/threads/abc")).await;
    assert_error(status, &body, 400, "bad_request");
    // Another site's key cannot read this site's thread.
    let (status, body) = server
        .get_json(&server.url(&format!("/api/v1/sites/globex/threads/{id}")))
        .await;
    assert_error(status, &body, 404, "not_found");
}

#[tokio::test]
async fn feedback_is_stored_and_bad_feedback_is_refused_without_a_write() {
    let server = TestServer::start().await;
    let id = server.thread_id("roam-1").await;
    let url = server.api(&format!("/threads/{id}/feedback"));
    // Feedback is one per visitor and thread: two visitors, one opinion each.
    let (pleased, displeased) = (server.visitor().await, server.visitor().await);
    let post = |token: &str, body: serde_json::Value| {
        server
            .client
            .post(&url)
            .bearer_auth(token)
            .json(&body)
            .send()
    };
    let tally: serde_json::Value =
        post(&pleased, json!({"helped": true, "query": "roaming spain"}))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(tally, json!({"helped": 1, "not_helped": 0}));
    post(&displeased, json!({"helped": false})).await.unwrap();

    let refused = [
        (
            server
                .client
                .post(&url)
                .bearer_auth(&pleased)
                .header("content-type", "application/json")
                .body("{not json"),
            400,
            "bad_request",
        ),
        (
            server
                .client
                .post(&url)
                .bearer_auth(&pleased)
                .json(&json!({"helped": "yes"})),
            422,
            "invalid_input",
        ),
        (
            server
                .client
                .post(&url)
                .bearer_auth(&pleased)
                .json(&json!({"helped": true, "query": "q".repeat(201)})),
            422,
            "invalid_input",
        ),
        (
            server
                .client
                .post(&url)
                .bearer_auth(&pleased)
                .body("helped=true"),
            400,
            "bad_request",
        ),
        (
            server
                .client
                .post(&url)
                .bearer_auth(&pleased)
                .header("content-type", "application/json")
                .body(vec![b' '; 100_000]),
            413,
            "payload_too_large",
        ),
        (
            server
                .client
                .post(server.api("/threads/424242/feedback"))
                .bearer_auth(&pleased)
                .json(&json!({"helped": true})),
            404,
            "not_found",
        ),
    ];
    for (request, want_status, want_code) in refused {
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        assert_error(
            status,
            &response.json().await.unwrap(),
            want_status,
            want_code,
        );
    }
    let (_, thread) = server
        .get_json(&server.api(&format!("/threads/{id}")))
        .await;
    assert_eq!(thread["feedback"], json!({"helped": 1, "not_helped": 1}));
}

#[tokio::test]
async fn unknown_routes_and_methods_get_json_errors() {
    let server = TestServer::start().await;
    let (status, body) = server.get_json(&server.url("/api/v1/nothing")).await;
    assert_error(status, &body, 404, "not_found");
    let response = server
        .client
        .delete(server.api("/search"))
        .send()
        .await
        .unwrap();
    assert_error(
        response.status().as_u16(),
        &response.json().await.unwrap(),
        405,
        "method_not_allowed",
    );
}
