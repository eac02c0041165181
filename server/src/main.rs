//! `peerhelp`: serve the API and widget, create sites, import communities.

use clap::Parser;

#[tokio::main]
async fn main() {
    let cli = peerhelp_server::cli::Cli::parse();
    if let Err(error) = cli.run().await {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
