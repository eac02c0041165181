//! Hostile bodies on every route that reads one, over real HTTP: malformed, truncated, empty,
//! huge and deeply nested JSON, invalid UTF-8, lone surrogates, wrong types and content types,
//! then NUL, control characters, blanks and overlong text in each field. Every one must get a
//! clear 4xx JSON error and leave every table exactly as it was.

mod common;
mod hostile;

use common::TestServer;
use hostile::{Snapshot, assert_no_failures, expect_refused};
use reqwest::Method;
use reqwest::header::CONTENT_TYPE;
use serde_json::{Value, json};

/// A route that reads a JSON body, with a body it accepts and the string fields to poison.
struct JsonRoute {
    method: Method,
    path: String,
    token: Option<String>,
    valid: Value,
    fields: Vec<Field>,
}

/// A string member of a body.
struct Field {
    name: &'static str,
    /// Blank is a mistake (for an optional member it means "none", which is fine).
    required: bool,
    /// Its text rules (blank, control characters) come with another item of issue 10, done
    /// in parallel: those cases run in the ignored test until that item is merged.
    rules_elsewhere: bool,
}

/// A member this suite's own checks guard.
const fn here(name: &'static str, required: bool) -> Field {
    Field {
        name,
        required,
        rules_elsewhere: false,
    }
}

/// A member whose text rules are another item's (identity: A; titles, names, emails and
/// escalation messages: B).
const fn elsewhere(name: &'static str, required: bool) -> Field {
    Field {
        name,
        required,
        rules_elsewhere: true,
    }
}

/// Everyone and everything the routes need, made before the first snapshot.
struct Fixture {
    server: TestServer,
    pool: sqlx::SqlitePool,
    routes: Vec<JsonRoute>,
}

