//! `serve --demo`: the demo site has helpers on its leaderboard, a working helper invite for the
//! demo page, and the documented identity secret.

use std::path::PathBuf;

use peerhelp_server::demo::DEMO_IDENTITY_SECRET;
use peerhelp_server::secrets::{SignedIdentity, sign_identity, unix_now};
use peerhelp_server::security::SecurityConfig;
use peerhelp_server::serve::{ServeConfig, Server};
use serde_json::{Value, json};

#[tokio::test]
async fn the_demo_has_helpers_an_invite_link_and_a_known_identity_secret() {
    let dir = tempfile::tempdir().unwrap();
    let config = ServeConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        database_url: format!("sqlite://{}", dir.path().join("demo.db").display()),
        demo: true,
        widget_dir: PathBuf::from("/nonexistent"),
        console_dir: PathBuf::from("/nonexistent"),
        offline_after: ServeConfig::DEFAULT_OFFLINE_AFTER,
        mail: None,
        security: SecurityConfig::default(),
    };
    let server = Server::bind(&config).await.expect("bind");
    let base = format!("http://{}/api/v1/sites/demo", server.addr);
    let links = server.demo.clone().expect("demo links");
    tokio::spawn(server.run());
    let client = reqwest::Client::new();

    let board: Value = client
        .get(format!("{base}/leaderboard"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let helpers = board["helpers"].as_array().unwrap();
    assert!(helpers.len() >= 3, "{board}");
    assert!(helpers[0]["points"].as_i64().unwrap() > 0, "{board}");
    assert!(
        helpers.iter().all(|h| h["helper"]["status"] == "offline"),
        "presence is not faked"
    );

    let (page, code) = links.helper_invite.split_once("#peerhelp-invite=").unwrap();
    assert_eq!(page, links.page);
    assert!(page.ends_with("/demo"), "{page}");
    let signed_in = client
        .post(format!("{base}/helpers/sign-in"))
        .json(&json!({"code": code}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);

    // The staff invitation opens the console and makes a demo admin.
    let (console, fragment) = links.staff_invite.split_once('#').unwrap();
    assert!(console.ends_with("/console/"), "{console}");
    let code = fragment.strip_prefix("site=demo&invite=").unwrap();
    let accepted = client
        .post(format!("{base}/staff/accept"))
        .json(&json!({"code": code, "password": "a demo password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 201);
    let session: serde_json::Value = accepted.json().await.unwrap();
    assert_eq!(session["staff"]["role"], "admin");

    let expires = unix_now() + 60;
    let identified = client
        .post(format!("{base}/visitors/identify"))
        .json(&json!({"id": "demo-customer", "expires": expires,
        "signature": sign_identity(DEMO_IDENTITY_SECRET, &SignedIdentity {
            id: "demo-customer", expires, name: None, email: None,
        })}))
        .send()
        .await
        .unwrap();
    assert_eq!(identified.status(), 200);
}
