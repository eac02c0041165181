//! The `ClientIp` extractor: the address limits and abuse rules key on (see `security`).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::error::AppError;
use crate::state::AppState;

/// The client's IP address: the TCP peer, or what a trusted reverse proxy forwarded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            // The server is always run with connect info (see `serve`); without it the
            // router was mounted wrongly, which is our fault, not the client's.
            .ok_or_else(|| AppError::Internal("the peer address is unknown".to_owned()))?;
        Ok(ClientIp(
            state
                .security
                .trusted_proxies
                .client_ip(peer, &parts.headers),
        ))
    }
}
