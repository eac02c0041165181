//! `host-cost`: what the widget costs a brand's page before anyone uses it, and how soon it
//! opens once the visitor shows intent. Serves the demo brand page (`/demo`, the script tag on
//! an otherwise empty page) with the release build in `dist/`, and drives headless Chromium
//! through `bench/host-cost.mjs` (Node with the e2e tests' playwright-core), which prints the
//! figures.

use std::path::Path;

use peerhelp_server::error::AppError;
use peerhelp_server::serve::{ServeConfig, Server};

use crate::fixture::bench_config;
use crate::widget_size;

pub async fn run(dist: &Path, runs: u32) -> Result<(), AppError> {
    if !widget_size::has_build(dist) {
        return Err(widget_size::no_build(dist));
    }
    let dir = tempfile::tempdir()?;
    let config = ServeConfig {
        demo: true,
        ..bench_config(
            format!("sqlite://{}", dir.path().join("host-cost.db").display()),
            Some(dist.to_path_buf()),
        )
    };
    let server = Server::bind(&config).await?;
    let page = server
        .demo
        .as_ref()
        .map(|links| links.page.clone())
        .expect("the demo is seeded");
    tokio::spawn(server.run());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("host-cost.mjs");
    let status = tokio::process::Command::new("node")
        .arg(script)
        .arg(&page)
        .arg(runs.to_string())
        .status()
        .await?;
    if !status.success() {
        return Err(AppError::Internal(format!(
            "the browser driver failed ({status}); it needs node and e2e/node_modules"
        )));
    }
    Ok(())
}
