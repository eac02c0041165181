//! `peerhelp serve`: open the database, build the directory, serve until asked to stop.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use peerhelp_api::OFFLINE_AFTER_SECONDS;
use tokio::net::TcpListener;

use crate::activity::ActivityLog;
use crate::assets::{ConsoleAssets, WidgetAssets};
use crate::clock::Clock;
use crate::directory::SiteDirectory;
use crate::error::AppResult;
use crate::live::Hub;
use crate::logging::{self, LogFormat};
use crate::mailer::MailConfig;
use crate::metrics::Metrics;
use crate::security::SecurityConfig;
use crate::state::AppState;
use crate::store::Store;

#[derive(Clone, Debug)]
pub struct ServeConfig {
    pub addr: SocketAddr,
    pub database_url: String,
    pub demo: bool,
    pub widget_dir: PathBuf,
    /// The folder holding the built staff console.
    pub console_dir: PathBuf,
    /// A helper without a heartbeat for this long is shown offline.
    pub offline_after: Duration,
    /// Where reply emails go out; without it they wait in the outbox, unsent.
    pub mail: Option<MailConfig>,
    /// Trusted proxies and the other protections of a public server.
    pub security: SecurityConfig,
}

impl ServeConfig {
    /// The presence timeout of the API contract.
    pub const DEFAULT_OFFLINE_AFTER: Duration = Duration::from_secs(OFFLINE_AFTER_SECONDS as u64);
}

/// A server bound to its address, ready to run.
pub struct Server {
    pub addr: SocketAddr,
    listener: TcpListener,
    state: AppState,
    /// With `--demo`: the demo page and a helper invite link for it.
    pub demo: Option<crate::demo::DemoLinks>,
}

impl Server {
    /// Opens the database (applying migrations), binds, seeds the demo if asked, and loads the
    /// directory and the widget assets.
    pub async fn bind(config: &ServeConfig) -> AppResult<Server> {
        Server::bind_with_clock(config, Clock::default()).await
    }

    /// [`Server::bind`] telling time by `clock`, which the caller may advance (tests do,
    /// to let heartbeats lapse without waiting).
    pub async fn bind_with_clock(config: &ServeConfig, clock: Clock) -> AppResult<Server> {
        // First: the database's connections count against the limit too.
        crate::connections::raise_open_file_limit(config.security.connections.max_connections);
        let store = Store::open_with_clock(&config.database_url, clock.clone()).await?;
        // Listen before reading anything, so no other node's change falls between the two.
        let other_nodes = store.listen_to_other_nodes().await?;
        // Bind before seeding so the demo site can allow the real address (port 0 picks one).
        let listener = TcpListener::bind(config.addr).await?;
        let addr = listener.local_addr()?;
        let demo = if config.demo {
            Some(crate::demo::seed(&store, addr).await?)
        } else {
            None
        };
        let directory = Arc::new(SiteDirectory::default());
        directory.refresh(&store).await?;
        directory.clone().spawn_refresher(store.clone());
        let (widget_dir, console_dir) = (config.widget_dir.clone(), config.console_dir.clone());
        let (assets, console) = tokio::task::spawn_blocking(move || {
            (
                WidgetAssets::load(&widget_dir),
                ConsoleAssets::load(&console_dir),
            )
        })
        .await
        .expect("asset loading panicked");
        let hub = Arc::new(Hub::default());
        if let Some(other_nodes) = other_nodes {
            crate::live::other_nodes::relay(other_nodes, store.clone(), hub.clone());
        }
        hub.clone()
            .spawn_dispatcher(store.clone(), store.last_event_id().await?);
        crate::maintenance::spawn(store.clone(), config.offline_after);
        crate::webhooks::spawn(store.clone(), &config.security);
        if let Some(mail) = &config.mail {
            crate::mailer::spawn(store.clone(), mail)?;
        }
        let activity = ActivityLog::spawn(store.clone());
        let metrics = Arc::new(Metrics::default());
        metrics.spawn_upkeep();
        Ok(Server {
            addr,
            listener,
            state: AppState {
                store,
                directory,
                assets: Arc::new(assets),
                console: Arc::new(console),
                hub,
                activity,
                security: Arc::new(config.security.clone()),
                mail_enabled: config.mail.is_some(),
                widget_loads: Arc::default(),
                metrics,
            },
            demo,
        })
    }

    /// Serves until Ctrl-C or SIGTERM, then stops accepting, ends the event streams with a
    /// hint to reconnect soon (which sends their clients to another node) and returns once
    /// in-flight requests have finished.
    pub async fn run(self) -> AppResult<()> {
        let hub = self.state.hub.clone();
        let limits = self.state.security.connections.clone();
        let proxies = self.state.security.trusted_proxies.clone();
        // Each request carries its peer address, which limits key on (`ClientIp`).
        let app = crate::app(self.state);
        crate::connections::serve(self.listener, app, &limits, &proxies, async move {
            shutdown_signal().await;
            tracing::info!("shutting down: ending event streams, finishing requests");
            // Open event streams never end by themselves; end them so shutdown completes.
            hub.close();
        })
        .await;
        Ok(())
    }
}

/// `peerhelp serve`.
pub async fn serve(config: ServeConfig, log_format: LogFormat) -> AppResult<()> {
    logging::init(log_format);
    let server = Server::bind(&config).await?;
    println!("PeerHelp listening on http://{}", server.addr);
    if config.mail.is_none() {
        println!("Reply emails are off: set --smtp-url (PEERHELP_SMTP_URL) to send them.");
    }
    if let Some(demo) = &server.demo {
        println!("Demo brand page: {}", demo.page);
        println!(
            "Helper invite for the demo page (single use): {}",
            demo.helper_invite
        );
        println!(
            "Staff console, as a new demo admin (single use): {}",
            demo.staff_invite
        );
    }
    server.run().await
}

/// Resolves on Ctrl-C or SIGTERM, letting in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
