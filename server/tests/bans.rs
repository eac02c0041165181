//! Bans and removal over real HTTP: a banned helper's open event streams end at once and they
//! leave the leaderboard; staff admins disable and enable staff accounts, ending their
//! sessions; invitations, their acceptance and these actions are in the audit log.

mod common;

use std::time::Duration;

use common::{TestServer, assert_error};
use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery";
/// Longest a test waits for the server to act before calling it a failure.
const PATIENCE: Duration = Duration::from_secs(10);

async fn leaderboard_names(server: &TestServer) -> Vec<String> {
    let (status, board) = server.get_json(&server.api("/leaderboard")).await;
    assert_eq!(status, 200, "{board}");
    board["helpers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["helper"]["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_banned_helpers_streams_end_at_once_and_they_leave_the_leaderboard() {
    let server = TestServer::start().await;
    let helper = server.helper("Mallory Spam").await;
    let helper_id = server.me(&helper).await["card"]["id"].as_i64().unwrap();
    let admin = server.staff("ada@acme.test", "Ada Admin", "admin").await;
    assert!(
        leaderboard_names(&server)
            .await
            .contains(&"Mallory Spam".to_owned())
    );
    let response = server
        .client
        .get(server.events_url(&helper))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let mut stream = response.bytes_stream();
    // A visitor's stream is not touched by a helper's ban.
    let visitor = server.visitor().await;
    let visitor_stream = server
        .client
        .get(server.events_url(&visitor))
        .send()
        .await
        .unwrap();
    assert_eq!(visitor_stream.status(), 200);

    let ban = server.call(
        Method::POST,
        &format!("/helpers/{helper_id}/ban"),
        Some(&admin),
    );
    let (status, body) = server.send(ban).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["banned"], true);

    // The stream ends: whatever was still buffered, then the end.
    let ended = tokio::time::timeout(PATIENCE, async {
        while let Some(chunk) = stream.next().await {
            chunk.unwrap();
        }
    })
    .await;
    assert!(ended.is_ok(), "the banned helper's stream stayed open");
    assert!(
        !leaderboard_names(&server)
            .await
            .contains(&"Mallory Spam".to_owned())
    );
    // Reconnecting is refused.
    let (status, body) = server.get_json(&server.events_url(&helper)).await;
    assert_error(status, &body, 401, "unauthorized");
    drop(visitor_stream);
}

async fn staff_call(server: &TestServer, path: &str, token: &str) -> (u16, Value) {
    server
        .send(server.call(Method::POST, path, Some(token)))
        .await
}

async fn sign_in(server: &TestServer, email: &str) -> (u16, Value) {
    let request = server
        .call(Method::POST, "/staff/sign-in", None)
        .json(&json!({"email": email, "password": PASSWORD}));
    server.send(request).await
}

#[tokio::test]
async fn staff_admins_disable_and_enable_staff_accounts() {
    let server = TestServer::start().await;
    let admin = server.staff("ada@acme.test", "Ada Admin", "admin").await;
    let agent = server.staff("sam@acme.test", "Sam Agent", "agent").await;
    let other_agent = server.staff("kim@acme.test", "Kim Agent", "agent").await;
    let (status, me) = server
        .send(server.call(Method::GET, "/staff/me", Some(&agent)))
        .await;
    assert_eq!(status, 200, "{me}");
    let agent_id = me["id"].as_i64().unwrap();
    let (_, admin_me) = server
        .send(server.call(Method::GET, "/staff/me", Some(&admin)))
        .await;
    let admin_id = admin_me["id"].as_i64().unwrap();

    // Only admins, and not on themselves.
    let (status, body) =
        staff_call(&server, &format!("/staff/{admin_id}/disable"), &other_agent).await;
    assert_error(status, &body, 403, "forbidden");
    let (status, body) = staff_call(&server, &format!("/staff/{admin_id}/disable"), &admin).await;
    assert_error(status, &body, 403, "forbidden");
    let (status, body) = staff_call(&server, "/staff/9999/disable", &admin).await;
    assert_error(status, &body, 404, "not_found");

    let (status, body) = staff_call(&server, &format!("/staff/{agent_id}/disable"), &admin).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["disabled"], true);
    assert_eq!(body["member"]["email"], "sam@acme.test");
    // Their session ended, and the right password no longer signs in.
    let (status, body) = server
        .send(server.call(Method::GET, "/staff/me", Some(&agent)))
        .await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = sign_in(&server, "sam@acme.test").await;
    assert_error(status, &body, 403, "forbidden");
    // The list shows who is disabled.
    let (status, list) = server
        .send(server.call(Method::GET, "/staff", Some(&admin)))
        .await;
    assert_eq!(status, 200, "{list}");
    let disabled: Vec<(&str, bool)> = list["staff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|account| {
            let email = account["member"]["email"].as_str().unwrap();
            (email, account["disabled"].as_bool().unwrap())
        })
        .collect();
    assert_eq!(
        disabled,
        [
            ("ada@acme.test", false),
            ("sam@acme.test", true),
            ("kim@acme.test", false)
        ]
    );
    let (status, body) = server
        .send(server.call(Method::GET, "/staff", Some(&other_agent)))
        .await;
    assert_error(status, &body, 403, "forbidden");

    // The site's administrator can enable it again.
    let (status, body) = staff_call(
        &server,
        &format!("/staff/{agent_id}/enable"),
        &server.admin_token,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["disabled"], false);
    let (status, body) = sign_in(&server, "sam@acme.test").await;
    assert_eq!(status, 200, "{body}");

    let actions = server.audit_actions(&admin).await;
    assert_eq!(actions[..2], ["staff.enabled", "staff.disabled"]);
}

#[tokio::test]
async fn invitations_and_their_acceptance_are_audited() {
    let server = TestServer::start().await;
    let admin = server.staff("ada@acme.test", "Ada Admin", "admin").await;
    // A staff admin invites a helper, who signs in with the code.
    let invite = server
        .call(Method::POST, "/helper-invites", Some(&admin))
        .json(&json!({"name": "Pat Peer"}));
    let (status, invite) = server.send(invite).await;
    assert_eq!(status, 201, "{invite}");
    let sign_in = server
        .call(Method::POST, "/helpers/sign-in", None)
        .json(&json!({"code": invite["code"]}));
    assert_eq!(server.send(sign_in).await.0, 200);

    let (status, log) = server
        .send(server.call(Method::GET, "/audit-log", Some(&admin)))
        .await;
    assert_eq!(status, 200, "{log}");
    let entries: Vec<(&str, &str, Option<&str>)> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry["action"].as_str().unwrap(),
                entry["subject"].as_str().unwrap(),
                entry["staff_name"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("helper.joined", "Pat Peer", None),
            ("helper.invited", "Pat Peer", Some("Ada Admin")),
            (
                "staff.joined",
                "Ada Admin <ada@acme.test>",
                Some("Ada Admin")
            ),
            ("staff.invited", "Ada Admin <ada@acme.test> as admin", None),
        ]
    );
}
