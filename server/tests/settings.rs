//! Site settings over real HTTP: staff read them, a staff admin or the admin token changes
//! them (at once for the widget's configuration and CORS), bad values change nothing, and the
//! identity secret rotates.

mod common;

use common::{ALLOWED_ORIGIN, TestServer, assert_error};
use reqwest::Method;
use serde_json::{Value, json};

async fn patch(server: &TestServer, token: &str, change: Value) -> (u16, Value) {
    let request = server
        .call(Method::PATCH, "/settings", Some(token))
        .json(&change);
    server.send(request).await
}

#[tokio::test]
async fn a_staff_admin_changes_the_settings_and_the_widget_follows() {
    let server = TestServer::start().await;
    let agent = server.staff("sam@acme.test", "Sam Ortiz", "agent").await;
    let (status, settings) = server
        .send(server.call(Method::GET, "/settings", Some(&agent)))
        .await;
    assert_eq!(status, 200, "{settings}");
    assert_eq!(settings["name"], "Acme Mobile");
    assert_eq!(settings["language"], "auto");
    assert_eq!(settings["origins"], json!([ALLOWED_ORIGIN]));
    assert_eq!(
        settings["escalate_after_minutes"],
        peerhelp_api::DEFAULT_ESCALATE_AFTER_MINUTES
    );

    let change = json!({"name": "Acme Help"});
    let (status, body) = patch(&server, &agent, change).await;
    assert_error(status, &body, 403, "forbidden");

    let admin = server.staff("lee@acme.test", "Lee Admin", "admin").await;
    let change = json!({
        "name": "Acme Help", "color": "#F60", "greeting": "", "language": "fr",
        "position": "left", "escalate_after_minutes": 30,
        "origins": ["https://Shop.Acme.test/", "https://help.acme.test"],
    });
    let (status, settings) = patch(&server, &admin, change).await;
    assert_eq!(status, 200, "{settings}");
    assert_eq!(settings["color"], "#ff6600");
    assert_eq!(
        settings["origins"],
        json!(["https://help.acme.test", "https://shop.acme.test"])
    );
    let (_, config) = server.get_json(&server.api("/config")).await;
    assert_eq!(config["name"], "Acme Help");
    assert_eq!(config["language"], "fr");
    assert_eq!(config["escalate_after_minutes"], 30);
    assert_eq!(config["position"], "left");
    let cors = server
        .client
        .get(server.api("/config"))
        .header("origin", "https://help.acme.test")
        .send()
        .await
        .unwrap();
    assert_eq!(cors.status(), 200, "the new origin is allowed at once");

    // One bad value refuses the whole change.
    for bad in [
        json!({"name": "Acme Again", "color": "orange"}),
        json!({"language": "de"}),
        json!({"escalate_after_minutes": 0}),
        json!({"origins": []}),
        json!({"origins": ["not an origin"]}),
        json!({"position": "top"}),
    ] {
        let (status, body) = patch(&server, &admin, bad).await;
        assert_error(status, &body, 422, "invalid_input");
    }
    let (_, config) = server.get_json(&server.api("/config")).await;
    assert_eq!(config["name"], "Acme Help");
    // After the invitations and sign-ups of the staff (staff.*).
    assert_eq!(server.audit_actions(&admin).await[0], "settings.updated");
}

#[tokio::test]
async fn rotating_the_identity_secret_retires_the_old_one() {
    let server = TestServer::start().await;
    let old = server.identity_secret.clone();
    let request = server.call(
        Method::POST,
        "/settings/identity-secret",
        Some(&server.admin_token),
    );
    let (status, rotated) = server.send(request).await;
    assert_eq!(status, 200, "{rotated}");
    let new = rotated["identity_secret"].as_str().unwrap();
    assert_eq!(new.len(), 64);
    assert_ne!(new, old);
    let stored = server
        .count(&format!(
            "SELECT COUNT(*) FROM sites WHERE identity_secret = '{new}'"
        ))
        .await;
    assert_eq!(stored, 1);
    let visitor = server.visitor().await;
    let (status, body) = server
        .send(server.call(Method::POST, "/settings/identity-secret", Some(&visitor)))
        .await;
    assert_error(status, &body, 401, "unauthorized");
}
