//! The staff console's files at /console/: the page uncached (a release shows at once), its
//! hashed files cached for good, and a clear 404 where the console is not built.

use std::path::PathBuf;

use peerhelp_server::security::SecurityConfig;
use peerhelp_server::serve::{ServeConfig, Server};

async fn serve(console_dir: PathBuf) -> String {
    let dir = tempfile::tempdir().unwrap();
    let config = ServeConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        database_url: format!("sqlite://{}", dir.path().join("console.db").display()),
        demo: false,
        widget_dir: PathBuf::from("/nonexistent"),
        console_dir,
        offline_after: ServeConfig::DEFAULT_OFFLINE_AFTER,
        mail: None,
        security: SecurityConfig::default(),
    };
    let server = Server::bind(&config).await.unwrap();
    let base = format!("http://{}", server.addr);
    tokio::spawn(async move {
        let _keep = dir;
        server.run().await
    });
    base
}

#[tokio::test]
async fn the_console_page_and_its_files_are_served() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>PeerHelp console</title>",
    )
    .unwrap();
    std::fs::write(
        dist.path().join("peerhelp-console-0123.js"),
        "export default 1;",
    )
    .unwrap();
    std::fs::write(dist.path().join("notes.txt"), "not served").unwrap();
    let base = serve(dist.path().to_owned()).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let redirect = client.get(format!("{base}/console")).send().await.unwrap();
    assert_eq!(redirect.status(), 308);
    assert_eq!(redirect.headers()["location"], "/console/");
    let page = client.get(format!("{base}/console/")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(page.headers()["cache-control"], "no-cache");
    assert!(page.text().await.unwrap().contains("PeerHelp console"));
    let script = client
        .get(format!("{base}/console/peerhelp-console-0123.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), 200);
    assert!(
        script.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    for missing in ["notes.txt", "nothing.js"] {
        let response = client
            .get(format!("{base}/console/{missing}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{missing}");
    }
}

#[tokio::test]
async fn without_a_build_the_console_says_so() {
    let base = serve(PathBuf::from("/nonexistent")).await;
    let response = reqwest::get(format!("{base}/console/")).await.unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(
        body["message"].as_str().unwrap().contains("console"),
        "{body}"
    );
}
