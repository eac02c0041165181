//! Hostile bodies on every route that reads one, over real HTTP: malformed, truncated, empty,
//! huge and deeply nested JSON, invalid UTF-8, lone surrogates, wrong types and content types,
//! then NUL, control characters, blanks and overlong text in each field. Every one must get a
//! clear 4xx JSON error and leave every table exactly as it was.

mod common;
mod hostile;

use hostile::json_routes::{Field, Fixture, fixture};
use hostile::{Snapshot, assert_no_failures, expect_refused};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use serde_json::{Value, json};

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
    // serde_json skips a member no type knows without counting its depth.
    let nested_unknown = format!(
        "{{\"unknown\":{}1{},{}",
        "[".repeat(5_000),
        "]".repeat(5_000),
        &text[1..]
    );
    let mut invalid_utf8 = text.clone().into_bytes();
    let quote = invalid_utf8.iter().position(|b| *b == b'"').unwrap();
    let last_quote = text[..text.find(':').unwrap()].rfind('"').unwrap();
    invalid_utf8.splice(quote + 1..last_quote, [0xff, 0xfe, 0xc3]);
    let huge = json!({"padding": "x".repeat(100_000)}).to_string();
    let members = text[1..text.len() - 1].to_owned();
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
        (
            "deeply nested unknown member",
            json,
            nested_unknown.into_bytes(),
        ),
        ("invalid UTF-8 in a member name", json, invalid_utf8),
        ("body over the size limit", json, huge.into_bytes()),
        (
            "lone surrogate",
            json,
            text.replacen(":\"", ":\"\\ud800", 1).into_bytes(),
        ),
        (
            "every member twice",
            json,
            format!("{{{members},{members}}}").into_bytes(),
        ),
        ("trailing garbage", json, format!("{text}x").into_bytes()),
        ("two documents", json, format!("{text}{text}").into_bytes()),
        (
            "byte-order mark",
            json,
            format!("\u{feff}{text}").into_bytes(),
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

/// Sends every case `cases_of` makes for every string field, and checks each refusal.
async fn run_field_cases(
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
        for field in &route.fields {
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
    let (cases, failures) = run_field_cases(mistyped_fields).await;
    assert_no_failures("mistyped-field", cases, &failures);
}

#[tokio::test]
async fn control_characters_and_blanks_are_refused_and_write_nothing() {
    let (cases, failures) = run_field_cases(unprintable_fields).await;
    assert_no_failures("unprintable-field", cases, &failures);
}

#[tokio::test]
async fn hostile_headers_are_refused_and_write_nothing() {
    let Fixture {
        server,
        pool,
        routes,
    } = fixture().await;
    let ask = &routes[0];
    let visitor = ask.token.as_deref().unwrap();
    let header = |bytes: &[u8]| HeaderValue::from_bytes(bytes).unwrap();
    let bearer_bytes = [b"Bearer ".as_slice(), visitor.as_bytes(), b"\xff"].concat();
    // (case, Idempotency-Key, Authorization, Content-Type); `None` leaves the header out.
    let cases: Vec<(&str, Option<HeaderValue>, HeaderValue, HeaderValue)> = vec![
        (
            "no idempotency key",
            None,
            header(format!("Bearer {visitor}").as_bytes()),
            header(b"application/json"),
        ),
        (
            "empty idempotency key",
            Some(header(b"")),
            header(format!("Bearer {visitor}").as_bytes()),
            header(b"application/json"),
        ),
        (
            "idempotency key of 101 characters",
            Some(header("k".repeat(101).as_bytes())),
            header(format!("Bearer {visitor}").as_bytes()),
            header(b"application/json"),
        ),
        (
            "idempotency key with a space",
            Some(header(b"a b")),
            header(format!("Bearer {visitor}").as_bytes()),
            header(b"application/json"),
        ),
        (
            "idempotency key of non-ASCII bytes",
            Some(header(b"key-\xff\xfe")),
            header(format!("Bearer {visitor}").as_bytes()),
            header(b"application/json"),
        ),
        (
            "token of non-ASCII bytes",
            Some(header(b"key-1")),
            header(&bearer_bytes),
            header(b"application/json"),
        ),
        (
            "token without a scheme",
            Some(header(b"key-2")),
            header(visitor.as_bytes()),
            header(b"application/json"),
        ),
        (
            "content type almost JSON",
            Some(header(b"key-3")),
            header(format!("Bearer {visitor}").as_bytes()),
            header(b"application/jsonx"),
        ),
        (
            "content type of non-ASCII bytes",
            Some(header(b"key-4")),
            header(format!("Bearer {visitor}").as_bytes()),
            header(b"application/\xffjson"),
        ),
    ];
    let mut failures = Vec::new();
    let count = cases.len();
    for (case, key, authorization, content_type) in cases {
        let mut request = server
            .client
            .post(server.api(&ask.path))
            .header(AUTHORIZATION, authorization)
            .header(CONTENT_TYPE, content_type)
            .body(ask.valid.to_string());
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        expect_refused(&pool, &mut failures, case, request).await;
    }
    let not_utf8 = server.api("/events?token=pv_%FF%FE");
    expect_refused(
        &pool,
        &mut failures,
        "event-stream token not UTF-8",
        server.client.get(not_utf8),
    )
    .await;
    assert_no_failures("hostile-header", count + 1, &failures);
}
