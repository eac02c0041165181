//! `peerhelp`: serve the API and widget, create sites, import communities.

// Native only: Trunk builds the workspace's default members for wasm32 as well (it cannot
// select the widget package), so on that target this crate compiles to nothing.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use clap::Parser;

#[tokio::main]
async fn main() {
    let cli = peerhelp_server::cli::Cli::parse();
    if let Err(error) = cli.run().await {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
