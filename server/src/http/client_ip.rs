//! The `ClientIp` extractor: the address limits and abuse rules key on (see `security`).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::error::AppError;
use crate::security::network;
use crate::state::AppState;

/// The client's network, which limits and abuse rules key on: the TCP peer, or what a trusted
/// reverse proxy forwarded; an IPv6 client by its /64 (see `security::network`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        // The rate-limit middleware has usually worked it out already.
        if let Some(known) = parts.extensions.get::<ClientIp>() {
            return Ok(*known);
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            // The server is always run with connect info (see `serve`); without it the
            // router was mounted wrongly, which is our fault, not the client's.
            .ok_or_else(|| AppError::Internal("the peer address is unknown".to_owned()))?;
        let client = state
            .security
            .trusted_proxies
            .client_ip(peer, &parts.headers);
        Ok(ClientIp(network(client)))
    }
}
