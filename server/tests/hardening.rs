//! Hostile clients, over real HTTP: every response carries the browser protections and API
//! answers are cached nowhere, the console's page may not be framed or run foreign scripts, hidden
//! characters are refused in titles, names and emails, requests to the team must say
//! something, and the CSV export never hands a spreadsheet a formula.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::{TestServer, assert_error};
use peerhelp_server::security::SecurityConfig;
use peerhelp_server::serve::{ServeConfig, Server};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn every_response_carries_nosniff_and_a_referrer_policy() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let requests = [
        server.client.get(server.url("/healthz")),
        server.client.get(server.url("/no/such/page")),
        server.client.get(server.api("/config")),
        server.call(Method::GET, "/helpers/me", Some(&visitor)),
        server.client.get(server.url("/widget.js")),
    ];
    for request in requests {
        let response = request.send().await.unwrap();
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{headers:?}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{headers:?}");
    }
}

#[tokio::test]
async fn no_cache_keeps_the_apis_answers() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let requests = [
        server.call(Method::POST, "/visitors", None),
        server.call(Method::GET, "/visitors/me/threads", Some(&visitor)),
        server.client.get(server.api("/config")),
        server.client.get(server.api("/no-such-route")),
    ];
    for request in requests {
        let response = request.send().await.unwrap();
        let headers = response.headers();
        assert_eq!(headers["cache-control"], "no-store", "{headers:?}");
    }
    // The widget's files keep their own caching.
    let loader = server.client.get(server.url("/widget.js")).send().await;
    assert_ne!(loader.unwrap().headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn the_console_page_may_not_be_framed_or_run_foreign_scripts() {
    let dist = tempfile::tempdir().unwrap();
    let start_up = "import init from '/console/peerhelp-console-0123.js';await init();";
    std::fs::write(
        dist.path().join("index.html"),
        format!(
            "<!doctype html><title>PeerHelp console</title>\
             <script type=\"module\">{start_up}</script>"
        ),
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let config = ServeConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        database_url: format!("sqlite://{}", data.path().join("console.db").display()),
        demo: false,
        widget_dir: PathBuf::from("/nonexistent"),
        console_dir: dist.path().to_path_buf(),
        offline_after: ServeConfig::DEFAULT_OFFLINE_AFTER,
        mail: None,
        security: SecurityConfig::default(),
    };
    let server = Server::bind(&config).await.unwrap();
    let page = format!("http://{}/console/", server.addr);
    tokio::spawn(server.run());
    let response = reqwest::get(&page).await.unwrap();
    assert_eq!(response.status(), 200);
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    // The start-up script runs by its hash; nothing else inline does.
    use base64ct::Encoding;
    use sha2::Digest;
    let hash = base64ct::Base64::encode_string(&sha2::Sha256::digest(start_up.as_bytes()));
    assert!(
        policy.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'"
        )),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(response.headers()["x-frame-options"], "DENY");
}

#[tokio::test]
async fn hidden_characters_are_refused_in_titles_names_and_emails() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    let threads = "SELECT COUNT(*) FROM threads";
    let before = server.count(threads).await;
    for (i, (title, email)) in [
        ("Refund for \u{202E}gpj.exe please", None),
        ("My bill\u{0007} is wrong twice", None),
        ("Isolated \u{2066}text\u{2069} in a title", None),
        ("A fine title for a question", Some("ana@\u{202E}moc.evil")),
        ("A fine title for a question", Some("ana\u{200F}@acme.test")),
    ]
    .into_iter()
    .enumerate()
    {
        let request = server
            .call(Method::POST, "/threads", Some(&visitor))
            .header("idempotency-key", format!("hidden-{i}"))
            .json(&json!({"title": title, "email": email}));
        let (status, body) = server.send(request).await;
        assert_error(status, &body, 422, "invalid_input");
    }
    assert_eq!(server.count(threads).await, before);
    for (path, body) in [
        ("/helper-invites", json!({"name": "Ana\u{202D} Admin"})),
        (
            "/staff-invites",
            json!({"email": "kim@acme.test", "name": "Kim\u{0000}", "role": "agent"}),
        ),
        (
            "/staff-invites",
            json!({"email": "kim@acme.test\u{202E}", "name": "Kim", "role": "agent"}),
        ),
    ] {
        let request = server
            .call(Method::POST, path, Some(&server.admin_token))
            .json(&body);
        let (status, body) = server.send(request).await;
        assert_error(status, &body, 422, "invalid_input");
    }
    let invites =
        "SELECT (SELECT COUNT(*) FROM helper_invites) + (SELECT COUNT(*) FROM staff_invites)";
    assert_eq!(server.count(invites).await, 0);
}

async fn escalate(server: &TestServer, visitor: &str, key: &str, message: &str) -> (u16, Value) {
    let request = server
        .call(Method::POST, "/escalations", Some(visitor))
        .header("idempotency-key", key)
        .json(&json!({"message": message, "email": "ana@example.test"}));
    server.send(request).await
}

#[tokio::test]
async fn a_request_to_the_team_must_say_something() {
    let server = TestServer::start().await;
    let visitor = server.visitor().await;
    for (i, empty) in ["", "        ", "!!!!!!!!!!!!", "aaaaaaaaaaaa", "?? ok ??"]
        .into_iter()
        .enumerate()
    {
        let (status, body) = escalate(&server, &visitor, &format!("empty-{i}"), empty).await;
        assert_error(status, &body, 422, "invalid_input");
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM escalations").await, 0);
    let (status, body) = escalate(&server, &visitor, "real", "My eSIM stopped working").await;
    assert_eq!(status, 201, "{body}");
}

/// The CSV export once the activity of one session has been written (it is batched).
async fn csv_with_a_gap(server: &TestServer, staff: &str) -> String {
    for _ in 0..100 {
        let response = server
            .call(Method::GET, "/insights.csv?days=7", Some(staff))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let csv = response.text().await.unwrap();
        if csv.contains("zorblat") {
            return csv;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the search never reached the insights");
}

#[tokio::test]
async fn the_csv_export_never_hands_a_spreadsheet_a_formula() {
    let server = TestServer::start().await;
    let query = "=ZORBLAT(\"qwxz\",A1)";
    let url = reqwest::Url::parse_with_params(
        &server.api("/search"),
        [("q", query), ("session", "s-formula")],
    )
    .unwrap();
    assert_eq!(server.get_json(url.as_str()).await.0, 200);
    let staff = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let csv = csv_with_a_gap(&server, &staff).await;
    let cell = "\"'=zorblat(\"\"qwxz\"\",a1)\",1,1,0";
    assert!(csv.lines().any(|line| line == cell), "{csv}");
    // No line starts a cell with a formula character.
    for line in csv.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{line}");
        }
    }
}
