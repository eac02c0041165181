//! Every credential on every route it does not open, over real HTTP: visitor, helper, staff
//! agent, staff admin and site-admin tokens, helper and staff invitation codes, the same kinds
//! from another site, forged and malformed ones. Each is refused with a JSON 4xx and leaves
//! every table as it was.

mod common;
mod hostile;

use common::TestServer;
use hostile::credentials::{MANAGERS, ROLES, Role, STAFF, credentials};
use hostile::{Snapshot, assert_no_failures, refused};
use reqwest::Method;
use serde_json::{Value, json};

/// A route, a body it would accept, and the roles it lets in (everyone else is refused).
struct Guarded {
    method: Method,
    path: String,
    body: Option<Value>,
    allowed: &'static [Role],
}

fn guarded_routes(thread: i64, answer: i64, reference: &str, helper: i64) -> Vec<Guarded> {
    let route = |method: Method, path: String, body: Option<Value>, allowed| Guarded {
        method,
        path,
        body,
        allowed,
    };
    let ticket = |action: &str| format!("/escalations/{reference}{action}");
    let expires = peerhelp_server::secrets::unix_now() + 300;
    let identity = json!({"id": "cust-9", "expires": expires, "signature": "00"});
    vec![
        route(
            Method::POST,
            "/threads".into(),
            Some(json!({"title": "My bill doubled this month"})),
            &[Role::Visitor],
        ),
        route(Method::POST, format!("/threads/{thread}/seen"), None, &[]),
        route(
            Method::POST,
            format!("/threads/{thread}/answers"),
            Some(json!({"body": "Try again."})),
            &[Role::Helper],
        ),
        route(
            Method::PATCH,
            format!("/answers/{answer}"),
            Some(json!({"body": "Edited."})),
            &[Role::Helper],
        ),
        route(Method::POST, format!("/answers/{answer}/accept"), None, &[]),
        route(
            Method::POST,
            format!("/answers/{answer}/vote"),
            None,
            &[Role::Visitor],
        ),
        route(
            Method::POST,
            format!("/answers/{answer}/flags"),
            Some(json!({"reason": "spam"})),
            &[Role::Visitor, Role::Helper],
        ),
        route(
            Method::POST,
            "/visitors/identify".into(),
            Some(identity),
            &[Role::Visitor],
        ),
        route(
            Method::GET,
            "/visitors/me/threads".into(),
            None,
            &[Role::Visitor],
        ),
        route(
            Method::POST,
            "/helper-invites".into(),
            Some(json!({"name": "Nia"})),
            MANAGERS,
        ),
        route(Method::GET, "/helpers/me".into(), None, &[Role::Helper]),
        route(
            Method::PUT,
            "/helpers/me/presence".into(),
            Some(json!({"status": "away"})),
            &[Role::Helper],
        ),
        route(Method::GET, "/helpers/queue".into(), None, &[Role::Helper]),
        route(
            Method::POST,
            "/staff-invites".into(),
            Some(json!({"email": "x@acme.test", "name": "X", "role": "admin"})),
            MANAGERS,
        ),
        route(Method::GET, "/staff/me".into(), None, STAFF),
        route(Method::POST, "/staff/sign-out".into(), None, STAFF),
        route(
            Method::POST,
            "/escalations".into(),
            Some(json!({"message": "Call me.", "email": "kim@example.com"})),
            &[Role::Visitor],
        ),
        route(Method::GET, "/escalations".into(), None, STAFF),
        route(Method::GET, ticket(""), None, STAFF),
        route(Method::POST, ticket("/assign"), None, STAFF),
        route(
            Method::PUT,
            ticket("/assignee"),
            Some(json!({"staff_id": 1})),
            STAFF,
        ),
        route(Method::GET, "/staff/team".into(), None, STAFF),
        route(Method::GET, "/install".into(), None, STAFF),
        route(Method::GET, "/threads".into(), None, STAFF),
        route(Method::PUT, format!("/threads/{thread}/pin"), None, STAFF),
        route(
            Method::DELETE,
            format!("/threads/{thread}/pin"),
            None,
            STAFF,
        ),
        route(
            Method::POST,
            ticket("/replies"),
            Some(json!({"body": "Refunded."})),
            STAFF,
        ),
        route(Method::POST, ticket("/resolve"), None, STAFF),
        route(Method::POST, ticket("/reopen"), None, STAFF),
        route(Method::GET, "/audit-log".into(), None, &[Role::StaffAdmin]),
        route(Method::GET, "/moderation".into(), None, STAFF),
        route(Method::POST, format!("/answers/{answer}/hide"), None, STAFF),
        route(
            Method::POST,
            format!("/answers/{answer}/restore"),
            None,
            STAFF,
        ),
        route(
            Method::POST,
            format!("/answers/{answer}/verify"),
            None,
            STAFF,
        ),
        route(
            Method::DELETE,
            format!("/answers/{answer}/verify"),
            None,
            STAFF,
        ),
        route(Method::GET, "/helpers".into(), None, STAFF),
        route(Method::POST, format!("/helpers/{helper}/ban"), None, STAFF),
        route(Method::GET, "/settings".into(), None, STAFF),
        route(
            Method::PATCH,
            "/settings".into(),
            Some(json!({"greeting": "Hello"})),
            MANAGERS,
        ),
        route(
            Method::POST,
            "/settings/identity-secret".into(),
            None,
            MANAGERS,
        ),
        route(Method::GET, "/insights".into(), None, STAFF),
        route(Method::GET, "/insights.csv".into(), None, STAFF),
        route(
            Method::POST,
            "/webhooks".into(),
            Some(json!({"url": "https://hooks.acme.test/", "events": ["question.asked"]})),
            MANAGERS,
        ),
        route(Method::GET, "/webhooks".into(), None, MANAGERS),
        route(Method::DELETE, "/webhooks/1".into(), None, MANAGERS),
        route(Method::GET, "/webhooks/1/deliveries".into(), None, MANAGERS),
    ]
}

