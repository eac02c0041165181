//! SQL and HTML injection over real HTTP. Where hostile text is used to look something up
//! (site keys, ids, references, codes, sign-in emails, query parameters) it is refused with a
//! JSON 4xx and writes nothing; where it is content (a question, an answer) it is stored as
//! the very text that was sent and comes back inert.

mod common;
mod hostile;

use common::{SITE, TestServer};
use hostile::{Snapshot, assert_no_failures, expect_refused, refused};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn injected_lookups_are_refused_and_write_nothing() {
    let server = TestServer::start().await;
    let staff = server.staff("ada@acme.test", "Ada", "admin").await;
    let pool = server.db().await;
    let get = |path: &str| server.client.get(server.url(path));
    let site = |path: &str| format!("/api/v1/sites/{SITE}{path}");
    let staff_get = |path: &str| get(&site(path)).bearer_auth(&staff);
    let post = |path: &str, body: serde_json::Value| {
        server.client.post(server.url(&site(path))).json(&body)
    };
    let cases = vec![
        (
            "site key with a quote",
            get("/api/v1/sites/acme'%20OR%20'1'='1/config"),
        ),
        ("unknown site", get("/api/v1/sites/nope/config")),
        ("unknown route", get("/api/v1/sites/acme/../../etc/passwd")),
        (
            "unsupported method",
            server
                .client
                .request(Method::TRACE, server.url(&site("/search"))),
        ),
        ("site key with a NUL", get("/api/v1/sites/acme%00/config")),
        (
            "site key of invalid UTF-8",
            get("/api/v1/sites/%FF%FE/config"),
        ),
        ("thread id with SQL", get(&site("/threads/1%20OR%201=1"))),
        (
            "thread id with a statement",
            get(&site("/threads/1;DROP%20TABLE%20threads")),
        ),
        (
            "thread id beyond 64 bits",
            get(&site("/threads/99999999999999999999")),
        ),
        ("negative thread id", get(&site("/threads/-1"))),
        (
            "search limit with SQL",
            get(&site("/search?q=refund&limit=1%20OR%201=1")),
        ),
        (
            "search query of invalid UTF-8",
            get(&site("/search?q=%FF%FE")),
        ),
        (
            "search query with control characters",
            get(&site("/search?q=refund%00%1B%5B31m&session=page-1")),
        ),
        (
            "search query too long",
            get(&site(&format!("/search?q={}", "a".repeat(5_000)))),
        ),
        (
            "ticket reference with SQL",
            staff_get("/escalations/PH-X'%20OR%20'1'='1"),
        ),
        (
            "queue status with SQL",
            staff_get("/escalations?status='%20OR%201=1--"),
        ),
        (
            "insights period with SQL",
            staff_get("/insights?days=7;DROP%20TABLE%20sites"),
        ),
        (
            "helper invite code with SQL",
            post("/helpers/sign-in", json!({"code": "pi_' OR '1'='1"})),
        ),
        (
            "staff invite code with SQL",
            post(
                "/staff/accept",
                json!({"code": "pi_' OR 1=1 --", "password": "correct horse battery"}),
            ),
        ),
    ];
    let mut failures = Vec::new();
    let count = cases.len();
    for (case, request) in cases {
        expect_refused(&pool, &mut failures, case, request).await;
    }
    assert_no_failures("injected-lookup", count, &failures);
}

#[tokio::test]
async fn an_injected_sign_in_email_is_refused_and_only_counted_as_a_failure() {
    let server = TestServer::start().await;
    server.staff("ada@acme.test", "Ada", "admin").await;
    let pool = server.db().await;
    let before = Snapshot::take(&pool).await;
    for email in ["' OR 1=1 --", "ada@acme.test' --", "\" OR \"\"=\""] {
        let sign_in = server
            .call(Method::POST, "/staff/sign-in", None)
            .json(&json!({"email": email, "password": "correct horse battery"}));
        let refusal = refused(email, sign_in).await.unwrap();
        assert_eq!(refusal.status, 401, "{email}: {:?}", refusal.body);
    }
    // A failed sign-in is remembered (that is what locks out guessing); nothing else changes.
    let changed = Snapshot::take(&pool).await.changed_since(&before);
    assert!(
        changed
            .iter()
            .all(|t| t.starts_with("staff_sign_in_failures ")),
        "{changed:?}"
    );
}

#[tokio::test]
async fn injected_content_is_stored_verbatim_and_comes_back_inert() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let helper = server.helper("Hana").await;
    let title = "Robert'); DROP TABLE threads;-- <script>alert(1)</script>";
    let thread = server.ask(&visitor, title, "inject-1").await;
    let thread_id = thread["id"].as_i64().unwrap();
    let body = "<img src=x onerror=alert(1)> [x](javascript:alert(2)) <iframe src=//evil>";
    let (status, answer) = server.answer(&helper, thread_id, body).await;
    assert_eq!(status, 201, "{answer}");

    let (status, read) = server
        .get_json(&server.api(&format!("/threads/{thread_id}")))
        .await;
    assert_eq!(status, 200, "{read}");
    assert_eq!(read["title"], title);
    let html = read["answers"][0]["html"].as_str().unwrap();
    for unsafe_markup in ["<img", "<iframe", "<script", "javascript:"] {
        assert!(!html.contains(unsafe_markup), "{html}");
    }
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    // Every table is still there and the search still answers.
    assert_eq!(
        server
            .count("SELECT count(*) FROM threads WHERE title = 'x'")
            .await,
        0
    );
    assert!(server.search_ids("DROP TABLE threads").await.len() <= 50);
}
