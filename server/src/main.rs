//! `peerhelp`: serve the API and widget, create sites, import communities.

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
