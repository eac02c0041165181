//! `peerhelp serve`: open the database, build the catalog, serve until asked to stop.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::assets::WidgetAssets;
use crate::catalog::Catalog;
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::Store;

#[derive(Clone, Debug)]
pub struct ServeConfig {
    pub addr: SocketAddr,
    pub database_url: String,
    pub demo: bool,
    pub widget_dir: PathBuf,
}

/// A server bound to its address, ready to run.
pub struct Server {
    pub addr: SocketAddr,
    listener: TcpListener,
    state: AppState,
}

impl Server {
    /// Opens the database (applying migrations), binds, seeds the demo if asked, and loads the
    /// catalog and the widget assets.
    pub async fn bind(config: &ServeConfig) -> AppResult<Server> {
        let store = Store::open(&config.database_url).await?;
        // Bind before seeding so the demo site can allow the real address (port 0 picks one).
        let listener = TcpListener::bind(config.addr).await?;
        let addr = listener.local_addr()?;
        if config.demo {
            crate::demo::seed(&store, addr).await?;
        }
        let catalog = Arc::new(Catalog::default());
        catalog.refresh(&store).await?;
        catalog.clone().spawn_refresher(store.clone());
        let widget_dir = config.widget_dir.clone();
        let assets = tokio::task::spawn_blocking(move || WidgetAssets::load(&widget_dir))
            .await
            .expect("asset loading panicked");
        Ok(Server {
            addr,
            listener,
            state: AppState {
                store,
                catalog,
                assets: Arc::new(assets),
            },
        })
    }

    /// Serves until Ctrl-C or SIGTERM, letting in-flight requests finish.
    pub async fn run(self) -> AppResult<()> {
        axum::serve(self.listener, crate::app(self.state))
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        Ok(())
    }
}

/// `peerhelp serve`.
pub async fn serve(config: ServeConfig) -> AppResult<()> {
    init_tracing();
    let server = Server::bind(&config).await?;
    println!("PeerHelp listening on http://{}", server.addr);
    if config.demo {
        println!("Demo brand page: http://{}/demo", server.addr);
    }
    server.run().await
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "peerhelp_server=info,tower_http=warn".into());
    // A second call (tests start several servers in one process) keeps the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
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
