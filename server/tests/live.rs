//! Live events over real SSE streams: replies reach the asker's open stream, and a reconnect
//! with `Last-Event-ID` replays exactly the missed events, once and in order. (Streams ended
//! by a real shutdown are in `cli/shutdown.rs`.)

mod common;

use std::time::Duration;

use axum::response::IntoResponse;
use axum::response::sse::Sse;
use common::TestServer;
use common::sse::{EventStream, final_retry};
use peerhelp_server::live::{Hub, RECONNECT_WINDOW, Session, follow};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn an_answer_reaches_the_askers_open_stream_and_a_question_reaches_helpers() {
    let server = TestServer::start().await;
    let asker = server.visitor().await;
    let helper = server.helper("Live Helper").await;
    let mut helper_stream =
        EventStream::open(&server.client, &server.events_url(&helper), None).await;
    let thread = server
        .ask(&asker, "Why is my data so slow tonight?", "k")
        .await;
    let thread_id = thread["id"].as_i64().unwrap();
    let asked = helper_stream.next_of("question_asked").await;
    assert_eq!(asked.data["question"]["thread_id"], thread_id);

    let mut asker_stream =
        EventStream::open(&server.client, &server.events_url(&asker), None).await;
    let (status, answer) = server
        .answer(&helper, thread_id, "Restart the phone.")
        .await;
    assert_eq!(status, 201);
    let posted = asker_stream.next().await;
    assert_eq!(posted.kind, "answer_posted");
    assert_eq!(posted.data["thread_id"], thread_id);
    assert_eq!(
        posted.data["thread_title"],
        "Why is my data so slow tonight?"
    );
    assert_eq!(posted.data["answer"], answer);
    assert!(
        posted.data.get("id").is_none(),
        "the id travels only as the SSE id"
    );

    // Acceptance reaches the asker and the author, with the author's new points.
    server
        .send(server.call(
            Method::POST,
            &format!("/answers/{}/accept", answer["id"]),
            Some(&asker),
        ))
        .await;
    assert_eq!(asker_stream.next().await.kind, "answer_accepted");
    let accepted = helper_stream.next_of("answer_accepted").await;
    assert_eq!(accepted.data["answer_id"], answer["id"]);
    let points = helper_stream.next_of("reputation_changed").await;
    assert_eq!(points.data, json!({"points": 15, "rank": "newcomer"}));

    // Presence reaches everyone on the site.
    server
        .send(
            server
                .call(Method::PUT, "/helpers/me/presence", Some(&helper))
                .json(&json!({"status": "online"})),
        )
        .await;
    let presence = asker_stream.next().await;
    assert_eq!(presence.kind, "presence_changed");
    assert_eq!(presence.data["helpers"][0]["name"], "Live Helper");
}

#[tokio::test]
async fn a_stream_refuses_missing_or_foreign_tokens() {
    let server = TestServer::start().await;
    let (status, body) = server.get_json(&server.api("/events")).await;
    common::assert_error(status, &body, 401, "unauthorized");
    let (status, body) = server.get_json(&server.events_url("pv_forged")).await;
    common::assert_error(status, &body, 401, "unauthorized");
    let visitor = server.visitor().await;
    let response = server
        .client
        .get(server.events_url(&visitor))
        .header("last-event-id", "not-a-number")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn a_reconnect_replays_exactly_the_missed_events_once_in_order() {
    let server = TestServer::start().await;
    let asker = server.visitor().await;
    let thread = server
        .ask(&asker, "How do I turn on wifi calling?", "k")
        .await;
    let thread_id = thread["id"].as_i64().unwrap();
    // Two helpers, so the new-helper allowance never interferes.
    let helpers = [server.helper("One").await, server.helper("Two").await];
    let server = &server;
    let answer = |n: usize| {
        let helper = &helpers[n % 2];
        async move {
            let (status, body) = server
                .answer(helper, thread_id, &format!("Answer {n}"))
                .await;
            assert_eq!(status, 201, "{body}");
        }
    };

    let mut stream = EventStream::open(&server.client, &server.events_url(&asker), None).await;
    answer(0).await;
    answer(1).await;
    let seen = [stream.next().await, stream.next().await];
    assert_eq!(seen[0].data["answer"]["body"], "Answer 0");
    assert_eq!(seen[1].data["answer"]["body"], "Answer 1");
    let last_seen = seen[1].id;
    drop(stream);

    for n in 2..5 {
        answer(n).await;
    }
    let mut resumed =
        EventStream::open(&server.client, &server.events_url(&asker), Some(last_seen)).await;
    let mut previous = last_seen;
    for n in 2..5 {
        let message = resumed.next().await;
        assert_eq!(message.data["answer"]["body"], format!("Answer {n}"));
        assert!(message.id > previous, "ids rise");
        previous = message.id;
    }
    // After the replay the stream is live, and the replayed events do not come again.
    answer(5).await;
    let live = resumed.next().await;
    assert_eq!(live.data["answer"]["body"], "Answer 5");

    // `last_event_id` in the query works the same for clients that reconnect by hand.
    let url = format!("{}&last_event_id={last_seen}", server.events_url(&asker));
    let mut by_query = EventStream::open(&server.client, &url, None).await;
    assert_eq!(by_query.next().await.data["answer"]["body"], "Answer 2");
}

/// A stream opened once shutdown has begun (its request was in flight) is not left open, nor
/// ended bare: it ends at once with the hint to reconnect (to another node) soon. A real
/// shutdown closes the listener first, so this one is opened on a closed hub directly.
#[tokio::test]
async fn a_stream_opened_after_shutdown_began_ends_at_once_with_the_reconnection_hint() {
    let server = TestServer::start().await;
    let hub = Hub::default();
    hub.close();
    let events = follow(&hub, server.store.clone(), Session::presence(1), None);
    let body = Sse::new(events).into_response().into_body();
    // A guard against a stream left open, not a measurement.
    let raw = tokio::time::timeout(Duration::from_secs(60), axum::body::to_bytes(body, 1 << 16))
        .await
        .expect("the stream ends")
        .unwrap();
    let raw = String::from_utf8(raw.to_vec()).unwrap();
    assert!(RECONNECT_WINDOW.contains(&final_retry(&raw)), "{raw:?}");
    let blocks = raw.trim_end().split("\n\n").count();
    assert_eq!(
        blocks, 2,
        "nothing but the opening retry and the farewell: {raw:?}"
    );
}
