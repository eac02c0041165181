//! Identification over real HTTP: exactly what is signed is what is stored, name and email are
//! signed, a signature's lifetime is capped, and the legacy `{id}:{expires}` form still works
//! (announced as deprecated) until its sunset.

mod common;

use common::{TestServer, assert_error};
use peerhelp_server::secrets::{
    LEGACY_IDENTITY_SUNSET_HTTP_DATE, SignedIdentity, sign_identity, sign_legacy_identity, unix_now,
};
use reqwest::Method;
use serde_json::{Value, json};

/// 2100-01-01T00:00:00Z.
const YEAR_2100: i64 = 4_102_444_800;

async fn identify(server: &TestServer, body: Value) -> (u16, Value, reqwest::header::HeaderMap) {
    let response = server
        .call(Method::POST, "/visitors/identify", None)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, response.json().await.unwrap(), headers)
}

fn v2_body(server: &TestServer, identity: &SignedIdentity) -> Value {
    json!({
        "id": identity.id, "name": identity.name, "email": identity.email,
        "expires": identity.expires,
        "signature": sign_identity(&server.identity_secret, identity),
    })
}

async fn visitors(server: &TestServer) -> i64 {
    server.count("SELECT COUNT(*) FROM visitors").await
}

#[tokio::test]
async fn an_id_is_refused_not_trimmed_when_it_differs_from_what_is_stored() {
    let server = TestServer::start().await;
    let expires = unix_now() + 300;
    for id in [" cust-1", "cust-1 ", "cust-1\n", "cust\u{7}-1"] {
        // Signed exactly as sent, in either form: before, " cust-1" verified and was then
        // stored as "cust-1", another customer's identity.
        let legacy = json!({
            "id": id, "expires": expires,
            "signature": sign_legacy_identity(&server.identity_secret, id, expires),
        });
        let v2 = v2_body(
            &server,
            &SignedIdentity {
                id,
                expires,
                name: None,
                email: None,
            },
        );
        for body in [legacy, v2] {
            let (status, error, _) = identify(&server, body).await;
            assert_error(status, &error, 422, "invalid_input");
        }
    }
    assert_eq!(visitors(&server).await, 0);
}

#[tokio::test]
async fn name_and_email_are_part_of_the_signature() {
    let server = TestServer::start().await;
    let identity = SignedIdentity {
        id: "cust-7",
        expires: unix_now() + 300,
        name: Some("Ada"),
        email: Some("ada@example.com"),
    };
    let signed = v2_body(&server, &identity);
    for (field, forged) in [("name", "Eve"), ("email", "eve@evil.test")] {
        let mut body = signed.clone();
        body[field] = json!(forged);
        let (status, error, _) = identify(&server, body).await;
        assert_error(status, &error, 401, "unauthorized");
    }
    let mut control = v2_body(
        &server,
        &SignedIdentity {
            name: Some("Ada\nLovelace"),
            ..identity
        },
    );
    let (status, error, _) = identify(&server, control.take()).await;
    assert_error(status, &error, 422, "invalid_input");
    assert_eq!(visitors(&server).await, 0);

    let (status, session, headers) = identify(&server, signed).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["visitor"]["name"], "Ada");
    assert!(headers.get("deprecation").is_none());
    let pool = server.db().await;
    let email: String =
        sqlx::query_scalar("SELECT email FROM visitors WHERE external_id = 'cust-7'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(email, "ada@example.com");
}

#[tokio::test]
async fn a_signature_lives_at_most_a_day() {
    let server = TestServer::start().await;
    let far = SignedIdentity {
        id: "cust-8",
        expires: YEAR_2100,
        name: None,
        email: None,
    };
    let legacy = json!({
        "id": "cust-8", "expires": YEAR_2100,
        "signature": sign_legacy_identity(&server.identity_secret, "cust-8", YEAR_2100),
    });
    for body in [v2_body(&server, &far), legacy] {
        let (status, error, _) = identify(&server, body).await;
        assert_error(status, &error, 401, "unauthorized");
        assert!(
            error["message"].as_str().unwrap().contains("24 hours"),
            "{error}"
        );
    }
    assert_eq!(visitors(&server).await, 0);

    let day = SignedIdentity {
        expires: unix_now() + 23 * 3600,
        ..far
    };
    let (status, session, _) = identify(&server, v2_body(&server, &day)).await;
    assert_eq!(status, 200, "{session}");
}

#[tokio::test]
async fn the_legacy_form_still_works_and_says_it_is_deprecated() {
    let server = TestServer::start().await;
    let expires = unix_now() + 300;
    let legacy = json!({
        "id": "cust-9", "expires": expires,
        "signature": sign_legacy_identity(&server.identity_secret, "cust-9", expires),
    });
    let (status, session, headers) = identify(&server, legacy).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["visitor"]["identified"], true);
    assert!(
        headers["deprecation"].to_str().unwrap().starts_with('@'),
        "{headers:?}"
    );
    assert_eq!(headers["sunset"], LEGACY_IDENTITY_SUNSET_HTTP_DATE);
}
