//! Single-use invitations: a helper invite code or a staff invitation redeemed many times at
//! once makes one helper or one staff account; every other attempt is told the code was used.

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::assert_error;
use crate::{AT_ONCE, all_at_once, server, statuses};

/// Asserts one success with `created` and every other answer a 401 saying the code was used.
fn redeemed_once(answers: &[(u16, Value)], created: u16) {
    let counted = statuses(answers);
    assert_eq!(counted.get(&created), Some(&1), "{answers:?}");
    for (status, body) in answers.iter().filter(|(status, _)| *status != created) {
        assert_error(*status, body, 401, "unauthorized");
        let message = body["message"].as_str().unwrap();
        assert!(
            message.contains("already") && message.contains("used"),
            "{message}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_helper_invite_redeemed_at_once_makes_one_helper() {
    let server = server().await;
    let invite = server
        .call(Method::POST, "/helper-invites", Some(&server.admin_token))
        .json(&json!({"name": "Ivy Invited"}));
    let (status, invite) = server.send(invite).await;
    assert_eq!(status, 201, "{invite}");
    let sign_ins = (0..AT_ONCE)
        .map(|_| {
            server
                .call(Method::POST, "/helpers/sign-in", None)
                .json(&json!({"code": invite["code"]}))
        })
        .collect();
    let answers = all_at_once(&server, sign_ins).await;
    redeemed_once(&answers, 200);
    let helpers = "SELECT COUNT(*) FROM helpers WHERE name = 'Ivy Invited'";
    assert_eq!(server.count(helpers).await, 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM helper_tokens").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_staff_invitation_accepted_at_once_makes_one_account() {
    let server = server().await;
    let code = server
        .staff_invite("kim@acme.test", "Kim Lee", "agent")
        .await;
    let accepts = (0..AT_ONCE)
        .map(|_| {
            server
                .call(Method::POST, "/staff/accept", None)
                .json(&json!({"code": code, "password": "correct horse battery"}))
        })
        .collect();
    let answers = all_at_once(&server, accepts).await;
    redeemed_once(&answers, 201);
    assert_eq!(server.count("SELECT COUNT(*) FROM staff").await, 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM staff_sessions").await, 1);
}
