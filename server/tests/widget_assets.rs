//! The loader and the widget's hashed files as browsers download them.

mod common;

use common::{GLUE_FILE, SITE, TestServer, WASM_FILE};

/// The product brief's budget for the script every brand page loads.
const LOADER_GZIP_BUDGET: usize = 2048;

#[tokio::test]
async fn the_loader_is_small_briefly_cached_and_points_at_the_hashed_build() {
    let server = TestServer::start().await;
    let plain = server
        .client
        .get(server.url("/widget.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 200);
    assert!(
        plain.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert_eq!(plain.headers()["cache-control"], "public, max-age=300");
    let source = plain.text().await.unwrap();
    assert!(source.contains(GLUE_FILE) && source.contains(WASM_FILE));
    assert!(
        !source.contains("__PEERHELP_"),
        "placeholders left in the loader"
    );

    let gzipped = server
        .client
        .get(server.url("/widget.js"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    let size = gzipped.bytes().await.unwrap().len();
    assert!(
        size <= LOADER_GZIP_BUDGET,
        "loader is {size} bytes gzip, budget {LOADER_GZIP_BUDGET}"
    );
}

#[tokio::test]
async fn hashed_files_are_immutable_and_compressed_when_the_browser_accepts_it() {
    let server = TestServer::start().await;
    let url = server.url(&format!("/widget/{SITE}/{GLUE_FILE}"));
    let brotli = server
        .client
        .get(&url)
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(brotli.status(), 200);
    assert_eq!(brotli.headers()["content-encoding"], "br");
    assert_eq!(
        brotli.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let identity = server.client.get(&url).send().await.unwrap();
    assert!(identity.headers().get("content-encoding").is_none());
    assert!(identity.text().await.unwrap().starts_with("export default"));

    let wasm = server
        .client
        .get(server.url(&format!("/widget/{SITE}/{WASM_FILE}")))
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    let missing = server
        .client
        .get(server.url(&format!("/widget/{SITE}/nope.js")))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let other_site = server
        .client
        .get(server.url(&format!("/widget/nosuch/{GLUE_FILE}")))
        .send()
        .await
        .unwrap();
    assert_eq!(other_site.status(), 404);
}

#[tokio::test]
async fn the_demo_page_embeds_the_script_tag_under_a_strict_policy() {
    let server = TestServer::start().await;
    let page = server.client.get(server.url("/demo")).send().await.unwrap();
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval'")
            && !policy.contains("script-src 'self' 'unsafe-inline'")
    );
    assert!(
        page.text()
            .await
            .unwrap()
            .contains(r#"<script src="/widget.js" data-site="demo" async></script>"#)
    );
}
