//! The OpenAPI document is generated from the routes and the API types. The served document is
//! the committed `server/openapi.json`, it lists every JSON route the server answers and no
//! other, and real answers of the running server validate against its schemas.

mod common;

use std::collections::BTreeSet;

use common::{SITE, TestServer};
use peerhelp_server::http::routes;
use reqwest::Method;
use reqwest::header::{CONTENT_TYPE, HeaderValue};
use serde_json::{Value, json};

/// The committed document, for reading without running the server.
const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");

/// Set (to anything) to rewrite [`COMMITTED`] from the code instead of comparing with it.
const UPDATE: &str = "UPDATE_OPENAPI";

async fn served(server: &TestServer) -> String {
    let response = server
        .client
        .get(server.url(routes::OPENAPI))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

#[tokio::test]
async fn the_committed_document_is_the_one_the_code_generates() {
    let server = TestServer::start().await;
    let text = served(&server).await;
    let served: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(served["openapi"], "3.1.0");
    if std::env::var_os(UPDATE).is_some() {
        std::fs::write(COMMITTED, text + "\n").unwrap();
        return;
    }
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(COMMITTED).unwrap()).unwrap();
    assert!(
        committed == served,
        "server/openapi.json is not what the routes and types generate; refresh it with \
         `{UPDATE}=1 cargo test -p peerhelp-server --test openapi`"
    );
}

/// The JSON API's paths, as the route table names them.
fn route_table_paths() -> BTreeSet<String> {
    include_str!("../src/http/routes.rs")
        .lines()
        .filter_map(|line| line.split('"').nth(1))
        .filter(|path| path.starts_with("/api/v1/"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn the_document_lists_exactly_the_routes_the_server_answers() {
    let server = TestServer::start().await;
    let document: Value = serde_json::from_str(&served(&server).await).unwrap();
    let paths = document["paths"].as_object().unwrap();
    let documented: BTreeSet<String> = paths.keys().cloned().collect();
    assert_eq!(documented, route_table_paths());
    let ids: Vec<&str> = paths
        .values()
        .flat_map(|operations| operations.as_object().unwrap().values())
        .map(|operation| operation["operationId"].as_str().unwrap())
        .collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(
        unique.len(),
        ids.len(),
        "operation ids must be unique: {ids:?}"
    );

    // Every documented operation is routed: none falls through to the router's "no such
    // endpoint" or "method not allowed" (without a token most answer 401, and that is the
    // handler speaking). Every other method on a documented path is not allowed, so no
    // undocumented operation hides beside documented ones.
    let thread = server.thread_id("refund-1").await.to_string();
    for (path, operations) in paths {
        let url = server.url(
            &path
                .replace("{site}", SITE)
                .replace("{thread}", &thread)
                .replace("{answer}", "1"),
        );
        for method in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ] {
            let response = server
                .client
                .request(method.clone(), &url)
                .json(&json!({}))
                .send()
                .await
                .unwrap();
            if operations.get(method.as_str().to_lowercase()).is_none() {
                assert_eq!(response.status(), 405, "undocumented {method} {url}");
                continue;
            }
            assert_ne!(response.status(), 405, "{method} {url}");
            // A stream that needs no token answers at once and never ends: its handler spoke.
            let streaming = response.headers().get(CONTENT_TYPE)
                == Some(&HeaderValue::from_static("text/event-stream"));
            if streaming {
                assert_eq!(response.status(), 200, "{method} {url}");
                continue;
            }
            let text = response.text().await.unwrap();
            assert!(!text.contains("no such endpoint"), "{method} {url}: {text}");
        }
    }
}

#[tokio::test]
async fn every_reference_in_the_document_resolves() {
    let server = TestServer::start().await;
    let document: Value = serde_json::from_str(&served(&server).await).unwrap();
    let mut references = Vec::new();
    collect_references(&document, &mut references);
    assert!(!references.is_empty());
    for reference in references {
        let pointer = reference.strip_prefix('#').expect("a local reference");
        assert!(
            document.pointer(pointer).is_some(),
            "{reference} does not resolve"
        );
    }
    let schemes = document["components"]["securitySchemes"]
        .as_object()
        .unwrap();
    for operation in document["paths"].as_object().unwrap().values() {
        for (method, operation) in operation.as_object().unwrap() {
            for requirement in operation["security"].as_array().into_iter().flatten() {
                for scheme in requirement.as_object().unwrap().keys() {
                    assert!(schemes.contains_key(scheme), "{method}: no scheme {scheme}");
                }
            }
        }
    }
}

fn collect_references(value: &Value, references: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            if let Some(Value::String(reference)) = members.get("$ref") {
                references.push(reference.clone());
            }
            members
                .values()
                .for_each(|member| collect_references(member, references));
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_references(item, references)),
        _ => {}
    }
}

