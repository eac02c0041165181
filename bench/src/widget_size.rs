//! `widget-size`: what a visitor's browser downloads, compressed as the server sends it.

use std::path::Path;

use peerhelp_api::LANGUAGES;
use peerhelp_server::assets::{Encoding, WidgetAssets};
use peerhelp_server::error::AppError;

use crate::fixture::{Fixture, SITE};

const LOADER_BUDGET_GZIP: usize = 2 * 1024;
const WIDGET_BUDGET_BROTLI: usize = 150 * 1024;

/// Prints the sizes; with `check`, fails when the loader or the widget is over its budget.
pub async fn run(dist: &Path, check: bool) -> Result<(), AppError> {
    let assets = WidgetAssets::load(dist);
    let mut files: Vec<_> = assets.files().collect();
    if files.is_empty() {
        return Err(no_build(dist));
    }
    files.sort_by_key(|(name, _)| name.to_string());
    let loader = assets.loader.bytes(Encoding::Gzip).len();
    println!(
        "loader /widget.js: {} B raw, {loader} B gzip (budget {LOADER_BUDGET_GZIP} B)",
        assets.loader.bytes(Encoding::Identity).len()
    );
    let mut total = 0;
    for (name, asset) in files {
        let brotli = asset.bytes(Encoding::Brotli).len();
        total += brotli;
        println!(
            "{name}: {} B raw, {} B gzip, {brotli} B brotli",
            asset.bytes(Encoding::Identity).len(),
            asset.bytes(Encoding::Gzip).len()
        );
    }
    println!(
        "widget total (wasm + JS glue, CSS inside the wasm): {total} B brotli = {:.1} KB (budget {} KB)",
        total as f64 / 1024.0,
        WIDGET_BUDGET_BROTLI / 1024
    );
    if check && (loader > LOADER_BUDGET_GZIP || total > WIDGET_BUDGET_BROTLI) {
        return Err(AppError::InvalidInput(format!(
            "over budget: loader {loader} B gzip (budget {LOADER_BUDGET_GZIP} B), widget \
             {total} B brotli (budget {WIDGET_BUDGET_BROTLI} B)"
        )));
    }
    configuration_sizes().await
}

/// Whether `dist` holds a widget build: the web build names its wasm `…_bg.wasm`.
pub fn has_build(dist: &Path) -> bool {
    std::fs::read_dir(dist).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().ends_with("_bg.wasm"))
    })
}

pub fn no_build(dist: &Path) -> AppError {
    AppError::InvalidInput(format!(
        "no widget build in {}; run node scripts/web/build.mjs",
        dist.display()
    ))
}

/// The site configuration as a browser receives it over HTTP (brotli), per language: it
/// carries the widget's texts, which the widget itself does not ship.
async fn configuration_sizes() -> Result<(), AppError> {
    let fixture = Fixture::new().await?;
    let url = format!(
        "http://{}/api/v1/sites/{SITE}/config",
        fixture.serve().await?
    );
    // Without reqwest's decompression features the body arrives exactly as sent.
    let client = reqwest::Client::new();
    for language in LANGUAGES {
        let body = client
            .get(&url)
            .query(&[("lang", language)])
            .header("accept-encoding", "br")
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|error| AppError::Internal(error.to_string()))?
            .bytes()
            .await
            .map_err(|error| AppError::Internal(error.to_string()))?;
        println!(
            "site configuration with the {language} texts: {} B brotli over HTTP",
            body.len()
        );
    }
    Ok(())
}