async fn fixture() -> Fixture {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let helper = server.helper("Hana").await;
    let admin = server.staff("ada@acme.test", "Ada Admin", "admin").await;
    let thread_id = server.thread_id("refund-1").await;
    let (status, answer) = server
        .answer(&helper, thread_id, "Ask billing for a refund.")
        .await;
    assert_eq!(status, 201, "{answer}");
    let answer_id = answer["id"].as_i64().unwrap();
    let escalate = server
        .call(Method::POST, "/escalations", Some(&visitor))
        .header("idempotency-key", "fixture-escalation")
        .json(&json!({"thread_id": thread_id, "message": "Still charged twice.", "email": "kim@example.com"}));
    let (status, ticket) = server.send(escalate).await;
    assert_eq!(status, 201, "{ticket}");
    let reference = ticket["escalation"]["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let invite = server
        .call(Method::POST, "/helper-invites", Some(&server.admin_token))
        .json(&json!({"name": "Ivo"}));
    let (status, invite) = server.send(invite).await;
    assert_eq!(status, 201, "{invite}");
    let invite_code = invite["code"].as_str().unwrap().to_owned();
    let staff_code = server
        .staff_invite("sam@acme.test", "Sam Agent", "agent")
        .await;
    let expires = peerhelp_server::secrets::unix_now() + 300;
    let signature =
        peerhelp_server::secrets::sign_identity(&server.identity_secret, "cust-1", expires);

    let route =
        |method: Method, path: &str, token: Option<&str>, valid: Value, fields: Vec<Field>| {
            JsonRoute {
                method,
                path: path.to_owned(),
                token: token.map(str::to_owned),
                valid,
                fields,
            }
        };
    let admin_token = server.admin_token.clone();
    let routes = vec![
        route(
            Method::POST,
            "/threads",
            Some(&visitor),
            json!({"title": "My bill doubled this month", "body": "Why?", "email": "kim@example.com", "page_url": "https://shop.acme.test/"}),
            vec![
                elsewhere("title", true),
                here("body", false),
                elsewhere("email", false),
                here("page_url", false),
            ],
        ),
        route(
            Method::POST,
            &format!("/threads/{thread_id}/answers"),
            Some(&helper),
            json!({"body": "Check the Billing page."}),
            vec![here("body", true)],
        ),
        route(
            Method::PATCH,
            &format!("/answers/{answer_id}"),
            Some(&helper),
            json!({"body": "Check the Billing page first."}),
            vec![here("body", true)],
        ),
        route(
            Method::POST,
            &format!("/answers/{answer_id}/flags"),
            Some(&visitor),
            json!({"reason": "spam"}),
            vec![here("reason", true)],
        ),
        route(
            Method::POST,
            &format!("/threads/{thread_id}/feedback"),
            None,
            json!({"helped": true, "query": "refund"}),
            vec![here("query", false)],
        ),
        route(
            Method::POST,
            "/visitors/identify",
            None,
            json!({"id": "cust-1", "name": "Kim", "email": "kim@example.com", "expires": expires, "signature": signature}),
            vec![
                here("signature", true),
                elsewhere("name", false),
                elsewhere("email", false),
            ],
        ),
        route(
            Method::POST,
            "/helper-invites",
            Some(&admin_token),
            json!({"name": "Nia", "page_url": "https://shop.acme.test/"}),
            vec![elsewhere("name", true), here("page_url", false)],
        ),
        route(
            Method::POST,
            "/helpers/sign-in",
            None,
            json!({"code": invite_code}),
            vec![here("code", true)],
        ),
        route(
            Method::PUT,
            "/helpers/me/presence",
            Some(&helper),
            json!({"status": "online"}),
            vec![here("status", true)],
        ),
        route(
            Method::POST,
            "/staff-invites",
            Some(&admin_token),
            json!({"email": "lee@acme.test", "name": "Lee", "role": "agent"}),
            vec![
                elsewhere("email", true),
                elsewhere("name", true),
                here("role", true),
            ],
        ),
        route(
            Method::POST,
            "/staff/accept",
            None,
            json!({"code": staff_code, "password": "correct horse battery"}),
            vec![here("code", true)],
        ),
        route(
            Method::POST,
            "/escalations",
            Some(&visitor),
            json!({"message": "Please call me back.", "email": "kim@example.com", "page_url": "https://shop.acme.test/"}),
            vec![
                elsewhere("message", true),
                elsewhere("email", false),
                here("page_url", false),
            ],
        ),
        route(
            Method::POST,
            &format!("/escalations/{reference}/replies"),
            Some(&admin),
            json!({"body": "We have refunded you."}),
            vec![here("body", true)],
        ),
        route(
            Method::PATCH,
            "/settings",
            Some(&admin_token),
            json!({"name": "Acme", "color": "#123456", "greeting": "Hi", "language": "en"}),
            vec![
                elsewhere("name", true),
                here("color", true),
                here("greeting", false),
                here("language", true),
            ],
        ),
        route(
            Method::POST,
            "/webhooks",
            Some(&admin_token),
            json!({"url": "https://hooks.acme.test/peerhelp", "events": ["question.asked"]}),
            vec![here("url", true)],
        ),
    ];
    let pool = sqlx::SqlitePool::connect(&server.database_url)
        .await
        .unwrap();
    Fixture {
        server,
        pool,
        routes,
    }
}

/// Bodies no route can read, whatever it expects: (case, content type, bytes).
fn unreadable_bodies(valid: &Value) -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let text = valid.to_string();
    let json = "application/json";
    let depth = 20_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let nested_in_field = text.replacen(
        ':',
        &format!(":{}1{}", "[".repeat(5_000), "]".repeat(5_000)),
        1,
    );
    let mut invalid_utf8 = text.clone().into_bytes();
    let quote = invalid_utf8.iter().position(|b| *b == b'"').unwrap();
    let last_quote = text[..text.find(':').unwrap()].rfind('"').unwrap();
    invalid_utf8.splice(quote + 1..last_quote, [0xff, 0xfe, 0xc3]);
    let huge = json!({"padding": "x".repeat(100_000)}).to_string();
    vec![
        ("malformed JSON", json, b"{\"title\": \"x\",,}".to_vec()),
        (
            "truncated JSON",
            json,
            text.as_bytes()[..text.len() / 2].to_vec(),
        ),
        ("empty body", json, Vec::new()),
        ("null body", json, b"null".to_vec()),
        ("array body", json, b"[]".to_vec()),
        ("string body", json, b"\"hello\"".to_vec()),
        ("deeply nested arrays", json, nested.into_bytes()),
        ("deeply nested field", json, nested_in_field.into_bytes()),
        ("invalid UTF-8 in a member name", json, invalid_utf8),
        ("body over the size limit", json, huge.into_bytes()),
        (
            "lone surrogate",
            json,
            text.replacen(":\"", ":\"\\ud800", 1).into_bytes(),
        ),
        ("JSON sent as text/plain", "text/plain", text.into_bytes()),
        (
            "form-encoded body",
            "application/x-www-form-urlencoded",
            b"title=x".to_vec(),
        ),
    ]
}

