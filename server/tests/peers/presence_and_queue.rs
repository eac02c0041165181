//! Invites, sign-in, presence without heartbeats, and the queue's order.

use crate::common::sse::EventStream;
use crate::common::{TestServer, assert_error};
use peerhelp_api::OFFLINE_AFTER_SECONDS;
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

#[tokio::test]
async fn helpers_are_invited_sign_in_once_and_go_offline_without_heartbeats() {
    let server = TestServer::start().await;
    let invite = |token: Option<&str>| {
        server
            .call(Method::POST, "/helper-invites", token)
            .json(&json!({"name": "Grace Hopper", "page_url": "https://shop.acme.test/help#x"}))
    };
    let (status, body) = server.send(invite(None)).await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = server.send(invite(Some("pa_wrong"))).await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, invite) = server.send(invite(Some(&server.admin_token))).await;
    assert_eq!(status, 201, "{invite}");
    let code = invite["code"].as_str().unwrap();
    assert_eq!(
        invite["url"],
        format!("https://shop.acme.test/help#peerhelp-invite={code}")
    );

    let sign_in = |code: &str| {
        server
            .call(Method::POST, "/helpers/sign-in", None)
            .json(&json!({"code": code}))
    };
    let (status, session) = server.send(sign_in(code)).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["helper"]["card"]["name"], "Grace Hopper");
    assert_eq!(session["helper"]["card"]["initials"], "GH");
    assert_eq!(session["helper"]["card"]["rank"], "newcomer");
    let helper = session["token"].as_str().unwrap().to_owned();
    assert!(helper.starts_with("ph_"));
    let (status, body) = server.send(sign_in(code)).await;
    assert_error(status, &body, 401, "unauthorized");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("already been used")
    );
    let (status, body) = server.send(sign_in("pi_unknown")).await;
    assert_error(status, &body, 401, "unauthorized");

    let online = || async {
        let (status, online) = server.get_json(&server.api("/helpers/online")).await;
        assert_eq!(status, 200, "{online}");
        online["helpers"].as_array().unwrap().clone()
    };
    assert!(online().await.is_empty());
    let presence = |status: &str| {
        server
            .call(Method::PUT, "/helpers/me/presence", Some(&helper))
            .json(&json!({"status": status}))
    };
    let (status, me) = server.send(presence("online")).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["card"]["status"], "online");
    assert_eq!(online().await[0]["name"], "Grace Hopper");
    server.send(presence("away")).await;
    assert_eq!(online().await[0]["status"], "away");
    server.send(presence("offline")).await;
    assert!(online().await.is_empty());

    // Online, then silent past the timeout: the background task turns the helper offline and
    // says so, without the test waiting for the time to pass.
    let mut changes =
        EventStream::open(&server.client, &server.api("/helpers/online/events"), None).await;
    assert_eq!(changes.next().await.data["helpers"], json!([]));
    server.send(presence("online")).await;
    assert_eq!(changes.next().await.data["helpers"][0]["status"], "online");
    server
        .clock
        .advance(Duration::from_secs(OFFLINE_AFTER_SECONDS as u64 + 1));
    let lapsed = changes.next().await;
    assert_eq!(lapsed.kind, "presence_changed");
    assert_eq!(lapsed.data["helpers"], json!([]));
    assert!(online().await.is_empty());
    assert_eq!(server.me(&helper).await["card"]["status"], "offline");
}

#[tokio::test]
async fn the_queue_lists_unanswered_questions_first_then_the_oldest() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let helper = server.helper("Queue Helper").await;
    let older = server
        .ask(&visitor, "First question, asked earliest", "q1")
        .await;
    let newer = server
        .ask(&visitor, "Second question, asked later", "q2")
        .await;
    let (status, _) = server
        .answer(&helper, older["id"].as_i64().unwrap(), "Here is a fix.")
        .await;
    assert_eq!(status, 201);
    let (status, queue) = server
        .send(server.call(Method::GET, "/helpers/queue", Some(&helper)))
        .await;
    assert_eq!(status, 200, "{queue}");
    let ids: Vec<&Value> = queue["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| &q["thread_id"])
        .collect();
    let signal_thread = server
        .count("SELECT id FROM threads WHERE title = 'No signal indoors since Tuesday'")
        .await;
    // Unanswered (the imported open thread, then the newer question), then the answered one.
    assert_eq!(ids, vec![&json!(signal_thread), &newer["id"], &older["id"]]);
    let (status, body) = server
        .send(server.call(Method::GET, "/helpers/queue", None))
        .await;
    assert_error(status, &body, 401, "unauthorized");
}
