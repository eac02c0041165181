//! Where webhooks may be delivered: https only, no credentials in the address, and never to
//! an internal address (loopback, private, link-local, unique-local, multicast, reserved, cloud
//! metadata). Checked when a brand adds a webhook and again at every connection, through the
//! HTTP client's resolver, so a name that later resolves inward (DNS rebinding) is refused too.

mod addresses;

use std::collections::HashMap;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

use crate::security::SecurityConfig;
use addresses::{is_internal, is_metadata_host, is_metadata_ip};

/// Why a delivery was refused before connecting; the delivery log shows it as is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The address, or every address the name resolves to, is internal.
    NotPublic,
    /// The name does not resolve.
    Unresolved,
    /// Not https (while private targets are not allowed), or credentials in the address.
    BadAddress,
}

impl Refusal {
    /// What the delivery log says: the reason, never the address.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::NotPublic => "refused: the receiver's address is not public",
            Refusal::Unresolved => "the receiver's host name does not resolve",
            Refusal::BadAddress => "refused: the webhook's address is not allowed",
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Refusal {}

/// The rules for webhook targets of one deployment, and the resolver that applies them.
#[derive(Clone, Debug)]
pub struct TargetPolicy {
    allow_private: bool,
    /// Fixed addresses for some names, looked up before DNS.
    pinned: Arc<HashMap<String, Vec<IpAddr>>>,
}

impl TargetPolicy {
    pub fn new(security: &SecurityConfig) -> TargetPolicy {
        TargetPolicy {
            allow_private: security.allow_private_webhooks,
            pinned: Arc::new(security.webhook_hosts.clone()),
        }
    }

    /// Checks the address a brand gives for a new webhook, resolving its host; the error says
    /// what is wrong with it.
    pub async fn check_new(&self, url: &str) -> Result<(), String> {
        let url = Url::parse(url).map_err(|_| "url is not a valid address".to_owned())?;
        if let Err(problem) = self.check_form(&url) {
            return Err(problem.to_owned());
        }
        let host = match url.host() {
            Some(Host::Domain(name)) => name.to_owned(),
            Some(Host::Ipv4(ip)) => return self.check_ip_literal(IpAddr::V4(ip)),
            Some(Host::Ipv6(ip)) => return self.check_ip_literal(IpAddr::V6(ip)),
            None => return Err("url needs a host".to_owned()),
        };
        if self.allow_private {
            return Ok(());
        }
        let addresses = self
            .lookup(&host)
            .await
            .map_err(|_| format!("url's host {host:?} does not resolve"))?;
        if addresses.iter().all(|ip| self.allows(*ip)) {
            Ok(())
        } else {
            Err(format!(
                "url's host {host:?} resolves to an internal address; webhooks go to public \
                 https receivers (an on-premise server can start with --allow-private-webhooks)"
            ))
        }
    }

    /// Checks a stored webhook's address before posting to it (its host name is checked by
    /// [`Resolve`], an IP address here since the client does not resolve those).
    pub fn check_delivery(&self, url: &str) -> Result<(), Refusal> {
        let url = Url::parse(url).map_err(|_| Refusal::BadAddress)?;
        self.check_form(&url).map_err(|_| Refusal::BadAddress)?;
        match url.host() {
            Some(Host::Ipv4(ip)) if !self.allows(IpAddr::V4(ip)) => Err(Refusal::NotPublic),
            Some(Host::Ipv6(ip)) if !self.allows(IpAddr::V6(ip)) => Err(Refusal::NotPublic),
            Some(_) => Ok(()),
            None => Err(Refusal::BadAddress),
        }
    }

    fn check_form(&self, url: &Url) -> Result<(), &'static str> {
        match url.scheme() {
            "https" => {}
            "http" if self.allow_private => {}
            _ => return Err("url must be an https address"),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("url must not carry a user name or password");
        }
        if let Some(Host::Domain(name)) = url.host()
            && is_metadata_host(name)
        {
            return Err("url must not name a cloud metadata service");
        }
        Ok(())
    }

    fn check_ip_literal(&self, ip: IpAddr) -> Result<(), String> {
        if self.allows(ip) {
            Ok(())
        } else {
            Err(format!(
                "url's address {ip} is internal; webhooks go to public https receivers (an \
                 on-premise server can start with --allow-private-webhooks)"
            ))
        }
    }

    /// Whether a connection to `ip` is allowed.
    pub fn allows(&self, ip: IpAddr) -> bool {
        !is_metadata_ip(ip) && (self.allow_private || !is_internal(ip))
    }

    async fn lookup(&self, host: &str) -> Result<Vec<IpAddr>, Refusal> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if let Some(pinned) = self.pinned.get(&host) {
            return Ok(pinned.clone());
        }
        let resolved = tokio::net::lookup_host((host.as_str(), 0))
            .await
            .map_err(|_| Refusal::Unresolved)?;
        let addresses: Vec<IpAddr> = resolved.map(|address| address.ip()).collect();
        if addresses.is_empty() {
            Err(Refusal::Unresolved)
        } else {
            Ok(addresses)
        }
    }
}

impl Resolve for TargetPolicy {
    /// Resolves for the HTTP client, keeping only allowed addresses: whatever the name
    /// resolves to now, no connection is made to an internal one.
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.clone();
        Box::pin(async move {
            if is_metadata_host(name.as_str()) {
                return Err(Refusal::NotPublic.into());
            }
            let allowed: Vec<SocketAddr> = policy
                .lookup(name.as_str())
                .await?
                .into_iter()
                .filter(|ip| policy.allows(*ip))
                .map(|ip| SocketAddr::new(ip, 0))
                .collect();
            if allowed.is_empty() {
                return Err(Refusal::NotPublic.into());
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_stays_refused_when_private_targets_are_allowed() {
        let policy = TargetPolicy::new(&SecurityConfig {
            allow_private_webhooks: true,
            ..SecurityConfig::default()
        });
        assert!(policy.allows("10.0.0.1".parse().unwrap()));
        assert!(!policy.allows("169.254.169.254".parse().unwrap()));
        assert!(!policy.allows("::ffff:169.254.169.254".parse().unwrap()));
        assert!(!policy.allows("fd00:ec2::254".parse().unwrap()));
        assert!(!policy.allows("169.254.170.2".parse().unwrap()));
        assert!(!policy.allows("100.100.100.200".parse().unwrap()));
        assert!(is_metadata_host("Metadata.Google.Internal."));
    }
}
