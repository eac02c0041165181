//! The `peerhelp` command line. Its command and flag names are a contract: scripts, docs and
//! checks rely on them.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use ipnet::IpNet;
use peerhelp_api::{NewStaffInvite, StaffRole};

use crate::connections::ConnectionLimits;
use crate::error::AppError;
use crate::import::parse_community_file;
use crate::logging::LogFormat;
use crate::mailer::MailConfig;
use crate::rate_limits::RateLimits;
use crate::security::{MetricsToken, SecurityConfig, TrustedProxies, parse_network};
use crate::serve::{ServeConfig, serve};
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
    /// Trunk's output folder holding the built staff console, served at /console/.
    #[arg(long, env = "PEERHELP_CONSOLE_DIR", default_value = "console/dist")]
    pub console_dir: PathBuf,
    /// SMTP server for reply emails: smtp://HOST:25, smtp://USER:PASS@HOST:587?tls=required
    /// (STARTTLS) or smtps://USER:PASS@HOST:465. Without it no email is sent.
    #[arg(long, env = "PEERHELP_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Sender of reply emails.
    #[arg(
        long,
        env = "PEERHELP_MAIL_FROM",
        default_value = "PeerHelp <peerhelp@localhost>"
    )]
    pub mail_from: String,
    /// A reverse proxy (address or network, repeatable or comma-separated) whose
    /// `X-Forwarded-For` names the client. Without it the TCP peer is the client.
    #[arg(long = "trusted-proxy", env = "PEERHELP_TRUSTED_PROXY", value_delimiter = ',', value_parser = parse_network)]
    pub trusted_proxies: Vec<IpNet>,
    /// Let webhooks use plain http and reach loopback, private and link-local addresses
    /// (on-premise receivers); cloud metadata addresses stay refused.
    #[arg(long, env = "PEERHELP_ALLOW_PRIVATE_WEBHOOKS")]
    pub allow_private_webhooks: bool,
    /// Request quotas per client IP and per token: `on` (the defaults), `off` (benchmarks,
    /// trusted networks), or overrides like `search=600/min,visitors=60/hour,streams-per-ip=20`.
    #[arg(long, env = "PEERHELP_RATE_LIMITS", default_value = "on")]
    pub rate_limits: RateLimits,
    /// Seconds a client has to send a request's headers; idle connections close after it.
    #[arg(long, env = "PEERHELP_HEADER_READ_TIMEOUT", default_value_t = ConnectionLimits::DEFAULT_HEADER_READ_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    pub header_read_timeout: u64,
    /// Seconds a request may take until its response starts (event streams then run on).
    #[arg(long, env = "PEERHELP_REQUEST_TIMEOUT", default_value_t = ConnectionLimits::DEFAULT_REQUEST_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    pub request_timeout: u64,
    /// Connections served at once; more wait until one closes.
    #[arg(long, env = "PEERHELP_MAX_CONNECTIONS", default_value_t = ConnectionLimits::DEFAULT_MAX_CONNECTIONS, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_connections: usize,
    /// Serve Prometheus metrics at GET /metrics to scrapers sending `Authorization: Bearer
    /// <this token>` (at least 32 characters); without it /metrics is off.
    #[arg(long, env = "PEERHELP_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// How log lines are written: `text`, or `json` (one object per line) for log collectors.
    #[arg(long, env = "PEERHELP_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
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
                let config = ServeConfig {
                    addr: args.addr,
                    database_url: self.database_url,
                    demo: args.demo,
                    widget_dir: args.widget_dir,
                    console_dir: args.console_dir,
                    offline_after: ServeConfig::DEFAULT_OFFLINE_AFTER,
                    mail: args.smtp_url.map(|smtp_url| MailConfig {
                        smtp_url,
                        from: args.mail_from,
                    }),
                    security: SecurityConfig {
                        trusted_proxies: TrustedProxies(args.trusted_proxies),
                        allow_private_webhooks: args.allow_private_webhooks,
                        rate_limits: args.rate_limits,
                        connections: ConnectionLimits {
                            header_read_timeout: Duration::from_secs(args.header_read_timeout),
                            request_timeout: Duration::from_secs(args.request_timeout),
                            max_connections: args.max_connections,
                        },
                        metrics_token: args
                            .metrics_token
                            .as_deref()
                            .map(MetricsToken::new)
                            .transpose()
                            .map_err(AppError::InvalidInput)?,
                        ..SecurityConfig::default()
                    },
                };
                serve(config, args.log_format).await
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
                let store = Store::open(&self.database_url).await?;
                let site = existing_site(&store, &key).await?;
                let secret = SiteCredentials::generate().identity_secret;
                store.set_identity_secret(site.id, &secret).await?;
                println!("new identity secret for {key}: {secret}");
                Ok(())
            }
            Command::Site(SiteCommand::RotateAdminToken { key }) => {
                let store = Store::open(&self.database_url).await?;
                let site = existing_site(&store, &key).await?;
                let token = SiteCredentials::generate().admin_token;
                store.set_admin_token(site.id, &token).await?;
                println!("new admin token for {key}: {token}");
                Ok(())
            }
            Command::Helper(HelperCommand::Invite { site, name, page }) => {
                let store = Store::open(&self.database_url).await?;
                let site = existing_site(&store, &site).await?;
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
                let store = Store::open(&self.database_url).await?;
                let site = existing_site(&store, &site).await?;
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
                let text = std::fs::read_to_string(&file).map_err(|e| {
                    AppError::InvalidInput(format!("cannot read {}: {e}", file.display()))
                })?;
                let threads = parse_community_file(&text).map_err(|e| {
                    AppError::InvalidInput(format!("{}: {e}; nothing was imported", file.display()))
                })?;
                let store = Store::open(&self.database_url).await?;
                let site = existing_site(&store, &site).await?;
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

async fn existing_site(store: &Store, key: &str) -> Result<SiteRecord, AppError> {
    store
        .site_by_key(key)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no site with key {key:?}")))
}