/// `valid` with `field` set to values of the wrong type or size: (case, body).
fn mistyped_fields(valid: &Value, field: &Field) -> Vec<(String, Value)> {
    let name = field.name;
    let with = |value: Value| {
        let mut body = valid.clone();
        body[name] = value;
        body
    };
    vec![
        (format!("{name}: a number"), with(json!(12345))),
        (format!("{name}: an object"), with(json!({"$ne": null}))),
        (format!("{name}: a huge number"), with(json!(1e300))),
        (
            format!("{name}: 20,000 characters"),
            with(json!("x".repeat(20_000))),
        ),
    ]
}

/// `valid` with `field` set to text no person types: (case, body).
fn unprintable_fields(valid: &Value, field: &Field) -> Vec<(String, Value)> {
    let name = field.name;
    let original = valid[name].as_str().unwrap_or("value");
    let with = |value: String| {
        let mut body = valid.clone();
        body[name] = json!(value);
        body
    };
    let mut cases = vec![
        (
            format!("{name}: NUL inside"),
            with(format!("{original}\u{0}x")),
        ),
        (
            format!("{name}: terminal escape"),
            with(format!("\u{1b}[31m{original}")),
        ),
    ];
    if field.required {
        cases.push((format!("{name}: blank"), with("   ".to_owned())));
    }
    cases
}

/// Sends every case `cases_of` makes for the fields `pick` selects, and checks each refusal.
async fn run_field_cases(
    pick: impl Fn(&Field) -> bool,
    cases_of: impl Fn(&Value, &Field) -> Vec<(String, Value)>,
) -> (usize, Vec<String>) {
    let Fixture {
        server,
        pool,
        routes,
    } = fixture().await;
    let mut failures = Vec::new();
    let mut cases = 0;
    for route in &routes {
        for field in route.fields.iter().filter(|f| pick(f)) {
            for (case, body) in cases_of(&route.valid, field) {
                cases += 1;
                let name = format!("{} {}: {case}", route.method, route.path);
                let request = server
                    .call(route.method.clone(), &route.path, route.token.as_deref())
                    .header("idempotency-key", format!("hostile-{cases}"))
                    .json(&body);
                expect_refused(&pool, &mut failures, &name, request).await;
            }
        }
    }
    (cases, failures)
}

#[tokio::test]
async fn unreadable_bodies_are_refused_on_every_route_and_write_nothing() {
    let Fixture {
        server,
        pool,
        routes,
    } = fixture().await;
    assert!(Snapshot::take(&pool).await.rows() > 0);
    let mut failures = Vec::new();
    let mut cases = 0;
    for route in &routes {
        for (case, content_type, bytes) in unreadable_bodies(&route.valid) {
            cases += 1;
            let name = format!("{} {}: {case}", route.method, route.path);
            let request = server
                .call(route.method.clone(), &route.path, route.token.as_deref())
                .header("idempotency-key", format!("hostile-{cases}"))
                .header(CONTENT_TYPE, content_type)
                .body(bytes);
            expect_refused(&pool, &mut failures, &name, request).await;
        }
    }
    assert_no_failures("unreadable-body", cases, &failures);
}

#[tokio::test]
async fn fields_of_the_wrong_type_or_size_are_refused_and_write_nothing() {
    let (cases, failures) = run_field_cases(|_| true, mistyped_fields).await;
    assert_no_failures("mistyped-field", cases, &failures);
}

#[tokio::test]
async fn control_characters_and_blanks_are_refused_and_write_nothing() {
    let (cases, failures) = run_field_cases(|f| !f.rules_elsewhere, unprintable_fields).await;
    assert_no_failures("unprintable-field", cases, &failures);
}

/// Titles, names, emails and escalation messages get their rules from items 1 and 9 of issue
/// 10 (helpers A and B, in parallel): un-ignore once those are merged.
#[tokio::test]
#[ignore = "needs the identity and text rules of issue 10 items 1 and 9 (other branches)"]
async fn control_characters_and_blanks_in_titles_names_and_emails_are_refused() {
    let (cases, failures) = run_field_cases(|f| f.rules_elsewhere, unprintable_fields).await;
    assert_no_failures("unprintable-field (other items)", cases, &failures);
}
