//! A throwaway database (SQLite, or a fresh one on PostgreSQL) with one site, filled through the
//! real import path.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use peerhelp_api::CommunityThread;
use peerhelp_server::connections::ConnectionLimits;
use peerhelp_server::directory::SiteDirectory;
use peerhelp_server::error::AppError;
use peerhelp_server::rate_limits::RateLimits;
use peerhelp_server::security::SecurityConfig;
use peerhelp_server::serve::{ServeConfig, Server};
use peerhelp_server::store::{NewSite, SiteCredentials, SiteRecord, Store};

use crate::database::{BackendChoice, Database};

pub const SITE: &str = "bench";

/// Connections a benchmark server serves at once: the largest stream count measured plus room
/// for the requests made beside them (the process' file descriptor limit still applies).
const BENCH_MAX_CONNECTIONS: usize = 20_000;

pub struct Fixture {
    pub database_url: String,
    pub store: Store,
    pub site: SiteRecord,
    /// The site's identity secret and admin token (the live benchmarks invite helpers).
    pub credentials: SiteCredentials,
    /// Removed when the fixture is dropped (last, after the store's connections).
    pub database: Database,
}

impl Fixture {
    /// On a throwaway SQLite file.
    pub async fn new() -> Result<Fixture, AppError> {
        Fixture::on(&BackendChoice::default()).await
    }

    /// On the chosen backend.
    pub async fn on(choice: &BackendChoice) -> Result<Fixture, AppError> {
        let database = Database::create(choice).await?;
        let database_url = database.url.clone();
        let store = Store::open(&database_url).await?;
        let site = NewSite {
            key: SITE.to_owned(),
            name: "Bench".to_owned(),
            ..NewSite::default()
        };
        let credentials = SiteCredentials::generate();
        let site = store.create_site_with(&site, &credentials).await?;
        Ok(Fixture {
            database_url,
            store,
            site,
            credentials,
            database,
        })
    }

    /// Imports in batches of one transaction each, as `peerhelp import` would per file, then
    /// refreshes the statistics as `peerhelp import` does.
    pub async fn import(&self, threads: &[CommunityThread]) -> Result<(), AppError> {
        for batch in threads.chunks(10_000) {
            self.store.import_threads(self.site.id, batch).await?;
        }
        self.store.refresh_statistics().await
    }

    /// Serves this database over HTTP in this process (no widget files); returns the address.
    pub async fn serve(&self) -> Result<SocketAddr, AppError> {
        let config = bench_config(self.database_url.clone(), None);
        let server = Server::bind(&config).await?;
        let addr = server.addr;
        tokio::spawn(server.run());
        Ok(addr)
    }

    /// The directory a server process would build from this database.
    pub async fn directory(&self) -> Result<Arc<SiteDirectory>, AppError> {
        let directory = Arc::new(SiteDirectory::default());
        directory.refresh(&self.store).await?;
        Ok(directory)
    }
}

/// How benchmarks serve: a free local port, rate limits off (they measure the server and the
/// widget, not the limits), the widget files from `widget_dir` if any, no console, no email.
/// The cap on open connections is raised above the default too: `sse-capacity` holds 10,000
/// streams and must still reach the server for its broadcast, which at the default cap (also
/// 10,000) waits in the listen queue for ever.
pub fn bench_config(database_url: String, widget_dir: Option<PathBuf>) -> ServeConfig {
    let nowhere = || PathBuf::from("/nonexistent");
    ServeConfig {
        addr: "127.0.0.1:0".parse().expect("literal address"),
        database_url,
        demo: false,
        widget_dir: widget_dir.unwrap_or_else(nowhere),
        console_dir: nowhere(),
        offline_after: ServeConfig::DEFAULT_OFFLINE_AFTER,
        mail: None,
        security: SecurityConfig {
            rate_limits: RateLimits::off(),
            connections: ConnectionLimits {
                max_connections: BENCH_MAX_CONNECTIONS,
                // Every simulated visitor connects from this machine.
                max_connections_per_network: BENCH_MAX_CONNECTIONS,
                ..ConnectionLimits::default()
            },
            ..SecurityConfig::default()
        },
    }
}