#[tokio::test]
async fn real_answers_match_the_documented_schemas() {
    let server = TestServer::start().await;
    let document: Value = serde_json::from_str(&served(&server).await).unwrap();
    let check = |name: &str, status: u16, want: u16, body: &Value| {
        assert_eq!(status, want, "{name}: {body}");
        assert_valid(&document, name, body);
    };

    let (status, config) = server.get_json(&server.api("/config")).await;
    check("SiteConfig", status, 200, &config);
    // The check has teeth: a member the document does not list, or one missing, fails it.
    let mut undocumented = config.clone();
    undocumented["undocumented"] = json!(1);
    assert!(!schema_errors(&document, "SiteConfig", &undocumented).is_empty());
    let mut missing = config.clone();
    missing.as_object_mut().unwrap().remove("greeting");
    assert!(!schema_errors(&document, "SiteConfig", &missing).is_empty());
    let (status, results) = server.get_json(&server.api("/search?q=refund")).await;
    check("SearchResponse", status, 200, &results);
    let (status, session) = server
        .send(server.call(Method::POST, "/visitors", None))
        .await;
    check("VisitorSession", status, 201, &session);
    // With a token the thread says what its reader did (`viewer`).
    let visitor = session["token"].as_str().unwrap();
    let thread = server.thread_id("refund-1").await;
    let read = server.call(Method::GET, &format!("/threads/{thread}"), Some(visitor));
    let (status, thread) = server.send(read).await;
    check("Thread", status, 200, &thread);
    assert!(thread["viewer"].is_object(), "{thread}");
    let asked = server
        .ask(visitor, "Where is my parcel tracking number?", "k-1")
        .await;
    assert_valid(&document, "Thread", &asked);
    let (status, error) = server.get_json(&server.api("/threads/999999")).await;
    check("ApiError", status, 404, &error);
    let (status, error) = server
        .send(server.call(Method::GET, "/staff/me", None))
        .await;
    check("ApiError", status, 401, &error);
}

fn assert_valid(document: &Value, name: &str, instance: &Value) {
    let errors = schema_errors(document, name, instance);
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{instance:#}");
}

/// What is wrong with `instance` as the document's schema `name`, read strictly: an object may
/// hold only the members the document lists, so an answer with an undocumented member fails.
fn schema_errors(document: &Value, name: &str, instance: &Value) -> Vec<String> {
    let mut schemas = document["components"]["schemas"].clone();
    close_objects(&mut schemas);
    let schema = json!({
        "$ref": format!("#/components/schemas/{name}"),
        "components": {"schemas": schemas},
    });
    let validator = jsonschema::validator_for(&schema).expect("the document's schemas compile");
    validator
        .iter_errors(instance)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

fn close_objects(value: &mut Value) {
    match value {
        Value::Object(members) => {
            if members.contains_key("properties") {
                members
                    .entry("additionalProperties")
                    .or_insert(Value::Bool(false));
            }
            members.values_mut().for_each(close_objects);
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}
