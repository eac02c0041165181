//! Accepting and serving connections for `peerhelp serve`, with limits that keep slow and
//! hostile clients from tying the server up: a client must send a request's headers within a
//! timeout (slowloris), and only so many connections are served at once; more wait in the
//! listen queue until one closes. (`axum::serve` has neither, so this replaces it.)

use std::future::Future;
use std::sync::Arc;
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
}

impl ConnectionLimits {
    pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
    pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
    pub const DEFAULT_MAX_CONNECTIONS: usize = 10_000;
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read_timeout: Self::DEFAULT_HEADER_READ_TIMEOUT,
            request_timeout: Self::DEFAULT_REQUEST_TIMEOUT,
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
        }
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` resolves, then lets the open
/// connections finish their requests. Each request carries its peer address as
/// [`ConnectInfo`], as with `into_make_service_with_connect_info`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: &ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let open = Arc::new(Semaphore::new(limits.max_connections.max(1)));
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
        let router = app.clone();
        let service = service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request.map(Body::new))
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // Held until the connection closes, so at most `max_connections` are open.
            let _permit = permit;
            if let Err(error) = connection.await {
                tracing::debug!(%error, %peer, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
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
