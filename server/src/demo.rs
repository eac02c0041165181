//! `peerhelp serve --demo`: a fictional mobile network, Nimbus Mobile, with a community of
//! real support questions, so the widget can be tried on a realistic brand page. The demo site
//! signs identities with the fixed, public [`DEMO_IDENTITY_SECRET`], and its community's most
//! helpful authors are helpers (offline until someone signs in), so the leaderboard and
//! "helpers online" have people in them.

use std::collections::HashMap;
use std::net::SocketAddr;

use peerhelp_api::{
    CommunityThread, NewStaffInvite, POINTS_PER_ACCEPTED_ANSWER, POINTS_PER_UPVOTE, StaffRole,
};

use crate::error::{AppError, AppResult};
use crate::http::routes::DEMO_PAGE;
use crate::import::parse_community_file;
use crate::secrets::random_hex;
use crate::store::{NewSite, Store};

pub const DEMO_SITE_KEY: &str = "demo";
/// The demo site's identity secret: public on purpose, so the demo page and tests can sign
/// identities. Real sites get a random one.
pub const DEMO_IDENTITY_SECRET: &str = "demo-identity-secret";
/// How many of the community's authors become demo helpers.
const DEMO_HELPERS: usize = 6;
const COMMUNITY: &str = include_str!("../demo/community.jsonl");

/// Where to try the demo.
#[derive(Clone, Debug)]
pub struct DemoLinks {
    pub page: String,
    /// A fresh single-use helper invite that opens the demo page in helper sign-in.
    pub helper_invite: String,
    /// A fresh single-use staff invitation (an admin) that opens the console.
    pub staff_invite: String,
}

/// Creates the demo site (or keeps the existing one), lets the demo page's origins in, imports
/// the demo community and its helpers, and invites a helper; re-running updates it in place.
pub async fn seed(store: &Store, addr: SocketAddr) -> AppResult<DemoLinks> {
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
    store
        .set_identity_secret(site.id, DEMO_IDENTITY_SECRET)
        .await?;
    let page = demo_page_url(addr);
    store.set_invite_page(site.id, &page).await?;
    let threads = parse_community_file(COMMUNITY)
        .map_err(|e| AppError::InvalidInput(format!("demo community: {e}")))?;
    store.import_threads(site.id, &threads).await?;
    store
        .seed_demo_helpers(site.id, &top_authors(&threads, DEMO_HELPERS))
        .await?;
    let invite = crate::invites::issue(store, site.id, "Demo Helper", None).await?;
    // A new address each run: an email already on the staff cannot be invited again.
    let admin = NewStaffInvite {
        email: format!("demo-admin-{}@nimbus.example", &random_hex()[..8]),
        name: "Demo Admin".to_owned(),
        role: StaffRole::Admin,
    };
    let staff = crate::staff_invites::issue(store, site.id, &admin).await?;
    let console = page.replace(DEMO_PAGE, "/console/");
    Ok(DemoLinks {
        page,
        helper_invite: invite.url,
        staff_invite: format!("{console}#site={DEMO_SITE_KEY}&invite={}", staff.code),
    })
}

/// The community's authors with the points their answers would have earned, best first.
fn top_authors(threads: &[CommunityThread], count: usize) -> Vec<(String, i64)> {
    let mut points: HashMap<&str, i64> = HashMap::new();
    for answer in threads.iter().flat_map(|thread| &thread.answers) {
        if let Some(author) = &answer.author {
            let earned = answer.votes.max(0) * POINTS_PER_UPVOTE
                + i64::from(answer.accepted) * POINTS_PER_ACCEPTED_ANSWER;
            *points.entry(author.as_str()).or_default() += earned;
        }
    }
    let mut ranked: Vec<(String, i64)> = points
        .into_iter()
        .map(|(author, points)| (author.to_owned(), points))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(count);
    ranked
}

/// The demo page as a browser on this machine opens it.
fn demo_page_url(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("http://127.0.0.1:{}{DEMO_PAGE}", addr.port())
    } else {
        format!("http://{addr}{DEMO_PAGE}")
    }
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
