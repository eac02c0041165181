//! The routes that read a JSON body, each with a body it accepts and its string members, on
//! a server with a visitor, a helper, a staff admin, an answer, a ticket and open invitations.

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::TestServer;

/// A route that reads a JSON body, with a body it accepts and the string fields to poison.
pub struct JsonRoute {
    pub method: Method,
    pub path: String,
    pub token: Option<String>,
    pub valid: Value,
    pub fields: Vec<Field>,
}

/// A string member of a body.
pub struct Field {
    pub name: &'static str,
    /// Blank is a mistake (for an optional member it means "none", which is fine).
    pub required: bool,
}

const fn field(name: &'static str, required: bool) -> Field {
    Field { name, required }
}

/// Everyone and everything the routes need, made before the first snapshot.
pub struct Fixture {
    pub server: TestServer,
    pub pool: sqlx::AnyPool,
    pub routes: Vec<JsonRoute>,
}

pub async fn fixture() -> Fixture {
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
    let customer = peerhelp_server::secrets::SignedIdentity {
        id: "cust-1",
        expires,
        name: Some("Kim"),
        email: Some("kim@example.com"),
    };
    let signature = peerhelp_server::secrets::sign_identity(&server.identity_secret, &customer);

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
                field("title", true),
                field("body", false),
                field("email", false),
                field("page_url", false),
            ],
        ),
        route(
            Method::POST,
            &format!("/threads/{thread_id}/answers"),
            Some(&helper),
            json!({"body": "Check the Billing page."}),
            vec![field("body", true)],
        ),
        route(
            Method::PATCH,
            &format!("/answers/{answer_id}"),
            Some(&helper),
            json!({"body": "Check the Billing page first."}),
            vec![field("body", true)],
        ),
        route(
            Method::POST,
            &format!("/answers/{answer_id}/flags"),
            Some(&visitor),
            json!({"reason": "spam"}),
            vec![field("reason", true)],
        ),
        route(
            Method::POST,
            &format!("/threads/{thread_id}/feedback"),
            None,
            json!({"helped": true, "query": "refund"}),
            vec![field("query", false)],
        ),
        route(
            Method::POST,
            "/visitors/identify",
            None,
            json!({"id": "cust-1", "name": "Kim", "email": "kim@example.com", "expires": expires, "signature": signature}),
            vec![
                field("signature", true),
                field("name", false),
                field("email", false),
            ],
        ),
        route(
            Method::POST,
            "/helper-invites",
            Some(&admin_token),
            json!({"name": "Nia", "page_url": "https://shop.acme.test/"}),
            vec![field("name", true), field("page_url", false)],
        ),
        route(
            Method::POST,
            "/helpers/sign-in",
            None,
            json!({"code": invite_code}),
            vec![field("code", true)],
        ),
        route(
            Method::PUT,
            "/helpers/me/presence",
            Some(&helper),
            json!({"status": "online"}),
            vec![field("status", true)],
        ),
        route(
            Method::POST,
            "/staff-invites",
            Some(&admin_token),
            json!({"email": "lee@acme.test", "name": "Lee", "role": "agent"}),
            vec![
                field("email", true),
                field("name", true),
                field("role", true),
            ],
        ),
        route(
            Method::POST,
            "/staff/accept",
            None,
            json!({"code": staff_code, "password": "correct horse battery"}),
            vec![field("code", true)],
        ),
        route(
            Method::POST,
            "/escalations",
            Some(&visitor),
            json!({"message": "Please call me back.", "email": "kim@example.com", "page_url": "https://shop.acme.test/"}),
            vec![
                field("message", true),
                field("email", false),
                field("page_url", false),
            ],
        ),
        route(
            Method::POST,
            &format!("/escalations/{reference}/replies"),
            Some(&admin),
            json!({"body": "We have refunded you."}),
            vec![field("body", true)],
        ),
        route(
            Method::PATCH,
            "/settings",
            Some(&admin_token),
            json!({"name": "Acme", "color": "#123456", "greeting": "Hi", "language": "en"}),
            vec![
                field("name", true),
                field("color", true),
                field("greeting", false),
                field("language", true),
            ],
        ),
        route(
            Method::POST,
            "/webhooks",
            Some(&admin_token),
            json!({"url": "https://hooks.acme.test/peerhelp", "events": ["question.asked"]}),
            vec![field("url", true)],
        ),
    ];
    let pool = server.db().await;
    Fixture {
        server,
        pool,
        routes,
    }
}
