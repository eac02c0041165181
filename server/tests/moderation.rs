//! Moderation over real HTTP: staff review flagged answers (hide, restore: cleared flags stop
//! counting), verify answers (ranked first, marked), and ban helpers (sessions end at once);
//! every action is audited, and only the site's staff may act.

mod common;

use common::{TestServer, assert_error};
use reqwest::Method;
use serde_json::{Value, json};

/// A flag from an identified visitor, whose flag counts in full.
async fn flag(server: &TestServer, answer: i64) {
    let visitor = server
        .identified_visitor(&peerhelp_server::secrets::random_hex(), None)
        .await;
    let request = server
        .call(
            Method::POST,
            &format!("/answers/{answer}/flags"),
            Some(&visitor),
        )
        .json(&json!({"reason": "spam"}));
    assert_eq!(server.send(request).await.0, 204);
}

async fn staff_call(server: &TestServer, method: Method, path: &str, staff: &str) -> (u16, Value) {
    server.send(server.call(method, path, Some(staff))).await
}

async fn thread_answers(server: &TestServer, thread: i64) -> Vec<Value> {
    let (_, thread) = server
        .get_json(&server.api(&format!("/threads/{thread}")))
        .await;
    thread["answers"].as_array().unwrap().clone()
}

/// A question with a helper's answer; returns (thread id, answer id, helper token).
async fn answered(server: &TestServer) -> (i64, i64, String) {
    let asker = server.visitor().await;
    let thread = server
        .ask(&asker, "Does the roaming pass cover Norway?", "ask-1")
        .await;
    let thread = thread["id"].as_i64().unwrap();
    let helper = server.helper("Quick Helper").await;
    let (_, answer) = server
        .answer(&helper, thread, "Buy now, it is cheap!")
        .await;
    (thread, answer["id"].as_i64().unwrap(), helper)
}

#[tokio::test]
async fn flagged_answers_are_hidden_restored_and_hidden_by_staff() {
    let server = TestServer::start().await;
    let (thread, answer, _) = answered(&server).await;
    for _ in 0..3 {
        flag(&server, answer).await;
    }
    assert!(
        thread_answers(&server, thread).await.is_empty(),
        "three flags hide it"
    );

    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let (status, queue) = staff_call(&server, Method::GET, "/moderation", &agent).await;
    assert_eq!(status, 200, "{queue}");
    let flagged = &queue["answers"][0];
    assert_eq!(flagged["answer"]["id"], answer);
    assert_eq!(flagged["hidden"], true);
    assert_eq!(flagged["flags"], json!({"spam": 3, "rude": 0, "wrong": 0}));
    assert_eq!(
        flagged["thread_title"],
        "Does the roaming pass cover Norway?"
    );

    // Restored: visible again, and the reviewed flags no longer count.
    let path = format!("/answers/{answer}/restore");
    let (status, restored) = staff_call(&server, Method::POST, &path, &agent).await;
    assert_eq!(status, 200, "{restored}");
    assert_eq!(thread_answers(&server, thread).await.len(), 1);
    let (_, queue) = staff_call(&server, Method::GET, "/moderation", &agent).await;
    assert_eq!(queue["answers"], json!([]));
    flag(&server, answer).await;
    assert_eq!(
        thread_answers(&server, thread).await.len(),
        1,
        "one new flag is not three"
    );

    // Staff may hide an answer themselves.
    let path = format!("/answers/{answer}/hide");
    assert_eq!(
        staff_call(&server, Method::POST, &path, &agent).await.0,
        200
    );
    assert!(thread_answers(&server, thread).await.is_empty());

    let admin = server.staff("lee@acme.test", "Lee Admin", "admin").await;
    // The log also holds the invitations and sign-ups (staff.*, helper.*).
    let answer_actions: Vec<String> = server
        .audit_actions(&admin)
        .await
        .into_iter()
        .filter(|action| action.starts_with("answer."))
        .collect();
    assert_eq!(answer_actions, ["answer.hidden", "answer.restored"]);
    let (_, log) = staff_call(&server, Method::GET, "/audit-log", &admin).await;
    assert_eq!(log["entries"][2]["action"], "answer.hidden");
    assert_eq!(log["entries"][2]["subject"], answer.to_string());
}

