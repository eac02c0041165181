//! The `serve` command's flags (each with its environment variable), and the server
//! configuration they make. Their names are a contract, as all of the command line's are.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use ipnet::IpNet;

use crate::connections::ConnectionLimits;
use crate::error::AppError;
use crate::logging::LogFormat;
use crate::mailer::MailConfig;
use crate::rate_limits::RateLimits;
use crate::security::{MetricsToken, SecurityConfig, TrustedProxies, parse_network};
use crate::serve::ServeConfig;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the chosen address is printed).
    #[arg(long, env = "PEERHELP_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Create a demo site with a realistic community and serve a demo brand page at /demo.
    #[arg(long, env = "PEERHELP_DEMO")]
    pub demo: bool,
    /// The folder holding the built widget (`node scripts/web/build.mjs` writes it).
    #[arg(long, env = "PEERHELP_WIDGET_DIR", default_value = "dist")]
    pub widget_dir: PathBuf,
    /// The folder holding the built staff console, served at /console/.
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
    /// Connections one client network (an IPv4 address, an IPv6 /64) may hold at once;
    /// trusted proxies are exempt.
    #[arg(long, env = "PEERHELP_MAX_CONNECTIONS_PER_NETWORK", default_value_t = ConnectionLimits::DEFAULT_MAX_CONNECTIONS_PER_NETWORK, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_connections_per_network: usize,
    /// Serve Prometheus metrics at GET /metrics to scrapers sending `Authorization: Bearer
    /// <this token>` (at least 32 characters); without it /metrics is off.
    #[arg(long, env = "PEERHELP_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// How log lines are written: `text`, or `json` (one object per line) for log collectors.
    #[arg(long, env = "PEERHELP_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

impl ServeArgs {
    /// The server's configuration for these flags and the database at `database_url`; a
    /// metrics token too short to be safe is refused.
    pub fn into_config(self, database_url: String) -> Result<ServeConfig, AppError> {
        let metrics_token = self
            .metrics_token
            .as_deref()
            .map(MetricsToken::new)
            .transpose()
            .map_err(AppError::InvalidInput)?;
        Ok(ServeConfig {
            addr: self.addr,
            database_url,
            demo: self.demo,
            widget_dir: self.widget_dir,
            console_dir: self.console_dir,
            offline_after: ServeConfig::DEFAULT_OFFLINE_AFTER,
            mail: self.smtp_url.map(|smtp_url| MailConfig {
                smtp_url,
                from: self.mail_from,
            }),
            security: SecurityConfig {
                trusted_proxies: TrustedProxies(self.trusted_proxies),
                allow_private_webhooks: self.allow_private_webhooks,
                rate_limits: self.rate_limits,
                connections: ConnectionLimits {
                    header_read_timeout: Duration::from_secs(self.header_read_timeout),
                    request_timeout: Duration::from_secs(self.request_timeout),
                    max_connections: self.max_connections,
                    max_connections_per_network: self.max_connections_per_network,
                },
                metrics_token,
                ..SecurityConfig::default()
            },
        })
    }
}
