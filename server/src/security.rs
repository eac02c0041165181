//! Deployment settings that protect a server facing the public internet: which reverse proxies
//! are trusted to name the client's address, request quotas, whether webhooks may reach
//! private addresses, and who may read the metrics.

use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;
use sha2::{Digest, Sha256};

use crate::rate_limits::RateLimits;

/// Settings of `peerhelp serve` that protect it; the defaults suit a server on the internet.
#[derive(Clone, Debug, Default)]
pub struct SecurityConfig {
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: TrustedProxies,
    /// Lets webhooks reach loopback and private addresses (on-premise receivers, tests).
    pub allow_private_webhooks: bool,
    /// Fixed addresses for webhook host names, looked up before DNS (lowercase names, no
    /// trailing dot); tests pin what a name resolves to with it.
    pub webhook_hosts: HashMap<String, Vec<IpAddr>>,
    /// Request quotas per route class and caps on open event streams (`--rate-limits`).
    pub rate_limits: RateLimits,
    /// Timeouts and the cap on open connections.
    pub connections: crate::connections::ConnectionLimits,
    /// The bearer token `GET /metrics` asks for (`--metrics-token`); without one the metrics
    /// are not served.
    pub metrics_token: Option<MetricsToken>,
}

/// The token a Prometheus scraper presents for `GET /metrics`; only its SHA-256 is kept.
#[derive(Clone)]
pub struct MetricsToken([u8; 32]);

impl MetricsToken {
    /// The shortest token taken: `/metrics` is not rate limited (scrapers must not share the
    /// public's quota), so guessing must be hopeless instead.
    pub const MIN_CHARS: usize = 32;

    /// The token, if it is long enough and fits in an HTTP header; the error never repeats
    /// the token (it may be a real secret with a typo).
    pub fn new(token: &str) -> Result<MetricsToken, String> {
        if token.len() < Self::MIN_CHARS {
            return Err(format!(
                "--metrics-token must be at least {} characters (`openssl rand -hex 32` makes one)",
                Self::MIN_CHARS
            ));
        }
        if !token.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err(
                "--metrics-token may hold only printable ASCII without spaces \
                        (it is sent in an HTTP header)"
                    .to_owned(),
            );
        }
        Ok(MetricsToken(Sha256::digest(token).into()))
    }

    /// Whether `presented` is the token. Digests are compared, so how long the comparison
    /// takes tells nothing about how much of a guess was right.
    pub fn matches(&self, presented: &str) -> bool {
        Sha256::digest(presented).as_slice() == self.0
    }
}

impl fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MetricsToken(…)")
    }
}

/// The networks of the reverse proxies in front of the server.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(pub Vec<IpNet>);

impl TrustedProxies {
    /// Whether `ip` is one of the named proxies (an IPv4 peer of a dual-stack listener,
    /// `::ffff:a.b.c.d`, as its IPv4 address).
    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a request from `peer`. Only a trusted proxy's
    /// `X-Forwarded-For` counts, read from the right: each proxy appends the address it saw,
    /// so the first entry from the right that is not a trusted proxy is the client (entries
    /// further left were written by the client itself and may be forged).
    pub fn client_ip(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        // A dual-stack listener sees IPv4 peers as `::ffff:a.b.c.d`.
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .rev()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(',').rev());
        let mut client = peer;
        for entry in forwarded {
            match entry.trim().parse::<IpAddr>() {
                Ok(ip) => client = ip.to_canonical(),
                Err(_) => break,
            }
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

/// The network a client address stands for: the address itself for IPv4, its /64 for IPv6,
/// since one IPv6 subscriber is handed a whole /64 and could otherwise take a fresh quota with
/// every address in it.
pub fn network(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & (u128::MAX << 64);
            IpAddr::V6(prefix.into())
        }
        v4 => v4,
    }
}

/// Parses a `--trusted-proxy` value: a network (`10.0.0.0/8`) or one address (`10.0.0.7`).
pub fn parse_network(value: &str) -> Result<IpNet, String> {
    value
        .parse::<IpNet>()
        .or_else(|_| value.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{value:?} is not an IP address or network like 10.0.0.0/8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_client_is_its_64_and_an_ipv4_one_itself() {
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        assert_eq!(network(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
        assert_eq!(network(ip("2001:db8:1:2:bbbb::9")), ip("2001:db8:1:2::"));
        assert_eq!(network(ip("::ffff:192.0.2.4")), ip("192.0.2.4"));
        assert_eq!(network(ip("192.0.2.4")), ip("192.0.2.4"));
    }

    fn headers(forwarded: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", forwarded.parse().unwrap());
        headers
    }

    #[test]
    fn only_a_trusted_proxy_names_the_client() {
        let proxies = TrustedProxies(vec![parse_network("10.0.0.0/8").unwrap()]);
        let proxy: IpAddr = "10.1.2.3".parse().unwrap();
        let stranger: IpAddr = "203.0.113.9".parse().unwrap();
        let forged = headers("1.1.1.1, 198.51.100.7, 10.0.0.2");
        assert_eq!(
            proxies.client_ip(proxy, &forged),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        assert_eq!(proxies.client_ip(stranger, &forged), stranger);
        assert_eq!(proxies.client_ip(proxy, &headers("garbage")), proxy);
        assert_eq!(proxies.client_ip(proxy, &HeaderMap::new()), proxy);
        assert!(parse_network("10.0.0.7").is_ok());
        let mapped: IpAddr = "::ffff:10.1.2.3".parse().unwrap();
        assert_eq!(
            proxies.client_ip(mapped, &forged),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        assert!(parse_network("nope").is_err());
    }

    #[test]
    fn a_metrics_token_is_long_printable_and_matched_exactly() {
        let token = "0123456789abcdef0123456789abcdef";
        let metrics = MetricsToken::new(token).unwrap();
        assert!(metrics.matches(token));
        assert!(!metrics.matches(&token[1..]));
        assert!(!metrics.matches(""));
        let short = MetricsToken::new(&token[1..]).unwrap_err();
        assert!(
            short.contains("at least 32") && !short.contains(&token[1..]),
            "{short}"
        );
        let spaced = MetricsToken::new(&format!("{token} x")).unwrap_err();
        assert!(spaced.contains("printable"), "{spaced}");
        assert_eq!(format!("{metrics:?}"), "MetricsToken(…)");
    }
}
