//! The `peerhelp` command line. Its command and flag names are a contract: scripts, docs and
//! checks rely on them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use peerhelp_api::{NewStaffInvite, StaffRole};

use crate::backup::backup;
use crate::community_files;
use crate::copy_database;
use crate::error::AppError;
use crate::serve::serve;
use crate::serve_args::ServeArgs;
use crate::store::{NewSite, SiteCredentials, SiteRecord, Store};

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
    /// A TOML file of settings, keyed by the long names of the global flags and of `serve`'s
    /// (`addr = "0.0.0.0:8080"`); flags and their environment variables take precedence.
    #[arg(long, global = true, env = "PEERHELP_CONFIG")]
    pub config: Option<PathBuf>,
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
    /// Manage peer helpers.
    #[command(subcommand)]
    Helper(HelperCommand),
    /// Manage the brand's staff (console accounts).
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Apply the database migrations this version needs, then exit (`serve` applies them at
    /// start too; run this first when upgrading several nodes).
    Migrate,
    /// Import a community file (JSON lines, one thread a line); re-importing updates by `id`.
    Import {
        /// Key of the site to import into.
        #[arg(long)]
        site: String,
        /// The JSON lines file.
        file: PathBuf,
    },
    /// Write the site's public community as a community file, in the format `import` reads.
    Export {
        /// Key of the site to export.
        #[arg(long)]
        site: String,
        /// The file to write (replaced once complete); without it, standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Copy every row of the SQLite database into a new, empty PostgreSQL database (moving
    /// to several nodes); stop the servers first.
    Copy {
        /// The PostgreSQL database to fill: `postgres://USER:PASSWORD@HOST/DATABASE`.
        #[arg(long)]
        to: String,
    },
    /// Copy the SQLite database to a new FILE, consistently, while servers may be running.
    Backup {
        /// Where to write the copy; it must not exist yet.
        file: PathBuf,
    },
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
    /// Replace the site's identity secret (identities signed with the old one stop verifying).
    RotateIdentitySecret {
        #[arg(long)]
        key: String,
    },
    /// Replace the site's admin token (the old one stops working).
    RotateAdminToken {
        #[arg(long)]
        key: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum HelperCommand {
    /// Print a single-use invite link (valid 7 days) that opens helper sign-in in the widget.
    Invite {
        /// Key of the site the helper will help on.
        #[arg(long)]
        site: String,
        /// The name the helper will appear under.
        #[arg(long)]
        name: String,
        /// The brand page the link opens (default: the site's first allowed origin).
        #[arg(long)]
        page: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Print a single-use invitation code (valid 7 days) for a new staff account.
    Invite {
        /// Key of the site.
        #[arg(long)]
        site: String,
        /// The person's email, which they will sign in with.
        #[arg(long)]
        email: String,
        /// The name shown to visitors and colleagues.
        #[arg(long)]
        name: String,
        /// `admin` (also manages the site and its people) or `agent`.
        #[arg(long, default_value = "agent", value_parser = parse_role)]
        role: StaffRole,
    },
}

fn parse_role(name: &str) -> Result<StaffRole, String> {
    StaffRole::parse(name).ok_or_else(|| format!("{name:?} is not a role: use admin or agent"))
}

impl Cli {
    pub async fn run(self) -> Result<(), AppError> {
        match self.command {
            Command::Serve(args) => {
                let log_format = args.log_format;
                serve(args.into_config(self.database_url)?, log_format).await
            }
            Command::Migrate => {
                let store = Store::open(&self.database_url).await?;
                println!(
                    "the database has all {} migrations of this version",
                    store.migrations_applied().await?
                );
                Ok(())
            }
            Command::Site(SiteCommand::Create { key, name, origins }) => {
                let store = Store::open(&self.database_url).await?;
                let site =
                    NewSite::validated(key, name, origins).map_err(AppError::InvalidInput)?;
                let credentials = SiteCredentials::generate();
                let created = store.create_site_with(&site, &credentials).await?;
                println!("created site {} ({})", created.key, created.name);
                println!(
                    "identity secret: {}\nadmin token: {}",
                    credentials.identity_secret, credentials.admin_token
                );
                println!(
                    "These are shown only now: keep them secret. The identity secret signs \
                     visitor identities on your server; the admin token invites helpers."
                );
                Ok(())
            }
            Command::Site(SiteCommand::RotateIdentitySecret { key }) => {
                let (store, site) = open_site(&self.database_url, &key).await?;
                let secret = SiteCredentials::generate().identity_secret;
                store.set_identity_secret(site.id, &secret).await?;
                println!("new identity secret for {key}: {secret}");
                Ok(())
            }
            Command::Site(SiteCommand::RotateAdminToken { key }) => {
                let (store, site) = open_site(&self.database_url, &key).await?;
                let token = SiteCredentials::generate().admin_token;
                store.set_admin_token(site.id, &token).await?;
                println!("new admin token for {key}: {token}");
                Ok(())
            }
            Command::Helper(HelperCommand::Invite { site, name, page }) => {
                let (store, site) = open_site(&self.database_url, &site).await?;
                let invite = crate::invites::issue(&store, site.id, &name, page.as_deref()).await?;
                println!("{}", invite.url);
                println!("single use, valid until {}", invite.expires_at);
                Ok(())
            }
            Command::Staff(StaffCommand::Invite {
                site,
                email,
                name,
                role,
            }) => {
                let (store, site) = open_site(&self.database_url, &site).await?;
                let invite = NewStaffInvite { email, name, role };
                let invite = crate::staff_invites::issue(&store, site.id, &invite).await?;
                println!("{}", invite.code);
                println!(
                    "single use, valid until {}: open /console/#site={}&invite={} on this \
                     PeerHelp server to choose a password (or POST /api/v1/sites/{}/staff/accept)",
                    invite.expires_at, site.key, invite.code, site.key
                );
                Ok(())
            }
            Command::Import { site, file } => {
                // The file is checked before the database is opened: a bad one changes nothing.
                let threads = community_files::read(&file)?;
                let (store, site) = open_site(&self.database_url, &site).await?;
                community_files::import(&store, &site, &threads).await
            }
            Command::Export { site, output } => {
                let (store, site) = open_site(&self.database_url, &site).await?;
                community_files::export(&store, &site, output.as_deref()).await
            }
            Command::Copy { to } => copy_database::copy(&self.database_url, &to).await,
            Command::Backup { file } => backup(&self.database_url, &file).await,
        }
    }
}

/// Opens the database and finds the site with this key.
async fn open_site(database_url: &str, key: &str) -> Result<(Store, SiteRecord), AppError> {
    let store = Store::open(database_url).await?;
    let site = store
        .site_by_key(key)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no site with key {key:?}")))?;
    Ok((store, site))
}
