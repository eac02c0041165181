//! The `peerhelp` command line. Its command and flag names are a contract: scripts, docs and
//! checks rely on them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::error::AppError;
use crate::import::parse_community_file;
use crate::serve::{ServeConfig, serve};
use crate::store::{NewSite, Store};

#[derive(Debug, Parser)]
#[command(
    name = "peerhelp",
    version,
    about = "PeerHelp: peer-to-peer customer support for any website"
)]
pub struct Cli {
    /// Database to use: `sqlite://FILE` (created if missing).
    #[arg(
        long,
        global = true,
        env = "PEERHELP_DATABASE_URL",
        default_value = "sqlite://peerhelp.db"
    )]
    pub database_url: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the JSON API, the widget and (with --demo) a demo brand page.
    Serve(ServeArgs),
    /// Manage sites (brands embedding the widget).
    #[command(subcommand)]
    Site(SiteCommand),
    /// Import a community file (JSON lines, one thread a line); re-importing updates by `id`.
    Import {
        /// Key of the site to import into.
        #[arg(long)]
        site: String,
        /// The JSON lines file.
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the chosen address is printed).
    #[arg(long, env = "PEERHELP_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Create a demo site with a realistic community and serve a demo brand page at /demo.
    #[arg(long, env = "PEERHELP_DEMO")]
    pub demo: bool,
    /// Trunk's output folder holding the built widget.
    #[arg(long, env = "PEERHELP_WIDGET_DIR", default_value = "dist")]
    pub widget_dir: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum SiteCommand {
    /// Create a site.
    Create {
        /// Public key, as in the script tag's data-site (letters, digits, - and _).
        #[arg(long)]
        key: String,
        /// Brand name shown in the widget.
        #[arg(long)]
        name: String,
        /// An origin allowed to embed the widget, like https://www.example.com (repeatable).
        #[arg(long = "origin")]
        origins: Vec<String>,
    },
}

impl Cli {
    pub async fn run(self) -> Result<(), AppError> {
        match self.command {
            Command::Serve(args) => {
                let config = ServeConfig {
                    addr: args.addr,
                    database_url: self.database_url,
                    demo: args.demo,
                    widget_dir: args.widget_dir,
                };
                serve(config).await
            }
            Command::Site(SiteCommand::Create { key, name, origins }) => {
                let store = Store::open(&self.database_url).await?;
                let site =
                    NewSite::validated(key, name, origins).map_err(AppError::InvalidInput)?;
                let created = store.create_site(&site).await?;
                println!("created site {} ({})", created.key, created.name);
                Ok(())
            }
            Command::Import { site, file } => {
                let text = std::fs::read_to_string(&file).map_err(|e| {
                    AppError::InvalidInput(format!("cannot read {}: {e}", file.display()))
                })?;
                let threads = parse_community_file(&text).map_err(|e| {
                    AppError::InvalidInput(format!("{}: {e}; nothing was imported", file.display()))
                })?;
                let store = Store::open(&self.database_url).await?;
                let site = store
                    .site_by_key(&site)
                    .await?
                    .ok_or_else(|| AppError::NotFound(format!("no site with key {site:?}")))?;
                let summary = store.import_threads(site.id, &threads).await?;
                println!(
                    "imported {} threads into {}: {} new, {} updated",
                    threads.len(),
                    site.key,
                    summary.created,
                    summary.updated
                );
                Ok(())
            }
        }
    }
}
