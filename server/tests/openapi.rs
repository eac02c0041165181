//! The served OpenAPI document lists exactly the routes the server answers.

mod common;

use std::collections::BTreeSet;

use common::TestServer;
use peerhelp_server::http::routes;

#[tokio::test]
async fn the_openapi_document_matches_the_routes() {
    let server = TestServer::start().await;
    let (status, document) = server.get_json(&server.url(routes::OPENAPI)).await;
    assert_eq!(status, 200);
    assert_eq!(document["openapi"], "3.1.0");
    let documented: BTreeSet<(String, String)> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, operations)| {
            operations
                .as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.clone(), path.clone()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = routes::API
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented, routed);

    // Every documented operation is really routed: none falls through to the router's
    // "no such endpoint" or "method not allowed" (without a token most answer 401, and that is
    // the handler speaking).
    let thread = server.thread_id("refund-1").await.to_string();
    for (method, path) in &routed {
        let url = server.url(
            &path
                .replace("{site}", common::SITE)
                .replace("{thread}", &thread)
                .replace("{answer}", "1"),
        );
        let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let response = server
            .client
            .request(method.clone(), &url)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_ne!(response.status(), 405, "{method} {url}");
        // A stream that needs no token answers at once and never ends: its handler spoke.
        let streaming = response.headers().get("content-type")
            == Some(&reqwest::header::HeaderValue::from_static(
                "text/event-stream",
            ));
        if streaming {
            assert_eq!(response.status(), 200, "{method} {url}");
            continue;
        }
        let text = response.text().await.unwrap();
        assert!(!text.contains("no such endpoint"), "{method} {url}: {text}");
    }
}
