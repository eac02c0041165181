//! `peerhelp`: serve the API and widget, create sites, import communities.

// Native only: Trunk builds the workspace's default members for wasm32 as well (it cannot
// select the widget package), so on that target this crate compiles to nothing.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

#[tokio::main]
async fn main() {
    let cli = match peerhelp_server::config_file::parse_from(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(error) => {
            eprintln!("error: {error}");
            // What clap exits with for a mistake on the command line, which this is too.
            std::process::exit(2);
        }
    };
    if let Err(error) = cli.run().await {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
