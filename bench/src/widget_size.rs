//! `widget-size`: what a visitor's browser downloads, compressed as the server sends it.

use std::path::Path;

use peerhelp_server::assets::{Encoding, WidgetAssets};
use peerhelp_server::error::AppError;

const LOADER_BUDGET_GZIP: usize = 2 * 1024;
const WIDGET_BUDGET_BROTLI: usize = 150 * 1024;

pub fn run(dist: &Path) -> Result<(), AppError> {
    let assets = WidgetAssets::load(dist);
    let mut files: Vec<_> = assets.files().collect();
    if files.is_empty() {
        return Err(AppError::InvalidInput(format!(
            "no widget build in {}; run trunk build --release --offline",
            dist.display()
        )));
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
    Ok(())
}
