//! Staff accounts over real HTTP: invitation, accepting with a password (argon2), signing in
//! and out, roles, and refusals: bad passwords, unknown emails, used invitations, expired and
//! other sites' sessions, repeated failed sign-ins.

mod common;

use common::{OTHER_SITE, TestServer, assert_error};
use reqwest::Method;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery";

async fn invite(server: &TestServer, email: &str, role: &str) -> String {
    server.staff_invite(email, "Sam Ortiz", role).await
}

async fn accept(server: &TestServer, code: &str, password: &str) -> (u16, Value) {
    server.staff_accept(code, password).await
}

async fn sign_in(server: &TestServer, email: &str, password: &str) -> (u16, Value) {
    let request = server
        .call(Method::POST, "/staff/sign-in", None)
        .json(&json!({"email": email, "password": password}));
    server.send(request).await
}

#[tokio::test]
async fn an_invited_member_accepts_signs_in_and_out() {
    let server = TestServer::start().await;
    let code = invite(&server, "Sam@Acme.test", "agent").await;
    // Too short a password is refused and leaves the invitation usable.
    let (status, body) = accept(&server, &code, "short").await;
    assert_error(status, &body, 422, "invalid_input");
    let (status, session) = accept(&server, &code, PASSWORD).await;
    assert_eq!(status, 201, "{session}");
    assert_eq!(session["staff"]["email"], "sam@acme.test");
    assert_eq!(session["staff"]["role"], "agent");
    assert!(session["token"].as_str().unwrap().starts_with("ps_"));
    // Only the argon2 hash is stored.
    let stored = server
        .count("SELECT COUNT(*) FROM staff WHERE password_hash LIKE '$argon2id$%'")
        .await;
    assert_eq!(stored, 1);
    // The invitation is used up.
    let (status, body) = accept(&server, &code, PASSWORD).await;
    assert_error(status, &body, 401, "unauthorized");

    let (status, session) = sign_in(&server, " SAM@acme.test ", PASSWORD).await;
    assert_eq!(status, 200, "{session}");
    let token = session["token"].as_str().unwrap();
    let (status, me) = server
        .send(server.call(Method::GET, "/staff/me", Some(token)))
        .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["name"], "Sam Ortiz");

    let (status, _) = server
        .send(server.call(Method::POST, "/staff/sign-out", Some(token)))
        .await;
    assert_eq!(status, 204);
    let (status, body) = server
        .send(server.call(Method::GET, "/staff/me", Some(token)))
        .await;
    assert_error(status, &body, 401, "unauthorized");
}

#[tokio::test]
async fn bad_sign_ins_are_refused_alike() {
    let server = TestServer::start().await;
    let code = invite(&server, "sam@acme.test", "agent").await;
    accept(&server, &code, PASSWORD).await;
    let (status, wrong_password) = sign_in(&server, "sam@acme.test", "not the password").await;
    assert_error(status, &wrong_password, 401, "unauthorized");
    let (status, unknown) = sign_in(&server, "nobody@acme.test", PASSWORD).await;
    assert_error(status, &unknown, 401, "unauthorized");
    // The same words either way: sign-in does not tell who has an account.
    assert_eq!(wrong_password["message"], unknown["message"]);
    // The account belongs to acme: the same email and password mean nothing on another site.
    let request = server
        .client
        .post(server.url(&format!("/api/v1/sites/{OTHER_SITE}/staff/sign-in")))
        .json(&json!({"email": "sam@acme.test", "password": PASSWORD}));
    let (status, body) = server.send(request).await;
    assert_error(status, &body, 401, "unauthorized");
}

#[tokio::test]
async fn sessions_expire_and_stay_on_their_site() {
    let server = TestServer::start().await;
    let code = invite(&server, "sam@acme.test", "admin").await;
    let (_, session) = accept(&server, &code, PASSWORD).await;
    let token = session["token"].as_str().unwrap();
    // Another site does not know this session.
    let request = server
        .client
        .get(server.url(&format!("/api/v1/sites/{OTHER_SITE}/staff/me")));
    let (status, body) = server.send(request.bearer_auth(token)).await;
    assert_error(status, &body, 401, "unauthorized");
    // A visitor's token is not a staff session.
    let visitor = server.visitor().await;
    let (status, body) = server
        .send(server.call(Method::GET, "/staff/me", Some(&visitor)))
        .await;
    assert_error(status, &body, 401, "unauthorized");
    // Once the session's time is up it no longer works.
    let pool = server.db().await;
    sqlx::query("UPDATE staff_sessions SET expires_at = '2000-01-01T00:00:00Z'")
        .execute(&pool)
        .await
        .unwrap();
    let (status, body) = server
        .send(server.call(Method::GET, "/staff/me", Some(token)))
        .await;
    assert_error(status, &body, 401, "unauthorized");
    // Maintenance removes it.
    server.store.prune_staff_sign_ins().await.unwrap();
    assert_eq!(server.count("SELECT COUNT(*) FROM staff_sessions").await, 0);
}

#[tokio::test]
async fn only_admins_invite_staff() {
    let server = TestServer::start().await;
    let agent_code = invite(&server, "agent@acme.test", "agent").await;
    let (_, agent) = accept(&server, &agent_code, PASSWORD).await;
    let admin_code = invite(&server, "admin@acme.test", "admin").await;
    let (_, admin) = accept(&server, &admin_code, PASSWORD).await;
    let new_staff = json!({"email": "kim@acme.test", "name": "Kim", "role": "agent"});
    let by = |session: &Value| {
        server
            .call(Method::POST, "/staff-invites", session["token"].as_str())
            .json(&new_staff)
    };
    let (status, body) = server.send(by(&agent)).await;
    assert_error(status, &body, 403, "forbidden");
    let (status, body) = server.send(by(&admin)).await;
    assert_eq!(status, 201, "{body}");
    // Nobody without a token.
    let (status, body) = server.send(by(&Value::Null)).await;
    assert_error(status, &body, 401, "unauthorized");
    // An email that already has an account cannot be invited again.
    let again = json!({"email": "ADMIN@acme.test", "name": "Ada", "role": "admin"});
    let request = server
        .call(Method::POST, "/staff-invites", Some(&server.admin_token))
        .json(&again);
    let (status, body) = server.send(request).await;
    assert_error(status, &body, 409, "conflict");
}

#[tokio::test]
async fn repeated_failed_sign_ins_lock_the_email_for_a_while() {
    let server = TestServer::start().await;
    let code = invite(&server, "sam@acme.test", "agent").await;
    accept(&server, &code, PASSWORD).await;
    // A success clears earlier failures.
    for _ in 0..4 {
        let (status, _) = sign_in(&server, "sam@acme.test", "a wrong guess").await;
        assert_eq!(status, 401);
    }
    let (status, _) = sign_in(&server, "sam@acme.test", PASSWORD).await;
    assert_eq!(status, 200);
    for _ in 0..5 {
        let (status, _) = sign_in(&server, "sam@acme.test", "a wrong guess").await;
        assert_eq!(status, 401);
    }
    // Now even the right password waits.
    let (status, body) = sign_in(&server, "sam@acme.test", PASSWORD).await;
    assert_error(status, &body, 429, "rate_limited");
    // Other emails are not affected.
    let (status, body) = sign_in(&server, "kim@acme.test", PASSWORD).await;
    assert_error(status, &body, 401, "unauthorized");
}
