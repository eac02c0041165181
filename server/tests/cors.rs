//! Brand pages live on other origins: allowed origins get CORS headers, others are refused.

mod common;

use common::{ALLOWED_ORIGIN, GLUE_FILE, SITE, TestServer, assert_error};
use serde_json::json;

/// An API route and a widget file of the site.
fn api_and_asset(server: &TestServer) -> [String; 2] {
    [
        server.api("/search?q=refund"),
        server.url(&format!("/widget/{SITE}/{GLUE_FILE}")),
    ]
}

fn varies_on_origin(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get_all("vary")
        .iter()
        .any(|v| v.to_str().unwrap().contains("origin"))
}

/// A CDN must not give a brand page the copy cached for a request without `Origin`, which has
/// no CORS headers: the widget's files are cached for a year.
#[tokio::test]
async fn answers_to_requests_without_an_origin_vary_on_it_too() {
    let server = TestServer::start().await;
    for url in api_and_asset(&server) {
        let response = server.client.get(&url).send().await.unwrap();
        assert_eq!(response.status(), 200, "{url}");
        assert!(varies_on_origin(&response), "{url}");
    }
}

#[tokio::test]
async fn an_allowed_origin_gets_cors_headers_on_api_and_assets() {
    let server = TestServer::start().await;
    for url in api_and_asset(&server) {
        let response = server
            .client
            .get(&url)
            .header("origin", ALLOWED_ORIGIN)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{url}");
        assert_eq!(
            response.headers()["access-control-allow-origin"],
            ALLOWED_ORIGIN
        );
        assert!(varies_on_origin(&response), "{url}");
    }
    let preflight = server
        .client
        .request(reqwest::Method::OPTIONS, server.api("/threads/1/feedback"))
        .header("origin", ALLOWED_ORIGIN)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 204);
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        ALLOWED_ORIGIN
    );
    assert!(
        preflight.headers()["access-control-allow-methods"]
            .to_str()
            .unwrap()
            .contains("POST")
    );
    assert!(
        preflight.headers()["access-control-allow-headers"]
            .to_str()
            .unwrap()
            .contains("content-type")
    );
}

#[tokio::test]
async fn other_origins_are_refused_and_nothing_they_send_is_written() {
    let server = TestServer::start().await;
    let evil = "https://evil.test";
    let response = server
        .client
        .get(server.api("/search?q=refund"))
        .header("origin", evil)
        .send()
        .await
        .unwrap();
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    assert_error(
        response.status().as_u16(),
        &response.json().await.unwrap(),
        403,
        "origin_not_allowed",
    );

    // The other site's origin is not this site's.
    let response = server
        .client
        .get(server.api("/config"))
        .header("origin", "https://globex.test")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let asset = server
        .client
        .get(server.url(&format!("/widget/{SITE}/{GLUE_FILE}")))
        .header("origin", evil)
        .send()
        .await
        .unwrap();
    assert_eq!(asset.status(), 403);

    let id = server.thread_id("roam-1").await;
    let feedback = server.api(&format!("/threads/{id}/feedback"));
    let preflight = server
        .client
        .request(reqwest::Method::OPTIONS, &feedback)
        .header("origin", evil)
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 403);
    let post = server
        .client
        .post(&feedback)
        .header("origin", evil)
        .json(&json!({"helped": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 403);
    let (_, thread) = server
        .get_json(&server.api(&format!("/threads/{id}")))
        .await;
    assert_eq!(thread["feedback"], json!({"helped": 0, "not_helped": 0}));
}

#[tokio::test]
async fn the_servers_own_pages_are_same_origin() {
    let server = TestServer::start().await;
    // The staff console, served by this server, posts with its own origin.
    let own_origin = server.base.clone();
    let sign_in = json!({"email": "nobody@acme.test", "password": "not the password"});
    let response = server
        .client
        .post(server.api("/staff/sign-in"))
        .header("origin", &own_origin)
        .json(&sign_in)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        401,
        "processed (and refused for the password)"
    );
    // The same request from a page elsewhere is refused before it is processed.
    let response = server
        .client
        .post(server.api("/staff/sign-in"))
        .header("origin", "https://evil.test")
        .json(&sign_in)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}
