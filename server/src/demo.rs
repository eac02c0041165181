//! `peerhelp serve --demo`: a fictional mobile network, Nimbus Mobile, with a community of
//! real support questions, so the widget can be tried on a realistic brand page.

use std::net::SocketAddr;

use crate::error::{AppError, AppResult};
use crate::import::parse_community_file;
use crate::store::{NewSite, Store};

pub const DEMO_SITE_KEY: &str = "demo";
const COMMUNITY: &str = include_str!("../demo/community.jsonl");

/// Creates the demo site (or keeps the existing one), lets the demo page's origins in, and
/// imports the demo community; re-running updates it in place.
pub async fn seed(store: &Store, addr: SocketAddr) -> AppResult<()> {
    let origins = local_origins(addr);
    let site = match store.site_by_key(DEMO_SITE_KEY).await? {
        Some(site) => {
            store.add_site_origins(site.id, &origins).await?;
            site
        }
        None => {
            let site = NewSite {
                key: DEMO_SITE_KEY.to_owned(),
                name: "Nimbus Mobile".to_owned(),
                origins,
                color: Some("#5b2a86".to_owned()),
                greeting: Some(
                    "Hi! Ask the Nimbus community: most questions have been answered already."
                        .to_owned(),
                ),
            };
            store.create_site(&site).await?
        }
    };
    let threads = parse_community_file(COMMUNITY)
        .map_err(|e| AppError::InvalidInput(format!("demo community: {e}")))?;
    store.import_threads(site.id, &threads).await?;
    Ok(())
}

/// The origins a browser on this machine uses to reach `addr`.
fn local_origins(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut origins = vec![
        format!("http://localhost:{port}"),
        format!("http://127.0.0.1:{port}"),
    ];
    if !addr.ip().is_loopback() && !addr.ip().is_unspecified() {
        origins.push(format!("http://{addr}"));
    }
    origins
}
