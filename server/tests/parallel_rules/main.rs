//! Check-then-write rules under concurrent requests, over real HTTP: each rule is fired by many
//! requests at once and the result counted, so it holds on PostgreSQL (where transactions run
//! side by side) as on SQLite (one writer at a time). Also two outbox claimers, as two nodes
//! would run, claiming the same due mail and webhook deliveries.

mod allowance;
mod claimers;
#[path = "../common/mod.rs"]
mod common;
mod flags;
mod idempotency;
mod invites;
mod limits;
mod votes;

use std::collections::BTreeMap;
use std::future::Future;

use common::TestServer;
use futures_util::future::join_all;
use peerhelp_server::rate_limits::RateLimits;
use peerhelp_server::security::SecurityConfig;
use reqwest::RequestBuilder;
use serde_json::Value;

/// Requests fired at once by each test: more than a node's database connections, so some
/// wait for one while others are mid-transaction.
pub const AT_ONCE: usize = 12;

/// A server whose rate limits are off (the bursts come from one address on purpose; the rules
/// under test are the store's) and which lets webhooks name this machine.
pub async fn server() -> TestServer {
    TestServer::start_with_security(SecurityConfig {
        rate_limits: RateLimits::off(),
        allow_private_webhooks: true,
        ..SecurityConfig::default()
    })
    .await
}

/// Sends every request at once; returns each status and body, in the order given.
pub async fn all_at_once(server: &TestServer, requests: Vec<RequestBuilder>) -> Vec<(u16, Value)> {
    join_all(requests.into_iter().map(|request| server.send(request))).await
}

/// Runs `count` copies of `make(n)` at once, for setups that need their own steps.
pub async fn at_once<F, Fut, T>(count: usize, make: F) -> Vec<T>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = T>,
{
    join_all((0..count).map(make)).await
}

/// How many answers had each status.
pub fn statuses(answers: &[(u16, Value)]) -> BTreeMap<u16, usize> {
    let mut counts = BTreeMap::new();
    for (status, _) in answers {
        *counts.entry(*status).or_default() += 1;
    }
    counts
}