#[tokio::test]
async fn every_credential_is_refused_on_every_route_it_does_not_open() {
    let server = TestServer::start().await;
    let credentials = credentials(&server).await;
    let thread = server.thread_id("refund-1").await;
    let author = credentials.token(Role::Helper).to_owned();
    let (status, answer) = server.answer(&author, thread, "Ask billing.").await;
    assert_eq!(status, 201, "{answer}");
    let answer = answer["id"].as_i64().unwrap();
    let escalate = server
        .call(Method::POST, "/escalations", None)
        .header("authorization", credentials.header(Role::Visitor))
        .header("idempotency-key", "fixture")
        .json(
            &json!({"thread_id": thread, "message": "Still charged.", "email": "kim@example.com"}),
        );
    let (status, ticket) = server.send(escalate).await;
    assert_eq!(status, 201, "{ticket}");
    let reference = ticket["escalation"]["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let helper = server
        .count("SELECT id FROM helpers WHERE name = 'Hana'")
        .await;
    let pool = server.db().await;

    let mut failures = Vec::new();
    let mut cases = 0;
    for route in guarded_routes(thread, answer, &reference, helper) {
        let before = Snapshot::take(&pool).await;
        for role in ROLES.into_iter().filter(|r| !route.allowed.contains(r)) {
            cases += 1;
            let mut request = server
                .call(route.method.clone(), &route.path, None)
                .header("authorization", credentials.header(role))
                .header("idempotency-key", format!("tokens-{cases}"));
            if let Some(body) = &route.body {
                request = request.json(body);
            }
            let case = format!("{} {} as {role:?}", route.method, route.path);
            if let Err(failure) = refused(&case, request).await {
                failures.push(failure);
            }
        }
        let changed = Snapshot::take(&pool).await.changed_since(&before);
        if !changed.is_empty() {
            let route = format!("{} {}", route.method, route.path);
            failures.push(format!(
                "{route}: refused callers wrote to {}",
                changed.join(", ")
            ));
        }
    }
    // The event stream takes its token in the query string: only visitors and helpers.
    for role in ROLES
        .into_iter()
        .filter(|r| ![Role::Visitor, Role::Helper].contains(r))
    {
        cases += 1;
        let url = reqwest::Url::parse_with_params(
            &server.api("/events"),
            [("token", credentials.token(role))],
        )
        .unwrap();
        let case = format!("GET /events as {role:?}");
        if let Err(failure) = refused(&case, server.client.get(url)).await {
            failures.push(failure);
        }
    }
    assert_no_failures("credential", cases, &failures);
}
