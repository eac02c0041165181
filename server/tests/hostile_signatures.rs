//! Signed identities as an attacker sends them, over real HTTP: forged (wrong secret, guessed,
//! truncated, padded, another customer's), expired, stretched (expiry moved), replayed on the
//! other site, and mistyped. Each gets a JSON 4xx and writes nothing.

mod common;
mod hostile;

use common::{OTHER_SITE, TestServer};
use hostile::{assert_no_failures, expect_refused};
use peerhelp_server::secrets::{SignedIdentity, sign_identity, unix_now};
use reqwest::Method;
use serde_json::{Value, json};

/// The v2 signature of `identity`'s customer (name and email are signed too).
fn sign(secret: &str, id: &str, expires: i64) -> String {
    let signed = SignedIdentity {
        id,
        expires,
        name: Some("Kim"),
        email: Some("kim@example.com"),
    };
    sign_identity(secret, &signed)
}

fn identity(id: &str, expires: impl Into<Value>, signature: &str) -> Value {
    json!({"id": id, "name": "Kim", "email": "kim@example.com", "expires": expires.into(), "signature": signature})
}

/// Sends each (case, site, body) to that site's identify route and checks every refusal.
async fn expect_all_refused(server: &TestServer, cases: Vec<(&str, &str, Value)>) {
    let pool = server.db().await;
    let mut failures = Vec::new();
    let count = cases.len();
    for (case, site, body) in cases {
        let url = server.url(&format!("/api/v1/sites/{site}/visitors/identify"));
        let request = server.client.post(url).json(&body);
        expect_refused(&pool, &mut failures, case, request).await;
    }
    assert_no_failures("signature", count, &failures);
}

#[tokio::test]
async fn forged_expired_and_replayed_signatures_are_refused_and_write_nothing() {
    let server = TestServer::start().await;
    let secret = &server.identity_secret;
    let now = unix_now();
    let later = now + 300;
    let good = sign(secret, "cust-1", later);
    // The honest first use, so the replays below reuse a signature the server has seen.
    let first = server
        .call(Method::POST, "/visitors/identify", None)
        .json(&identity("cust-1", later, &good));
    let (status, session) = server.send(first).await;
    assert_eq!(status, 200, "{session}");
    let globex = server.store.site_by_key(OTHER_SITE).await.unwrap().unwrap();
    let other_secret = server
        .store
        .identity_secret(globex.id)
        .await
        .unwrap()
        .unwrap();
    let acme = common::SITE;
    let padded = format!("{good}00");
    let cases = vec![
        (
            "signed with the other site's secret",
            acme,
            identity("cust-1", later, &sign(&other_secret, "cust-1", later)),
        ),
        (
            "signed with a guessed secret",
            acme,
            identity("cust-1", later, &sign("secret", "cust-1", later)),
        ),
        (
            "random signature",
            acme,
            identity("cust-1", later, &"ab".repeat(32)),
        ),
        (
            "signature not hex",
            acme,
            identity("cust-1", later, &"zz".repeat(32)),
        ),
        ("empty signature", acme, identity("cust-1", later, "")),
        (
            "truncated signature",
            acme,
            identity("cust-1", later, &good[..32]),
        ),
        ("padded signature", acme, identity("cust-1", later, &padded)),
        (
            "huge signature",
            acme,
            identity("cust-1", later, &"ab".repeat(20_000)),
        ),
        (
            "another customer's signature",
            acme,
            identity("cust-2", later, &good),
        ),
        ("name changed after signing", acme, {
            let mut body = identity("cust-1", later, &good);
            body["name"] = json!("Mallory");
            body
        }),
        ("email changed after signing", acme, {
            let mut body = identity("cust-1", later, &good);
            body["email"] = json!("mallory@example.com");
            body
        }),
        (
            "expiry moved later",
            acme,
            identity("cust-1", later + 86_400, &good),
        ),
        (
            "expired a second ago",
            acme,
            identity("cust-1", now - 1, &sign(secret, "cust-1", now - 1)),
        ),
        (
            "expired at the epoch",
            acme,
            identity("cust-1", 0, &sign(secret, "cust-1", 0)),
        ),
        (
            "expires at the smallest integer",
            acme,
            identity("cust-1", i64::MIN, &sign(secret, "cust-1", i64::MIN)),
        ),
        (
            "replayed on the other site",
            OTHER_SITE,
            identity("cust-1", later, &good),
        ),
        (
            "expires as a string",
            acme,
            identity("cust-1", later.to_string(), &good),
        ),
        (
            "expires as a fraction",
            acme,
            identity("cust-1", 1.5, &good),
        ),
        (
            "expires beyond 64 bits",
            acme,
            identity("cust-1", 1e20, &good),
        ),
        (
            "id as a number",
            acme,
            json!({"id": 1, "expires": later, "signature": good}),
        ),
        (
            "id missing",
            acme,
            json!({"expires": later, "signature": good}),
        ),
        (
            "signature missing",
            acme,
            json!({"id": "cust-1", "expires": later}),
        ),
        (
            "id of 300 characters, signed",
            acme,
            identity(
                &"c".repeat(300),
                later,
                &sign(secret, &"c".repeat(300), later),
            ),
        ),
    ];
    expect_all_refused(&server, cases).await;
}

/// Correctly signed, yet refused: a lifetime past the cap, or an id that is not exactly what
/// would be stored.
#[tokio::test]
async fn validly_signed_but_unsafe_identities_are_refused() {
    let server = TestServer::start().await;
    let secret = &server.identity_secret;
    let signed = |id: &str, expires: i64| identity(id, expires, &sign(secret, id, expires));
    let later = unix_now() + 300;
    let year_2100 = 4_102_444_800;
    let cases = vec![
        ("expiry in 2100", common::SITE, signed("cust-1", year_2100)),
        (
            "id with a trailing space",
            common::SITE,
            signed("cust-1 ", later),
        ),
        (
            "id with a leading space",
            common::SITE,
            signed(" cust-1", later),
        ),
        ("id with a NUL", common::SITE, signed("cust\u{0}1", later)),
        (
            "id with a line break",
            common::SITE,
            signed("cust-1\nadmin", later),
        ),
    ];
    expect_all_refused(&server, cases).await;
}