#[tokio::test]
async fn a_verified_answer_ranks_first_and_is_marked() {
    let server = TestServer::start().await;
    let (thread, quick, _) = answered(&server).await;
    let careful = server.helper("Careful Helper").await;
    let (_, right) = server
        .answer(
            &careful,
            thread,
            "Norway is in the EEA: the pass covers it.",
        )
        .await;
    let right = right["id"].as_i64().unwrap();
    // The quick answer has a vote, so it leads until staff verify the right one.
    let voter = server.visitor().await;
    let vote = server.call(
        Method::POST,
        &format!("/answers/{quick}/vote"),
        Some(&voter),
    );
    assert_eq!(server.send(vote).await.0, 200);
    assert_eq!(thread_answers(&server, thread).await[0]["id"], quick);

    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let path = format!("/answers/{right}/verify");
    let (status, verified) = staff_call(&server, Method::POST, &path, &agent).await;
    assert_eq!(status, 200, "{verified}");
    assert_eq!(verified["verified"], true);
    let answers = thread_answers(&server, thread).await;
    assert_eq!(answers[0]["id"], right);
    assert_eq!(answers[0]["verified"], true);
    assert_eq!(answers[1]["verified"], false);

    let (_, unverified) = staff_call(&server, Method::DELETE, &path, &agent).await;
    assert_eq!(unverified["verified"], false);
    assert_eq!(thread_answers(&server, thread).await[0]["id"], quick);
}

#[tokio::test]
async fn a_banned_helper_is_signed_out_at_once() {
    let server = TestServer::start().await;
    let (_, _, helper) = answered(&server).await;
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let (status, helpers) = staff_call(&server, Method::GET, "/helpers", &agent).await;
    assert_eq!(status, 200, "{helpers}");
    let account = &helpers["helpers"][0];
    assert_eq!(account["card"]["name"], "Quick Helper");
    assert_eq!(account["answers"], 1);
    assert_eq!(account["banned"], false);
    let id = account["card"]["id"].as_i64().unwrap();

    let path = format!("/helpers/{id}/ban");
    let (status, banned) = staff_call(&server, Method::POST, &path, &agent).await;
    assert_eq!(status, 200, "{banned}");
    assert_eq!(banned["banned"], true);
    assert_eq!(banned["card"]["status"], "offline");
    let (status, body) = server
        .send(server.call(Method::GET, "/helpers/me", Some(&helper)))
        .await;
    assert_error(status, &body, 401, "unauthorized");
}

#[tokio::test]
async fn only_this_sites_staff_moderate() {
    let server = TestServer::start().await;
    let (_, answer, helper) = answered(&server).await;
    let visitor = server.visitor().await;
    for token in [&visitor, &helper] {
        let (status, body) = staff_call(&server, Method::GET, "/moderation", token).await;
        assert_error(status, &body, 401, "unauthorized");
        let path = format!("/answers/{answer}/hide");
        let (status, body) = staff_call(&server, Method::POST, &path, token).await;
        assert_error(status, &body, 401, "unauthorized");
    }
    let other = server.staff_of_other_site().await;
    let path = format!("/api/v1/sites/globex/answers/{answer}/verify");
    let request = server.client.post(server.url(&path)).bearer_auth(&other);
    let (status, body) = server.send(request).await;
    assert_error(status, &body, 404, "not_found");
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let (status, body) = staff_call(&server, Method::POST, "/helpers/999/ban", &agent).await;
    assert_error(status, &body, 404, "not_found");
    assert_eq!(
        server.count("SELECT COUNT(*) FROM answers WHERE hidden_at IS NOT NULL OR verified_at IS NOT NULL").await,
        0
    );
}
