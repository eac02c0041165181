//! Visitors over real HTTP: sessions and identity, and asking the community.

mod common;

use std::time::Duration;

use common::{TestServer, assert_error};
use peerhelp_server::secrets::{SignedIdentity, sign_identity};
use reqwest::Method;
use serde_json::{Value, json};

fn now() -> i64 {
    peerhelp_server::secrets::unix_now()
}

#[tokio::test]
async fn visitor_tokens_are_issued_used_and_checked_per_site() {
    let server = TestServer::start().await;
    let token = server.visitor().await;
    assert!(token.starts_with("pv_"), "{token}");
    let (status, mine) = server
        .send(server.call(Method::GET, "/visitors/me/threads", Some(&token)))
        .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["threads"], json!([]));
    // The token is stored hashed, never as is.
    assert_eq!(
        server
            .count(&format!(
                "SELECT COUNT(*) FROM visitor_tokens WHERE token_hash = '{token}'"
            ))
            .await,
        0
    );

    let (status, body) = server
        .send(server.call(Method::GET, "/visitors/me/threads", None))
        .await;
    assert_error(status, &body, 401, "unauthorized");
    let (status, body) = server
        .send(server.call(Method::GET, "/visitors/me/threads", Some("pv_forged")))
        .await;
    assert_error(status, &body, 401, "unauthorized");
    // Another site's visitor token means nothing here.
    let (_, globex) = server
        .send(
            server
                .client
                .post(server.url("/api/v1/sites/globex/visitors")),
        )
        .await;
    let globex_token = globex["token"].as_str().unwrap();
    let (status, body) = server
        .send(server.call(Method::GET, "/visitors/me/threads", Some(globex_token)))
        .await;
    assert_error(status, &body, 401, "unauthorized");
    // A helper-only endpoint refuses a valid visitor token as forbidden.
    let (status, body) = server
        .send(server.call(Method::GET, "/helpers/queue", Some(&token)))
        .await;
    assert_error(status, &body, 403, "forbidden");
}

#[tokio::test]
async fn identify_checks_the_signature_and_brings_the_anonymous_questions_along() {
    let server = TestServer::start().await;
    let anonymous = server.visitor().await;
    let thread = server
        .ask(&anonymous, "Where is my parcel tracking number?", "k1")
        .await;
    let expires = now() + 300;
    let identify = |body: Value, token: Option<&str>| {
        server
            .call(Method::POST, "/visitors/identify", token)
            .json(&body)
    };
    let good = json!({
        "id": "cust-42", "name": "Ada", "email": "ada@example.com", "expires": expires,
        "signature": sign_identity(&server.identity_secret, &SignedIdentity {
            id: "cust-42", expires, name: Some("Ada"), email: Some("ada@example.com"),
        }),
    });

    let mut bad = good.clone();
    bad["signature"] = json!(sign_identity(
        "wrong-secret",
        &SignedIdentity {
            id: "cust-42",
            expires,
            name: Some("Ada"),
            email: Some("ada@example.com"),
        }
    ));
    let (status, body) = server.send(identify(bad, Some(&anonymous))).await;
    assert_error(status, &body, 401, "unauthorized");
    assert!(
        body["message"].as_str().unwrap().contains("does not match"),
        "{body}"
    );

    let past = now() - 10;
    let expired = json!({
        "id": "cust-42", "expires": past,
        "signature": sign_identity(&server.identity_secret, &SignedIdentity {
            id: "cust-42", expires: past, name: None, email: None,
        }),
    });
    let (status, body) = server.send(identify(expired, None)).await;
    assert_error(status, &body, 401, "unauthorized");
    assert!(
        body["message"].as_str().unwrap().contains("expired"),
        "{body}"
    );

    let mut bad_email = good.clone();
    bad_email["email"] = json!("not an email");
    let (status, body) = server.send(identify(bad_email, None)).await;
    assert_error(status, &body, 422, "invalid_input");

    let (status, session) = server.send(identify(good.clone(), Some(&anonymous))).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["visitor"]["identified"], true);
    assert_eq!(session["visitor"]["name"], "Ada");
    let identified = session["token"].as_str().unwrap();
    let (_, mine) = server
        .send(server.call(Method::GET, "/visitors/me/threads", Some(identified)))
        .await;
    assert_eq!(mine["threads"][0]["id"], thread["id"], "{mine}");

    // The same customer on another device gets the same visitor and questions.
    let (_, again) = server.send(identify(good, None)).await;
    assert_eq!(again["visitor"]["id"], session["visitor"]["id"]);
    assert_eq!(
        server
            .count("SELECT COUNT(*) FROM visitors WHERE external_id = 'cust-42'")
            .await,
        1
    );
}

#[tokio::test]
async fn asking_validates_input_and_never_posts_a_question_twice() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let ask = |body: Value, key: Option<&str>| {
        let request = server
            .call(Method::POST, "/threads", Some(&visitor))
            .json(&body);
        match key {
            Some(key) => request.header("idempotency-key", key),
            None => request,
        }
    };
    let refused = [
        (json!({"title": "   "}), "title"),
        (json!({"title": "x".repeat(151)}), "title"),
        (
            json!({"title": "A good title here", "body": "b".repeat(5001)}),
            "body",
        ),
        (
            json!({"title": "A good title here", "email": "ada at example"}),
            "email",
        ),
    ];
    for (body, field) in refused {
        let (status, error) = server.send(ask(body, Some("bad"))).await;
        assert_error(status, &error, 422, "invalid_input");
        assert!(
            error["message"].as_str().unwrap().contains(field),
            "{error}"
        );
    }
    let (status, error) = server
        .send(ask(json!({"title": "A good title here"}), None))
        .await;
    assert_error(status, &error, 400, "bad_request");
    let (status, error) = server
        .send(
            server
                .call(Method::POST, "/threads", None)
                .header("idempotency-key", "k")
                .json(&json!({"title": "A good title here"})),
        )
        .await;
    assert_error(status, &error, 401, "unauthorized");
    assert_eq!(
        server
            .count("SELECT COUNT(*) FROM threads WHERE visitor_id IS NOT NULL")
            .await,
        0
    );

    let question = json!({"title": "  Voicemail stopped working after the update  ",
        "body": "No greeting plays.", "email": "ada@example.com"});
    let (status, first) = server.send(ask(question.clone(), Some("same"))).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["title"], "Voicemail stopped working after the update");
    assert_eq!(first["status"], "open");
    assert_eq!(first["viewer"]["is_asker"], true);
    let (status, retry) = server.send(ask(question.clone(), Some("same"))).await;
    assert_eq!(status, 200, "{retry}");
    assert_eq!(retry["id"], first["id"]);

    // Concurrent duplicates (an offline queue flushing twice) still make one thread.
    let duplicates = (0..6).map(|_| server.send(ask(question.clone(), Some("burst"))));
    let results = futures_util::future::join_all(duplicates).await;
    let ids: Vec<&Value> = results.iter().map(|(_, thread)| &thread["id"]).collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    assert_eq!(
        results.iter().filter(|(status, _)| *status == 201).count(),
        1
    );
    assert_eq!(
        server
            .count("SELECT COUNT(*) FROM threads WHERE visitor_id IS NOT NULL")
            .await,
        2
    );

    // The search index picks the new question up, so similar questions find it.
    let found = async {
        loop {
            if server.search_ids("voicemail greeting").await.len() == 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(10), found)
        .await
        .expect("the new questions appear in search");
}
