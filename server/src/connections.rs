//! Accepting and serving connections for `peerhelp serve`, with limits that keep slow and
//! hostile clients from tying the server up: a client must send a request's headers within a
//! timeout (slowloris), one network may hold only so many connections at once, and only so
//! many are served in all; more wait in the listen queue until one closes. (`axum::serve` has
//! none of these, so this replaces it.)

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::security::{TrustedProxies, network};

/// How long to wait before accepting again after the listener failed (out of file
/// descriptors, usually): long enough for connections to close, short enough to go unnoticed.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// Files the server keeps open besides its connections: database files and connections, the
/// listener, logs.
const FILES_BESIDE_CONNECTIONS: u64 = 64;

/// Limits on what one connection or request may hold; the defaults suit a public server.
#[derive(Clone, Debug)]
pub struct ConnectionLimits {
    /// Time a client has to send a request's headers, from connecting or from its previous
    /// response; an idle keep-alive connection is closed after it too.
    pub header_read_timeout: Duration,
    /// Time a request may take until its response starts, reading its body included; the
    /// event stream's body, which follows, is not bound by it.
    pub request_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// Connections one client network (an IPv4 address, an IPv6 /64) may hold at once, so that
    /// one host opening connections it never uses cannot take every slot; trusted proxies,
    /// which carry everyone's connections, are exempt.
    pub max_connections_per_network: usize,
}

impl ConnectionLimits {
    pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
    pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
    pub const DEFAULT_MAX_CONNECTIONS: usize = 10_000;
    /// Room for an office or a campus behind one address, each person with a live widget;
    /// 40 networks are then needed to fill a node.
    pub const DEFAULT_MAX_CONNECTIONS_PER_NETWORK: usize = 256;
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read_timeout: Self::DEFAULT_HEADER_READ_TIMEOUT,
            request_timeout: Self::DEFAULT_REQUEST_TIMEOUT,
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
            max_connections_per_network: Self::DEFAULT_MAX_CONNECTIONS_PER_NETWORK,
        }
    }
}

/// Serves `app` on `listener` within `limits` (`proxies` exempt from the cap per network)
/// until `shutdown` resolves, then lets the open connections finish their requests. Each
/// request carries its peer address as [`ConnectInfo`], as with
/// `into_make_service_with_connect_info`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: &ConnectionLimits,
    proxies: &TrustedProxies,
    shutdown: impl Future<Output = ()>,
) {
    let open = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let per_network = NetworkCounts::default();
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = open.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(ACCEPT_RETRY).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let network_slot = if proxies.trusts(peer.ip()) {
            None
        } else {
            let slot = per_network.take(network(peer.ip()), limits.max_connections_per_network);
            if slot.is_none() {
                // Closed at once: the global slot goes back to everyone else.
                tracing::debug!(%peer, "too many connections from one network");
                continue;
            }
            slot
        };
        let router = app.clone();
        let service = service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request.map(Body::new))
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // Held until the connection closes, so at most `max_connections` are open.
            let _permit = permit;
            let _network_slot = network_slot;
            if let Err(error) = connection.await {
                tracing::debug!(%error, %peer, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// Connections open per client network.
#[derive(Clone, Default)]
struct NetworkCounts(Arc<Mutex<HashMap<IpAddr, usize>>>);

impl NetworkCounts {
    /// A slot for one more connection of `network`, unless it already holds `max`.
    fn take(&self, network: IpAddr, max: usize) -> Option<NetworkSlot> {
        let mut counts = self.0.lock().expect("never poisoned: no panics while held");
        let count = counts.entry(network).or_default();
        if *count >= max {
            return None;
        }
        *count += 1;
        Some(NetworkSlot {
            counts: self.clone(),
            network,
        })
    }
}

/// One open connection of a network, given back when dropped.
struct NetworkSlot {
    counts: NetworkCounts,
    network: IpAddr,
}

impl Drop for NetworkSlot {
    fn drop(&mut self) {
        let mut counts = self
            .counts
            .0
            .lock()
            .expect("never poisoned: no panics while held");
        if let Some(count) = counts.get_mut(&self.network) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.network);
            }
        }
    }
}

/// Raises the process' soft limit on open files to its hard limit, as Go's runtime does for
/// every server: the soft limit is often 1,024 (systemd's default for services) while each
/// open event stream holds a connection, and a server out of descriptors can accept no one
/// and open nothing. Warns when even the hard limit is below the connection cap.
pub(crate) fn raise_open_file_limit(max_connections: usize) {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) if limit < max_connections as u64 + FILES_BESIDE_CONNECTIONS => {
            tracing::warn!(
                open_files = limit,
                max_connections,
                "the open-file limit leaves room for fewer connections than --max-connections; \
                 raise the hard limit (LimitNOFILE= in a systemd unit, ulimit -n)"
            );
        }
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "could not raise the open-file limit"),
    }
}
