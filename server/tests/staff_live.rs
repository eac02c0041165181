//! The staff event stream over real HTTP and real SSE: a signed-in staff member's console hears
//! of new tickets, replies, assignments and moderation changes of its own site as they happen,
//! resumes after `Last-Event-ID`, and only a valid staff session of the site may open it.

mod common;

use std::time::Duration;

use common::sse::{EventStream, Message};
use common::{OTHER_SITE, TestServer, assert_error};
use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};

/// Longest a test waits for the server to act before calling it a failure.
const PATIENCE: Duration = Duration::from_secs(10);

fn staff_events_url(server: &TestServer, token: &str) -> String {
    server.api(&format!("/staff/events?token={token}"))
}

/// Escalates `thread_id` (or, without one, writes a private request) as `visitor`; returns the
/// ticket's reference.
async fn escalate(server: &TestServer, visitor: &str, thread_id: Option<i64>, key: &str) -> String {
    let request = server
        .call(Method::POST, "/escalations", Some(visitor))
        .header("idempotency-key", key)
        .json(&json!({
            "thread_id": thread_id,
            "message": "Nothing I tried works, please help.",
            "email": "kim@example.com",
        }));
    let (status, created) = server.send(request).await;
    assert!(status == 201 || status == 200, "{status} {created}");
    created["escalation"]["reference"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn staff_post(server: &TestServer, staff: &str, path: &str) -> Value {
    let (status, body) = server
        .send(server.call(Method::POST, path, Some(staff)))
        .await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

/// The staff stream of session `token`, as raw bytes.
async fn open_raw_stream(
    server: &TestServer,
    token: &str,
) -> impl futures_util::Stream<Item = reqwest::Result<axum::body::Bytes>> {
    let response = server
        .client
        .get(staff_events_url(server, token))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.bytes_stream()
}

/// Whether the server ends `stream` within [`PATIENCE`].
async fn ends(
    stream: impl futures_util::Stream<Item = reqwest::Result<axum::body::Bytes>>,
) -> bool {
    let mut stream = std::pin::pin!(stream);
    tokio::time::timeout(PATIENCE, async {
        while let Some(chunk) = stream.next().await {
            chunk.unwrap();
        }
    })
    .await
    .is_ok()
}

fn assert_ticket(message: &Message, reference: &str, change: &str) {
    assert_eq!(message.kind, "ticket_changed", "{message:?}");
    assert_eq!(
        message.data,
        json!({"reference": reference, "change": change})
    );
}

#[tokio::test]
async fn a_staff_stream_hears_tickets_replies_and_moderation_of_its_own_site() {
    let server = TestServer::start().await;
    let sam = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let mut stream =
        EventStream::open(&server.client, &staff_events_url(&server, &sam), None).await;

    // Another site's ticket never reaches this site's staff.
    let globex = server
        .client
        .post(server.url(&format!("/api/v1/sites/{OTHER_SITE}/visitors")))
        .send()
        .await
        .unwrap();
    let globex: Value = globex.json().await.unwrap();
    let globex_visitor = globex["token"].as_str().unwrap();
    let request = server
        .client
        .post(server.url(&format!("/api/v1/sites/{OTHER_SITE}/escalations")))
        .bearer_auth(globex_visitor)
        .header("idempotency-key", "globex-1")
        .json(&json!({"message": "A request for Globex's team only.", "email": "gus@example.com"}));
    assert_eq!(request.send().await.unwrap().status(), 201);

    // A visitor escalates their question: the new ticket arrives first, with no visitor data.
    let visitor = server.visitor().await;
    let thread = server
        .ask(&visitor, "My eSIM will not activate at all", "ask-1")
        .await;
    let thread_id = thread["id"].as_i64().unwrap();
    let reference = escalate(&server, &visitor, Some(thread_id), "esc-1").await;
    let opened = stream.next().await;
    assert_ticket(&opened, &reference, "opened");

    // Taking it, replying, a peer's answer, resolving, and the visitor escalating again.
    staff_post(&server, &sam, &format!("/escalations/{reference}/assign")).await;
    assert_ticket(&stream.next().await, &reference, "assigned");
    let (status, body) = server
        .staff_reply(&sam, &reference, "I have reset your eSIM.")
        .await;
    assert_eq!(status, 201, "{body}");
    assert_ticket(&stream.next().await, &reference, "replied");
    let helper = server.helper("Peer Helper").await;
    let (status, answer) = server
        .answer(&helper, thread_id, "Restart the phone after the reset.")
        .await;
    assert_eq!(status, 201, "{answer}");
    assert_ticket(&stream.next().await, &reference, "answered");
    staff_post(&server, &sam, &format!("/escalations/{reference}/resolve")).await;
    assert_ticket(&stream.next().await, &reference, "resolved");
    escalate(&server, &visitor, Some(thread_id), "esc-2").await;
    assert_ticket(&stream.next().await, &reference, "reopened");

    // A flag and a staff review change the moderation queue.
    let flagger = server.visitor().await;
    let flag = || {
        server
            .call(
                Method::POST,
                &format!("/answers/{}/flags", answer["id"]),
                Some(&flagger),
            )
            .json(&json!({"reason": "wrong"}))
    };
    assert_eq!(server.send(flag()).await.0, 204);
    let flagged = stream.next().await;
    assert_eq!(flagged.kind, "moderation_changed");
    assert_eq!(flagged.data, json!({"answer_id": answer["id"]}));
    // The same flag again changes nothing, and staff hear nothing of it.
    assert_eq!(server.send(flag()).await.0, 204);
    staff_post(&server, &sam, &format!("/answers/{}/hide", answer["id"])).await;
    let hidden = stream.next().await;
    assert_eq!(hidden.kind, "moderation_changed");
    let moderation_events = "SELECT COUNT(*) FROM events
        WHERE audience = 'staff' AND payload LIKE '{\"moderation_changed\"%'";
    assert_eq!(server.count(moderation_events).await, 2);
}

#[tokio::test]
async fn a_staff_stream_resumes_after_the_last_event_it_saw() {
    let server = TestServer::start().await;
    let sam = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let url = staff_events_url(&server, &sam);
    let mut stream = EventStream::open(&server.client, &url, None).await;
    let visitor = server.visitor().await;
    let first = escalate(&server, &visitor, None, "esc-1").await;
    let seen = stream.next().await;
    assert_ticket(&seen, &first, "opened");
    drop(stream);

    // Missed while the console was away: replayed once, in order, then live again.
    let second = escalate(&server, &visitor, None, "esc-2").await;
    staff_post(&server, &sam, &format!("/escalations/{first}/assign")).await;
    let mut resumed = EventStream::open(&server.client, &url, Some(seen.id)).await;
    let replayed = resumed.next().await;
    assert_ticket(&replayed, &second, "opened");
    let assigned = resumed.next().await;
    assert_ticket(&assigned, &first, "assigned");
    assert!(
        assigned.id > replayed.id && replayed.id > seen.id,
        "ids rise"
    );
    let third = escalate(&server, &visitor, None, "esc-3").await;
    assert_ticket(&resumed.next().await, &third, "opened");
}

#[tokio::test]
async fn only_a_valid_staff_session_of_the_site_opens_a_staff_stream() {
    let server = TestServer::start().await;
    let (status, body) = server.get_json(&server.api("/staff/events")).await;
    assert_error(status, &body, 401, "unauthorized");
    let visitor = server.visitor().await;
    let helper = server.helper("Peer Helper").await;
    let other_sites_staff = server.staff_of_other_site().await;
    for token in [
        visitor.as_str(),
        helper.as_str(),
        other_sites_staff.as_str(),
        server.admin_token.as_str(),
        "ps_forged",
    ] {
        let (status, body) = server.get_json(&staff_events_url(&server, token)).await;
        assert_error(status, &body, 401, "unauthorized");
    }
    // A staff session is no visitor's or helper's either.
    let sam = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let (status, body) = server.get_json(&server.events_url(&sam)).await;
    assert_error(status, &body, 401, "unauthorized");

    // Signing out ends the open stream, and the token opens no other.
    let open = open_raw_stream(&server, &sam).await;
    let (status, body) = server
        .send(server.call(Method::POST, "/staff/sign-out", Some(&sam)))
        .await;
    assert_eq!(status, 204, "{body}");
    assert!(
        ends(open).await,
        "the signed-out session's stream stayed open"
    );
    let (status, body) = server.get_json(&staff_events_url(&server, &sam)).await;
    assert_error(status, &body, 401, "unauthorized");
}

#[tokio::test]
async fn a_staff_session_and_its_stream_end_when_the_session_expires() {
    let server = TestServer::start_with_stopped_clock().await;
    let sam = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let open = open_raw_stream(&server, &sam).await;
    // A millisecond short of the session's lifetime it still works.
    let lifetime = Duration::from_secs(peerhelp_api::STAFF_SESSION_HOURS as u64 * 3600);
    server.clock.advance(lifetime - Duration::from_millis(1));
    let (status, body) = server
        .send(server.call(Method::GET, "/staff/me", Some(&sam)))
        .await;
    assert_eq!(status, 200, "{body}");
    // At it, the open stream ends and the token works nowhere.
    server.clock.advance(Duration::from_millis(1));
    assert!(ends(open).await, "the expired session's stream stayed open");
    let (status, body) = server
        .send(server.call(Method::GET, "/staff/me", Some(&sam)))
        .await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = server.get_json(&staff_events_url(&server, &sam)).await;
    assert_error(status, &body, 401, "unauthorized");
}
